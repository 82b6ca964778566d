<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AlertRulesDialog</name>
    <message>
        <location filename="../app/monitor/alertrulesdialog.cpp" line="21"/>
        <source>Alert Rules</source>
        <translation>警报规则</translation>
    </message>
    <message>
        <location filename="../app/monitor/alertrulesdialog.cpp" line="22"/>
        <source>Get a notification when an event matches: an event type (empty: any type) and/or a regular expression over its data (empty: any data; start with (?i) to ignore case).</source>
        <translation>当事件匹配时收到通知：匹配事件类型（留空：任意类型）和/或对事件数据使用正则表达式（留空：任意数据；以 (?i) 开头可忽略大小写）。</translation>
    </message>
    <message>
        <location filename="../app/monitor/alertrulesdialog.cpp" line="27"/>
        <source>Event type</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <location filename="../app/monitor/alertrulesdialog.cpp" line="27"/>
        <source>Data matches (regex)</source>
        <translation>数据匹配（正则）</translation>
    </message>
    <message>
        <location filename="../app/monitor/alertrulesdialog.cpp" line="27"/>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../app/monitor/alertrulesdialog.cpp" line="31"/>
        <source>Alert rules</source>
        <translation>警报规则</translation>
    </message>
    <message>
        <location filename="../app/monitor/alertrulesdialog.cpp" line="38"/>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <location filename="../app/monitor/alertrulesdialog.cpp" line="39"/>
        <source>Remove rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <location filename="../app/monitor/alertrulesdialog.cpp" line="95"/>
        <source>Rule %1: %2</source>
        <translation>规则 %1：%2</translation>
    </message>
