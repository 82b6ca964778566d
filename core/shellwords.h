#pragma once

// The shell lexers of the curl importer (curlcommand.h): the words a POSIX shell (bash, as in
// browsers' "Copy as cURL (bash)") or cmd.exe ("Copy as cURL (cmd)") would pass to curl.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace sse {

/** What a shell would hand to curl, plus what was noticed on the way (a variable not
 *  expanded, a command substitution not run, everything after an unquoted `|` ignored).
 *  Nothing is ever expanded or run. */
struct ShellWords
{
    QList<QByteArray> words;  ///< UTF-8 bytes, quotes removed
    QStringList warnings;     ///< translated, one sentence each
    QString error;            ///< why the text could not be split (an unclosed quote)
    bool ok = true;

    /** POSIX shell quoting: '…', "…", $'…' (ANSI-C escapes), backslashes, comments; stops at
     *  an unquoted pipe, command separator or redirection. */
    static ShellWords splitPosix(const QByteArray &in);
    /** cmd.exe: ^ escapes and line continuations, then the C runtime's "…" and \\ rules. */
    static ShellWords splitCmd(const QByteArray &in);
};

} // namespace sse
