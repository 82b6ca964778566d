#pragma once

#include "streamconfig.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace sse {

/** A stream set: stream definitions in a versioned JSON file, to share with a team, keep in a
 *  repository, import into the monitor or watch with `ssecat --streams FILE`.
 *
 *      {"format": "sse-monitor-streams", "version": 1,
 *       "streams": [{"name": "...", "url": "https://...", "method": "GET",
 *                    "headers": [{"name": "...", "value": "...", "secret": false}],
 *                    "body": "", "lastEventId": "", "autoConnect": false,
 *                    "ignoreTlsErrors": false, "http2PriorKnowledge": false,
 *                    "idleTimeoutMs": 0,
 *                    "connectTimeoutMs": 30000, "maxEventBytes": 16777216,
 *                    "reconnect": {"mode": "monitor", "initialDelayMs": 3000,
 *                                  "maxDelayMs": 60000, "jitter": true, "maxRetries": -1}}]}
 *
 *  Only "url" is required; every other field has the default shown. Values that are not
 *  UTF-8 text use "bodyBase64" / "valueBase64" instead. Secret header values
 *  (Header::isSecret()) and URL passwords are left out unless asked for: such a header is
 *  written as {"name": ..., "secret": true} without a value.
 *
 *  Reading is all or nothing: the first problem (syntax, unknown field, wrong type, value out
 *  of range) refuses the whole file with its line and the reason. */
class StreamSet
{
    Q_DECLARE_TR_FUNCTIONS(sse::StreamSet)
public:
    static constexpr int FormatVersion = 1;
    static constexpr qint64 MaxFileBytes = 16 * 1024 * 1024;
    static constexpr int MaxStreams = 1000;

    struct Entry
    {
        StreamConfig config;
        QList<QByteArray> missingSecrets; ///< secret headers written without their value
    };

    struct ReadResult
    {
        QList<Entry> streams;
        int errorLine = 0;                ///< 1-based; 0 when the file itself was unreadable
        QString error;                    ///< empty on success
        bool ok() const { return error.isEmpty(); }
        /** "line 12: reason" (or just the reason), for messages. */
        QString errorText() const;
    };

    static ReadResult parse(const QByteArray &json);
    static ReadResult readFile(const QString &fileName);

    static QByteArray serialize(const QList<StreamConfig> &streams, bool includeSecrets);
    /** Atomic; false with \a error set when it could not be written. */
    static bool writeFile(const QString &fileName, const QList<StreamConfig> &streams,
                          bool includeSecrets, QString *error);
    /** Whether any of \a streams has a secret that is left out without includeSecrets. */
    static bool hasSecrets(const QList<StreamConfig> &streams);
};

/** The same stream for the user: same URL, method, headers and body. */
bool isSameStream(const StreamRequest &a, const StreamRequest &b);

} // namespace sse
