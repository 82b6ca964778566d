#include "shellwords.h"

#include "curlcommand.h"

#include <QRegularExpression>

namespace sse {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9');
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    out += QString::fromUcs4(&cp, 1).toUtf8();
}

void addOnce(QStringList &list, const QString &text)
{
    if (!list.contains(text))
        list.append(text);
}

/** Reports (once) a `$NAME`, `${NAME}` or `$(...)` at in[i] (which is '$'); the text itself
 *  is kept literally: we never run or expand anything. */
void noteDollar(const QByteArray &in, qsizetype i, QStringList &warnings)
{
    const qsizetype n = in.size();
    if (i + 1 >= n)
        return;
    const char c = in[i + 1];
    if (c == '(') {
        addOnce(warnings, CurlCommand::tr("A command substitution $(…) was not run; its text was "
                                          "kept as it is."));
        return;
    }
    QByteArray name;
    if (c == '{') {
        const qsizetype close = in.indexOf('}', i + 2);
        if (close < 0)
            return;
        name = in.mid(i + 2, close - i - 2);
    } else if (isNameStart(c)) {
        qsizetype j = i + 1;
        while (j < n && isNameChar(in[j]))
            ++j;
        name = in.mid(i + 1, j - i - 1);
    } else if ((c >= '0' && c <= '9') || c == '@' || c == '*' || c == '#' || c == '?') {
        name = QByteArray(1, c);
    } else {
        return;
    }
    addOnce(warnings, CurlCommand::tr("The shell variable $%1 is not expanded; replace it with its "
                                      "value.").arg(QString::fromUtf8(name)));
}

void noteBacktick(QStringList &warnings)
{
    addOnce(warnings, CurlCommand::tr("A command substitution `…` was not run; its text was kept "
                                      "as it is."));
}

void noteStop(QStringList &warnings, char c)
{
    addOnce(warnings, CurlCommand::tr("Everything from the unquoted “%1” on was ignored (a shell "
                                      "would treat it as another command or a redirection).")
                          .arg(QLatin1Char(c)));
}

/** bash, zsh and dash rules, as far as a pasted command uses them. */

QByteArray cmdPass(const QByteArray &in, QStringList &warnings)
{
    static const QRegularExpression envVar(QStringLiteral("%([A-Za-z_][A-Za-z0-9_]*)%"));
    static const QRegularExpression hexPair(QStringLiteral("^[0-9A-Fa-f]{2}$"));
    for (auto it = envVar.globalMatch(QString::fromUtf8(in)); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!hexPair.match(name).hasMatch()) // %E2%80 is percent-encoding, not a variable
            addOnce(warnings, CurlCommand::tr("The variable %%1% is not expanded; replace it "
                                              "with its value.").arg(name));
    }

    QByteArray out;
    out.reserve(in.size());
    const qsizetype n = in.size();
    bool quoted = false;
    qsizetype i = 0;
    while (i < n) {
        const char c = in[i];
        if (quoted) {
            if (c == '"')
                quoted = false;
            out += c;
            ++i;
        } else if (c == '^') {
            if (i + 1 >= n) {
                ++i;
            } else if (in[i + 1] == '\n') {
                // Continuation: the next line's first character is escaped, so "^\n\n" (how
                // DevTools writes a newline inside a string) yields one literal newline.
                i += 2;
                if (i < n) {
                    out += in[i];
                    ++i;
                }
            } else {
                out += in[i + 1];
                i += 2;
            }
        } else if (c == '"') {
            quoted = true;
            out += c;
            ++i;
        } else if (c == '&' || c == '|' || c == '<' || c == '>') {
            noteStop(warnings, c);
            break;
        } else {
            out += c == '\n' ? ' ' : c;
            ++i;
        }
    }
    return out;
}

/** The Microsoft C runtime's argv rules (what curl.exe sees after cmd.exe). */

} // namespace

