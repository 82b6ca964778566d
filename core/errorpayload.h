#pragma once

#include <QByteArrayView>
#include <QString>

namespace sse {

/** What an error payload says, in words: the message a server put in an `event: error`, an
 *  error object inside a stream, or the body of a failed response. */
struct ErrorPayload
{
    QString code;     ///< e.g. "rate_limited", "overloaded_error"; empty when none was given
    QString message;  ///< one line; empty when the payload holds no readable message
};

/** Reads the message out of the shapes servers use: `{"error": "..."}`,
 *  `{"error": {"message": ..., "type"/"code": ...}}`, `{"message": ..., "code": ...}`,
 *  `{"detail": "..."}` (FastAPI, RFC 9457) or a list of `{"msg": ...}` (FastAPI validation),
 *  `{"title": ...}`, a JSON string, the `<title>` of an HTML page, or plain text. Whitespace
 *  runs become one space and the message is cut at \a maxChars (with an ellipsis). */
ErrorPayload readErrorPayload(QByteArrayView payload, qsizetype maxChars = 300);

} // namespace sse
