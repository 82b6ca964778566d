#include "curlcommand.h"

#include "shellwords.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <optional>

namespace sse {

namespace {

void addOnce(QStringList &list, const QString &text)
{
    if (!list.contains(text))
        list.append(text);
}

ShellWords split(const QString &commandLine, CurlCommand::Dialect dialect)
{
    QByteArray in = commandLine.toUtf8();
    in.replace("\r\n", "\n");
    return dialect == CurlCommand::Dialect::WindowsCmd ? ShellWords::splitCmd(in) : ShellWords::splitPosix(in);
}

// ---------------------------------------------------------------------------------------------
// curl options

enum class Opt {
    Url, Header, Request, Data, DataRaw, DataBinary, DataUrlEncode, Json, User, Cookie,
    UserAgent, Referer, OAuth2Bearer, Get, Head, Form, UrlQuery, Globoff, Next,
    Compressed, Insecure, HttpVersion, Http2PriorKnowledge, AuthScheme, Basic,
    Quiet,        // accepted silently: no effect on the request we build
    QuietValue,   // takes a value, silently ignored (output and progress options)
    Unsupported,  // flag that would change the request or connection: warned about
    UnsupportedValue
};

struct OptionSpec
{
    const char *longName;
    char shortName;
    Opt opt;
};

bool takesValue(Opt opt)
{
    switch (opt) {
    case Opt::Url: case Opt::Header: case Opt::Request: case Opt::Data: case Opt::DataRaw:
    case Opt::DataBinary: case Opt::DataUrlEncode: case Opt::Json: case Opt::User:
    case Opt::Cookie: case Opt::UserAgent: case Opt::Referer: case Opt::OAuth2Bearer:
    case Opt::Form: case Opt::UrlQuery: case Opt::QuietValue: case Opt::UnsupportedValue:
        return true;
    default:
        return false;
    }
}

constexpr OptionSpec Options[] = {
    {"url", 0, Opt::Url},
    {"header", 'H', Opt::Header},
    {"request", 'X', Opt::Request},
    {"data", 'd', Opt::Data},
    {"data-ascii", 0, Opt::Data},
    {"data-raw", 0, Opt::DataRaw},
    {"data-binary", 0, Opt::DataBinary},
    {"data-urlencode", 0, Opt::DataUrlEncode},
    {"json", 0, Opt::Json},
    {"user", 'u', Opt::User},
    {"cookie", 'b', Opt::Cookie},
    {"user-agent", 'A', Opt::UserAgent},
    {"referer", 'e', Opt::Referer},
    {"oauth2-bearer", 0, Opt::OAuth2Bearer},
    {"get", 'G', Opt::Get},
    {"head", 'I', Opt::Head},
    {"form", 'F', Opt::Form},
    {"form-string", 0, Opt::Form},
    {"url-query", 0, Opt::UrlQuery},
    {"globoff", 'g', Opt::Globoff},
    {"next", ':', Opt::Next},
    {"compressed", 0, Opt::Compressed},
    {"insecure", 'k', Opt::Insecure},
    {"http1.0", '0', Opt::HttpVersion},
    {"http1.1", 0, Opt::HttpVersion},
    {"http2", 0, Opt::HttpVersion},
    {"http2-prior-knowledge", 0, Opt::Http2PriorKnowledge},
    {"http3", 0, Opt::HttpVersion},
    {"http3-only", 0, Opt::HttpVersion},
    {"digest", 0, Opt::AuthScheme},
    {"ntlm", 0, Opt::AuthScheme},
    {"ntlm-wb", 0, Opt::AuthScheme},
    {"negotiate", 0, Opt::AuthScheme},
    {"anyauth", 0, Opt::AuthScheme},
    {"basic", 0, Opt::Basic},
    // No effect on what we send.
    {"no-buffer", 'N', Opt::Quiet},
    {"silent", 's', Opt::Quiet},
    {"show-error", 'S', Opt::Quiet},
    {"verbose", 'v', Opt::Quiet},
    {"include", 'i', Opt::Quiet},
    {"location", 'L', Opt::Quiet},
    {"fail", 'f', Opt::Quiet},
    {"fail-with-body", 0, Opt::Quiet},
    {"progress-bar", '#', Opt::Quiet},
    {"no-progress-meter", 0, Opt::Quiet},
    {"disable", 'q', Opt::Quiet},
    {"remote-name", 'O', Opt::Quiet},
    {"remote-header-name", 'J', Opt::Quiet},
    {"remote-time", 'R', Opt::Quiet},
    {"ipv4", '4', Opt::Quiet},
    {"ipv6", '6', Opt::Quiet},
    {"tcp-nodelay", 0, Opt::Quiet},
    {"tcp-fastopen", 0, Opt::Quiet},
    {"no-keepalive", 0, Opt::Quiet},
    {"no-sessionid", 0, Opt::Quiet},
    {"no-alpn", 0, Opt::Quiet},
    {"no-npn", 0, Opt::Quiet},
    {"path-as-is", 0, Opt::Quiet},
    {"raw", 0, Opt::Quiet},
    {"styled-output", 0, Opt::Quiet},
    {"trace-time", 0, Opt::Quiet},
    {"create-dirs", 0, Opt::Quiet},
    {"junk-session-cookies", 'j', Opt::Quiet},
    {"location-trusted", 0, Opt::Quiet},
    {"ssl-no-revoke", 0, Opt::Quiet},
    {"output", 'o', Opt::QuietValue},
    {"write-out", 'w', Opt::QuietValue},
    {"dump-header", 'D', Opt::QuietValue},
    {"stderr", 0, Opt::QuietValue},
    {"trace", 0, Opt::QuietValue},
    {"trace-ascii", 0, Opt::QuietValue},
    {"cookie-jar", 'c', Opt::QuietValue},
    {"connect-timeout", 0, Opt::QuietValue},
    {"retry", 0, Opt::QuietValue},
    {"retry-delay", 0, Opt::QuietValue},
    {"retry-max-time", 0, Opt::QuietValue},
    {"max-redirs", 0, Opt::QuietValue},
    {"keepalive-time", 0, Opt::QuietValue},
    {"expect100-timeout", 0, Opt::QuietValue},
    {"output-dir", 0, Opt::QuietValue},
    {"speed-limit", 'Y', Opt::QuietValue},
    {"speed-time", 'y', Opt::QuietValue},
    // Would change the request or the connection: warned about.
    {"proxytunnel", 'p', Opt::Unsupported},
    {"netrc", 'n', Opt::Unsupported},
    {"netrc-optional", 0, Opt::Unsupported},
    {"max-time", 'm', Opt::UnsupportedValue},
    {"proxy", 'x', Opt::UnsupportedValue},
    {"proxy-user", 'U', Opt::UnsupportedValue},
    {"proxy-header", 0, Opt::UnsupportedValue},
    {"noproxy", 0, Opt::UnsupportedValue},
    {"cert", 'E', Opt::UnsupportedValue},
    {"key", 0, Opt::UnsupportedValue},
    {"cert-type", 0, Opt::UnsupportedValue},
    {"key-type", 0, Opt::UnsupportedValue},
    {"pass", 0, Opt::UnsupportedValue},
    {"cacert", 0, Opt::UnsupportedValue},
    {"capath", 0, Opt::UnsupportedValue},
    {"pinnedpubkey", 0, Opt::UnsupportedValue},
    {"resolve", 0, Opt::UnsupportedValue},
    {"connect-to", 0, Opt::UnsupportedValue},
    {"interface", 0, Opt::UnsupportedValue},
    {"local-port", 0, Opt::UnsupportedValue},
    {"unix-socket", 0, Opt::UnsupportedValue},
    {"abstract-unix-socket", 0, Opt::UnsupportedValue},
    {"config", 'K', Opt::UnsupportedValue},
    {"upload-file", 'T', Opt::UnsupportedValue},
    {"range", 'r', Opt::UnsupportedValue},
    {"continue-at", 'C', Opt::UnsupportedValue},
    {"time-cond", 'z', Opt::UnsupportedValue},
    {"limit-rate", 0, Opt::UnsupportedValue},
    {"max-filesize", 0, Opt::UnsupportedValue},
    {"aws-sigv4", 0, Opt::UnsupportedValue},
    {"variable", 0, Opt::UnsupportedValue},
};

const OptionSpec *findLong(QByteArrayView name)
{
    for (const OptionSpec &spec : Options) {
        if (name == QByteArrayView(spec.longName))
            return &spec;
    }
    return nullptr;
}

const OptionSpec *findShort(char c)
{
    for (const OptionSpec &spec : Options) {
        if (spec.shortName == c)
            return &spec;
    }
    return nullptr;
}

QString str(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes);
}

/** --data-urlencode and --url-query syntax: content, =content, name=content, [name]@file. */
std::optional<QByteArray> urlEncodePiece(const QByteArray &arg)
{
    qsizetype sep = arg.indexOf('=');
    if (sep < 0)
        sep = arg.indexOf('@');
    if (sep >= 0 && arg[sep] == '@')
        return std::nullopt; // a file: not read
    const QByteArray name = sep > 0 ? arg.left(sep) : QByteArray();
    const QByteArray content = sep >= 0 ? arg.mid(sep + 1) : arg;
    const QByteArray encoded = content.toPercentEncoding();
    return name.isEmpty() ? encoded : name + '=' + encoded;
}

bool looksLikeUrl(const QByteArray &word)
{
    return word.contains("://") || word.contains('.') || word.contains('/') || word.contains(':')
        || word.startsWith("localhost");
}

/** Header names whose value the client manages; sending a copy breaks or confuses it. */
bool isManagedHeader(QByteArrayView name)
{
    static constexpr const char *Managed[] = {"content-length", "connection", "keep-alive",
                                              "proxy-connection", "transfer-encoding", "te",
                                              "upgrade"};
    for (const char *m : Managed) {
        if (name.compare(m, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

qsizetype indexOfHeader(const QList<Header> &headers, QByteArrayView name)
{
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (QByteArrayView(headers.at(i).name).compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

} // namespace

// ---------------------------------------------------------------------------------------------

CurlCommand::Dialect CurlCommand::detectDialect(const QString &commandLine)
{
    static const QRegularExpression caretContinuation(QStringLiteral("\\^\\r?\\n"));
    static const QRegularExpression caretQuoted(
        QStringLiteral("^\\s*curl(\\.exe)?\\s+\\^\""), QRegularExpression::CaseInsensitiveOption);
    if (caretContinuation.match(commandLine).hasMatch()
        || caretQuoted.match(commandLine).hasMatch())
        return Dialect::WindowsCmd;
    return Dialect::Posix;
}

QList<QByteArray> CurlCommand::splitArguments(const QString &commandLine, Dialect dialect,
                                              QString *error)
{
    if (dialect == Dialect::Auto)
        dialect = detectDialect(commandLine);
    ShellWords s = split(commandLine, dialect);
    if (error)
        *error = s.error;
    return s.words;
}

namespace {


/** What curl's options asked for, collected before the request is built from it. */
struct Collected
{
    struct UrlArg
    {
        QByteArray text;
        bool fromOption; // --url, as opposed to a bare argument
    };
    QList<UrlArg> urls;
    QList<QByteArray> headerArgs;
    QList<QByteArray> urlQueries;
    QList<QByteArray> cookies;
    QByteArray explicitMethod;
    std::optional<QByteArray> userPass;
    std::optional<QByteArray> bearer;
    QByteArray userAgent;
    QByteArray referer;
    QByteArray body;
    bool haveData = false;
    bool json = false;
    bool get = false;
    bool head = false;
    bool globoff = false;
    bool http2PriorKnowledge = false; // the last HTTP version option wins, as in curl
    bool otherAuthScheme = false;
    QStringList &warnings;

    explicit Collected(QStringList &w) : warnings(w) { }

    void warn(const QString &text) { addOnce(warnings, text); }

    void fileNotRead(const QString &option)
    {
        warn(CurlCommand::tr("%1 reads a file; SSE Monitor does not read files from a pasted "
                             "command, so that part was left out.").arg(option));
    }

    /** curl joins data pieces with '&' but appends --json pieces as they are. A piece from a
     *  file that is not read counts as empty. */
    void appendData(const QByteArray &piece, bool jsonPiece)
    {
        if (haveData && !jsonPiece)
            body += '&';
        body += piece;
        haveData = true;
        json = json || jsonPiece;
    }

    void apply(const OptionSpec &spec, const QByteArray &value, const QString &shown);
    void readArguments(const QList<QByteArray> &words);
};

// One case per kind of curl option, in the order of the option table above, as curl's own
// getparameter() does: a switch reads as that table (hence longer than a screen).
void Collected::apply(const OptionSpec &spec, const QByteArray &value, const QString &shown)
{
    switch (spec.opt) {
    case Opt::Url:
        urls.append({value, true});
        break;
    case Opt::Header:
        headerArgs.append(value);
        break;
    case Opt::Request:
        explicitMethod = value.trimmed();
        break;
    case Opt::Data:
    case Opt::DataBinary:
    case Opt::Json:
        if (value.startsWith('@')) {
            fileNotRead(shown);
            appendData(QByteArray(), spec.opt == Opt::Json);
        } else {
            appendData(value, spec.opt == Opt::Json);
        }
        break;
    case Opt::DataRaw:
        appendData(value, false);
        break;
    case Opt::DataUrlEncode:
        if (const auto piece = urlEncodePiece(value)) {
            appendData(*piece, false);
        } else {
            fileNotRead(shown);
            appendData(QByteArray(), false);
        }
        break;
    case Opt::UrlQuery:
        if (value.startsWith('+'))
            urlQueries.append(value.mid(1));
        else if (const auto piece = urlEncodePiece(value))
            urlQueries.append(*piece);
        else
            fileNotRead(shown);
        break;
    case Opt::User:
        userPass = value;
        break;
    case Opt::OAuth2Bearer:
        bearer = value;
        break;
    case Opt::Cookie:
        if (value.contains('='))
            cookies.append(value.trimmed());
        else
            warn(CurlCommand::tr("%1 %2 names a cookie file, which is not "
                                 "read.").arg(shown, str(value)));
        break;
    case Opt::UserAgent:
        userAgent = value;
        break;
    case Opt::Referer:
        referer = value.endsWith(";auto") ? value.chopped(5) : value;
        break;
    case Opt::Get:
        get = true;
        break;
    case Opt::Head:
        head = true;
        break;
    case Opt::Globoff:
        globoff = true;
        break;
    case Opt::Form:
        warn(CurlCommand::tr("Multipart form data (%1) is not supported; the form was left out.")
                 .arg(shown));
        break;
    case Opt::Compressed:
        warn(CurlCommand::tr("--compressed is not needed: SSE Monitor negotiates compression "
                             "itself."));
        break;
    case Opt::Insecure:
        warn(CurlCommand::tr("%1 (skip certificate verification) is not applied: certificates are "
                             "verified unless you tick “Ignore TLS certificate errors” and "
                             "accept its warning.").arg(shown));
        break;
    case Opt::HttpVersion:
        http2PriorKnowledge = false;
        warn(CurlCommand::tr("%1 is ignored: SSE Monitor chooses the HTTP version "
                             "itself.").arg(shown));
        break;
    case Opt::Http2PriorKnowledge:
        http2PriorKnowledge = true;
        break;
    case Opt::AuthScheme:
        otherAuthScheme = true;
        warn(CurlCommand::tr("%1 authentication is not supported; no credentials from -u are sent.")
                 .arg(shown));
        break;
    case Opt::Basic:
        otherAuthScheme = false;
        break;
    case Opt::Unsupported:
    case Opt::UnsupportedValue:
        warn(CurlCommand::tr("%1 is not supported and was ignored.").arg(shown));
        break;
    case Opt::Next:
    case Opt::Quiet:
    case Opt::QuietValue:
        break;
    }
}

/** curl's command-line syntax: --long, --long=value (an SSE Monitor extension), -abc
 *  clusters whose last option may take the rest of the word or the next word, `--`.
 *  One loop over the words with the cluster's state in it (a little over a screen). */
void Collected::readArguments(const QList<QByteArray> &words)
{
    bool endOfOptions = false;
    const auto stopAt = [this](const QString &shown) {
        warn(CurlCommand::tr("Only the first request is used; everything from %1 on was ignored.")
                 .arg(shown));
    };
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QByteArray &arg = words.at(i);
        if (endOfOptions || !arg.startsWith('-') || arg.size() == 1) {
            // "\ " left by a continuation whose newline was lost (trailing blanks after the
            // backslash, or a single-line field flattening the paste) is no argument.
            if (!arg.trimmed().isEmpty())
                urls.append({arg, false});
            continue;
        }
        if (arg == "--") {
            endOfOptions = true;
            continue;
        }
        if (arg.startsWith("--")) {
            QByteArray name = arg.mid(2);
            std::optional<QByteArray> inlineValue;
            const OptionSpec *spec = findLong(name);
            if (!spec) {
                const qsizetype eq = name.indexOf('=');
                if (eq > 0 && (spec = findLong(name.left(eq)))) {
                    inlineValue = name.mid(eq + 1);
                    name.truncate(eq);
                }
            }
            const QString shown = QStringLiteral("--") + str(name);
            if (!spec) {
                // --no-buffer is an option of its own; --no-X negates a boolean X otherwise.
                const OptionSpec *negated =
                    name.startsWith("no-") ? findLong(name.mid(3)) : nullptr;
                if (!negated || takesValue(negated->opt))
                    warn(CurlCommand::tr("Unknown option %1 was ignored.").arg(shown));
                continue;
            }
            if (spec->opt == Opt::Next) {
                stopAt(shown);
                return;
            }
            QByteArray value;
            if (takesValue(spec->opt)) {
                if (inlineValue) {
                    value = *inlineValue;
                } else if (i + 1 < words.size()) {
                    value = words.at(++i);
                } else {
                    warn(CurlCommand::tr("%1 needs a value; it was ignored.").arg(shown));
                    continue;
                }
            } else if (inlineValue) {
                warn(CurlCommand::tr("%1 takes no value; “%2” was "
                                     "ignored.").arg(shown, str(*inlineValue)));
            }
            apply(*spec, value, shown);
            continue;
        }
        // A cluster of short options: -sN, -sSH 'X: y', -H'X: y', -XPOST.
        for (qsizetype j = 1; j < arg.size(); ++j) {
            const char c = arg.at(j);
            const OptionSpec *spec = findShort(c);
            const QString shown = QStringLiteral("-") + QLatin1Char(c);
            if (!spec) {
                warn(CurlCommand::tr("Unknown option %1 was ignored.").arg(shown));
                continue;
            }
            if (spec->opt == Opt::Next) {
                stopAt(shown);
                return;
            }
            if (!takesValue(spec->opt)) {
                apply(*spec, {}, shown);
                continue;
            }
            QByteArray value = arg.mid(j + 1);
            if (value.isEmpty()) {
                if (i + 1 >= words.size()) {
                    warn(CurlCommand::tr("%1 needs a value; it was ignored.").arg(shown));
                    break;
                }
                value = words.at(++i);
            }
            apply(*spec, value, shown);
            break;
        }
    }
}

/** The URL to monitor, with -G data and --url-query appended and any user:password taken
 *  out into \a userInfo; nullopt and \a error when there is none usable. */
std::optional<QUrl> resolveUrl(Collected &c, QByteArray *userInfo, QString *error)
{
    if (c.urls.isEmpty()) {
        *error = CurlCommand::tr("The command has no URL.");
        return std::nullopt;
    }
    // An unknown option's value lands among the URLs: prefer what looks like one.
    qsizetype chosen = 0;
    for (qsizetype i = 0; i < c.urls.size(); ++i) {
        if (c.urls.at(i).fromOption || looksLikeUrl(c.urls.at(i).text)) {
            chosen = i;
            break;
        }
    }
    for (qsizetype i = 0; i < c.urls.size(); ++i) {
        if (i != chosen)
            c.warn(CurlCommand::tr("Only one URL is used; “%1” was "
                                   "ignored.").arg(str(c.urls.at(i).text)));
    }
    const QByteArray given = c.urls.at(chosen).text;
    QByteArray text = given.trimmed();
    if (!c.globoff) {
        // curl's globbing: \[ \] \{ \} stand for the literal characters.
        for (const char *esc : {"\\[", "\\]", "\\{", "\\}"})
            text.replace(esc, esc + 1);
    }
    if (!text.contains("://")) {
        text.prepend("http://");
        c.warn(CurlCommand::tr("The URL has no scheme; http:// was assumed, as curl does."));
    }
    QUrl url(str(text), QUrl::TolerantMode);
    const QString scheme = url.scheme().toLower();
    if (url.isValid() && scheme != u"http" && scheme != u"https") {
        *error = CurlCommand::tr("Only http and https URLs can be monitored, not "
                                 "“%1”.").arg(url.scheme());
        return std::nullopt;
    }
    if (!url.isValid() || url.host().isEmpty()) {
        *error = CurlCommand::tr("“%1” is not a valid URL.").arg(str(given));
        return std::nullopt;
    }
    url.setScheme(scheme);
    url = url.adjusted(QUrl::RemoveFragment); // curl never sends the fragment

    if (!url.userName().isEmpty() || !url.password().isEmpty()) {
        *userInfo = url.userName(QUrl::FullyDecoded).toUtf8() + ':'
            + url.password(QUrl::FullyDecoded).toUtf8();
        url.setUserInfo(QString());
    }

    // -G moves the data into the query string.
    if (c.get && c.haveData && !c.body.isEmpty())
        c.urlQueries.prepend(c.body);
    if (!c.urlQueries.isEmpty()) {
        QByteArray query = url.query(QUrl::FullyEncoded).toUtf8();
        for (const QByteArray &q : std::as_const(c.urlQueries)) {
            if (q.isEmpty())
                continue;
            if (!query.isEmpty())
                query += '&';
            query += q;
        }
        url.setQuery(str(query), QUrl::TolerantMode);
    }
    return url;
}

/** The -H headers as the client should send them. A Last-Event-ID header goes to
 *  \a lastEventId instead. One loop, a check per way curl reads a -H argument, each with the
 *  warning it gives, in curl's order (a little over a screen). */
QList<Header> headerArguments(Collected &c, const QUrl &url, std::optional<QByteArray> *lastEventId)
{
    QList<Header> headers;
    QList<QByteArray> managed;
    for (const QByteArray &raw : std::as_const(c.headerArgs)) {
        if (raw.startsWith('@')) {
            c.fileNotRead(QStringLiteral("-H @…"));
            continue;
        }
        const qsizetype colon = raw.indexOf(':');
        QByteArray name;
        QByteArray value;
        if (colon < 0) {
            const QByteArray trimmed = raw.trimmed();
            if (!trimmed.endsWith(';') || !isHttpToken(trimmed.chopped(1))) {
                c.warn(CurlCommand::tr("“%1” is not a header (Name: value); it was "
                                       "ignored.").arg(str(raw)));
                continue;
            }
            name = trimmed.chopped(1); // "Name;" sends the header with an empty value
        } else {
            name = raw.left(colon).trimmed();
            value = raw.mid(colon + 1).trimmed();
            if (name.isEmpty()) {
                c.warn(CurlCommand::tr("The HTTP/2 pseudo-header “%1” was "
                                       "ignored.").arg(str(raw.trimmed())));
                continue;
            }
            if (value.isEmpty()) {
                c.warn(CurlCommand::tr("“%1:” (remove a default header) has no effect here; it "
                                       "was ignored.")
                           .arg(str(name)));
                continue;
            }
        }
        if (!isHttpToken(name)) {
            c.warn(CurlCommand::tr("“%1” is not a valid header name; the header was "
                                   "ignored.").arg(str(name)));
            continue;
        }
        if (hasLineBreakOrNul(value)) {
            c.warn(CurlCommand::tr("The value of header %1 contains a line break; the header was "
                                   "ignored.")
                       .arg(str(name)));
            continue;
        }
        if (name.compare("last-event-id", Qt::CaseInsensitive) == 0) {
            *lastEventId = value;
            continue;
        }
        if (name.compare("accept-encoding", Qt::CaseInsensitive) == 0) {
            c.warn(CurlCommand::tr("The Accept-Encoding header was left out: SSE Monitor "
                                   "negotiates compression itself, and a copied value would "
                                   "turn decompression off."));
            continue;
        }
        if (isManagedHeader(name)) {
            if (!managed.contains(name))
                managed.append(name);
            continue;
        }
        if (name.compare("host", Qt::CaseInsensitive) == 0) {
            QString authority = url.host(QUrl::FullyEncoded);
            if (url.port() >= 0)
                authority += u':' + QString::number(url.port());
            if (str(value).compare(authority, Qt::CaseInsensitive) == 0)
                continue; // the same as the URL's: the client sends it anyway
            c.warn(CurlCommand::tr("The Host header (%1) differs from the URL's host; it is sent "
                                   "as given.")
                       .arg(str(value)));
        }
        if (name.compare("accept", Qt::CaseInsensitive) == 0
            && !value.contains("text/event-stream") && !value.contains("*/*")) {
            // EventSource applies the request's headers after its own Accept.
            c.warn(CurlCommand::tr("The Accept header “%1” replaces text/event-stream; the server "
                                   "may not send a stream.").arg(str(value)));
        }
        const qsizetype existing = indexOfHeader(headers, name);
        if (existing >= 0) {
            if (name.compare("cookie", Qt::CaseInsensitive) == 0) {
                headers[existing].value += "; " + value;
                continue;
            }
            c.warn(CurlCommand::tr("Header %1 was given more than once; only the last value is "
                                   "sent.")
                       .arg(str(name)));
            headers.removeAt(existing);
        }
        headers.append(Header{name, value, isSecretHeaderName(name)});
    }
    if (!managed.isEmpty()) {
        QStringList names;
        for (const QByteArray &n : std::as_const(managed))
            names.append(str(n));
        c.warn(CurlCommand::tr("Headers the client manages itself were left out: %1.")
                   .arg(names.join(QStringLiteral(", "))));
    }
    return headers;
}

/** Adds the headers other options imply (-u, --oauth2-bearer, URL credentials, -b, -A, -e,
 *  -d, --json); as in curl, an explicit -H of the same name wins. */
void addOptionHeaders(Collected &c, const QByteArray &urlUserInfo, QList<Header> &headers)
{
    const auto add = [&headers](const QByteArray &name, const QByteArray &value) {
        headers.append(Header{name, value, isSecretHeaderName(name)});
    };
    const bool haveAuthorization = indexOfHeader(headers, "Authorization") >= 0;
    if (c.userPass && !c.otherAuthScheme) {
        if (haveAuthorization) {
            c.warn(CurlCommand::tr("-u was ignored: the command also sets an Authorization "
                                   "header."));
        } else {
            QByteArray userPass = *c.userPass;
            if (!userPass.contains(':')) {
                c.warn(CurlCommand::tr("-u gives no password (curl would ask for one); an empty "
                                       "password is used."));
                userPass += ':';
            }
            add(QByteArrayLiteral("Authorization"), "Basic " + userPass.toBase64());
        }
    } else if (c.bearer && !haveAuthorization) {
        add(QByteArrayLiteral("Authorization"), "Bearer " + *c.bearer);
    } else if (!urlUserInfo.isEmpty() && !haveAuthorization && !c.otherAuthScheme) {
        // Also keeps the password out of the URL, which views show and settings store.
        add(QByteArrayLiteral("Authorization"), "Basic " + urlUserInfo.toBase64());
        c.warn(CurlCommand::tr("The user name and password in the URL were moved into an "
                               "Authorization header."));
    }
    if (!c.cookies.isEmpty()) {
        const QByteArray joined = c.cookies.join("; ");
        const qsizetype existing = indexOfHeader(headers, "Cookie");
        if (existing >= 0)
            headers[existing].value += "; " + joined;
        else
            add(QByteArrayLiteral("Cookie"), joined);
    }
    if (!c.userAgent.isEmpty() && indexOfHeader(headers, "User-Agent") < 0)
        add(QByteArrayLiteral("User-Agent"), c.userAgent);
    if (!c.referer.isEmpty() && indexOfHeader(headers, "Referer") < 0)
        add(QByteArrayLiteral("Referer"), c.referer);

    if (c.haveData && !c.get && indexOfHeader(headers, "Content-Type") < 0) {
        add(QByteArrayLiteral("Content-Type"),
            c.json ? QByteArrayLiteral("application/json")
                   : QByteArrayLiteral("application/x-www-form-urlencoded"));
    }
    if (c.json && indexOfHeader(headers, "Accept") < 0) {
        c.warn(CurlCommand::tr("--json also asks for “Accept: application/json”; SSE Monitor "
                               "sends “Accept: text/event-stream” instead."));
    }
}

/** The -H headers as the client should send them, then those other options imply.
 *  A Last-Event-ID header goes to \a lastEventId instead. */
QList<Header> buildHeaders(Collected &c, const QUrl &url, const QByteArray &urlUserInfo,
                           std::optional<QByteArray> *lastEventId)
{
    QList<Header> headers = headerArguments(c, url, lastEventId);
    addOptionHeaders(c, urlUserInfo, headers);
    return headers;
}

} // namespace

CurlCommand::Result CurlCommand::parse(const QString &commandLine, Dialect dialect)
{
    Result r;
    r.dialect = dialect == Dialect::Auto ? detectDialect(commandLine) : dialect;
    const auto fail = [&r](const QString &error) {
        r.ok = false;
        r.error = error;
        r.request = StreamRequest();
        return r;
    };

    const ShellWords s = split(commandLine, r.dialect);
    r.warnings = s.warnings;
    if (!s.ok)
        return fail(s.error);
    QList<QByteArray> words = s.words;
    // "$ curl …" copied together with a documentation page's prompt.
    if (words.size() > 1 && words.first() == "$")
        words.removeFirst();
    if (words.isEmpty())
        return fail(tr("The command is empty."));
    QByteArray program = words.first();
    program = program.mid(qMax(program.lastIndexOf('/'), program.lastIndexOf('\\')) + 1).toLower();
    if (program != "curl" && program != "curl.exe")
        return fail(tr("This is not a curl command: it must start with “curl”."));

    Collected c(r.warnings);
    c.readArguments(words);

    QByteArray urlUserInfo;
    QString error;
    const std::optional<QUrl> url = resolveUrl(c, &urlUserInfo, &error);
    if (!url)
        return fail(error);
    std::optional<QByteArray> lastEventId;
    const QList<Header> headers = buildHeaders(c, *url, urlUserInfo, &lastEventId);

    const bool bodySent = c.haveData && !c.get;
    QByteArray method = c.head ? QByteArrayLiteral("HEAD")
        : bodySent             ? QByteArrayLiteral("POST")
                               : QByteArrayLiteral("GET");
    if (!c.explicitMethod.isEmpty())
        method = c.explicitMethod;
    if (!isHttpToken(method))
        return fail(tr("“%1” is not a valid HTTP method.").arg(str(method)));
    if (method == "HEAD")
        r.warnings.append(tr("A HEAD request receives no body, so no events will arrive."));

    // Prior knowledge is for cleartext; over TLS, HTTP/2 is negotiated by ALPN anyway.
    if (c.http2PriorKnowledge && url->scheme() == u"https")
        r.warnings.append(tr("--http2-prior-knowledge has no effect on an https URL: HTTP/2 is "
                             "negotiated during the TLS handshake."));

    r.request.url = *url;
    r.request.method = method;
    r.request.http2PriorKnowledge = c.http2PriorKnowledge && url->scheme() == u"http";
    r.request.headers = headers;
    if (bodySent)
        r.request.body = c.body;
    if (lastEventId)
        r.request.lastEventId = *lastEventId;
    r.ok = true;
    return r;
}

} // namespace sse