// One loop over the bytes, a branch per quoting state, in the order of POSIX "2.2 Quoting":
// the states share the current word and its warnings, and are checked against the standard
// side by side more easily than spread over functions (hence longer than a screen).
ShellWords ShellWords::splitPosix(const QByteArray &in)
{
    ShellWords s;
    const qsizetype n = in.size();
    QByteArray cur;
    bool inWord = false;
    const auto endWord = [&] {
        if (inWord)
            s.words.append(cur);
        cur.clear();
        inWord = false;
    };
    const auto fail = [&](const QString &error) {
        s.ok = false;
        s.error = error;
        s.words.clear();
        return s;
    };

    qsizetype i = 0;
    while (i < n) {
        const char c = in[i];
        if (isBlank(c)) {
            // A newline that is not escaped ends a command in a shell; pasted commands are
            // often wrapped by a web page or chat, so it counts as a blank here.
            endWord();
            ++i;
        } else if (c == '#' && !inWord) {
            while (i < n && in[i] != '\n')
                ++i;
        } else if (c == '\\') {
            if (i + 1 < n && in[i + 1] != '\n') {
                cur += in[i + 1];
                inWord = true;
            }
            i += 2; // a backslash-newline is a continuation; a trailing backslash vanishes
        } else if (c == '\'') {
            const qsizetype close = in.indexOf('\'', i + 1);
            if (close < 0)
                return fail(CurlCommand::tr("A single quote (') is not closed."));
            cur += in.mid(i + 1, close - i - 1);
            inWord = true;
            i = close + 1;
        } else if (c == '$' && i + 1 < n && in[i + 1] == '\'') {
            // ANSI-C quoting, as Chrome's "Copy as cURL (bash)" writes strings with control
            // characters, quotes or '!'.
            i += 2;
            bool closed = false;
            char32_t highSurrogate = 0; // a pending \uD8xx, 0 = none
            while (i < n) {
                char ch = in[i];
                if (ch == '\'') {
                    closed = true;
                    ++i;
                    break;
                }
                if (ch != '\\' || i + 1 >= n) {
                    if (highSurrogate) {
                        appendUtf8(cur, 0xFFFD);
                        highSurrogate = 0;
                    }
                    cur += ch;
                    ++i;
                    continue;
                }
                const char e = in[i + 1];
                i += 2;
                if (e != 'u' && highSurrogate) {
                    appendUtf8(cur, 0xFFFD);
                    highSurrogate = 0;
                }
                switch (e) {
                case 'a': cur += '\a'; break;
                case 'b': cur += '\b'; break;
                case 'e': case 'E': cur += '\x1b'; break;
                case 'f': cur += '\f'; break;
                case 'n': cur += '\n'; break;
                case 'r': cur += '\r'; break;
                case 't': cur += '\t'; break;
                case 'v': cur += '\v'; break;
                case '\\': case '\'': case '"': case '?': cur += e; break;
                case 'c':
                    if (i < n) {
                        cur += char(in[i] & 0x1f);
                        ++i;
                    }
                    break;
                case 'x': {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i < n && hexDigitValue(in[i]) >= 0) {
                        value = value * 16 + hexDigitValue(in[i]);
                        ++digits;
                        ++i;
                    }
                    if (digits == 0)
                        cur += "\\x";
                    else
                        cur += char(value);
                    break;
                }
                case 'u': case 'U': {
                    const int maxDigits = e == 'u' ? 4 : 8;
                    char32_t value = 0;
                    int digits = 0;
                    while (digits < maxDigits && i < n && hexDigitValue(in[i]) >= 0) {
                        value = value * 16 + char32_t(hexDigitValue(in[i]));
                        ++digits;
                        ++i;
                    }
                    if (digits == 0) {
                        cur += '\\';
                        cur += e;
                        break;
                    }
                    // Old DevTools wrote characters outside the BMP as two \u escapes.
                    if (value >= 0xD800 && value <= 0xDBFF) {
                        if (highSurrogate)
                            appendUtf8(cur, 0xFFFD);
                        highSurrogate = value;
                        break;
                    }
                    if (value >= 0xDC00 && value <= 0xDFFF && highSurrogate) {
                        value = 0x10000 + ((highSurrogate - 0xD800) << 10) + (value - 0xDC00);
                        highSurrogate = 0;
                    } else if (highSurrogate) {
                        appendUtf8(cur, 0xFFFD);
                        highSurrogate = 0;
                    }
                    appendUtf8(cur, value);
                    break;
                }
                default:
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        int digits = 1;
                        while (digits < 3 && i < n && in[i] >= '0' && in[i] <= '7') {
                            value = value * 8 + (in[i] - '0');
                            ++digits;
                            ++i;
                        }
                        cur += char(value & 0xff);
                    } else {
                        cur += '\\';
                        cur += e;
                    }
                }
            }
            if (highSurrogate)
                appendUtf8(cur, 0xFFFD);
            if (!closed)
                return fail(CurlCommand::tr("A $'…' string is not closed."));
            inWord = true;
        } else if (c == '"' || (c == '$' && i + 1 < n && in[i + 1] == '"')) {
            i += c == '$' ? 2 : 1; // $"…" is a translatable string: the same as "…" here
            bool closed = false;
            while (i < n) {
                const char ch = in[i];
                if (ch == '"') {
                    closed = true;
                    ++i;
                    break;
                }
                if (ch == '\\' && i + 1 < n) {
                    const char e = in[i + 1];
                    if (e == '\n') {
                        i += 2;
                        continue;
                    }
                    if (e == '$' || e == '`' || e == '"' || e == '\\') {
                        cur += e;
                        i += 2;
                        continue;
                    }
                } else if (ch == '$') {
                    noteDollar(in, i, s.warnings);
                } else if (ch == '`') {
                    noteBacktick(s.warnings);
                }
                cur += ch;
                ++i;
            }
            if (!closed)
                return fail(CurlCommand::tr("A double quote (\") is not closed."));
            inWord = true;
        } else if (c == '|' || c == ';' || c == '&' || c == '<' || c == '>') {
            // `url?a=1&b=2` pasted without quotes: a shell would background the command at the
            // '&'; keeping it in the word is what the user meant.
            if (c == '&' && inWord && i + 1 < n && !isBlank(in[i + 1]) && in[i + 1] != '&') {
                addOnce(s.warnings, CurlCommand::tr("An unquoted “&” was kept as part of an "
                                                    "argument; a shell would have ended the "
                                                    "command there. Quote the URL."));
                cur += c;
                ++i;
                continue;
            }
            // `2>/dev/null`: the digits are a file descriptor, not an argument.
            if ((c == '<' || c == '>') && inWord && !cur.isEmpty()
                && std::all_of(cur.cbegin(), cur.cend(),
                               [](char d) { return d >= '0' && d <= '9'; })) {
                cur.clear();
                inWord = false;
            }
            noteStop(s.warnings, c);
            break;
        } else {
            if (c == '$')
                noteDollar(in, i, s.warnings);
            else if (c == '`')
                noteBacktick(s.warnings);
            cur += c;
            inWord = true;
            ++i;
        }
    }
    endWord();
    return s;
}