</context>
<context>
    <name>DiagnosticsView</name>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="46"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="47"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="60"/>
        <source>Page origin for the CORS checks, e.g. http://localhost:3000</source>
        <translation>用于 CORS 检查的页面源，例如 http://localhost:3000</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="61"/>
        <source>Page origin</source>
        <translation>页面源</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="66"/>
        <source>Diagnostics report</source>
        <translation>诊断报告</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="67"/>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="68"/>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="74"/>
        <source>Page origin:</source>
        <translation>页面源：</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="112"/>
        <source>“%1” is not an origin like http://localhost:3000.</source>
        <translation>“%1”不是形如 http://localhost:3000 的源。</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="152"/>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/diagnosticsview.cpp" line="154"/>
        <source>Diagnostics (%n problem(s))</source>
        <translation>
            <numerusform>诊断（%n 个问题）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="170"/>
        <source>Findings</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="173"/>
        <source>No problems found so far. Findings appear as the stream is observed.</source>
        <translation>目前尚未发现问题。随着对事件流的观察，发现的问题会显示在这里。</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="177"/>
        <source>Fix:</source>
        <translation>修复方法：</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="181"/>
        <source>Timing</source>
        <translation>时序</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="186"/>
        <source>Time to first byte</source>
        <translation>首字节时间</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="187"/>
        <source>Time to first event</source>
        <translation>首个事件时间</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="188"/>
        <source>Events / comments / reads</source>
        <translation>事件 / 注释 / 读取次数</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="188"/>
        <source>%1 / %2 / %3</source>
        <translation>%1 / %2 / %3</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="191"/>
        <source>Heartbeat interval</source>
        <translation>心跳间隔</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="193"/>
        <source>none detected</source>
        <translation>未检测到</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="194"/>
        <source>%1 (from %2)</source>
        <translation>%1（来自%2）</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="196"/>
        <source>comments</source>
        <translation>注释</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="197"/>
        <source>events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="198"/>
        <source>Longest silence</source>
        <translation>最长静默</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="199"/>
        <source>Bursts (largest)</source>
        <translation>突发次数（最大）</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="199"/>
        <source>%1 (%2 events)</source>
        <translation>%1（%2 个事件）</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="200"/>
        <source>Server retry</source>
        <translation>服务器 retry 值</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="206"/>
        <source>Time between events</source>
        <translation>事件间隔</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="220"/>
        <source>Request as sent</source>
        <translation>实际发送的请求</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="226"/>
        <source>(added by Qt)</source>
        <translation>（由 Qt 添加）</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="231"/>
        <location filename="../app/monitor/diagnosticsview.cpp" line="238"/>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="232"/>
        <source>Connected, request sent, no response for %1 s yet.</source>
        <translation>已连接，请求已发送，%1 秒内尚无响应。</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="244"/>
        <source>Redirects:</source>
        <translation>重定向：</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="251"/>
        <source>Body (first %1 bytes):</source>
        <translation>正文（前 %1 字节）：</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="283"/>
        <location filename="../app/monitor/diagnosticsview.cpp" line="289"/>
        <source>Export Diagnostics</source>
        <translation>导出诊断</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="284"/>
        <source>JSON (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../app/monitor/diagnosticsview.cpp" line="289"/>
        <source>The report could not be written: %1</source>
        <translation>无法写入报告：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="97"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="106"/>
        <location filename="../app/monitor/mainwindow.cpp" line="559"/>
        <location filename="../app/monitor/mainwindow.cpp" line="758"/>
        <location filename="../app/monitor/mainwindowoverview.cpp" line="67"/>
        <source>SSE Monitor</source>
        <translation>SSE Monitor</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="125"/>
        <source>&lt;h2&gt;Watch a Server-Sent Events stream&lt;/h2&gt;&lt;p&gt;Connect to any &lt;code&gt;text/event-stream&lt;/code&gt; endpoint, or start with the built-in demo streams: a steady ticker, a flaky stream that drops and resumes, a stream with server error events and one that stalls.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;监视服务器发送事件（Server-Sent Events）流&lt;/h2&gt;&lt;p&gt;连接任意 &lt;code&gt;text/event-stream&lt;/code&gt; 端点，或者从内置的演示流开始：一个稳定的计时流、一个时断时续的不稳定流、一个带有服务器错误事件的流，以及一个会停滞的流。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="133"/>
        <source>Open the demo streams</source>
        <translation>打开演示流</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="134"/>
        <source>New stream…</source>
        <translation>新建事件流…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="154"/>
        <source>Details…</source>
        <translation>详细信息…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="155"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="157"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="202"/>
        <source>Exported %1 events.</source>
        <translation>已导出 %1 个事件。</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="204"/>
        <location filename="../app/monitor/mainwindowactions.cpp" line="155"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="204"/>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="215"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="215"/>
        <source>The import failed: %1</source>
        <translation>导入失败：%1</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="230"/>
        <source>Some lines of %1 were skipped</source>
        <translation>%1 中有部分行被跳过</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="30"/>
        <source>&amp;New Stream…</source>
        <translation>新建事件流(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="31"/>
        <source>&amp;Import Log…</source>
        <translation>导入日志(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="32"/>
        <source>&amp;Export Log…</source>
        <translation>导出日志(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="34"/>
        <source>Include Connection &amp;Markers in JSON Lines</source>
        <translation>在 JSON Lines 中包含连接标记(&amp;M)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="36"/>
        <source>JSON Lines exports also write the connection markers between the events</source>
        <translation>JSON Lines 导出时也写入事件之间的连接标记</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="41"/>
        <source>&amp;Close Tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="42"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="43"/>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="44"/>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="46"/>
        <source>&amp;Reconnect Now</source>
        <translation>立即重连(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="47"/>
        <source>&amp;Edit Stream…</source>
        <translation>编辑事件流(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="48"/>
        <source>D&amp;uplicate</source>
        <translation>创建副本(&amp;U)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="49"/>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="50"/>
        <source>&amp;Mute Notifications</source>
        <translation>静音通知(&amp;M)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="54"/>
        <source>&amp;Alert Rules…</source>
        <translation>警报规则(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="55"/>
        <source>&amp;Pause Display</source>
        <translation>暂停显示(&amp;P)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="60"/>
        <source>C&amp;lear Log</source>
        <translation>清空日志(&amp;L)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="64"/>
        <source>Log &amp;Capacity…</source>
        <translation>日志容量(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="65"/>
        <source>&amp;Find / Filter</source>
        <translation>查找/筛选(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="69"/>
        <source>Open &amp;Demo Streams</source>
        <translation>打开演示流(&amp;D)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="70"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="71"/>
        <source>&amp;About SSE Monitor</source>
        <translation>关于 SSE Monitor(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="72"/>
        <source>&amp;Notification History…</source>
        <translation>通知历史(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="74"/>
        <source>Show &amp;Diagnostics</source>
        <translation>显示诊断(&amp;D)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="81"/>
        <source>Ne&amp;xt Stream</source>
        <translation>下一个流(&amp;X)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="84"/>
        <source>Pre&amp;vious Stream</source>
        <translation>上一个流(&amp;V)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="102"/>
        <source>Connec&amp;t All</source>
        <translation>全部连接(&amp;T)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="103"/>
        <source>Disconnect A&amp;ll</source>
        <translation>全部断开(&amp;L)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="104"/>
        <source>Export &amp;Streams…</source>
        <translation>导出数据流(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="105"/>
        <source>Import S&amp;treams…</source>
        <translation>导入数据流(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="113"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="127"/>
        <source>&amp;Stream</source>
        <translation>事件流(&amp;S)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="137"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="144"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="150"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="151"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="152"/>
        <source>Disconnect</source>
        <translation>断开</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="153"/>
        <source>Reconnect</source>
        <translation>重连</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="154"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowactions.cpp" line="156"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="309"/>
        <source>the URL&apos;s password</source>
        <translation>URL 中的密码</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="311"/>
        <source>%1 needs its secrets again</source>
        <translation>%1 需要重新输入机密信息</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="312"/>
        <source>Not saved in plain text: %1. Edit the stream to enter them.</source>
        <translation>未以明文保存：%1。请编辑该事件流并重新输入。</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="345"/>
        <source>… and %1 more (Details).</source>
        <translation>……还有 %1 条（见详细信息）。</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="346"/>
        <source>Some settings could not be restored:</source>
        <translation>部分设置无法恢复：</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="90"/>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="102"/>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="110"/>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="119"/>
        <source>Export Streams</source>
        <translation>导出数据流</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="91"/>
        <source>Some streams have secrets (credential headers, URL passwords). Leave them out of the file, or include them in plain text?</source>
        <translation>部分数据流含有机密信息（凭据请求头、URL 密码）。是将其排除在文件之外，还是以明文写入？</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="94"/>
        <source>Leave Secrets Out</source>
        <translation>不导出机密</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="95"/>
        <source>Include Secrets</source>
        <translation>包含机密</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="103"/>
        <source>Anyone who can read the file can use these credentials. Do not share it or commit it to a repository.</source>
        <translation>任何能读取该文件的人都可以使用这些凭据。请勿分享该文件，也不要将其提交到代码仓库。</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="111"/>
        <source>Stream sets (*.json)</source>
        <translation>数据流集 (*.json)</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/mainwindowfiles.cpp" line="117"/>
        <source>Exported %n stream(s).</source>
        <translation>
            <numerusform>已导出 %n 个数据流。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="119"/>
        <source>The streams could not be exported: %1</source>
        <translation>无法导出数据流：%1</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="124"/>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="133"/>
        <source>Import Streams</source>
        <translation>导入数据流</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="125"/>
        <source>Stream sets (*.json);;All files (*)</source>
        <translation>数据流集 (*.json);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/mainwindowfiles.cpp" line="131"/>
        <source>Imported %n stream(s).</source>
        <translation>
            <numerusform>已导入 %n 个数据流。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="134"/>
        <source>Nothing was imported from %1: %2</source>
        <translation>未从 %1 导入任何内容：%2</translation>
    </message>
    <message>
        <source>Some settings could not be restored</source>
        <translation type="vanished">部分设置无法恢复</translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation type="vanished">……另有 %1 条。</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="501"/>
        <source>%1 (imported)</source>
        <translation>%1（已导入）</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="503"/>
        <source>%1 (muted)</source>
        <translation>%1（已静音）</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="508"/>
        <source>Imported log, read-only</source>
        <translation>导入的日志，只读</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="512"/>
        <source>Insecure: TLS certificate errors are ignored</source>
        <translation>不安全：已忽略 TLS 证书错误</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="514"/>
        <source>Notifications muted</source>
        <translation>通知已静音</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="559"/>
        <source>%1 — SSE Monitor</source>
        <translation>%1 — SSE Monitor</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/mainwindow.cpp" line="571"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n 条未读</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="571"/>
        <location filename="../app/monitor/mainwindow.cpp" line="574"/>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="572"/>
        <source>Notification history (Ctrl+Shift+H)</source>
        <translation>通知历史（Ctrl+Shift+H）</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/mainwindow.cpp" line="573"/>
        <source>Notifications: %n unread</source>
        <translation>
            <numerusform>通知：%n 条未读</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowedit.cpp" line="47"/>
        <source>New Stream</source>
        <translation>新建事件流</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowedit.cpp" line="62"/>
        <source>Edit Stream</source>
        <translation>编辑事件流</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowedit.cpp" line="78"/>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowedit.cpp" line="90"/>
        <source>Rename Stream</source>
        <translation>重命名事件流</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowedit.cpp" line="90"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowedit.cpp" line="120"/>
        <source>Log Capacity</source>
        <translation>日志容量</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowedit.cpp" line="120"/>
        <source>Events kept in this tab (the oldest are dropped beyond it):</source>
        <translation>此标签页保留的事件数（超出后丢弃最旧的事件）：</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="161"/>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="172"/>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="190"/>
        <source>Export Log</source>
        <translation>导出日志</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="173"/>
        <source>A filter is active. Export only the events it shows (%1), or all events?</source>
        <translation>当前启用了筛选。是只导出筛选后显示的事件（%1 个），还是导出全部事件？</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="176"/>
        <source>Filtered events</source>
        <translation>筛选后的事件</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="177"/>
        <source>All events</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="184"/>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines 文件 (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="185"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="186"/>
        <source>Event stream (*.sse)</source>
        <translation>事件流文件 (*.sse)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="206"/>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="212"/>
        <source>Import Log</source>
        <translation>导入日志</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowfiles.cpp" line="213"/>
        <source>Event logs (*.sse *.jsonl *.ndjson *.txt);;All files (*)</source>
        <translation>事件日志 (*.sse *.jsonl *.ndjson *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="666"/>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="666"/>
        <source>The demo server could not start: %1</source>
        <translation>演示服务器无法启动：%1</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="678"/>
        <source>Demo: healthy ticker</source>
        <translation>演示：正常的计时流</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="679"/>
        <source>Demo: flaky stream</source>
        <translation>演示：不稳定的流</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="680"/>
        <source>Demo: server errors</source>
        <translation>演示：带服务器错误的流</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="681"/>
        <source>Demo: stalls</source>
        <translation>演示：会停滞的流</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="682"/>
        <source>Demo: LLM answer</source>
        <translation>演示：LLM 回答</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="725"/>
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="726"/>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="745"/>
        <source>About SSE Monitor</source>
        <translation>关于 SSE Monitor</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="746"/>
        <source>&lt;h3&gt;SSE Monitor %1&lt;/h3&gt;&lt;p&gt;Watches Server-Sent Events streams: a spec-exact parser, a client that reconnects like a production client and explains every failure, and a live log that copes with hundreds of thousands of events.&lt;/p&gt;&lt;p&gt;Built with Qt %2 (running on Qt %3).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SSE Monitor %1&lt;/h3&gt;&lt;p&gt;监视服务器发送事件（Server-Sent Events）流：严格遵循规范的解析器；像生产环境客户端一样重连、并解释每一次失败的客户端；以及能从容应对数十万个事件的实时日志。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建（运行于 Qt %3）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindow.cpp" line="759"/>
        <source>The settings could not be saved (%1).</source>
        <translation>无法保存设置（%1）。</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowoverview.cpp" line="25"/>
        <source>All Streams</source>
        <translation>所有事件流</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowoverview.cpp" line="31"/>
        <source>&amp;All Streams</source>
        <translation>所有事件流(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowoverview.cpp" line="46"/>
        <source>All streams (Ctrl+0)</source>
        <translation>所有事件流（Ctrl+0）</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowoverview.cpp" line="64"/>
        <source>All streams: %1</source>
        <translation>所有事件流：%1</translation>
    </message>
    <message>
        <location filename="../app/monitor/mainwindowoverview.cpp" line="67"/>
        <source>SSE Monitor: %1</source>
        <translation>SSE Monitor：%1</translation>
    </message>
</context>
<context>
    <name>NotificationHistoryDialog</name>
    <message>
        <location filename="../app/monitor/notificationcenter.cpp" line="72"/>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../app/monitor/notificationcenter.cpp" line="74"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../app/monitor/notificationcenter.cpp" line="74"/>
        <source>Stream</source>
        <translation>流</translation>
    </message>
    <message>
        <location filename="../app/monitor/notificationcenter.cpp" line="74"/>
        <source>Notice</source>
        <translation>通知内容</translation>
    </message>
    <message>
        <location filename="../app/monitor/notificationcenter.cpp" line="77"/>
        <source>Notification history</source>
        <translation>通知历史</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/notificationcenter.cpp" line="105"/>
        <source>%1 (%n times)</source>
        <translation>
            <numerusform>%1（%n 次）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewModel</name>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="48"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个已失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="49"/>
        <source>%n reconnecting</source>
        <translation>
            <numerusform>%n 个重连中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="50"/>
        <source>%n silent</source>
        <translation>
            <numerusform>%n 个静默</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="51"/>
        <source>%n stopped</source>
        <translation>
            <numerusform>%n 个已被服务器停止</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="52"/>
        <source>%n connecting</source>
        <translation>
            <numerusform>%n 个正在连接</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="53"/>
        <source>%n open</source>
        <translation>
            <numerusform>%n 个已连接</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="56"/>
        <source>%n not connected</source>
        <translation>
            <numerusform>%n 个未连接</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="66"/>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="185"/>
        <location filename="../app/monitor/overviewpage.cpp" line="60"/>
        <source>%1 · in %2</source>
        <translation>%1 · %2后</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="250"/>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="253"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="254"/>
        <source>now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="287"/>
        <source>%1 for %2</source>
        <translation>%1，已持续 %2</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="311"/>
        <source>%1 events per second</source>
        <translation>每秒 %1 个事件</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="351"/>
        <source>Stream</source>
        <translation>事件流</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="352"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="353"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="354"/>
        <source>Events/s (5 min)</source>
        <translation>事件/秒（5 分钟）</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="355"/>
        <source>Last event</source>
        <translation>上一个事件</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="356"/>
        <source>Up (total)</source>
        <translation>在线率（全部）</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="357"/>
        <source>Up (1 h)</source>
        <translation>在线率（1 小时）</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="359"/>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="380"/>
        <source>Reconnects scheduled since the stream was opened</source>
        <translation>自打开事件流以来安排的重连次数</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="381"/>
        <source>Unread failures: failures and server errors not yet seen in the notification history</source>
        <translation>未读失败：通知历史中尚未查看的失败和服务器错误</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="358"/>
        <source>Reconnects</source>
        <translation>重连次数</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="360"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="374"/>
        <source>Events per second in 5-second steps over the last 5 minutes; the number is the latest step</source>
        <translation>最近 5 分钟内每 5 秒一步的每秒事件数；数字是最新一步的值</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="376"/>
        <source>Time since the last event</source>
        <translation>距上一个事件的时间</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="377"/>
        <source>Share of the watched time the stream was up (open or silent) since it was opened; time it was disconnected by you does not count</source>
        <translation>自打开以来，在被监视的时间中事件流在线（已连接或静默）的比例；您手动断开的时间不计入</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="379"/>
        <source>Share of the watched time in the last hour the stream was up</source>
        <translation>最近一小时被监视的时间中事件流在线的比例</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewmodel.cpp" line="383"/>
        <source>Errors and warnings found by the stream&apos;s diagnostics</source>
        <translation>事件流诊断发现的错误和警告</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../app/monitor/overviewpage.cpp" line="26"/>
        <source>Only &amp;unhealthy</source>
        <translation>仅不健康的(&amp;U)</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewpage.cpp" line="31"/>
        <source>Filter by name or URL</source>
        <translation>按名称或 URL 筛选</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewpage.cpp" line="33"/>
        <source>Filter streams</source>
        <translation>筛选事件流</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewpage.cpp" line="34"/>
        <source>Show only silent, reconnecting, failed and stopped streams</source>
        <translation>只显示静默、重连中、已失败和已停止的事件流</translation>
    </message>
    <message>
        <location filename="../app/monitor/overviewpage.cpp" line="39"/>
        <source>All streams</source>
        <translation>所有事件流</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="14"/>
        <source>Show notifications in the window</source>
        <translation>在窗口中显示通知</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="15"/>
        <source>Also in the system tray while the window is inactive</source>
        <translation>窗口处于非活动状态时，也在系统托盘中显示</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="16"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="17"/>
        <source>Connection lost</source>
        <translation>连接丢失</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="18"/>
        <source>Failed permanently</source>
        <translation>永久失败</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="19"/>
        <source>Server error events</source>
        <translation>服务器错误事件</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="20"/>
        <source>Alert rules</source>
        <translation>警报规则</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="24"/>
        <source>Save secret header values in plain text</source>
        <translation>以明文保存机密请求头的值</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="25"/>
        <source>Reconnect the streams that were connected at quit</source>
        <translation>重新连接退出时处于连接状态的数据流</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="27"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="37"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="43"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="49"/>
        <source>Off: secret headers (Authorization, Cookie, API keys) are saved without their values and asked for again after a restart.</source>
        <translation>关闭时：机密请求头（Authorization、Cookie、API 密钥）保存时不含其值，重启后会再次询问。</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="55"/>
        <source>Save secrets in plain text?</source>
        <translation>以明文保存机密信息？</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="56"/>
        <source>Secret header values will be written unencrypted to the settings file, where other programs and backups can read them. Save them anyway?</source>
        <translation>机密请求头的值将以未加密的形式写入设置文件，其他程序和备份都能读取。仍要保存吗？</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="65"/>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="69"/>
        <source>Notify about:</source>
        <translation>通知以下情况：</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="72"/>
        <source>Show for:</source>
        <translation>显示时长：</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="75"/>
        <source>Events kept per new tab:</source>
        <translation>每个新标签页保留的事件数：</translation>
    </message>
    <message>
        <location filename="../app/monitor/preferencesdialog.cpp" line="76"/>
        <source>Language (after a restart):</source>
        <translation>语言（重启后生效）：</translation>
    </message>
</context>
<context>
    <name>RateGraph</name>
    <message>
        <location filename="../app/monitor/statspanel.cpp" line="14"/>
        <source>Events per second over the last minute</source>
        <translation>过去一分钟内每秒的事件数</translation>
    </message>
    <message>
        <location filename="../app/monitor/statspanel.cpp" line="24"/>
        <source>Events per second, last %1 s (peak %2)</source>
        <translation>每秒事件数，最近 %1 秒（峰值 %2）</translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message>
        <location filename="../app/monitor/statspanel.cpp" line="63"/>
        <source>Stream statistics</source>
        <translation>事件流统计</translation>
    </message>
    <message>
        <location filename="../app/monitor/statspanel.cpp" line="101"/>
        <source>%1 events · %2 · %3 ev/s</source>
        <translation>%1 个事件 · %2 · %3 个/秒</translation>
    </message>
    <message>
        <location filename="../app/monitor/statspanel.cpp" line="104"/>
        <source>no events yet</source>
        <translation>尚无事件</translation>
    </message>
    <message>
        <location filename="../app/monitor/statspanel.cpp" line="107"/>
        <source>last event %1 ago</source>
        <translation>最近一个事件在 %1前</translation>
    </message>
    <message>
        <location filename="../app/monitor/statspanel.cpp" line="109"/>
        <source>reconnects: %1 · connected %2% · %3</source>
        <translation>重连 %1 次 · 连接时间占 %2% · %3</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="103"/>
        <source>Insecure: TLS errors ignored</source>
        <translation>不安全：已忽略 TLS 错误</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="108"/>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="109"/>
        <source>Stop retrying</source>
        <translation>停止重试</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="112"/>
        <source>Connection status</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="115"/>
        <source>Reconnect countdown</source>
        <translation>重连倒计时</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="125"/>
        <source>Insecure connection</source>
        <translation>不安全的连接</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="161"/>
        <source>Last error</source>
        <translation>最近的错误</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="163"/>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="165"/>
        <source>Show the diagnostics</source>
        <translation>显示诊断</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="247"/>
        <source>Connected, request sent, no response for %1: a proxy may be buffering the response (nginx: proxy_buffering off / X-Accel-Buffering: no)</source>
        <translation>已连接，请求已发送，%1 内没有响应：可能有代理在缓冲响应（nginx：proxy_buffering off / X-Accel-Buffering: no）</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="252"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="263"/>
        <source>Last error: %1</source>
        <translation>最近的错误：%1</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="271"/>
        <source>This stream ignores TLS certificate errors: the connection is not authenticated, so anyone on the network can read and alter it.</source>
        <translation>此数据流忽略 TLS 证书错误：连接未经身份验证，网络上的任何人都可以读取和篡改它。</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="275"/>
        <source>No certificate error has been ignored so far.</source>
        <translation>到目前为止尚未忽略任何证书错误。</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="276"/>
        <source>Ignored: %1</source>
        <translation>已忽略：%1</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="300"/>
        <source>attempt %1 of %2</source>
        <translation>第 %1 次尝试，共 %2 次</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="301"/>
        <source>attempt %1</source>
        <translation>第 %1 次尝试</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="302"/>
        <source>The server ended the stream.</source>
        <translation>服务器结束了事件流。</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="303"/>
        <source>Reconnecting in %1 s (%2). %3</source>
        <translation>%1 秒后重连（%2）。%3</translation>
    </message>
</context>
<context>
    <name>StatusStyle</name>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="71"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="73"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../app/monitor/statuspanel.cpp" line="76"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
</context>
<context>
    <name>StreamDialog</name>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="83"/>
        <source>Ignore TLS certificate errors (insecure)</source>
        <translation>忽略 TLS 证书错误（不安全）</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="84"/>
        <source>Ask for an uncompressed stream (Accept-Encoding: identity)</source>
        <translation>请求不压缩的流（Accept-Encoding: identity）</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="85"/>
        <source>Speak HTTP/2 from the start (cleartext, prior knowledge)</source>
        <translation>从一开始就使用 HTTP/2（明文，预先知晓）</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="87"/>
        <location filename="../app/monitor/streamdialog.cpp" line="88"/>
        <location filename="../app/monitor/streamdialog.cpp" line="91"/>
        <location filename="../app/monitor/streamdialog.cpp" line="92"/>
        <location filename="../app/monitor/streamdialog.cpp" line="93"/>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="89"/>
        <source>Randomise delays (full jitter)</source>
        <translation>随机化延迟（完全抖动）</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="94"/>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="95"/>
        <source>Connect when SSE Monitor starts</source>
        <translation>SSE Monitor 启动时自动连接</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="98"/>
        <source>Stream</source>
        <translation>事件流</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="107"/>
        <source>Shown on the tab</source>
        <translation>显示在标签页上</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="111"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="111"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="111"/>
        <source>Secret</source>
        <translation>机密</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="125"/>
        <source>Request headers</source>
        <translation>请求头</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="127"/>
        <source>Request body (for POST streams), e.g. JSON</source>
        <translation>请求体（用于 POST 事件流），例如 JSON</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="130"/>
        <source>Sent as Last-Event-ID on the first connection</source>
        <translation>首次连接时作为 Last-Event-ID 发送</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="145"/>
        <source>Monitor: retry transient HTTP errors with backoff</source>
        <translation>监视：对暂时性 HTTP 错误按退避策略重试</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="146"/>
        <source>Spec-strict: exactly like a browser&apos;s EventSource</source>
        <translation>严格遵循规范：与浏览器的 EventSource 完全一致</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="147"/>
        <source>Unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="148"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="149"/>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>How long an attempt may wait for the server&apos;s response (connection, TLS handshake and status line) before it counts as failed and is retried.</source>
        <translation type="vanished">一次连接尝试等待服务器响应（建立连接、TLS 握手和状态行）的最长时间，超时即视为失败并重试。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="150"/>
        <source>Learned from the stream</source>
        <translation>从流中学习</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="151"/>
        <source>An open stream that sends nothing (no event, no comment) for this long reads Silent. By default the monitor learns it from the stream&apos;s own rhythm.</source>
        <translation>打开的流在这么长时间内没有发送任何内容（没有事件，也没有注释）时显示为“静默”。默认情况下，监视器从流本身的节奏中学习这一时长。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="154"/>
        <source>How long an attempt may take to connect (TCP, TLS handshake) and send its request before it counts as failed and is retried. After that the monitor waits for the response as long as the connection lives, as browsers and curl do.</source>
        <translation>一次尝试在连接（TCP、TLS 握手）并发送请求上可花费的最长时间，超过即视为失败并重试。此后，监视器会像浏览器和 curl 一样，只要连接存在就一直等待响应。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="162"/>
        <source>Add header</source>
        <translation>添加请求头</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="163"/>
        <source>Remove header</source>
        <translation>删除请求头</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="177"/>
        <source>Paste a curl command…</source>
        <translation>粘贴 curl 命令…</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="181"/>
        <source>&amp;URL:</source>
        <translation>&amp;URL：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="182"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="183"/>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="184"/>
        <source>&amp;Headers:</source>
        <translation>请求头(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="186"/>
        <source>&amp;Body:</source>
        <translation>请求体(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="187"/>
        <source>&amp;Last-Event-ID:</source>
        <translation>&amp;Last-Event-ID：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="191"/>
        <source>Like browsers, the monitor offers gzip, deflate, br and zstd, which invites a proxy to compress the stream; a compressor that is not flushed after each event holds events back. Turn this on to see whether compression is the cause.</source>
        <translation>与浏览器一样，监视器声明接受 gzip、deflate、br 和 zstd，这会促使代理压缩流；若压缩器不在每个事件后刷新，就会扣住事件。打开此选项可查明压缩是否为原因。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="196"/>
        <source>Reconnecting</source>
        <translation>重连</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="198"/>
        <source>&amp;Policy:</source>
        <translation>策略(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="199"/>
        <source>&amp;Initial delay:</source>
        <translation>初始延迟(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="200"/>
        <source>Ma&amp;ximum delay:</source>
        <translation>最大延迟(&amp;X)：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="202"/>
        <source>Max &amp;retries:</source>
        <translation>最大重试次数(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="203"/>
        <source>I&amp;dle timeout:</source>
        <translation>空闲超时(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="204"/>
        <source>&amp;Connect timeout:</source>
        <translation>连接超时(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="205"/>
        <source>Silent &amp;after:</source>
        <translation>静默判定时长(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="206"/>
        <source>Max event &amp;size:</source>
        <translation>最大事件大小(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="241"/>
        <source>Secret headers are masked, never sent to another origin after a redirect, and not saved in plain text.</source>
        <translation>机密请求头会被遮盖，重定向后绝不会发送到其他源，也不会以明文保存。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="323"/>
        <source>Enter the URL of the event stream.</source>
        <translation>请输入事件流的 URL。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="326"/>
        <source>“%1” is not an http or https URL.</source>
        <translation>“%1”不是 http 或 https URL。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="332"/>
        <source>“%1” is not a valid header name.</source>
        <translation>“%1”不是有效的请求头名称。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="335"/>
        <source>Enter an HTTP method.</source>
        <translation>请输入 HTTP 方法。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="379"/>
        <source>Filled from the curl command.</source>
        <translation>已根据 curl 命令填写。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="380"/>
        <source>Filled from the curl command. Notes: %1</source>
        <translation>已根据 curl 命令填写。注意：%1</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="394"/>
        <source>Accept the server&apos;s certificate even when it cannot be verified (self-signed, expired, another host). The connection is then not authenticated.</source>
        <translation>即使服务器的证书无法验证（自签名、已过期、主机名不符）也接受它。此时连接未经身份验证。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="396"/>
        <source>Only for https:// URLs.</source>
        <translation>仅适用于 https:// URL。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="408"/>
        <source>Send HTTP/2 from the first byte instead of HTTP/1.1, like curl&apos;s --http2-prior-knowledge. Only for a server known to speak cleartext HTTP/2 (h2c), such as node&apos;s http2 module, Go&apos;s h2c or hypercorn: events then arrive in HTTP/2 frames, far cheaper than one HTTP/1.1 chunk each. A server that does not speak it fails the connection.</source>
        <translation>从第一个字节起就发送 HTTP/2 而不是 HTTP/1.1，与 curl 的 --http2-prior-knowledge 相同。仅用于确知支持明文 HTTP/2（h2c）的服务器，例如 node 的 http2 模块、Go 的 h2c 或 hypercorn：事件随后以 HTTP/2 帧到达，开销远低于每个事件一个 HTTP/1.1 分块。不支持它的服务器会导致连接失败。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="413"/>
        <source>Only for http:// URLs: over https, HTTP/2 is negotiated during the TLS handshake by itself.</source>
        <translation>仅适用于 http:// URL：使用 https 时，HTTP/2 会在 TLS 握手期间自动协商。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="419"/>
        <source>Ignore TLS certificate errors?</source>
        <translation>忽略 TLS 证书错误？</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="420"/>
        <source>The stream will accept any certificate, even one that cannot be verified.</source>
        <translation>该数据流将接受任何证书，包括无法验证的证书。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="425"/>
        <source>The connection stays encrypted but is no longer authenticated: anyone on the network between you and the server can impersonate it, read the stream and alter it — credentials and secret headers included. Use this only for a test server you control, never on an untrusted network. While it is on, the stream&apos;s status shows “Insecure”.</source>
        <translation>连接仍然加密，但不再经过身份验证：你与服务器之间网络上的任何人都可以冒充服务器，读取并篡改数据流——包括凭据和机密请求头。仅对你自己控制的测试服务器使用此选项，切勿在不受信任的网络上使用。启用期间，数据流的状态会显示“不安全”。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="430"/>
        <source>Ignore Certificate Errors</source>
        <translation>忽略证书错误</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="441"/>
        <location filename="../app/monitor/streamdialog.cpp" line="447"/>
        <source>Paste a curl command</source>
        <translation>粘贴 curl 命令</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamdialog.cpp" line="442"/>
        <source>A curl command line, e.g. from your browser&apos;s “Copy as cURL”:</source>
        <translation>一条 curl 命令行，例如浏览器中“复制为 cURL”得到的命令：</translation>
    </message>
</context>
<context>
    <name>StreamView</name>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="58"/>
        <source>Regex</source>
        <translation>正则</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="59"/>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="60"/>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="93"/>
        <source>Imported file</source>
        <translation>导入的文件</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="103"/>
        <location filename="../app/monitor/streamview.cpp" line="315"/>
        <location filename="../app/monitor/streamview.cpp" line="327"/>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="106"/>
        <source>Filter by event type</source>
        <translation>按事件类型筛选</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="108"/>
        <source>Filter data and ids (text, or a regular expression)</source>
        <translation>筛选数据和 ID（文本或正则表达式）</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="110"/>
        <source>Filter text</source>
        <translation>筛选文本</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="112"/>
        <location filename="../app/monitor/streamview.cpp" line="236"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="113"/>
        <source>Pause the display; events keep arriving and appear on resume</source>
        <translation>暂停显示；事件仍会继续接收，并在恢复后显示</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="117"/>
        <source>Events shown</source>
        <translation>显示的事件</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="124"/>
        <source>Show the connection&apos;s story between the events: connected, dropped, each retry, resumed (with the Last-Event-ID sent)</source>
        <translation>在事件之间显示连接经过：已连接、已断开、每次重试、已恢复（附带发送的 Last-Event-ID）</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="139"/>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="158"/>
        <source>Jump to the newest event</source>
        <translation>跳到最新事件</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="163"/>
        <source>Copy data</source>
        <translation>复制数据</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="164"/>
        <source>Copy as JSON line</source>
        <translation>复制为 JSON 行</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="171"/>
        <source>Selected event</source>
        <translation>选中的事件</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="172"/>
        <source>Select an event to see its data.</source>
        <translation>选择一个事件以查看其数据。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="176"/>
        <source>Pretty</source>
        <translation>美化</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="177"/>
        <source>JSON re-indented: keys, strings and numbers exactly as received</source>
        <translation>重新缩进的 JSON：键、字符串和数字与收到的完全一致</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="178"/>
        <source>Raw</source>
        <translation>原始</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="179"/>
        <source>The data exactly as received</source>
        <translation>与收到时完全一致的数据</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="202"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="235"/>
        <location filename="../app/monitor/streamview.cpp" line="241"/>
        <source>Resume (%1 waiting)</source>
        <translation>继续（%1 个等待中）</translation>
    </message>
    <message>
        <source>Invalid regular expression: %1</source>
        <translation type="vanished">无效的正则表达式：%1</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="316"/>
        <source>Types: %1</source>
        <translation>类型：%1</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="352"/>
        <source>No events yet</source>
        <translation>尚无事件</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="364"/>
        <source>keeps %1</source>
        <translation>保留 %1 个</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="366"/>
        <source>%1 oldest dropped (keeps %2)</source>
        <translation>已丢弃最旧的 %1 个（保留 %2 个）</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="369"/>
        <source>The log keeps the newest %1 events of this stream; older ones are dropped. Change it in the stream&apos;s menu.</source>
        <translation>日志保留此事件流最新的 %1 个事件，更早的事件会被丢弃。可在事件流菜单中更改。</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="385"/>
        <source>No events in this file</source>
        <translation>此文件中没有事件</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="397"/>
        <source>%1 to %2 (%3)</source>
        <translation>%1 至 %2（%3）</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="401"/>
        <source>no receive times</source>
        <translation>没有接收时间</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="402"/>
        <source>%1 events · %2 · types: %3</source>
        <translation>%1 个事件 · %2 · 类型：%3</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="419"/>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 / %2</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="441"/>
        <source>New events: %1 ↓</source>
        <translation>新事件：%1 ↓</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="494"/>
        <source>Connection · %1 · before event #%2</source>
        <translation>连接 · %1 · 位于事件 #%2 之前</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="503"/>
        <source>#%1 · %2 · %3 bytes</source>
        <translation>#%1 · %2 · %3 字节</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="508"/>
        <source> · id %1</source>
        <translation> · ID %1</translation>
    </message>
    <message>
        <location filename="../app/monitor/streamview.cpp" line="519"/>
        <source>… (showing the first %1 of %2 bytes; copy the data to see it all)</source>
        <translation>……（仅显示 %2 字节中的前 %1 字节；复制数据可查看全部内容）</translation>
    </message>
</context>
<context>
    <name>TimelineStrip</name>
    <message>
        <location filename="../app/monitor/timelinestrip.cpp" line="31"/>
        <source>Last hour</source>
        <translation>最近一小时</translation>
    </message>
    <message>
        <location filename="../app/monitor/timelinestrip.cpp" line="79"/>
        <location filename="../app/monitor/timelinestrip.cpp" line="128"/>
        <source>1 h ago</source>
        <translation>1 小时前</translation>
    </message>
    <message>
        <location filename="../app/monitor/timelinestrip.cpp" line="80"/>
        <location filename="../app/monitor/timelinestrip.cpp" line="128"/>
        <source>5 min ago</source>
        <translation>5 分钟前</translation>
    </message>
    <message>
        <location filename="../app/monitor/timelinestrip.cpp" line="81"/>
        <location filename="../app/monitor/timelinestrip.cpp" line="130"/>
        <location filename="../app/monitor/timelinestrip.cpp" line="180"/>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location filename="../app/monitor/timelinestrip.cpp" line="178"/>
        <source>%1, %2 to %3 (%4)</source>
        <translation>%1，%2 至 %3（%4）</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/timelinestrip.cpp" line="188"/>
        <source>%n event(s) in the minute from %1</source>
        <translation>
            <numerusform>%1 起的一分钟内有 %n 个事件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/monitor/timelinestrip.cpp" line="192"/>
        <source>Not watched yet</source>
        <translation>尚未监视</translation>
    </message>
    <message>
        <location filename="../app/monitor/timelinestrip.cpp" line="218"/>
        <source>Last hour: not watched</source>
        <translation>最近一小时：未监视</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/timelinestrip.cpp" line="219"/>
        <source>Last hour: up %1 %, %n interruption(s)</source>
        <translation>
            <numerusform>最近一小时：在线 %1%，中断 %n 次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Toast</name>
    <message>
        <location filename="../app/monitor/toastmanager.cpp" line="63"/>
        <source>Dismiss (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../app/monitor/toastmanager.cpp" line="64"/>
        <source>Dismiss notification</source>
        <translation>关闭通知</translation>
    </message>
    <message>
        <location filename="../app/monitor/toastmanager.cpp" line="106"/>
        <source>%1 (%2 times)</source>
        <translation>%1（%2 次）</translation>
    </message>
    <message>
        <location filename="../app/monitor/toastmanager.cpp" line="107"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>ToastManager</name>
    <message>
        <location filename="../app/monitor/toastmanager.cpp" line="161"/>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="49"/>
        <source>Detect the shape</source>
        <translation>自动识别格式</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="50"/>
        <source>OpenAI Chat Completions</source>
        <translation>OpenAI Chat Completions</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="51"/>
        <source>OpenAI Responses</source>
        <translation>OpenAI Responses</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="52"/>
        <source>Anthropic Messages</source>
        <translation>Anthropic Messages</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="53"/>
        <source>Generic: text at a JSON path</source>
        <translation>通用：JSON 路径处的文本</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="54"/>
        <source>Stream shape</source>
        <translation>流格式</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="56"/>
        <source>JSON path of the text, e.g. message.content</source>
        <translation>文本的 JSON 路径，例如 message.content</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="57"/>
        <source>JSON path of the text</source>
        <translation>文本的 JSON 路径</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="60"/>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="62"/>
        <source>Copy as Markdown</source>
        <translation>复制为 Markdown</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="63"/>
        <source>Save as Markdown…</source>
        <translation>另存为 Markdown…</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="81"/>
        <location filename="../app/monitor/transcriptview.cpp" line="149"/>
        <source>Transcript</source>
        <translation>转录</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="83"/>
        <source>No LLM response yet. Answers of OpenAI (Chat Completions, Responses), Anthropic Messages and compatible servers are assembled here as they stream.</source>
        <translation>尚无 LLM 响应。OpenAI（Chat Completions、Responses）、Anthropic Messages 及兼容服务器的回答会在流式传输时在此拼合。</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="127"/>
        <source>Response %1: %2</source>
        <translation>响应 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="150"/>
        <source>Transcript (%1)</source>
        <translation>转录 (%1)</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="156"/>
        <source>Shape: %1</source>
        <translation>格式：%1</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="165"/>
        <source>Server error: %1</source>
        <translation>服务器错误：%1</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="168"/>
        <source>Incomplete: the stream ended before the response&apos;s terminator; this is not the whole answer.</source>
        <translation>不完整：流在响应的结束标记之前结束；这不是完整的回答。</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="171"/>
        <source>Stalled %1 ms after “%2”</source>
        <translation>在“%2”之后停顿了 %1 毫秒</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="223"/>
        <location filename="../app/monitor/transcriptview.cpp" line="230"/>
        <source>Save Transcript</source>
        <translation>保存转录</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="225"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../app/monitor/transcriptview.cpp" line="231"/>
        <source>The transcript could not be written: %1</source>
        <translation>无法写入转录：%1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/monitor/main.cpp" line="92"/>
        <source>Watches Server-Sent Events streams: live log, reconnects, diagnostics.</source>
        <translation>监视服务器发送事件（Server-Sent Events）流：实时日志、自动重连、故障诊断。</translation>
    </message>
    <message>
        <location filename="../app/monitor/main.cpp" line="97"/>
        <source>Open the built-in demo streams.</source>
        <translation>打开内置的演示流。</translation>
    </message>
    <message>
        <location filename="../app/monitor/main.cpp" line="99"/>
        <source>Start without the saved streams; this session is not saved.</source>
        <translation>不载入已保存的数据流启动；本次会话也不会被保存。</translation>
    </message>
    <message>
        <source>Do not restore the previous session.</source>
        <translation type="vanished">不恢复上一次的会话。</translation>
    </message>
    <message>
        <location filename="../app/monitor/main.cpp" line="103"/>
        <source>Streams to open as tabs.</source>
        <translation>要以标签页打开的事件流。</translation>
    </message>
</context>
<context>
    <name>sse</name>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="66"/>
        <source>Give the server a certificate from a trusted authority for its host name, or trust the issuing CA on this machine. For a test server you control, the stream&apos;s “ignore TLS certificate errors” option (insecure) accepts it.</source>
        <translation>为服务器配置由受信任机构为其主机名签发的证书，或在本机信任签发的 CA。对于你控制的测试服务器，可用该流的“忽略 TLS 证书错误”选项（不安全）接受它。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="70"/>
        <source>Fix the redirect on the server: one Location, to an http(s) URL of the same or a safer scheme, without loops.</source>
        <translation>修正服务器上的重定向：只给一个 Location，指向同等或更安全协议的 http(s) URL，且不形成循环。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="74"/>
        <source>Nothing accepts connections on %1. Start the server, check the port, and check the address it listens on (a server bound to ::1 or another interface refuses 127.0.0.1).</source>
        <translation>%1 上没有程序接受连接。请启动服务器，检查端口及其监听的地址（绑定到 ::1 或其他网卡的服务器会拒绝 127.0.0.1）。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="78"/>
        <source>The host name %1 does not resolve. Check its spelling, DNS and /etc/hosts.</source>
        <translation>主机名 %1 无法解析。请检查拼写、DNS 和 /etc/hosts。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="81"/>
        <source>Nothing completed the connection to %1 in time: check the port, firewalls and that the server is not overloaded; on a slow network raise the stream&apos;s connect timeout.</source>
        <translation>到 %1 的连接未能及时完成：请检查端口、防火墙以及服务器是否过载；在慢速网络上请调高该流的连接超时。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="85"/>
        <source>Check that the server at %1 runs and is reachable from this machine, and read its log for why it closed the connection.</source>
        <translation>检查 %1 上的服务器是否在运行、能否从本机访问，并查看其日志了解它关闭连接的原因。</translation>
    </message>
</context>
<context>
    <name>sse::AlertRule</name>
    <message>
        <location filename="../core/alertrule.cpp" line="46"/>
        <source>The event type contains a line break.</source>
        <translation>事件类型包含换行符。</translation>
    </message>
    <message>
        <location filename="../core/alertrule.cpp" line="52"/>
        <source>The pattern is longer than %1 characters.</source>
        <translation>模式长度超过 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../core/alertrule.cpp" line="57"/>
        <source>Invalid regular expression at position %1: %2.</source>
        <translation>正则表达式在位置 %1 处无效：%2。</translation>
    </message>
    <message>
        <location filename="../core/alertrule.cpp" line="101"/>
        <source>The alert rule&apos;s %1 is not text; it was ignored.</source>
        <translation>警报规则的 %1 不是文本，已忽略。</translation>
    </message>
    <message>
        <location filename="../core/alertrule.cpp" line="110"/>
        <source>The alert rule&apos;s enabled flag is not true or false; the rule is enabled.</source>
        <translation>警报规则的启用标志既不是 true 也不是 false；该规则按启用处理。</translation>
    </message>
    <message>
        <location filename="../core/alertrule.cpp" line="114"/>
        <source>%1 The rule matches nothing until it is corrected.</source>
        <translation>%1 更正之前，该规则不会匹配任何事件。</translation>
    </message>
</context>
<context>
    <name>sse::CurlCommand</name>
    <message>
        <location filename="../core/shellwords.cpp" line="48"/>
        <source>A command substitution $(…) was not run; its text was kept as it is.</source>
        <translation>命令替换 $(…) 未被执行，其文本按原样保留。</translation>
    </message>
    <message>
        <location filename="../core/shellwords.cpp" line="68"/>
        <source>The shell variable $%1 is not expanded; replace it with its value.</source>
        <translation>shell 变量 $%1 不会被展开，请将其替换为实际的值。</translation>
    </message>
    <message>
        <location filename="../core/shellwords.cpp" line="74"/>
        <source>A command substitution `…` was not run; its text was kept as it is.</source>
        <translation>命令替换 `…` 未被执行，其文本按原样保留。</translation>
    </message>
    <message>
        <location filename="../core/shellwords.cpp" line="80"/>
        <source>Everything from the unquoted “%1” on was ignored (a shell would treat it as another command or a redirection).</source>
        <translation>从未加引号的“%1”开始的所有内容均已忽略（shell 会将其视为另一条命令或重定向）。</translation>
    </message>
    <message>
        <location filename="../core/shellwords.cpp" line="186"/>
        <source>A single quote (&apos;) is not closed.</source>
        <translation>单引号（&apos;）未闭合。</translation>
    </message>
    <message>
        <location filename="../core/shellwords.cpp" line="298"/>
        <source>A $&apos;…&apos; string is not closed.</source>
        <translation>$&apos;…&apos; 字符串未闭合。</translation>
    </message>
    <message>
        <location filename="../core/shellwords.cpp" line="330"/>
        <source>A double quote (&quot;) is not closed.</source>
        <translation>双引号（&quot;）未闭合。</translation>
    </message>
    <message>
        <location filename="../core/shellwords.cpp" line="336"/>
        <source>An unquoted “&amp;” was kept as part of an argument; a shell would have ended the command there. Quote the URL.</source>
        <translation>未加引号的“&amp;”被保留为参数的一部分；shell 会在此处结束命令。请给 URL 加上引号。</translation>
    </message>
    <message>
        <location filename="../core/shellwords.cpp" line="94"/>
        <source>The variable %%1% is not expanded; replace it with its value.</source>
        <translation>变量 %%1% 不会被展开，请将其替换为实际的值。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="306"/>
        <source>%1 reads a file; SSE Monitor does not read files from a pasted command, so that part was left out.</source>
        <translation>%1 会读取文件；SSE Monitor 不读取粘贴的命令中引用的文件，因此省略了这一部分。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="378"/>
        <source>%1 %2 names a cookie file, which is not read.</source>
        <translation>%1 %2 指定的是 Cookie 文件，不会读取该文件。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="397"/>
        <source>Multipart form data (%1) is not supported; the form was left out.</source>
        <translation>不支持 multipart 表单数据（%1），已省略该表单。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="401"/>
        <source>--compressed is not needed: SSE Monitor negotiates compression itself.</source>
        <translation>不需要 --compressed：SSE Monitor 会自行协商压缩方式。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="405"/>
        <source>%1 (skip certificate verification) is not applied: certificates are verified unless you tick “Ignore TLS certificate errors” and accept its warning.</source>
        <translation>%1（跳过证书验证）不会生效：除非你勾选“忽略 TLS 证书错误”并接受其警告，否则证书始终会被验证。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="411"/>
        <source>%1 is ignored: SSE Monitor chooses the HTTP version itself.</source>
        <translation>已忽略 %1：SSE Monitor 会自行选择 HTTP 版本。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="419"/>
        <source>%1 authentication is not supported; no credentials from -u are sent.</source>
        <translation>不支持 %1 认证；不会发送 -u 提供的凭据。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="427"/>
        <source>%1 is not supported and was ignored.</source>
        <translation>不支持 %1，已忽略。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="443"/>
        <source>Only the first request is used; everything from %1 on was ignored.</source>
        <translation>只使用第一个请求；从 %1 开始的所有内容均已忽略。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="476"/>
        <location filename="../core/curlcommand.cpp" line="506"/>
        <source>Unknown option %1 was ignored.</source>
        <translation>已忽略未知选项 %1。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="490"/>
        <location filename="../core/curlcommand.cpp" line="520"/>
        <source>%1 needs a value; it was ignored.</source>
        <translation>%1 需要一个值，已忽略。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="494"/>
        <source>%1 takes no value; “%2” was ignored.</source>
        <translation>%1 不接受值，已忽略“%2”。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="536"/>
        <source>The command has no URL.</source>
        <translation>该命令中没有 URL。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="549"/>
        <source>Only one URL is used; “%1” was ignored.</source>
        <translation>只使用一个 URL，已忽略“%1”。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="561"/>
        <source>The URL has no scheme; http:// was assumed, as curl does.</source>
        <translation>URL 中没有协议；与 curl 的做法一样，按 http:// 处理。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="566"/>
        <source>Only http and https URLs can be monitored, not “%1”.</source>
        <translation>只能监视 http 和 https URL，无法监视“%1”。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="571"/>
        <source>“%1” is not a valid URL.</source>
        <translation>“%1”不是有效的 URL。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="618"/>
        <source>“%1” is not a header (Name: value); it was ignored.</source>
        <translation>“%1”不是请求头（名称: 值），已忽略。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="627"/>
        <source>The HTTP/2 pseudo-header “%1” was ignored.</source>
        <translation>已忽略 HTTP/2 伪请求头“%1”。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="632"/>
        <source>“%1:” (remove a default header) has no effect here; it was ignored.</source>
        <translation>“%1:”（移除默认请求头）在此处不起作用，已忽略。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="639"/>
        <source>“%1” is not a valid header name; the header was ignored.</source>
        <translation>“%1”不是有效的请求头名称，已忽略该请求头。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="644"/>
        <source>The value of header %1 contains a line break; the header was ignored.</source>
        <translation>请求头 %1 的值包含换行符，已忽略该请求头。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="654"/>
        <source>The Accept-Encoding header was left out: SSE Monitor negotiates compression itself, and a copied value would turn decompression off.</source>
        <translation>已省略 Accept-Encoding 请求头：SSE Monitor 会自行协商压缩方式，而复制来的值会关闭自动解压缩。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="670"/>
        <source>The Host header (%1) differs from the URL&apos;s host; it is sent as given.</source>
        <translation>Host 请求头（%1）与 URL 中的主机不同；将按原样发送。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="677"/>
        <source>The Accept header “%1” replaces text/event-stream; the server may not send a stream.</source>
        <translation>Accept 请求头“%1”取代了 text/event-stream；服务器可能不会发送事件流。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="686"/>
        <source>Header %1 was given more than once; only the last value is sent.</source>
        <translation>请求头 %1 出现了多次，只发送最后一个值。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="697"/>
        <source>Headers the client manages itself were left out: %1.</source>
        <translation>已省略由客户端自行管理的请求头：%1。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="713"/>
        <source>-u was ignored: the command also sets an Authorization header.</source>
        <translation>已忽略 -u：该命令还设置了 Authorization 请求头。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="718"/>
        <source>-u gives no password (curl would ask for one); an empty password is used.</source>
        <translation>-u 未提供密码（curl 会提示输入）；将使用空密码。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="729"/>
        <source>The user name and password in the URL were moved into an Authorization header.</source>
        <translation>URL 中的用户名和密码已移入 Authorization 请求头。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="751"/>
        <source>--json also asks for “Accept: application/json”; SSE Monitor sends “Accept: text/event-stream” instead.</source>
        <translation>--json 还会请求“Accept: application/json”；SSE Monitor 改为发送“Accept: text/event-stream”。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="788"/>
        <source>The command is empty.</source>
        <translation>命令为空。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="792"/>
        <source>This is not a curl command: it must start with “curl”.</source>
        <translation>这不是 curl 命令：命令必须以“curl”开头。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="812"/>
        <source>“%1” is not a valid HTTP method.</source>
        <translation>“%1”不是有效的 HTTP 方法。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="814"/>
        <source>A HEAD request receives no body, so no events will arrive.</source>
        <translation>HEAD 请求不会收到响应体，因此不会收到任何事件。</translation>
    </message>
    <message>
        <location filename="../core/curlcommand.cpp" line="818"/>
        <source>--http2-prior-knowledge has no effect on an https URL: HTTP/2 is negotiated during the TLS handshake.</source>
        <translation>--http2-prior-knowledge 对 https URL 不起作用：HTTP/2 会在 TLS 握手期间协商。</translation>
    </message>
</context>
<context>
    <name>sse::Diagnostics</name>
    <message>
        <location filename="../core/diagnostics.cpp" line="67"/>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <location filename="../core/diagnostics.cpp" line="68"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../core/diagnostics.cpp" line="69"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="157"/>
        <source>TLS certificate errors are ignored</source>
        <translation>已忽略 TLS 证书错误</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="158"/>
        <source>The server&apos;s certificate failed verification (%1), and the stream&apos;s “ignore TLS certificate errors” option accepted it anyway. The connection is encrypted but not authenticated: anyone on the network path can read and alter the stream, credentials included. Browsers refuse it.</source>
        <translation>服务器的证书未通过验证（%1），但该数据流的“忽略 TLS 证书错误”选项仍然接受了它。连接已加密但未经身份验证：网络路径上的任何人都可以读取和篡改数据流，包括凭据。浏览器会拒绝这种连接。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="163"/>
        <source>Give the server a certificate from a trusted authority for its host name (or trust the issuing CA on this machine), then turn the option off.</source>
        <translation>为服务器配置由受信任的证书颁发机构为其主机名签发的证书（或在本机信任签发该证书的 CA），然后关闭此选项。</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/diagnosticchecks.cpp" line="182"/>
        <source>%n consecutive attempt(s) failed.</source>
        <translation>
            <numerusform>连续 %n 次尝试失败。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="185"/>
        <source>The stream never opened</source>
        <translation>流从未打开</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="185"/>
        <source>The stream is down</source>
        <translation>流已中断</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="187"/>
        <source>The monitor stopped trying.</source>
        <translation>监视器已停止尝试。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="189"/>
        <source>Fix the cause above, then reconnect (Retry now), or allow more retries.</source>
        <translation>修复上述原因后重新连接（立即重试），或允许更多重试次数。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="203"/>
        <source>Connected, request sent, no response for %1 s</source>
        <translation>已连接，请求已发送，%1 秒内没有响应</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="205"/>
        <source>The connection is up and the server has the request, but no response head has arrived. A server answers at once; a proxy that buffers responses holds the head back with the first events until its buffer fills (nginx: 4–8 KiB), so a slow stream shows nothing for minutes. The monitor keeps waiting, as browsers and curl do.</source>
        <translation>连接已建立，服务器已收到请求，但响应头尚未到达。服务器会立即应答；而缓冲响应的代理会把响应头连同最初的事件一起扣住，直到缓冲区填满（nginx：4–8 KiB），因此慢速流会有好几分钟什么都看不到。监视器会像浏览器和 curl 一样继续等待。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="210"/>
        <source>Turn off response buffering for the stream in the proxy (nginx: proxy_buffering off for the location, or X-Accel-Buffering: no from the application); make the server send its head before the first event.</source>
        <translation>在代理中关闭该流的响应缓冲（nginx：为该 location 设置 proxy_buffering off，或由应用发送 X-Accel-Buffering: no）；让服务器在第一个事件之前先发送响应头。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="223"/>
        <source>The server answered 204 No Content</source>
        <translation>服务器返回了 204 No Content</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="224"/>
        <source>204 tells an EventSource to stop: it closes and does not reconnect. That is right when the stream has ended for good, and wrong otherwise.</source>
        <translation>204 会让 EventSource 停止：它会关闭连接且不再重连。如果事件流已永久结束，这样做是对的，否则就是错的。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="226"/>
        <source>Answer 200 with text/event-stream while there is something to stream.</source>
        <translation>只要还有内容要推送，就应以 200 和 text/event-stream 响应。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="234"/>
        <source>The server answered %1</source>
        <translation>服务器返回了 %1</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="235"/>
        <source>The server answered %1: %2</source>
        <translation>服务器返回 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="236"/>
        <source>An EventSource opens only on 200 with text/event-stream. A browser fails the connection on any other status and does not reconnect by itself; the monitor retries 5xx, 408 and 429 with backoff.</source>
        <translation>EventSource 只有在收到 200 和 text/event-stream 时才会打开。对于其他任何状态码，浏览器都会使连接失败且不会自行重连；本监视器会对 5xx、408 和 429 按退避策略重试。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="239"/>
        <source>Check the URL, the credentials and the server&apos;s log; answer 200 and stream, or 204 to tell clients to stop.</source>
        <translation>检查 URL、凭据和服务器日志；以 200 响应并推送事件流，或以 204 告知客户端停止。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="257"/>
        <source>many events arrived together in one read after a silence (bursts: %1; largest: %2 events; silence before each: at least %3 s)</source>
        <translation>静默之后许多事件在一次读取中一起到达（突发：%1 次；最大：%2 个事件；每次之前至少静默 %3 秒）</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="264"/>
        <source>the response head came %1 s after the request</source>
        <translation>响应头在请求发出 %1 秒后才到达</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="268"/>
        <source>Events arrive in bursts</source>
        <translation>事件成批突发到达</translation>
    </message>
    <message>
        <source>Many events arrived together in one read after a silence (bursts: %1; largest: %2 events; silence before each: at least %3 s): the signature of buffering between server and client (a proxy, a compressor or the server&apos;s output buffer).</source>
        <translation type="vanished">静默一段时间后，许多事件在一次读取中一起到达（突发 %1 次；最大一次 %2 个事件；每次之前至少静默 %3 秒）：这是服务器与客户端之间存在缓冲的典型迹象（代理、压缩器或服务器的输出缓冲区）。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="272"/>
        <source>Flush after every event on the server and turn off response buffering in proxies (nginx: X-Accel-Buffering: no or proxy_buffering off) and compression of text/event-stream.</source>
        <translation>在服务器上每发送一个事件就刷新输出，并关闭代理中的响应缓冲（nginx：X-Accel-Buffering: no 或 proxy_buffering off）以及对 text/event-stream 的压缩。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="292"/>
        <source>No Content-Type header</source>
        <translation>没有 Content-Type 头</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="293"/>
        <source>An EventSource accepts a response only when its Content-Type is text/event-stream; without one, browsers fail the connection.</source>
        <translation>只有当 Content-Type 为 text/event-stream 时，EventSource 才会接受响应；没有该头时，浏览器会使连接失败。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="295"/>
        <location filename="../core/diagnosticchecks.cpp" line="303"/>
        <source>Send Content-Type: text/event-stream.</source>
        <translation>发送 Content-Type: text/event-stream。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="298"/>
        <source>Content-Type is %1, not text/event-stream</source>
        <translation>Content-Type 是 %1，而不是 text/event-stream</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="300"/>
        <source>An EventSource accepts a response only when its Content-Type is text/event-stream; browsers fail this connection and do not reconnect.</source>
        <translation>只有当 Content-Type 为 text/event-stream 时，EventSource 才会接受响应；浏览器会使此连接失败且不会重连。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="308"/>
        <source>Content-Type declares charset %1</source>
        <translation>Content-Type 声明了字符集 %1</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="309"/>
        <source>Event streams are always decoded as UTF-8; the charset parameter is ignored. Declaring another one hints at a misconfigured server that may also encode the events in that charset, which clients will garble.</source>
        <translation>事件流始终按 UTF-8 解码，charset 参数会被忽略。声明其他字符集暗示服务器配置有误：它可能也在用该字符集对事件编码，而客户端会将其解码成乱码。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="312"/>
        <source>Encode events as UTF-8 and send Content-Type: text/event-stream (or text/event-stream; charset=utf-8).</source>
        <translation>以 UTF-8 编码事件，并发送 Content-Type: text/event-stream（或 text/event-stream; charset=utf-8）。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="319"/>
        <source>No Cache-Control: no-cache</source>
        <translation>没有 Cache-Control: no-cache</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="320"/>
        <source>Cache-Control is “%1”, without no-cache</source>
        <translation>Cache-Control 为“%1”，不含 no-cache</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="322"/>
        <source>Without Cache-Control: no-cache, proxies and CDNs may cache or buffer the response, and a reconnecting client may be served stale events.</source>
        <translation>没有 Cache-Control: no-cache 时，代理和 CDN 可能缓存或缓冲响应，重连的客户端可能收到过时的事件。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="324"/>
        <source>Send Cache-Control: no-cache on the event stream.</source>
        <translation>在事件流上发送 Cache-Control: no-cache。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="330"/>
        <source>The stream is compressed (%1)</source>
        <translation>事件流经过了压缩（%1）</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="332"/>
        <source>The response is encoded with %1 and events arrived in bursts: the compressor is probably holding events back until its buffer fills.</source>
        <translation>响应使用 %1 编码，且事件成批突发到达：压缩器很可能在缓冲区填满之前一直扣留着事件。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="335"/>
        <source>The response is encoded with %1. That is fine only when the server flushes the compressor after every event; otherwise events wait in its buffer.</source>
        <translation>响应使用 %1 编码。只有当服务器在每个事件之后都刷新压缩器时才没有问题；否则事件会滞留在其缓冲区中。</translation>
    </message>
    <message>
        <source>Flush the compressor after each event (e.g. Z_SYNC_FLUSH), or exclude text/event-stream from compression.</source>
        <translation type="vanished">在每个事件之后刷新压缩器（例如 Z_SYNC_FLUSH），或将 text/event-stream 排除在压缩之外。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="346"/>
        <source>Content-Length on an event stream</source>
        <translation>事件流带有 Content-Length</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="347"/>
        <source>An event stream has no known length. With Content-Length %1, clients and proxies treat the body as ending after that many bytes, and some buffer it whole before passing it on.</source>
        <translation>事件流没有确定的长度。带有 Content-Length %1 时，客户端和代理会认为响应体在这么多字节之后就结束了，有些还会先完整缓冲再转发。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="351"/>
        <source>Send no Content-Length; stream with chunked transfer encoding (HTTP/1.1) or plain DATA frames (HTTP/2).</source>
        <translation>不要发送 Content-Length；使用分块传输编码（HTTP/1.1）或普通 DATA 帧（HTTP/2）推送事件流。</translation>
    </message>
    <message>
        <source>nginx without X-Accel-Buffering: no</source>
        <translation type="vanished">nginx 未设置 X-Accel-Buffering: no</translation>
    </message>
    <message>
        <source>The server is nginx and events arrived in bursts: nginx buffers proxied responses by default and releases them when its buffer fills.</source>
        <translation type="vanished">服务器是 nginx，且事件成批突发到达：nginx 默认会缓冲代理的响应，直到缓冲区填满才放行。</translation>
    </message>
    <message>
        <source>The server is nginx, which buffers proxied responses by default; no bursts were seen so far, so buffering may already be off.</source>
        <translation type="vanished">服务器是 nginx，它默认会缓冲代理的响应；目前尚未观察到突发，因此缓冲可能已经关闭。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="268"/>
        <source>The response head came late</source>
        <translation>响应头到达过晚</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="269"/>
        <source>Seen: %1. That is the signature of buffering between server and client (a proxy, a compressor or the server&apos;s output buffer).</source>
        <translation>观察到：%1。这是服务器与客户端之间存在缓冲的特征（代理、压缩器或服务器的输出缓冲区）。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="338"/>
        <source>Flush the compressor after each event (e.g. Z_SYNC_FLUSH), or exclude text/event-stream from compression (nginx: leave text/event-stream out of gzip_types). The monitor, like browsers, sends Accept-Encoding: gzip, which invites a proxy to compress; the stream option “Ask for an uncompressed stream” (Accept-Encoding: identity) shows whether compression is what holds events back.</source>
        <translation>在每个事件后刷新压缩器（例如 Z_SYNC_FLUSH），或不压缩 text/event-stream（nginx：不要把 text/event-stream 放进 gzip_types）。监视器与浏览器一样发送 Accept-Encoding: gzip，这会促使代理压缩；流选项“请求不压缩的流”（Accept-Encoding: identity）可以查明是否是压缩扣住了事件。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="360"/>
        <source>nginx is buffering the stream</source>
        <translation>nginx 正在缓冲该流</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="361"/>
        <source>The response came through nginx and the timing shows buffering: nginx buffers proxied responses by default (proxy_buffering on) and releases head and events when its 4–8 KiB buffer fills. Whether the application sent X-Accel-Buffering cannot be seen here: nginx removes that header from what it forwards.</source>
        <translation>响应经过 nginx，且时序显示存在缓冲：nginx 默认缓冲代理的响应（proxy_buffering on），在其 4–8 KiB 缓冲区填满时才放出响应头和事件。此处无法看出应用是否发送了 X-Accel-Buffering：nginx 会从转发的内容中删除该头。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="366"/>
        <source>Send X-Accel-Buffering: no from the application, or set proxy_buffering off for this location.</source>
        <translation>由应用发送 X-Accel-Buffering: no，或为此 location 设置 proxy_buffering off。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="401"/>
        <source>Answer requests with Origin: %1 with Access-Control-Allow-Origin: %1%2.</source>
        <translation>对带有 Origin: %1 的请求，以 Access-Control-Allow-Origin: %1%2 响应。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="403"/>
        <source> and Access-Control-Allow-Credentials: true</source>
        <translation> 和 Access-Control-Allow-Credentials: true</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="406"/>
        <source>A page on %1 could not read this stream (no CORS headers)</source>
        <translation>%1 上的页面无法读取此事件流（没有 CORS 头）</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="408"/>
        <source>The stream is on %1, another origin than the page&apos;s %2, and the response has no Access-Control-Allow-Origin: a browser blocks it and the EventSource fails.</source>
        <translation>事件流位于 %1，与页面所在的 %2 不是同一个源，且响应中没有 Access-Control-Allow-Origin：浏览器会阻止它，EventSource 会失败。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="411"/>
        <source>The stream is on %1, another origin than the page&apos;s %2, and the response has no Access-Control-Allow-Origin: a browser blocks it and the EventSource fails. Some servers only answer CORS when the request carries an Origin header; send Origin: %2 to check them as a browser would.</source>
        <translation>事件流位于 %1，与页面所在的 %2 不是同一个源，且响应中没有 Access-Control-Allow-Origin：浏览器会阻止它，EventSource 会失败。有些服务器只在请求带有 Origin 头时才返回 CORS 头；请发送 Origin: %2，像浏览器那样检查它们。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="421"/>
        <source>Access-Control-Allow-Origin: * with credentials</source>
        <translation>带凭据时使用了 Access-Control-Allow-Origin: *</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="422"/>
        <source>The request sends credentials (Cookie or Authorization), as an EventSource with withCredentials does; browsers refuse a wildcard Access-Control-Allow-Origin for such requests.</source>
        <translation>请求会发送凭据（Cookie 或 Authorization），就像设置了 withCredentials 的 EventSource 一样；对于这类请求，浏览器不接受通配符形式的 Access-Control-Allow-Origin。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="429"/>
        <source>Access-Control-Allow-Origin does not match %1</source>
        <translation>Access-Control-Allow-Origin 与 %1 不匹配</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="430"/>
        <source>The response allows the origin “%1”, not the page&apos;s %2: browsers compare the value exactly and block the stream. It must be one origin or *, not a list.</source>
        <translation>响应允许的源是“%1”，而不是页面所在的 %2：浏览器会精确比较该值并阻止事件流。它必须是单个源或 *，不能是列表。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="438"/>
        <source>Credentials sent but not allowed by CORS</source>
        <translation>发送了凭据，但 CORS 不允许</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="439"/>
        <source>The request sends credentials (Cookie or Authorization), as an EventSource with withCredentials does, but the response has no Access-Control-Allow-Credentials: true; browsers block it.</source>
        <translation>请求会发送凭据（Cookie 或 Authorization），就像设置了 withCredentials 的 EventSource 一样，但响应中没有 Access-Control-Allow-Credentials: true；浏览器会阻止它。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="442"/>
        <source>Send Access-Control-Allow-Credentials: true, with Access-Control-Allow-Origin: %1 (the exact origin, never *).</source>
        <translation>发送 Access-Control-Allow-Credentials: true，并同时发送 Access-Control-Allow-Origin: %1（精确的源，绝不能是 *）。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="464"/>
        <source>method %1</source>
        <translation>方法 %1</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="466"/>
        <source>a request body</source>
        <translation>请求体</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="468"/>
        <source>headers %1</source>
        <translation>请求头 %1</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="471"/>
        <source>A browser&apos;s EventSource cannot send this request</source>
        <translation>浏览器的 EventSource 无法发送此请求</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="472"/>
        <source>The request uses %1. A browser&apos;s EventSource only sends GET with its own headers and cookies, so a web page sees a different response.</source>
        <translation>该请求使用了 %1。浏览器的 EventSource 只会发送带有其自身请求头和 Cookie 的 GET 请求，因此网页看到的响应会有所不同。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="475"/>
        <source>Pass what the server needs in the URL or a cookie, or use a fetch-based client in the page.</source>
        <translation>通过 URL 或 Cookie 传递服务器所需的信息，或在页面中使用基于 fetch 的客户端。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="489"/>
        <source>%1 streams to this host over HTTP/1.1</source>
        <translation>通过 HTTP/1.1 连接到此主机的事件流有 %1 个</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="490"/>
        <source>Browsers open at most %1 HTTP/1.1 connections per host, and an event stream holds its connection for good: in a browser, the stream after the %1th (and every other request to the host) would wait forever.</source>
        <translation>浏览器对每个主机最多打开 %1 个 HTTP/1.1 连接，而事件流会一直占用其连接：在浏览器中，第 %1 个之后的事件流（以及对该主机的其他所有请求）将永远等待。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="494"/>
        <source>Serve the streams over HTTP/2, which multiplexes them on one connection, or share one stream between tabs (e.g. a SharedWorker).</source>
        <translation>通过 HTTP/2 提供事件流（它会在一个连接上多路复用），或在多个标签页之间共享一个事件流（例如使用 SharedWorker）。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="507"/>
        <source>No heartbeat for %1 s</source>
        <translation>%1 秒内没有心跳</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="508"/>
        <source>The open stream sent nothing for %1 s. Proxies, load balancers and NATs commonly drop connections idle for %2 s, so clients see drops and reconnects.</source>
        <translation>打开的事件流在 %1 秒内没有发送任何内容。代理、负载均衡器和 NAT 通常会断开空闲 %2 秒的连接，因此客户端会遇到断线和重连。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="511"/>
        <source>Send a comment line (&quot;: ping&quot; and a blank line) at least every %1 s when there is nothing else to send.</source>
        <translation>没有其他内容可发送时，至少每 %1 秒发送一个注释行（&quot;: ping&quot; 加一个空行）。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="537"/>
        <source>The connection drops after %1 s of silence</source>
        <translation>连接在静默 %1 秒后断开</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="538"/>
        <source>%1 connections ended after %2–%3 s without data while the stream was open: the signature of an idle timeout of about %2 s in a proxy or load balancer on the way (nginx: proxy_read_timeout, 60 s by default). Every drop costs a reconnect, and the events sent meanwhile unless the server resumes after Last-Event-ID.</source>
        <translation>%1 个连接在流打开期间无数据 %2–%3 秒后结束：这是途经的代理或负载均衡器约 %2 秒空闲超时的特征（nginx：proxy_read_timeout，默认 60 秒）。每次断开都要重新连接，并且会丢失期间发送的事件，除非服务器按 Last-Event-ID 续传。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="545"/>
        <source>Send a comment line (&quot;: ping&quot; and a blank line) at least every %1 s when there is nothing else to send, or raise the proxy&apos;s idle timeout.</source>
        <translation>在没有其他内容可发时，至少每 %1 秒发送一行注释（“: ping”加一个空行），或调高代理的空闲超时。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="559"/>
        <source>Events carry no id</source>
        <translation>事件不带 id</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="560"/>
        <source>None of the %1 events seen had an id field, so a reconnecting client cannot send Last-Event-ID and the server cannot resume where it left off: events sent during a drop are lost.</source>
        <translation>观察到的 %1 个事件都没有 id 字段，因此重连的客户端无法发送 Last-Event-ID，服务器也无法从中断处继续：断线期间发送的事件会丢失。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="563"/>
        <source>Send an id: line with each event and resume after the Last-Event-ID request header.</source>
        <translation>为每个事件发送一行 id:，并根据 Last-Event-ID 请求头从其后继续发送。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="567"/>
        <source>Numeric ids do not increase</source>
        <translation>数字 id 没有递增</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="568"/>
        <source>An event&apos;s numeric id was not greater than the one before it (count: %1): events may have been replayed or lost, or the server restarted its numbering.</source>
        <translation>有事件的数字 id 不大于前一个事件的 id（次数：%1）：事件可能被重放或丢失，或者服务器重新开始了编号。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="571"/>
        <source>Give events increasing ids and, on reconnect, resume after Last-Event-ID instead of starting over.</source>
        <translation>为事件分配递增的 id，并在重连时从 Last-Event-ID 之后继续，而不是从头开始。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="583"/>
        <source>No retry: field</source>
        <translation>没有 retry: 字段</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="584"/>
        <source>The server does not set the reconnection time, so each client uses its own default (about 3 s in browsers) after a drop.</source>
        <translation>服务器没有设置重连时间，因此断线后每个客户端都使用各自的默认值（浏览器中约为 3 秒）。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="586"/>
        <source>Send retry: &lt;ms&gt; once at the start of the stream to choose it.</source>
        <translation>在事件流开头发送一次 retry: &lt;毫秒数&gt; 来指定它。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="588"/>
        <source>retry: %1 ms is very small</source>
        <translation>retry: %1 毫秒过小</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="589"/>
        <source>Clients reconnect %1 ms after every drop; when the server goes down, every client hammers it at once (a reconnect storm).</source>
        <translation>客户端在每次断线后 %1 毫秒就会重连；服务器宕机时，所有客户端会同时涌向它（重连风暴）。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="591"/>
        <source>Use a retry of at least %1 ms; back off on the server with 503 and Retry-After when overloaded.</source>
        <translation>使用至少 %1 毫秒的 retry；服务器过载时以 503 和 Retry-After 让客户端退避。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="594"/>
        <source>retry: %1 s is very large</source>
        <translation>retry: %1 秒过大</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="595"/>
        <source>Clients wait %1 s after every drop before reconnecting, so a short network glitch becomes a long outage.</source>
        <translation>客户端在每次断线后要等待 %1 秒才重连，因此短暂的网络波动会变成长时间的中断。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="597"/>
        <source>Use a retry of a few seconds (at most %1 s).</source>
        <translation>使用几秒钟的 retry（最多 %1 秒）。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="611"/>
        <source>The server sent event: error (%1 so far)</source>
        <translation>服务器发送了 event: error（目前共 %1 个）</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="612"/>
        <source>%1 of %2 events were event: error (%3%), about %4 per minute: the server reports problems in the stream itself. The latest said: “%5”.</source>
        <translation>%2 个事件中有 %1 个是 event: error（%3%），约每分钟 %4 个：服务器在流中报告问题。最近一条说：“%5”。</translation>
    </message>
    <message>
        <source>%1 of %2 events were event: error (%3%), about %4 per minute: the server reports problems in the stream itself.</source>
        <translation type="vanished">%2 个事件中有 %1 个是 event: error（%3%），约每分钟 %4 个：服务器在事件流中报告了问题。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="619"/>
        <source>Read the errors&apos; data (the log shows them) and fix their cause on the server.</source>
        <translation>查看这些错误事件的数据（日志中有显示），并在服务器上修复其原因。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="645"/>
        <source>The server reported an error inside the LLM stream</source>
        <translation>服务器在 LLM 流中报告了错误</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/diagnosticchecks.cpp" line="646"/>
        <source>%n response(s) failed; the latest, response %1, ended with: “%2”.</source>
        <translation>
            <numerusform>%n 个响应失败；最近的响应 %1 以此结束：“%2”。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="651"/>
        <source>The HTTP status said 200, so only a client that reads the stream&apos;s own errors notices: make yours show them, and fix the cause on the server (overloaded: retry with backoff).</source>
        <translation>HTTP 状态是 200，只有读取流内错误的客户端才会察觉：让你的客户端显示这些错误，并在服务器上修复原因（过载：退避后重试）。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="656"/>
        <source>An LLM response was cut before its terminator</source>
        <translation>一个 LLM 响应在结束标记之前被截断</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/diagnosticchecks.cpp" line="657"/>
        <source>%n response(s) ended without their terminator (data: [DONE], message_stop, response.completed): what a client shows is not the whole answer.</source>
        <translation>
            <numerusform>%n 个响应没有收到结束标记（data: [DONE]、message_stop、response.completed）就结束了：客户端显示的不是完整的回答。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="660"/>
        <source>Find what ends the connection early: a proxy&apos;s read timeout, a timeout or crash in the server, a worker restart.</source>
        <translation>找出提前结束连接的原因：代理的读取超时、服务器中的超时或崩溃、工作进程重启。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="666"/>
        <source>An LLM response stalled for %1 s</source>
        <translation>一个 LLM 响应停顿了 %1 秒</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="667"/>
        <source>Response %1 paused %2 ms between two chunks (half of its gaps were at most %3 ms), after “%4”.</source>
        <translation>响应 %1 在“%4”之后于两个数据块之间停顿了 %2 毫秒（其一半的间隔不超过 %3 毫秒）。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticchecks.cpp" line="673"/>
        <source>Look for what holds generation or delivery back: a tool call run inline, a queue in front of the model, a proxy buffering the stream.</source>
        <translation>查找阻碍生成或传输的因素：内联执行的工具调用、模型前的队列、缓冲流的代理。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="181"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="187"/>
        <source>Diagnostics of %1</source>
        <translation>%1 的诊断</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="188"/>
        <source>Observed for %1 s; connections: %2</source>
        <translation>已观察 %1 秒；连接次数：%2</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="190"/>
        <source>Page origin: %1</source>
        <translation>页面源：%1</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="193"/>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="202"/>
        <source>(added by Qt)</source>
        <translation>（由 Qt 添加）</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="204"/>
        <source>(request body: %1 bytes)</source>
        <translation>（请求体：%1 字节）</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="206"/>
        <source>(none sent yet)</source>
        <translation>（尚未发送）</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="210"/>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="221"/>
        <source>Redirects: %1</source>
        <translation>重定向：%1</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="227"/>
        <source>Body (first %1 bytes):</source>
        <translation>正文（前 %1 字节）：</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="232"/>
        <source>(connected, request sent, waiting for %1 s)</source>
        <translation>（已连接，请求已发送，已等待 %1 秒）</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="235"/>
        <source>(none received yet)</source>
        <translation>（尚未收到）</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="238"/>
        <source>Last error: %1</source>
        <translation>最近的错误：%1</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="241"/>
        <source>Timing</source>
        <translation>时序</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="242"/>
        <source>Time to first byte: %1; to first event: %2</source>
        <translation>首字节时间：%1；首个事件时间：%2</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="244"/>
        <source>Events: %1; comments: %2; event: error: %3; reads: %4 (%5 bytes)</source>
        <translation>事件：%1；注释：%2；event: error：%3；读取：%4 次（%5 字节）</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="247"/>
        <source>Events with an id: %1; numeric ids not increasing: %2; retry: %3</source>
        <translation>带 id 的事件：%1；数字 id 未递增：%2 次；retry：%3</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="250"/>
        <source>none detected</source>
        <translation>未检测到</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="252"/>
        <source>every %1 s (comments)</source>
        <translation>每 %1 秒（注释）</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="254"/>
        <source>every %1 s (events)</source>
        <translation>每 %1 秒（事件）</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="255"/>
        <source>Longest silence: %1 s; heartbeat: %2</source>
        <translation>最长静默：%1 秒；心跳：%2</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="257"/>
        <source>Bursts: %1; largest: %2 events</source>
        <translation>突发：%1 次；最大：%2 个事件</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="266"/>
        <source>Inter-arrival: %1</source>
        <translation>到达间隔：%1</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="272"/>
        <source>Findings: errors %1, warnings %2, infos %3</source>
        <translation>发现的问题：错误 %1 个，警告 %2 个，信息 %3 个</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="277"/>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <location filename="../core/diagnosticsreport.cpp" line="282"/>
        <source>Fix: %1</source>
        <translation>修复方法：%1</translation>
    </message>
</context>
<context>
    <name>sse::EventFilterModel</name>
    <message>
        <location filename="../core/eventfilter.cpp" line="156"/>
        <source>Invalid regular expression: %1 (at offset %2)</source>
        <extracomment>%1 is the regular expression&apos;s own error message, %2 a character offset</extracomment>
        <translation>无效的正则表达式：%1（位于偏移量 %2 处）</translation>
    </message>
</context>
<context>
    <name>sse::EventLogModel</name>
    <message>
        <location filename="../core/eventlog.cpp" line="117"/>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="118"/>
        <source>resumed</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="119"/>
        <source>dropped</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="120"/>
        <source>retrying</source>
        <translation>重试中</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="121"/>
        <source>failed</source>
        <translation>已失败</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="122"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="123"/>
        <source>disconnected</source>
        <translation>已断开连接</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="124"/>
        <source>first event</source>
        <translation>首个事件</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="305"/>
        <source>Time unknown</source>
        <translation>时间未知</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="311"/>
        <source>Empty id: resets the last event ID</source>
        <translation>空 ID：重置最后事件 ID</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="313"/>
        <source>No id of its own; last event ID: %1</source>
        <translation>自身没有 ID；最后事件 ID：%1</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="367"/>
        <source>Connection: %1</source>
        <translation>连接：%1</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="390"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="391"/>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="392"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="393"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="394"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="395"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="399"/>
        <source>Number of the event in the stream</source>
        <translation>事件在流中的序号</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="400"/>
        <source>Local time the event was received</source>
        <translation>收到事件时的本地时间</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="401"/>
        <source>Event type</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="402"/>
        <source>The event&apos;s own id</source>
        <translation>事件自身的 ID</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="403"/>
        <source>Event data</source>
        <translation>事件数据</translation>
    </message>
    <message>
        <location filename="../core/eventlog.cpp" line="404"/>
        <source>Data size in bytes</source>
        <translation>数据大小（字节）</translation>
    </message>
</context>
<context>
    <name>sse::EventSource</name>
    <message>
        <location filename="../core/eventsource.cpp" line="97"/>
        <source>The server reported an error: %1</source>
        <translation>服务器报告了错误：%1</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="99"/>
        <source>The server reported error %1: %2</source>
        <translation>服务器报告了错误 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="430"/>
        <source>The server sent no Content-Type; an event stream must be text/event-stream.</source>
        <translation>服务器没有发送 Content-Type；事件流必须是 text/event-stream。</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="431"/>
        <source>The server sent Content-Type “%1”, not text/event-stream.</source>
        <translation>服务器发送的 Content-Type 是“%1”，而不是 text/event-stream。</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="452"/>
        <source>The server answered %1.</source>
        <translation>服务器返回了 %1。</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="490"/>
        <source>%1 It said: %2</source>
        <translation>%1 服务器说：%2</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="516"/>
        <source>The server answered %1 without a Location header.</source>
        <translation>服务器返回了 %1，但没有 Location 头。</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="519"/>
        <source>The server redirected to an unusable address: %1</source>
        <translation>服务器重定向到了无法使用的地址：%1</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="522"/>
        <source>Too many redirects (more than %1).</source>
        <translation>重定向次数过多（超过 %1 次）。</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="524"/>
        <source>Refused a redirect from https to http (%1).</source>
        <translation>已拒绝从 https 重定向到 http（%1）。</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="623"/>
        <source>The server ended the stream.</source>
        <translation>服务器结束了事件流。</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="629"/>
        <source>The server sent no valid HTTP response.</source>
        <translation>服务器没有发送有效的 HTTP 响应。</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="680"/>
        <source>Could not connect to %1 and send the request within %2 ms (connect timeout).</source>
        <translation>未能在 %2 毫秒内连接到 %1 并发送请求（连接超时）。</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="79"/>
        <source>subject: %1; issuer: %2; valid %3 to %4; SHA-256 %5</source>
        <translation>主题：%1；颁发者：%2；有效期 %3 至 %4；SHA-256 %5</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="648"/>
        <source>TLS handshake failed: %1</source>
        <translation>TLS 握手失败：%1</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="649"/>
        <source>TLS certificate rejected: %1</source>
        <translation>TLS 证书被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="653"/>
        <source>Network error: %1</source>
        <translation>网络错误：%1</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="669"/>
        <source>No data for %1 ms (idle timeout); the connection was dropped.</source>
        <translation>%1 毫秒内没有收到数据（空闲超时），已断开连接。</translation>
    </message>
    <message>
        <source>No response from %1 within %2 ms (connect timeout).</source>
        <translation type="vanished">%1 在 %2 毫秒内没有响应（连接超时）。</translation>
    </message>
    <message>
        <location filename="../core/eventsource.cpp" line="718"/>
        <source>Gave up after %1 consecutive reconnect attempts. Last error: %2</source>
        <translation>连续 %1 次重连尝试后已放弃。最近的错误：%2</translation>
    </message>
</context>
<context>
    <name>sse::LogIo</name>
    <message>
        <location filename="../core/logio.cpp" line="337"/>
        <source>invalid JSON: %1 at column %2</source>
        <translation>无效的 JSON：%1（第 %2 列）</translation>
    </message>
    <message>
        <location filename="../core/logio.cpp" line="343"/>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../core/logio.cpp" line="353"/>
        <source>&quot;%1&quot; is not a string</source>
        <translation>&quot;%1&quot; 不是字符串</translation>
    </message>
    <message>
        <location filename="../core/logio.cpp" line="364"/>
        <source>no &quot;data&quot;</source>
        <translation>缺少 &quot;data&quot;</translation>
    </message>
    <message>
        <location filename="../core/logio.cpp" line="391"/>
        <source>&quot;receivedAt&quot; is not a valid time</source>
        <translation>&quot;receivedAt&quot; 不是有效的时间</translation>
    </message>
    <message>
        <location filename="../core/logio.cpp" line="505"/>
        <location filename="../core/logio.cpp" line="516"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/logio.cpp" line="512"/>
        <source>Export canceled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <location filename="../core/logio.cpp" line="562"/>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/logio.cpp" line="578"/>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/logio.cpp" line="584"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>……另有 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/logio.cpp" line="613"/>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <location filename="../core/logio.cpp" line="618"/>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 是文件夹，不是文件。</translation>
    </message>
    <message>
        <location filename="../core/logio.cpp" line="624"/>
        <location filename="../core/logio.cpp" line="655"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/logio.cpp" line="635"/>
        <source>Cannot import %1: only text/event-stream (.sse) and JSON Lines (.jsonl) files can be imported.</source>
        <translation>无法导入 %1：只能导入 text/event-stream（.sse）和 JSON Lines（.jsonl）文件。</translation>
    </message>
    <message>
        <location filename="../core/logio.cpp" line="650"/>
        <source>Import canceled.</source>
        <translation>导入已取消。</translation>
    </message>
</context>
<context>
    <name>sse::Parser</name>
    <message>
        <location filename="../core/parser.cpp" line="570"/>
        <source>An event larger than the limit of %1 bytes was discarded.</source>
        <translation>一个超过 %1 字节上限的事件已被丢弃。</translation>
    </message>
</context>
<context>
    <name>sse::Session</name>
    <message>
        <location filename="../core/session.cpp" line="43"/>
        <location filename="../core/session.cpp" line="57"/>
        <source>Server error on %1</source>
        <translation>%1 出现服务器错误</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="93"/>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="94"/>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="95"/>
        <source>Open</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="96"/>
        <source>Silent</source>
        <translation>静默</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="97"/>
        <source>Reconnecting</source>
        <translation>正在重连</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="98"/>
        <source>Stopped by server</source>
        <translation>已被服务器停止</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="99"/>
        <source>Failed</source>
        <translation>已失败</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="132"/>
        <source>Connected: %1, %2</source>
        <translation>已连接：%1，%2</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="136"/>
        <source>Resumed: %1, %2; sent Last-Event-ID “%3”</source>
        <translation>已恢复：%1，%2；已发送 Last-Event-ID“%3”</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="138"/>
        <source>Resumed: %1, %2; no Last-Event-ID sent (no event had an id)</source>
        <translation>已恢复：%1，%2；未发送 Last-Event-ID（没有事件带 id）</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="144"/>
        <source>the server ended the stream</source>
        <translation>服务器结束了事件流</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="146"/>
        <source>The server ended the stream</source>
        <translation>服务器结束了事件流</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="147"/>
        <source>Connection lost: %1</source>
        <translation>连接中断：%1</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="151"/>
        <source>attempt %1 of %2</source>
        <translation>第 %1 次尝试，共 %2 次</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="152"/>
        <source>attempt %1</source>
        <translation>第 %1 次尝试</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="155"/>
        <source>Reconnecting in %1 s (%2)</source>
        <translation>%1 秒后重连（%2）</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="156"/>
        <source>Reconnecting in %1 s (%2): %3</source>
        <translation>%1 秒后重连（%2）：%3</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="165"/>
        <source>%1 is not secure</source>
        <translation>%1 不安全</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="166"/>
        <source>TLS certificate errors ignored for %1: %2; the connection is not authenticated.</source>
        <translation>已忽略 %1 的 TLS 证书错误：%2；连接未经身份验证。</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="332"/>
        <source>Failed: %1</source>
        <translation>已失败：%1</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="334"/>
        <source>The server asked the client to stop (HTTP 204)</source>
        <translation>服务器要求客户端停止（HTTP 204）</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="336"/>
        <source>Disconnected</source>
        <translation>已断开连接</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="344"/>
        <source>%1 reconnected</source>
        <translation>%1 已重新连接</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="344"/>
        <source>%1 connected</source>
        <translation>%1 已连接</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="350"/>
        <source>%1 lost its connection</source>
        <translation>%1 的连接已丢失</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="351"/>
        <location filename="../core/session.cpp" line="399"/>
        <source>The server ended the stream.</source>
        <translation>服务器结束了事件流。</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="352"/>
        <source>Reconnecting at %1.</source>
        <translation>将于 %1 重新连接。</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s.</source>
        <translation type="vanished">%1 秒后重连。</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="355"/>
        <source>%1 failed</source>
        <translation>%1 已失败</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="403"/>
        <source>Nothing received for longer than %1 s</source>
        <translation>超过 %1 秒未收到任何内容</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="405"/>
        <source>The server asked the client to stop (HTTP 204).</source>
        <translation>服务器要求客户端停止（HTTP 204）。</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="463"/>
        <source>First event after the reconnect, %1 s after the last one before the drop</source>
        <translation>重连后的首个事件，距断开前的最后一个事件 %1 秒</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="465"/>
        <source>First event after the reconnect</source>
        <translation>重连后的首个事件</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="467"/>
        <source>; id “%1”</source>
        <translation>；id“%1”</translation>
    </message>
    <message>
        <location filename="../core/session.cpp" line="481"/>
        <source>Alert on %1: %2</source>
        <translation>%1 触发警报：%2</translation>
    </message>
</context>
<context>
    <name>sse::SettingsStore</name>
    <message>
        <location filename="../core/settingsreader.h" line="91"/>
        <source>%1 could not be read (line %2: %3); it was reset to its default.</source>
        <translation>无法读取%1（第 %2 行：%3）；已重置为默认值。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.h" line="118"/>
        <source>%1 %2 is not valid text; it was ignored.</source>
        <translation>%1 %2 不是有效的文本，已忽略。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.h" line="133"/>
        <source>%1 %2 has the wrong type; it was ignored.</source>
        <translation>%1 %2 的类型不正确，已忽略。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.h" line="137"/>
        <source>%1 is larger than %2 bytes; it was ignored.</source>
        <translation>%1 超过 %2 字节，已忽略。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.h" line="152"/>
        <source>%1 %2 is not a number; using %3.</source>
        <translation>%1 %2 不是数字，改用 %3。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.h" line="156"/>
        <source>%1 %2 is outside %3 to %4; using %5.</source>
        <translation>%1 %2 超出了 %3 到 %4 的范围，改用 %5。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.h" line="173"/>
        <source>%1 %2 is neither true nor false; using %3.</source>
        <translation>%1 %2 既不是 true 也不是 false，改用 %3。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.h" line="188"/>
        <source>The number of %1</source>
        <translation>%1的数量</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.h" line="203"/>
        <source>The number of %1 %2 is not valid; the entries present (%3) were read.</source>
        <translation>%1数量 %2 无效；已读取现有的 %3 个条目。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.h" line="219"/>
        <source>Of the %1 %2 in the file, these are missing (the file was cut short or damaged): %3.</source>
        <translation>文件中的 %1 个%2中，以下缺失（文件被截断或已损坏）：%3。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.h" line="224"/>
        <source>The number of %1 is missing; the entries present (%2) were read.</source>
        <translation>缺少%1数量；已读取现有的 %2 个条目。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.h" line="228"/>
        <source>Only the first %1 %2 were read.</source>
        <translation>只读取了前 %1 个%2。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="333"/>
        <source>Stream %1</source>
        <translation>事件流 %1</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="334"/>
        <source>The name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="336"/>
        <source>Stream %1 (“%2”)</source>
        <translation>事件流 %1（“%2”）</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="339"/>
        <source>its entries were altered or damaged in the file; the values that could be read were kept: check them.</source>
        <translation>其在文件中的条目已被改动或损坏；已保留可读取的值，请检查。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="342"/>
        <source>The URL could not be read (line %1: %2); the stream was dropped.</source>
        <translation>无法读取 URL（第 %1 行：%2）；已舍弃该数据流。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="352"/>
        <source>The URL %1 is not a usable http or https URL; the stream was skipped.</source>
        <translation>URL %1 不是可用的 http 或 https URL，已跳过该事件流。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="354"/>
        <source>There is no URL; the stream was skipped.</source>
        <translation>没有 URL，已跳过该事件流。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="361"/>
        <source>The URL password flag</source>
        <translation>URL 密码标志</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="363"/>
        <source>The URL&apos;s password was not saved; enter it again.</source>
        <translation>URL 中的密码未保存，请重新输入。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="366"/>
        <source>The identifier</source>
        <translation>标识符</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="368"/>
        <source>The identifier %1 is not valid; a new one was assigned.</source>
        <translation>标识符 %1 无效，已分配新的标识符。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="373"/>
        <source>The method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="376"/>
        <source>The method %1 is not an HTTP method; using GET.</source>
        <translation>方法 %1 不是 HTTP 方法，改用 GET。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="117"/>
        <source>headers</source>
        <translation>请求头</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="121"/>
        <source>Header %1&apos;s name</source>
        <translation>请求头 %1 的名称</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="124"/>
        <source>Header %1 has no valid name; it was skipped.</source>
        <translation>请求头 %1 没有有效的名称，已跳过。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="130"/>
        <source>The value of header %1</source>
        <translation>请求头 %1 的值</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="132"/>
        <source>The value of header %1 contains a line break; the header was skipped.</source>
        <translation>请求头 %1 的值包含换行符，已跳过该请求头。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="139"/>
        <source>The secret flag of header %1</source>
        <translation>请求头 %1 的机密标志</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="142"/>
        <source>The omitted flag of header %1</source>
        <translation>请求头 %1 的省略标志</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="146"/>
        <source>The value of secret header %1 was not saved; enter it again.</source>
        <translation>机密请求头 %1 的值未保存，请重新输入。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="157"/>
        <source>The body</source>
        <translation>请求体</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="160"/>
        <source>The initial Last-Event-ID</source>
        <translation>初始 Last-Event-ID</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="162"/>
        <source>The initial Last-Event-ID contains a line break or NUL; it was ignored.</source>
        <translation>初始 Last-Event-ID 包含换行符或 NUL，已忽略。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="168"/>
        <source>Ignore TLS certificate errors</source>
        <translation>忽略 TLS 证书错误</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="172"/>
        <source>HTTP/2 with prior knowledge</source>
        <translation>预先知晓的 HTTP/2</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="183"/>
        <source>The reconnect mode</source>
        <translation>重连模式</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="190"/>
        <source>The reconnect mode %1 is unknown; using monitor.</source>
        <translation>未知的重连模式 %1，改用 monitor（监视）模式。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="194"/>
        <source>The initial reconnect delay</source>
        <translation>初始重连延迟</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="198"/>
        <source>The maximum reconnect delay</source>
        <translation>最大重连延迟</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="200"/>
        <source>Jitter</source>
        <translation>“抖动”选项</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="203"/>
        <source>The maximum number of retries</source>
        <translation>最大重试次数</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="208"/>
        <source>The idle timeout</source>
        <translation>空闲超时</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="211"/>
        <source>The connect timeout</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="215"/>
        <source>The silence before Silent</source>
        <translation>判定为静默之前的时长</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="218"/>
        <source>The maximum event size</source>
        <translation>最大事件大小</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="221"/>
        <source>Auto-connect</source>
        <translation>“自动连接”选项</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="224"/>
        <source>The connection state</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="231"/>
        <source>The tab state</source>
        <translation>标签页状态</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="238"/>
        <source>The tab state is not a JSON object; it was reset.</source>
        <translation>标签页状态不是 JSON 对象，已重置。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="249"/>
        <source>alert rules</source>
        <translation>警报规则</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="258"/>
        <source>Alert rule %1: %2</source>
        <translation>警报规则 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="343"/>
        <source>cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="449"/>
        <source>The settings file %1 could not be read; defaults are used.</source>
        <translation>无法读取设置文件 %1；使用默认设置。</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="454"/>
        <source>The file ends early, after line %1: what followed it is lost.</source>
        <translation>文件在第 %1 行之后提前结束：其后的内容已丢失。</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="457"/>
        <source>The settings file is larger than %1 MiB; defaults are used. The original is kept unchanged as %2.</source>
        <translation>设置文件大于 %1 MiB；使用默认设置。原文件已原样保存为 %2。</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="467"/>
        <source>The settings schema version</source>
        <translation>设置架构版本</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="501"/>
        <source>Line %1 could not be read (%2); it was dropped.</source>
        <translation>无法读取第 %1 行（%2）；已舍弃。</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="502"/>
        <source>Line %1 (%2) could not be read (%3); it was dropped.</source>
        <translation>无法读取第 %1 行（%2）（%3）；已舍弃。</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="506"/>
        <source>%1 more lines could not be read.</source>
        <translation>另有 %1 行无法读取。</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="515"/>
        <source>The settings file %1 was damaged; what could be read was kept. A copy of the original could not be written.</source>
        <translation>设置文件 %1 已损坏；已保留可读取的内容。无法写入原文件的副本。</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="517"/>
        <source>The settings file was damaged; what could be read was kept. The original is kept unchanged as %1.</source>
        <translation>设置文件已损坏；已保留可读取的内容。原文件已原样保存为 %1。</translation>
    </message>
    <message>
        <source>The settings could not be read; defaults are used.</source>
        <translation type="vanished">无法读取设置，将使用默认值。</translation>
    </message>
    <message>
        <source>The settings file is damaged; defaults are used. A copy of it was kept as %1.</source>
        <translation type="vanished">设置文件已损坏，将使用默认值。已将其副本保留为 %1。</translation>
    </message>
    <message>
        <source>The settings file is damaged; defaults are used.</source>
        <translation type="vanished">设置文件已损坏，将使用默认值。</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="470"/>
        <source>The settings have no schema version; only what is recognised was read.</source>
        <translation>设置中没有架构版本，只读取了可识别的内容。</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="472"/>
        <source>The settings file contains nothing usable; defaults are used.</source>
        <translation>设置文件中没有可用的内容，将使用默认值。</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="475"/>
        <source>The settings schema version %1 is not valid; only what is recognised was read.</source>
        <translation>设置的架构版本 %1 无效，只读取了可识别的内容。</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="478"/>
        <source>The settings were written by a newer version (schema %1); only what this version knows was read, and saving will drop the rest.</source>
        <translation>这些设置由较新的版本写入（架构 %1）；只读取了本版本能识别的内容，保存时将丢弃其余部分。</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="481"/>
        <source>The “store secrets” choice</source>
        <translation>“保存机密”选项</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="483"/>
        <source>The “store secrets” choice %1 is not valid; secrets are not stored.</source>
        <translation>“保存机密信息”选项的值 %1 无效，将不保存机密信息。</translation>
    </message>
    <message>
        <location filename="../core/settingsstore.cpp" line="487"/>
        <source>The preferences were altered or damaged in the file; the values that could be read were kept: check them in Preferences.</source>
        <translation>文件中的首选项已被改动或损坏；已保留可读取的值，请在“首选项”中检查。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="397"/>
        <source>streams</source>
        <translation>事件流</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="406"/>
        <source>Stream %1 (“%2”) has the same identifier as another stream; a new one was assigned.</source>
        <translation>事件流 %1（“%2”）与另一个事件流的标识符相同，已分配新的标识符。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="423"/>
        <source>The window geometry</source>
        <translation>窗口位置和大小</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="425"/>
        <source>The window state</source>
        <translation>窗口状态</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="430"/>
        <source>Only the first %1 view states were read.</source>
        <translation>只读取了前 %1 个视图状态。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="435"/>
        <source>The state of view %1</source>
        <translation>视图 %1 的状态</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="268"/>
        <source>Showing notifications</source>
        <translation>“显示通知”选项</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="271"/>
        <source>Notifying in the system tray</source>
        <translation>“在系统托盘中通知”选项</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="273"/>
        <source>The notification duration</source>
        <translation>通知显示时长</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="276"/>
        <source>The number of notifications shown</source>
        <translation>同时显示的通知数</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="279"/>
        <source>Notifying on connection</source>
        <translation>“连接时通知”选项</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="281"/>
        <source>Notifying on a lost connection</source>
        <translation>“连接丢失时通知”选项</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="282"/>
        <source>Notifying on failure</source>
        <translation>“失败时通知”选项</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="285"/>
        <source>Notifying on server errors</source>
        <translation>“服务器错误时通知”选项</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="286"/>
        <source>Notifying on alert rules</source>
        <translation>“警报规则触发时通知”选项</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="443"/>
        <source>The language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="447"/>
        <source>The language %1 is not a language code; the system language is used.</source>
        <translation>语言 %1 不是语言代码，将使用系统语言。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="452"/>
        <source>The last export folder</source>
        <translation>上次导出的文件夹</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="454"/>
        <source>The default log capacity</source>
        <translation>默认日志容量</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="460"/>
        <source>Reconnecting on launch</source>
        <translation>启动时重新连接</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="294"/>
        <source>The list of open tabs</source>
        <translation>已打开标签页的列表</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="303"/>
        <source>The list of open tabs %1 is not valid; no tabs were restored.</source>
        <translation>打开的标签页列表 %1 无效，未恢复任何标签页。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="316"/>
        <source>Open tabs that referred to streams that were not loaded were dropped: %1.</source>
        <translation>已丢弃引用了未加载事件流的打开标签页：%1 个。</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="318"/>
        <source>The current tab</source>
        <translation>当前标签页</translation>
    </message>
    <message>
        <location filename="../core/settingsreader.cpp" line="320"/>
        <source>The current tab is not an open tab; the first tab is shown.</source>
        <translation>当前标签页不是已打开的标签页，将显示第一个标签页。</translation>
    </message>
</context>
<context>
    <name>sse::StreamSet</name>
    <message>
        <location filename="../core/streamset.cpp" line="95"/>
        <source>%1: unknown field “%2”</source>
        <translation>%1：未知字段“%2”</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="104"/>
        <source>“%1” must be a string</source>
        <translation>“%1”必须是字符串</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="106"/>
        <source>“%1” is longer than %2 characters</source>
        <translation>“%1”超过 %2 个字符</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="115"/>
        <source>“%1” and “%2” cannot both be given</source>
        <translation>不能同时给出“%1”和“%2”</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="121"/>
        <source>“%1” is not valid base64</source>
        <translation>“%1”不是有效的 base64</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="127"/>
        <source>“%1” is larger than %2 bytes</source>
        <translation>“%1”大于 %2 字节</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="138"/>
        <source>“%1” must be a whole number</source>
        <translation>“%1”必须是整数</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="140"/>
        <source>“%1” must be from %2 to %3</source>
        <translation>“%1”必须在 %2 到 %3 之间</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="150"/>
        <source>“%1” must be true or false</source>
        <translation>“%1”必须是 true 或 false</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="166"/>
        <source>the stream</source>
        <translation>该数据流</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="168"/>
        <source>“url” is missing</source>
        <translation>缺少“url”</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="173"/>
        <source>“url” %1 is not an http or https URL</source>
        <translation>“url” %1 不是 http 或 https URL</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="179"/>
        <source>“method” %1 is not an HTTP method</source>
        <translation>“method” %1 不是 HTTP 方法</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="184"/>
        <source>“headers” must be a list</source>
        <translation>“headers”必须是列表</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="187"/>
        <source>more than %1 headers</source>
        <translation>请求头超过 %1 个</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="190"/>
        <source>header %1 must be an object</source>
        <translation>请求头 %1 必须是对象</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="194"/>
        <source>header %1</source>
        <translation>请求头 %1</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="198"/>
        <source>header %1 has no valid “name”</source>
        <translation>请求头 %1 没有有效的“name”</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="201"/>
        <source>the value of header %1 contains a line break</source>
        <translation>请求头 %1 的值包含换行符</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="211"/>
        <source>“lastEventId” contains a line break</source>
        <translation>“lastEventId”包含换行符</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="228"/>
        <source>“reconnect” must be an object</source>
        <translation>“reconnect”必须是对象</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="237"/>
        <source>“mode” must be “monitor” or “spec-strict”</source>
        <translation>“mode”必须是“monitor”或“spec-strict”</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="268"/>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="285"/>
        <source>not a stream set: the file must hold a JSON object</source>
        <translation>不是数据流集：文件必须包含一个 JSON 对象</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="288"/>
        <source>not a stream set: “format” must be “%1”</source>
        <translation>不是数据流集：“format”必须是“%1”</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="291"/>
        <source>“version” must be a whole number from 1</source>
        <translation>“version”必须是不小于 1 的整数</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="293"/>
        <source>the file is version %1; this program reads version %2</source>
        <translation>文件版本为 %1；本程序读取版本 %2</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="297"/>
        <source>unknown field “%1”</source>
        <translation>未知字段“%1”</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="300"/>
        <source>“streams” must be a list</source>
        <translation>“streams”必须是列表</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="303"/>
        <source>more than %1 streams</source>
        <translation>数据流超过 %1 个</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="308"/>
        <source>stream %1 must be an object</source>
        <translation>数据流 %1 必须是对象</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="312"/>
        <source>stream %1: %2</source>
        <translation>数据流 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="323"/>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/streamset.cpp" line="327"/>
        <source>%1 is larger than %2 MiB</source>
        <translation>%1 大于 %2 MiB</translation>
    </message>
</context>
<context>
    <name>sse::Transcript</name>
    <message>
        <location filename="../core/transcript.cpp" line="99"/>
        <source>streaming</source>
        <translation>正在接收</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="100"/>
        <source>complete</source>
        <translation>完整</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="102"/>
        <source>incomplete: the stream ended before the response&apos;s terminator</source>
        <translation>不完整：流在响应的结束标记之前结束</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="103"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="114"/>
        <source>first token after %1 ms</source>
        <translation>首个 token 用时 %1 毫秒</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/transcript.cpp" line="115"/>
        <source>%n chunk(s)</source>
        <translation>
            <numerusform>%n 个数据块</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="117"/>
        <source>%1 chunks/s</source>
        <translation>每秒 %1 个数据块</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="118"/>
        <source>gap p50 %1 ms, p99 %2 ms</source>
        <translation>间隔 p50 %1 毫秒，p99 %2 毫秒</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="120"/>
        <source>longest stall %1 ms at character %2</source>
        <translation>最长停顿 %1 毫秒，位于第 %2 个字符处</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="123"/>
        <source>%1 s in all</source>
        <translation>共 %1 秒</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="129"/>
        <source>## Response %1 (%2, %3)</source>
        <translation>## 响应 %1（%2，%3）</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="134"/>
        <source>Model: %1, id: %2</source>
        <translation>模型：%1，ID：%2</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="138"/>
        <source>Thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="145"/>
        <source>Tool call</source>
        <translation>工具调用</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="151"/>
        <source>(cut: longer than %1 characters)</source>
        <translation>（已截断：超过 %1 个字符）</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="155"/>
        <source>Server error</source>
        <translation>服务器错误</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="159"/>
        <source>Stop reason: %1</source>
        <translation>停止原因：%1</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="166"/>
        <source>Usage: %1</source>
        <translation>用量：%1</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="168"/>
        <source>Timing: %1</source>
        <translation>时间：%1</translation>
    </message>
    <message>
        <location filename="../core/transcript.cpp" line="174"/>
        <source># Transcript of %1</source>
        <translation># %1 的转录</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/transcript.cpp" line="176"/>
        <source>(%n older response(s) not kept)</source>
        <translation>
            <numerusform>（%n 个较早的响应未保留）</numerusform>
        </translation>
    </message>
</context>
</TS>
