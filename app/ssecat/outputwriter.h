#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace ssecat {

/** Buffered output to standard output or a file. Formatters append to buffer(); the owner
 *  calls flush() at the end of each read batch (interactive use stays live) and at exit.
 *  The file is opened unbuffered: this buffer is the only one. */
class OutputWriter
{
    Q_DISABLE_COPY_MOVE(OutputWriter)
public:
    /** Initial capacity of the buffer. */
    static constexpr qsizetype InitialCapacity = 512 * 1024;

    OutputWriter() = default;
    ~OutputWriter();

    bool openStandardOutput();
    bool openFile(const QString &path);
    QString errorString() const { return m_file.errorString(); }

    QByteArray &buffer() { return m_buffer; }
    /** Writes the buffer out; false (and the buffer dropped) on a write error. */
    bool flush();

private:
    QFile m_file;
    QByteArray m_buffer;
};

} // namespace ssecat