/** cmd.exe's own pass: ^ escapes and continuations outside its quotes, %VAR% noticed. */

ShellWords ShellWords::splitCmd(const QByteArray &in)
{
    ShellWords s;
    const QByteArray text = cmdPass(in, s.warnings);
    const qsizetype n = text.size();
    QByteArray cur;
    bool inWord = false;
    bool quoted = false;
    qsizetype i = 0;
    while (i < n) {
        char c = text[i];
        if (!quoted && isBlank(c)) {
            if (inWord)
                s.words.append(cur);
            cur.clear();
            inWord = false;
            ++i;
            continue;
        }
        inWord = true;
        if (c == '\\') {
            qsizetype j = i;
            while (j < n && text[j] == '\\')
                ++j;
            const qsizetype count = j - i;
            if (j < n && text[j] == '"') {
                cur += QByteArray(count / 2, '\\');
                if (count % 2) {
                    cur += '"';
                    i = j + 1;
                    continue;
                }
                i = j; // an even run: the quote is a delimiter, handled below
                c = '"';
            } else {
                cur += QByteArray(count, '\\');
                i = j;
                continue;
            }
        }
        if (c == '"') {
            if (quoted && i + 1 < n && text[i + 1] == '"') {
                cur += '"'; // "" inside quotes: a literal quote (MSVC 2008 and later)
                i += 2;
            } else {
                quoted = !quoted;
                ++i;
            }
            continue;
        }
        cur += c;
        ++i;
    }
    if (inWord)
        s.words.append(cur);
    // An unclosed quote just runs to the end of the line for the C runtime: not an error.
    return s;
}

} // namespace sse
