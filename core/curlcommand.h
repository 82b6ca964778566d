#pragma once

#include "types.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace sse {

/** Turns a pasted curl command line into a StreamRequest ("Paste a curl command").
 *
 *  Pure text processing: nothing is executed, no file is read and no variable is expanded.
 *  Two shell dialects are understood, detected automatically unless one is forced:
 *  - Posix (bash, zsh, what "Copy as cURL (bash)" produces): '…', "…" with backslash escapes,
 *    $'…' ANSI-C quoting, backslash escapes and backslash-newline continuations, # comments.
 *  - WindowsCmd ("Copy as cURL (cmd)"): cmd.exe's ^ escapes and ^-newline continuations,
 *    then the Microsoft C runtime's argument splitting ("…", \" and "" inside quotes).
 *  Anything the request cannot carry (files, TLS options, proxies, shell variables ...) is
 *  reported as a warning; only a missing `curl` word, a missing or unusable URL, an invalid
 *  method or broken quoting make the parse fail.
 *
 *  The request is what curl would send, adapted to EventSource: a Last-Event-ID header becomes
 *  StreamRequest::lastEventId; Accept-Encoding and hop-by-hop headers are left out (the client
 *  negotiates them); -u, --oauth2-bearer, -b, -A, -e and URL credentials become headers
 *  (explicit -H headers of the same name win); -d implies POST and, as in curl, a
 *  Content-Type of application/x-www-form-urlencoded unless one is given. Secret headers are
 *  flagged with sse::isSecretHeaderName() (types.h). */
class CurlCommand
{
    Q_DECLARE_TR_FUNCTIONS(sse::CurlCommand)
public:
    enum class Dialect {
        Auto,       ///< WindowsCmd if a line ends with ^ or the command starts `curl ^"`
        Posix,
        WindowsCmd
    };

    struct Result
    {
        bool ok = false;
        StreamRequest request;      ///< valid when ok
        QStringList warnings;       ///< what was ignored or changed, one sentence each
        QString error;              ///< why the parse failed, when !ok
        Dialect dialect = Dialect::Posix; ///< the dialect the command was read in
    };

    /** Parses \a commandLine (one curl invocation, possibly spread over several lines). */
    static Result parse(const QString &commandLine, Dialect dialect = Dialect::Auto);

    /** Splits \a commandLine into the argument words a shell of \a dialect would pass to curl
     *  (UTF-8 bytes, quotes removed, nothing expanded). Stops at an unquoted pipe, command
     *  separator or redirection. Unescaped newlines count as blanks, since pasted commands are
     *  often wrapped. Returns an empty list and sets \a error on unterminated quoting. */
    static QList<QByteArray> splitArguments(const QString &commandLine, Dialect dialect,
                                            QString *error = nullptr);

    /** The dialect Auto resolves to for \a commandLine. */
    static Dialect detectDialect(const QString &commandLine);
};

} // namespace sse
