#pragma once

// Small helpers shared by the parts of sse::Diagnostics (diagnostics.cpp, diagnosticchecks.cpp,
// diagnosticsreport.cpp). Internal to them.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace sse::diagnostics {

/** Milliseconds as seconds with one decimal, as the findings and reports show them. */
inline QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1);
}

/** Header names compare case-insensitively. */
inline bool isNamed(const QByteArray &name, QByteArrayView wanted)
{
    return QByteArrayView(name).compare(wanted, Qt::CaseInsensitive) == 0;
}

} // namespace sse::diagnostics
