#pragma once

// The `gzip` scenario's encoder (sse::ScenarioServer): zlib stays inside the testbed library.

#include <QByteArray>
#include <QByteArrayView>
#include <QLoggingCategory>

#include <zlib.h>

Q_DECLARE_LOGGING_CATEGORY(lcScenario)

namespace sse::testbed {

/** gzip (RFC 1952) output, flushed per call so each event can be decoded as soon as it arrives. */
class GzipEncoder
{
public:
    GzipEncoder()
    {
        if (deflateInit2(&m_stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                         Z_DEFAULT_STRATEGY) != Z_OK) {
            qCWarning(lcScenario) << "zlib failed to initialise; gzip output will be empty";
            m_valid = false;
        }
    }
    ~GzipEncoder()
    {
        if (m_valid)
            deflateEnd(&m_stream);
    }
    Q_DISABLE_COPY_MOVE(GzipEncoder)

    QByteArray encode(QByteArrayView bytes, bool finish)
    {
        QByteArray out;
        if (!m_valid)
            return out;
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data()));
        m_stream.avail_in = uInt(bytes.size());
        char buffer[16384];
        do {
            m_stream.next_out = reinterpret_cast<Bytef *>(buffer);
            m_stream.avail_out = sizeof buffer;
            deflate(&m_stream, finish ? Z_FINISH : Z_SYNC_FLUSH);
            out.append(buffer, qsizetype(sizeof buffer - m_stream.avail_out));
        } while (m_stream.avail_out == 0);
        return out;
    }

private:
    z_stream m_stream{};
    bool m_valid = true;
};

} // namespace sse::testbed
