<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DiagnosticsView</name>
    <message numerus="yes">
        <location filename="../app/monitor/diagnosticsview.cpp" line="154"/>
        <source>Diagnostics (%n problem(s))</source>
        <translation>
            <numerusform>Diagnostics (%n problem)</numerusform>
            <numerusform>Diagnostics (%n problems)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../app/monitor/mainwindowfiles.cpp" line="117"/>
        <source>Exported %n stream(s).</source>
        <translation>
            <numerusform>Exported %n stream.</numerusform>
            <numerusform>Exported %n streams.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/mainwindowfiles.cpp" line="131"/>
        <source>Imported %n stream(s).</source>
        <translation>
            <numerusform>Imported %n stream.</numerusform>
            <numerusform>Imported %n streams.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/mainwindow.cpp" line="571"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/mainwindow.cpp" line="573"/>
        <source>Notifications: %n unread</source>
        <translation>
            <numerusform>Notifications: %n unread</numerusform>
            <numerusform>Notifications: %n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotificationHistoryDialog</name>
    <message numerus="yes">
        <location filename="../app/monitor/notificationcenter.cpp" line="105"/>
        <source>%1 (%n times)</source>
        <translation>
            <numerusform>%1 (%n time)</numerusform>
            <numerusform>%1 (%n times)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewModel</name>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="48"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="49"/>
        <source>%n reconnecting</source>
        <translation>
            <numerusform>%n reconnecting</numerusform>
            <numerusform>%n reconnecting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="50"/>
        <source>%n silent</source>
        <translation>
            <numerusform>%n silent</numerusform>
            <numerusform>%n silent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="51"/>
        <source>%n stopped</source>
        <translation>
            <numerusform>%n stopped</numerusform>
            <numerusform>%n stopped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="52"/>
        <source>%n connecting</source>
        <translation>
            <numerusform>%n connecting</numerusform>
            <numerusform>%n connecting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="53"/>
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/overviewmodel.cpp" line="56"/>
        <source>%n not connected</source>
        <translation>
            <numerusform>%n not connected</numerusform>
            <numerusform>%n not connected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineStrip</name>
    <message numerus="yes">
        <location filename="../app/monitor/timelinestrip.cpp" line="188"/>
        <source>%n event(s) in the minute from %1</source>
        <translation>
            <numerusform>%n event in the minute from %1</numerusform>
            <numerusform>%n events in the minute from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/monitor/timelinestrip.cpp" line="219"/>
        <source>Last hour: up %1 %, %n interruption(s)</source>
        <translation>
            <numerusform>Last hour: up %1 %, %n interruption</numerusform>
            <numerusform>Last hour: up %1 %, %n interruptions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sse::Diagnostics</name>
    <message numerus="yes">
        <location filename="../core/diagnosticchecks.cpp" line="182"/>
        <source>%n consecutive attempt(s) failed.</source>
        <translation>
            <numerusform>%n consecutive attempt failed.</numerusform>
            <numerusform>%n consecutive attempts failed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../core/diagnosticchecks.cpp" line="646"/>
        <source>%n response(s) failed; the latest, response %1, ended with: “%2”.</source>
        <translation>
            <numerusform>%n response failed; the latest, response %1, ended with: “%2”.</numerusform>
            <numerusform>%n responses failed; the latest, response %1, ended with: “%2”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../core/diagnosticchecks.cpp" line="657"/>
        <source>%n response(s) ended without their terminator (data: [DONE], message_stop, response.completed): what a client shows is not the whole answer.</source>
        <translation>
            <numerusform>%n response ended without its terminator (data: [DONE], message_stop, response.completed): what a client shows is not the whole answer.</numerusform>
            <numerusform>%n responses ended without their terminator (data: [DONE], message_stop, response.completed): what a client shows is not the whole answer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sse::LogIo</name>
    <message numerus="yes">
        <location filename="../core/logio.cpp" line="584"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sse::Transcript</name>
    <message numerus="yes">
        <location filename="../core/transcript.cpp" line="115"/>
        <source>%n chunk(s)</source>
        <translation>
            <numerusform>%n chunk</numerusform>
            <numerusform>%n chunks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../core/transcript.cpp" line="176"/>
        <source>(%n older response(s) not kept)</source>
        <translation>
            <numerusform>(%n older response not kept)</numerusform>
            <numerusform>(%n older responses not kept)</numerusform>
        </translation>
    </message>
</context>
</TS>
