#include "outputwriter.h"

#include <unistd.h>

namespace ssecat {

OutputWriter::~OutputWriter()
{
    flush();
}

bool OutputWriter::openStandardOutput()
{
    m_buffer.reserve(InitialCapacity);
    return m_file.open(STDOUT_FILENO, QIODevice::WriteOnly | QIODevice::Unbuffered,
                       QFileDevice::DontCloseHandle);
}

bool OutputWriter::openFile(const QString &path)
{
    m_buffer.reserve(InitialCapacity);
    m_file.setFileName(path);
    return m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered);
}

bool OutputWriter::flush()
{
    if (m_buffer.isEmpty() || !m_file.isOpen())
        return true;
    const char *p = m_buffer.constData();
    qint64 left = m_buffer.size();
    bool ok = true;
    while (left > 0) {
        const qint64 n = m_file.write(p, left);
        if (n <= 0) {
            ok = false;
            break;
        }
        p += n;
        left -= n;
    }
    m_buffer.resize(0); // keeps the capacity
    return ok;
}

} // namespace ssecat
