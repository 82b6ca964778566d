<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DiagnosticsView</name>
    <message numerus="yes">
        <location filename="../app/monitor/diagnosticsview.cpp" line="149"/>
        <source>Diagnostics (%n problem(s))</source>
        <translation>
            <numerusform>Diagnostics (%n problem)</numerusform>
            <numerusform>Diagnostics (%n problems)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sse::Diagnostics</name>
    <message numerus="yes">
        <location filename="../core/diagnostics.cpp" line="608"/>
        <source>%n consecutive attempt(s) failed.</source>
        <translation>
            <numerusform>%n consecutive attempt failed.</numerusform>
            <numerusform>%n consecutive attempts failed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sse::LogIo</name>
    <message numerus="yes">
        <location filename="../core/logio.cpp" line="562"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
</TS>
