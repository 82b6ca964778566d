// Tests for sse::CurlCommand: real "Copy as cURL" output of Chrome and Firefox for bash and
// cmd, API documentation one-liners, the shell quoting rules they rely on, and errors.

#include "curlcommand.h"

#include <QRandomGenerator>
#include <QTest>

using sse::CurlCommand;

namespace {

QString u8(const char *text)
{
    return QString::fromUtf8(text);
}

/** "Name: value", prefixed with '!' when the header is secret. */
QStringList describe(const QList<sse::Header> &headers)
{
    QStringList out;
    for (const sse::Header &h : headers) {
        out.append((h.secret ? QStringLiteral("!") : QString()) + QString::fromUtf8(h.name)
                   + QStringLiteral(": ") + QString::fromUtf8(h.value));
    }
    return out;
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out.append(u8(i));
    return out;
}

constexpr int Auto = int(CurlCommand::Dialect::Auto);
constexpr int Posix = int(CurlCommand::Dialect::Posix);
constexpr int Cmd = int(CurlCommand::Dialect::WindowsCmd);

} // namespace

class tst_CurlCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void http2PriorKnowledge_data();
    void http2PriorKnowledge();
    void errors_data();
    void errors();
    void splitArguments_data();
    void splitArguments();
    void detectDialect_data();
    void detectDialect();
    void secretHeaderNames_data();
    void secretHeaderNames();
    void garbageNeverCrashes();

private:
    /** One successful parse: the request expected, and substrings of the expected warnings
     *  (exactly as many warnings as substrings). */
    void row(const char *name, const QString &command, const QString &url,
             const QByteArray &method, const QStringList &headers,
             const QByteArray &body = {}, const QStringList &warnings = {},
             const QByteArray &lastEventId = {}, int dialect = Auto)
    {
        QTest::newRow(name) << command << dialect << url << method << headers << body
                            << lastEventId << warnings;
    }
};

void tst_CurlCommand::parse_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QStringList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("lastEventId");
    QTest::addColumn<QStringList>("warnings");

    const QString api = QStringLiteral("https://api.example.com/v1/chat/completions");
    const QString s = QStringLiteral("https://e.com/s");

    // --- Real-world commands ---------------------------------------------------------------
    row("openai-style one-liner",
        u8(R"(curl -N https://api.example.com/v1/chat/completions -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"stream":true}')"),
        api, "POST", list({"!Authorization: Bearer $KEY", "Content-Type: application/json"}),
        R"({"stream":true})", list({"$KEY"}));

    row("chrome bash GET with cookies and Last-Event-ID",
        u8("curl 'https://stream.example.com/events?topic=prices' \\\n"
           "  -H 'accept: text/event-stream' \\\n"
           "  -H 'accept-language: en-US,en;q=0.9' \\\n"
           "  -H 'cache-control: no-cache' \\\n"
           "  -b 'session=abc123; theme=dark' \\\n"
           "  -H 'last-event-id: 42' \\\n"
           "  -H 'referer: https://app.example.com/' \\\n"
           "  -H 'sec-ch-ua: \"Chromium\";v=\"124\", \"Google Chrome\";v=\"124\", \"Not-A.Brand\";v=\"99\"' \\\n"
           "  -H 'sec-ch-ua-mobile: ?0' \\\n"
           "  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36'"),
        QStringLiteral("https://stream.example.com/events?topic=prices"), "GET",
        list({"accept: text/event-stream", "accept-language: en-US,en;q=0.9",
              "cache-control: no-cache", "referer: https://app.example.com/",
              R"(sec-ch-ua: "Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99")",
              "sec-ch-ua-mobile: ?0",
              "user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36",
              "!Cookie: session=abc123; theme=dark"}),
        {}, {}, "42");

    row("chrome bash POST with $'' quoting",
        u8("curl 'https://api.example.com/v1/stream' \\\n"
           "  -H 'authorization: Bearer sk-test' \\\n"
           "  -H 'content-type: application/json' \\\n"
           R"(  --data-raw $'{"prompt":"it\'s \\"quoted\\"\\nnext","mark":"\u0021"}')"),
        QStringLiteral("https://api.example.com/v1/stream"), "POST",
        list({"!authorization: Bearer sk-test", "content-type: application/json"}),
        R"({"prompt":"it's \"quoted\"\nnext","mark":"!"})");

    row("chrome cmd POST",
        u8("curl ^\"https://stream.example.com/events?topic=prices^&limit=5^\" ^\n"
           "  -H ^\"accept: text/event-stream^\" ^\n"
           "  -H ^\"authorization: Bearer abc^\" ^\n"
           "  -H ^\"content-type: application/json^\" ^\n"
           "  -b ^\"session=abc123^\" ^\n"
           R"(  --data-raw ^"^{^\^"stream^\^":true,^\^"q^\^":^\^"a b^\^"^}^" ^)" "\n"
           "  --compressed"),
        QStringLiteral("https://stream.example.com/events?topic=prices&limit=5"), "POST",
        list({"accept: text/event-stream", "!authorization: Bearer abc",
              "content-type: application/json", "!Cookie: session=abc123"}),
        R"({"stream":true,"q":"a b"})", list({"--compressed"}));

    row("chrome cmd newline and percent in a string",
        u8("curl ^\"https://x.example/e^\" ^\n"
           "  --data-raw ^\"line1^\n\n100%^done^\""),
        QStringLiteral("https://x.example/e"), "POST",
        list({"Content-Type: application/x-www-form-urlencoded"}), "line1\n100%done");

    row("cmd with plain quotes and an environment variable",
        u8("curl \"https://x.example/e\" ^\n  -H \"X-Token: %API_TOKEN%\" ^\n  -N"),
        QStringLiteral("https://x.example/e"), "GET", list({"!X-Token: %API_TOKEN%"}), {},
        list({"%API_TOKEN%"}));

    row("cmd CRLF line endings",
        u8("curl ^\"https://x.example/e^\" ^\r\n  -H ^\"Accept: text/event-stream^\"\r\n"),
        QStringLiteral("https://x.example/e"), "GET", list({"Accept: text/event-stream"}));

    row("old cmd style with doubled quotes",
        u8(R"(curl "https://x.example/e" -H "X-Json: {""a"":1}" --data-binary "{""k"":""v""}")"),
        QStringLiteral("https://x.example/e"), "POST",
        list({R"(X-Json: {"a":1})", "Content-Type: application/x-www-form-urlencoded"}),
        R"({"k":"v"})", {}, {}, Cmd);

    row("firefox bash",
        u8("curl 'https://stream.example.com/events' -H 'User-Agent: Mozilla/5.0 (X11; Linux "
           "x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' -H 'Accept: text/event-stream' -H "
           "'Accept-Language: en-US,en;q=0.5' -H 'Accept-Encoding: gzip, deflate, br' -H "
           "'Referer: https://app.example.com/' -H 'Connection: keep-alive' -H 'Cookie: "
           "session=abc' -H 'Sec-Fetch-Dest: empty' -H 'Sec-Fetch-Mode: cors' -H "
           "'Sec-Fetch-Site: same-site' -H 'Pragma: no-cache' -H 'Cache-Control: no-cache'"),
        QStringLiteral("https://stream.example.com/events"), "GET",
        list({"User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
              "Accept: text/event-stream", "Accept-Language: en-US,en;q=0.5",
              "Referer: https://app.example.com/", "!Cookie: session=abc",
              "Sec-Fetch-Dest: empty", "Sec-Fetch-Mode: cors", "Sec-Fetch-Site: same-site",
              "Pragma: no-cache", "Cache-Control: no-cache"}),
        {}, list({"Accept-Encoding", "Connection"}));

    row("firefox cmd (caret quoting)",
        u8("curl ^\"https://stream.example.com/events^\" ^\n"
           "  -H ^\"User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0)^\" ^\n"
           "  -H ^\"Accept: text/event-stream^\" ^\n"
           "  -H ^\"Cookie: a=1; b=2^\""),
        QStringLiteral("https://stream.example.com/events"), "GET",
        list({"User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0)",
              "Accept: text/event-stream", "!Cookie: a=1; b=2"}));

    row("multiline with CRLF continuations",
        u8("curl -sS -N \\\r\n  --header 'Accept: text/event-stream' \\\r\n  'https://example.com/sse'\r\n"),
        QStringLiteral("https://example.com/sse"), "GET", list({"Accept: text/event-stream"}));

    row("multiline wrapped without continuations",
        u8("curl -N\n  -H 'X-A: 1'\n  https://example.com/sse\n"),
        QStringLiteral("https://example.com/sse"), "GET", list({"X-A: 1"}));

    row("comment", u8("curl https://e.com/s # stream it"), s, "GET", {});
    row("blanks after a continuation backslash",
        u8("curl -N \\  \n  -H 'X-A: 1' \\\t\n  https://e.com/s"), s, "GET", list({"X-A: 1"}));
    row("bash paste flattened to one line",
        u8("curl 'https://e.com/s' \\   -H 'X-A: 1' \\   -N"), s, "GET", list({"X-A: 1"}));
    row("cmd paste flattened to one line",
        u8("curl ^\"https://e.com/s^\" ^   -H ^\"X-A: 1^\""), s, "GET", list({"X-A: 1"}));

    // --- Option syntax ----------------------------------------------------------------------
    row("attached and = values, clusters",
        u8("curl -H'X-A: 1' --header=X-B:2 -sNH 'X-C: 3' -XPUT https://e.com/s"), s, "PUT",
        list({"X-A: 1", "X-B: 2", "X-C: 3"}));
    row("--request=", u8("curl --request=PATCH https://e.com/s"), s, "PATCH", {});
    row("end of options", u8("curl -N -- https://e.com/s"), s, "GET", {});
    row("--url", u8("curl --url https://e.com/s -N"), s, "GET", {});
    row("--url and an extra URL", u8("curl --url https://e.com/s https://b.example/t"), s, "GET",
        {}, {}, list({"b.example/t"}));
    row("no- flags", u8("curl --no-buffer --no-progress-meter --no-compressed https://e.com/s"),
        s, "GET", {});
    row("quiet value options",
        u8("curl -o out.txt -w '%{http_code}' --retry 3 --connect-timeout 5 https://e.com/s"), s,
        "GET", {});

    // --- Quoting ------------------------------------------------------------------------------
    row("concatenated quotes", u8(R"(curl -d 'it'\''s' https://e.com/s)"), s, "POST",
        list({"Content-Type: application/x-www-form-urlencoded"}), "it's");
    row("double-quote escapes", u8(R"(curl -d "a \"b\" \$HOME \\ \q" https://e.com/s)"), s,
        "POST", list({"Content-Type: application/x-www-form-urlencoded"}), R"(a "b" $HOME \ \q)");
    row("ansi-c escapes",
        u8(R"(curl --data-raw $'tab\there\x41\101\u00e9\U0001F600\cA\z' https://e.com/s)"), s,
        "POST", list({"Content-Type: application/x-www-form-urlencoded"}),
        QByteArray("tab\there" "AA" "\xc3\xa9" "\xf0\x9f\x98\x80" "\x01" "\\z"));
    row("ansi-c surrogate pair", u8(R"(curl --data-raw $'\ud83d\ude00' https://e.com/s)"), s,
        "POST", list({"Content-Type: application/x-www-form-urlencoded"}),
        "\xf0\x9f\x98\x80");
    row("locale string $\"\"", u8(R"(curl $"https://e.com/s")"), s, "GET", {});
    row("backslash escapes outside quotes", u8(R"(curl -H X-A:\ a\ b https://e.com/s)"), s,
        "GET", list({"X-A: a b"}));
    row("non-ASCII body", u8("curl -d 'grüße ✓' https://e.com/s"), s, "POST",
        list({"Content-Type: application/x-www-form-urlencoded"}), "gr\xc3\xbc\xc3\x9f" "e \xe2\x9c\x93");
    row("command substitution kept",
        u8(R"x(curl -H "Authorization: Bearer $(cat token)" https://e.com/s)x"), s, "GET",
        list({"!Authorization: Bearer $(cat token)"}), {}, list({"$("}));
    row("braced variable", u8(R"(curl -H "X-Key: ${API_KEY}" https://e.com/s)"), s, "GET",
        list({"!X-Key: ${API_KEY}"}), {}, list({"$API_KEY"}));
    row("single quotes hide variables", u8(R"(curl -H 'X-Price: $5' https://e.com/s)"), s,
        "GET", list({"X-Price: $5"}));

    // --- Body and method ----------------------------------------------------------------------
    row("data joined with &",
        u8("curl -d a=1 --data b=2 --data-raw @x --data-ascii c https://e.com/s"), s, "POST",
        list({"Content-Type: application/x-www-form-urlencoded"}), "a=1&b=2&@x&c");
    row("json pieces concatenated",
        u8(R"(curl --json '{"a":' --json '1}' https://e.com/s)"), s, "POST",
        list({"Content-Type: application/json"}), R"({"a":1})", list({"Accept: application/json"}));
    row("json with explicit Accept",
        u8(R"(curl --json '{}' -H 'Accept: text/event-stream' https://e.com/s)"), s, "POST",
        list({"Accept: text/event-stream", "Content-Type: application/json"}), "{}");
    row("data from a file is not read", u8("curl -d @body.json https://e.com/s"), s, "POST",
        list({"Content-Type: application/x-www-form-urlencoded"}), {}, list({"file"}));
    row("binary data from a file", u8("curl --data-binary @body.bin -X PUT https://e.com/s"), s,
        "PUT", list({"Content-Type: application/x-www-form-urlencoded"}), {}, list({"file"}));
    row("-X overrides -d", u8("curl -X PUT -d x https://e.com/s"), s, "PUT",
        list({"Content-Type: application/x-www-form-urlencoded"}), "x");
    row("explicit POST without body", u8("curl -X POST https://e.com/s"), s, "POST", {});
    row("empty data still posts", u8("curl -d '' https://e.com/s"), s, "POST",
        list({"Content-Type: application/x-www-form-urlencoded"}));
    row("-G moves data to the query",
        u8("curl -G -d q=1 -d r=2 'https://e.com/s?x=0'"),
        QStringLiteral("https://e.com/s?x=0&q=1&r=2"), "GET", {});
    row("--data-urlencode",
        u8("curl --data-urlencode 'msg=hello world&x' --data-urlencode '=a/b' https://e.com/s"), s,
        "POST", list({"Content-Type: application/x-www-form-urlencoded"}),
        "msg=hello%20world%26x&a%2Fb");
    row("--url-query", u8("curl --url-query 'q=a b' --url-query +raw=%41 https://e.com/s"),
        QStringLiteral("https://e.com/s?q=a%20b&raw=%41"), "GET", {});
    row("HEAD", u8("curl -I https://e.com/s"), s, "HEAD", {}, {}, list({"HEAD"}));
    row("form is not supported", u8("curl -F file=@a.txt https://e.com/s"), s, "GET", {}, {},
        list({"-F"}));

    // --- Credentials and headers ----------------------------------------------------------------
    row("basic auth", u8("curl -u alice:s3cret https://e.com/s"), s, "GET",
        list({"!Authorization: Basic YWxpY2U6czNjcmV0"}));
    row("user without password", u8("curl -u alice https://e.com/s"), s, "GET",
        list({"!Authorization: Basic YWxpY2U6"}), {}, list({"password"}));
    row("explicit Authorization wins over -u",
        u8("curl -u a:b -H 'Authorization: Bearer t' https://e.com/s"), s, "GET",
        list({"!Authorization: Bearer t"}), {}, list({"-u"}));
    row("digest is not supported", u8("curl --digest -u a:b https://e.com/s"), s, "GET", {}, {},
        list({"--digest"}));
    row("oauth2 bearer", u8("curl --oauth2-bearer tok https://e.com/s"), s, "GET",
        list({"!Authorization: Bearer tok"}));
    row("credentials in the URL", u8("curl https://bob:pw@e.com/s"), s, "GET",
        list({"!Authorization: Basic Ym9iOnB3"}), {}, list({"URL"}));
    row("cookie header and -b merged",
        u8("curl -H 'Cookie: a=1' -b 'b=2' -b c=3 https://e.com/s"), s, "GET",
        list({"!Cookie: a=1; b=2; c=3"}));
    row("cookie file is not read", u8("curl -b cookies.txt https://e.com/s"), s, "GET", {}, {},
        list({"cookies.txt"}));
    row("user agent and referer",
        u8("curl -A 'UA/1.0' -e 'https://ref.example/;auto' https://e.com/s"), s, "GET",
        list({"User-Agent: UA/1.0", "Referer: https://ref.example/"}));
    row("explicit User-Agent wins over -A",
        u8("curl -A a -H 'User-Agent: b' https://e.com/s"), s, "GET", list({"User-Agent: b"}));
    row("secret header names",
        u8("curl -H 'X-Api-Key: k' -H 'X-Request-Id: 1' -H 'X-Auth-Token: t' "
           "-H 'Proxy-Authorization: Basic x' -H 'X-Client-Secret: s' https://e.com/s"),
        s, "GET",
        list({"!X-Api-Key: k", "X-Request-Id: 1", "!X-Auth-Token: t",
              "!Proxy-Authorization: Basic x", "!X-Client-Secret: s"}));
    row("Last-Event-ID goes to the request",
        u8("curl -H 'Last-Event-ID: 7' -H 'X-A: 1' https://e.com/s"), s, "GET", list({"X-A: 1"}),
        {}, {}, "7");
    row("Accept other than event-stream",
        u8("curl -H 'Accept: application/json' https://e.com/s"), s, "GET",
        list({"Accept: application/json"}), {}, list({"Accept header"}));
    row("Host header equal to the URL's is dropped", u8("curl -H 'Host: e.com' https://e.com/s"),
        s, "GET", {});
    row("Host header that differs is kept",
        u8("curl -H 'Host: other.example' http://127.0.0.1:8080/s"),
        QStringLiteral("http://127.0.0.1:8080/s"), "GET", list({"Host: other.example"}), {},
        list({"Host"}));
    row("pseudo header", u8("curl -H ':authority: e.com' https://e.com/s"), s, "GET", {}, {},
        list({"pseudo-header"}));
    row("empty-value forms", u8("curl -H 'X-Empty;' -H 'Accept:' https://e.com/s"), s, "GET",
        list({"X-Empty: "}), {}, list({"Accept:"}));
    row("invalid headers",
        u8("curl -H 'no colon here' -H 'Bad Name: x' -H @headers.txt https://e.com/s"), s, "GET",
        {}, {}, list({"no colon here", "Bad Name", "file"}));
    row("duplicate header keeps the last", u8("curl -H 'X-A: 1' -H 'x-a: 2' https://e.com/s"), s,
        "GET", list({"x-a: 2"}), {}, list({"more than once"}));
    row("header with a line break",
        u8(R"(curl -H $'X-A: 1\r\nX-Evil: 2' https://e.com/s)"), s, "GET", {}, {},
        list({"line break"}));
    row("hop-by-hop headers",
        u8("curl -H 'Connection: keep-alive' -H 'Content-Length: 5' -H 'TE: trailers' https://e.com/s"),
        s, "GET", {}, {}, list({"Connection, Content-Length, TE"}));

    // --- Warnings for what is not applied ------------------------------------------------------
    row("tls and http version options",
        u8("curl -k --http2 --http1.1 -L -v -i -s -S https://e.com/s"), s, "GET", {}, {},
        list({"-k", "--http2", "--http1.1"}));
    row("--insecure", u8("curl --insecure https://e.com/s"), s, "GET", {}, {},
        list({"--insecure"}));
    row("max-time and proxy", u8("curl -m 30 -x http://proxy:3128 https://e.com/s"), s, "GET", {},
        {}, list({"-m", "-x"}));
    row("unknown option", u8("curl --frobnicate https://e.com/s"), s, "GET", {}, {},
        list({"--frobnicate"}));
    row("unknown short option", u8("curl -sZ https://e.com/s"), s, "GET", {}, {}, list({"-Z"}));
    row("unknown option followed by its value",
        u8("curl --frob 5 https://e.com/s"), s, "GET", {}, {}, list({"--frob", "“5”"}));
    row("missing value", u8("curl https://e.com/s -H"), s, "GET", {}, {}, list({"-H"}));
    row("--next stops", u8("curl https://e.com/s --next https://e.com/b"), s, "GET", {}, {},
        list({"--next"}));

    // --- Shell syntax after the command --------------------------------------------------------
    row("pipe", u8("curl -N https://e.com/s | jq ."), s, "GET", {}, {}, list({"“|”"}));
    row("redirection", u8("curl -N https://e.com/s 2>/dev/null"), s, "GET", {}, {},
        list({"“>”"}));
    row("unquoted ampersand in the URL", u8("curl https://e.com/s?a=1&b=2"),
        QStringLiteral("https://e.com/s?a=1&b=2"), "GET", {}, {}, list({"Quote the URL"}));
    row("background", u8("curl https://e.com/s &"), s, "GET", {}, {}, list({"“&”"}));
    row("and-list", u8("curl https://e.com/s && echo done"), s, "GET", {}, {}, list({"“&”"}));

    // --- URLs ----------------------------------------------------------------------------------
    row("no scheme", u8("curl example.com/sse"), QStringLiteral("http://example.com/sse"), "GET",
        {}, {}, list({"http://"}));
    row("fragment dropped", u8("curl 'https://e.com/s#frag'"), s, "GET", {});
    row("space in URL", u8("curl 'https://e.com/a b'"), QStringLiteral("https://e.com/a%20b"),
        "GET", {});
    row("glob escapes", u8(R"(curl 'https://e.com/s\[1\]')"), QStringLiteral("https://e.com/s[1]"),
        "GET", {});
    row("IPv6 literal", u8("curl 'http://[::1]:8080/s'"), QStringLiteral("http://[::1]:8080/s"),
        "GET", {});
    row("upper-case scheme", u8("curl HTTPS://E.COM/s"), s, "GET", {});
    row("prompt", u8("$ curl https://e.com/s"), s, "GET", {});
    row("curl.exe", u8("curl.exe https://e.com/s"), s, "GET", {});
    row("absolute path", u8("/usr/bin/curl https://e.com/s"), s, "GET", {});
    row("forced posix", u8("curl 'https://e.com/s'"), s, "GET", {}, {}, {}, {}, Posix);
}

void tst_CurlCommand::parse()
{
    QFETCH(QString, command);
    QFETCH(int, dialect);
    QFETCH(QString, url);
    QFETCH(QByteArray, method);
    QFETCH(QStringList, headers);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, lastEventId);
    QFETCH(QStringList, warnings);

    const CurlCommand::Result r = CurlCommand::parse(command, CurlCommand::Dialect(dialect));
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.request.url, QUrl(url));
    QCOMPARE(r.request.method, method);
    QCOMPARE(describe(r.request.headers), headers);
    QCOMPARE(r.request.body, body);
    QCOMPARE(r.request.lastEventId, lastEventId);

    const QString all = r.warnings.join(u'\n');
    QVERIFY2(r.warnings.size() == warnings.size(), qPrintable(all));
    for (const QString &w : warnings) {
        const bool found = std::any_of(r.warnings.cbegin(), r.warnings.cend(),
                                       [&w](const QString &t) { return t.contains(w); });
        QVERIFY2(found, qPrintable(QStringLiteral("no warning contains “%1”:\n%2").arg(w, all)));
    }
}

void tst_CurlCommand::http2PriorKnowledge_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<bool>("expected");
    QTest::addColumn<QString>("warning"); // a substring of the only warning; empty: none

    QTest::newRow("not given") << u8("curl -N http://127.0.0.1:8080/s") << false << QString();
    QTest::newRow("http URL")
        << u8("curl -N --http2-prior-knowledge http://127.0.0.1:8080/s") << true << QString();
    QTest::newRow("with a value")
        << u8("curl --http2-prior-knowledge=yes http://127.0.0.1:8080/s") << true << u8("takes no value");
    QTest::newRow("https URL: negotiated by TLS")
        << u8("curl --http2-prior-knowledge https://e.com/s") << false << u8("https");
    QTest::newRow("a later version option wins")
        << u8("curl --http2-prior-knowledge --http1.1 http://127.0.0.1:8080/s") << false
        << u8("--http1.1");
    QTest::newRow("an earlier version option loses")
        << u8("curl --http1.1 --http2-prior-knowledge http://127.0.0.1:8080/s") << true
        << u8("--http1.1");
}

void tst_CurlCommand::http2PriorKnowledge()
{
    QFETCH(QString, command);
    QFETCH(bool, expected);
    QFETCH(QString, warning);

    const CurlCommand::Result r = CurlCommand::parse(command);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.request.http2PriorKnowledge, expected);
    if (warning.isEmpty()) {
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(u'\n')));
    } else {
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY2(r.warnings.first().contains(warning), qPrintable(r.warnings.first()));
    }
}

void tst_CurlCommand::errors_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << QString() << u8("empty");
    QTest::newRow("blank") << u8("  \n\t ") << u8("empty");
    QTest::newRow("comment only") << u8("# curl https://e.com") << u8("empty");
    QTest::newRow("not curl") << u8("wget https://e.com/s") << u8("“curl”");
    QTest::newRow("curl later") << u8("echo curl https://e.com/s") << u8("“curl”");
    QTest::newRow("no URL") << u8("curl -N -H 'A: b'") << u8("no URL");
    QTest::newRow("only options") << u8("curl -sS") << u8("no URL");
    QTest::newRow("URL consumed by an option") << u8("curl -H https://e.com/s") << u8("no URL");
    QTest::newRow("unterminated single quote") << u8("curl 'https://e.com/s") << u8("single quote");
    QTest::newRow("unterminated double quote") << u8("curl \"https://e.com/s") << u8("double quote");
    QTest::newRow("unterminated ansi-c") << u8("curl $'abc") << u8("$'");
    QTest::newRow("ftp") << u8("curl ftp://e.com/f") << u8("http and https");
    QTest::newRow("file") << u8("curl file:///etc/passwd") << u8("http and https");
    QTest::newRow("no host") << u8("curl 'http://'") << u8("not a valid URL");
    QTest::newRow("bad method") << u8("curl -X 'GE T' https://e.com/s") << u8("HTTP method");
}

void tst_CurlCommand::errors()
{
    QFETCH(QString, command);
    QFETCH(QString, error);

    const CurlCommand::Result r = CurlCommand::parse(command);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(error), qPrintable(r.error));
    QCOMPARE(r.request, sse::StreamRequest());
}

void tst_CurlCommand::splitArguments_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QList<QByteArray>>("words");

    using L = QList<QByteArray>;
    QTest::newRow("posix words") << u8("curl  -a\t'b c' \"d\"e") << Posix
                                 << L{"curl", "-a", "b c", "de"};
    QTest::newRow("posix empty quotes are words") << u8("curl '' \"\"") << Posix
                                                  << L{"curl", "", ""};
    QTest::newRow("posix continuation joins") << u8("cu\\\nrl a\\\n b") << Posix
                                              << L{"curl", "a", "b"};
    QTest::newRow("posix # inside a word") << u8("curl a#b #c") << Posix << L{"curl", "a#b"};
    QTest::newRow("posix escaped quote") << u8(R"(curl \'x\" "\a")") << Posix
                                         << L{"curl", "'x\"", "\\a"};
    QTest::newRow("posix dq continuation") << u8("curl \"a\\\nb\"") << Posix << L{"curl", "ab"};
    QTest::newRow("posix ansi octal and hex")
        << u8(R"(x $'\0101\x4a\x4G\e')") << Posix << L{"x", "\x08" "1" "J" "\x04" "G" "\x1b"};
    QTest::newRow("cmd carets") << u8("curl ^\"a b^\" c^&d") << Cmd << L{"curl", "a b", "c&d"};
    QTest::newRow("cmd crt backslashes")
        << u8(R"(curl "a\\\"b" c\\d "e""f" "g\\" h)") << Cmd
        << L{"curl", "a\\\"b", "c\\\\d", "e\"f", "g\\", "h"};
    QTest::newRow("cmd caret inside quotes is literal") << u8("curl \"a^b\"") << Cmd
                                                         << L{"curl", "a^b"};
    QTest::newRow("cmd continuation") << u8("curl a ^\n b") << Cmd << L{"curl", "a", "b"};
    QTest::newRow("cmd pipe stops") << u8("curl a | more") << Cmd << L{"curl", "a"};
    QTest::newRow("cmd unclosed quote runs to the end") << u8("curl \"a b") << Cmd
                                                         << L{"curl", "a b"};
    QTest::newRow("auto detects cmd") << u8("curl ^\"x^\" ^\n -N") << Auto
                                      << L{"curl", "x", "-N"};
}

void tst_CurlCommand::splitArguments()
{
    QFETCH(QString, command);
    QFETCH(int, dialect);
    QFETCH(QList<QByteArray>, words);

    QString error;
    QCOMPARE(CurlCommand::splitArguments(command, CurlCommand::Dialect(dialect), &error), words);
    QVERIFY(error.isEmpty());
}

void tst_CurlCommand::detectDialect_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("dialect");

    QTest::newRow("bash") << u8("curl 'https://e.com' \\\n  -N") << Posix;
    QTest::newRow("one line") << u8("curl https://e.com -N") << Posix;
    QTest::newRow("caret continuation") << u8("curl \"https://e.com\" ^\n  -N") << Cmd;
    QTest::newRow("caret CRLF continuation") << u8("curl \"https://e.com\" ^\r\n  -N") << Cmd;
    QTest::newRow("caret quotes on one line") << u8("curl ^\"https://e.com^\"") << Cmd;
    QTest::newRow("caret in a posix body") << u8("curl -d 'a^b' https://e.com") << Posix;
}

void tst_CurlCommand::detectDialect()
{
    QFETCH(QString, command);
    QFETCH(int, dialect);
    QCOMPARE(int(CurlCommand::detectDialect(command)), dialect);
    QCOMPARE(int(CurlCommand::parse(command).dialect), dialect);
}

void tst_CurlCommand::secretHeaderNames_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("secret");

    QTest::newRow("Authorization") << QByteArray("Authorization") << true;
    QTest::newRow("cookie") << QByteArray("cookie") << true;
    QTest::newRow("Proxy-Authorization") << QByteArray("Proxy-Authorization") << true;
    QTest::newRow("X-API-KEY") << QByteArray("X-API-KEY") << true;
    QTest::newRow("X-Auth-Token") << QByteArray("X-Auth-Token") << true;
    QTest::newRow("X-Client-Secret") << QByteArray("X-Client-Secret") << true;
    QTest::newRow("X-CSRF-Token") << QByteArray("X-CSRF-Token") << true;
    QTest::newRow("X-Session-Id") << QByteArray("X-Session-Id") << true;
    QTest::newRow("Accept") << QByteArray("Accept") << false;
    QTest::newRow("Content-Type") << QByteArray("Content-Type") << false;
    QTest::newRow("Keep-Alive") << QByteArray("Keep-Alive") << false;
    QTest::newRow("User-Agent") << QByteArray("User-Agent") << false;
    QTest::newRow("X-Request-Id") << QByteArray("X-Request-Id") << false;
}

void tst_CurlCommand::secretHeaderNames()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, secret);
    QCOMPARE(sse::isSecretHeaderName(name), secret);
}

void tst_CurlCommand::garbageNeverCrashes()
{
    // Random mixtures of the characters and words the parser reacts to.
    static const char *const pieces[] = {
        "curl", " ", "\n", "\\\n", "^\n", "^", "'", "\"", "$'", "\\", "-H", "-d", "--json", "-u",
        "-b", "-X", "--url", "-sNH", "--header=", "https://e.com/s", "x: y", "@f", "$KEY", "%V%",
        "\\u", "\\x", "\\ud83d", "&", "|", "#", "=", ":", "--", "-", "é", "\r\n", "-G", "-I",
        "http://[::1", "%", "\\\"", "\"\"", "${", "$(",
    };
    QRandomGenerator rng(20240501);
    int parsed = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray text = round % 2 ? QByteArray("curl ") : QByteArray();
        const int count = int(rng.bounded(1, 25));
        for (int i = 0; i < count; ++i)
            text += pieces[rng.bounded(int(std::size(pieces)))];
        if (round % 7 == 0) {
            for (int i = 0; i < 8; ++i)
                text += char(rng.bounded(256));
        }
        for (const auto dialect : {CurlCommand::Dialect::Auto, CurlCommand::Dialect::Posix,
                                   CurlCommand::Dialect::WindowsCmd}) {
            const CurlCommand::Result r = CurlCommand::parse(QString::fromUtf8(text), dialect);
            if (r.ok) {
                ++parsed;
                QVERIFY2(r.request.url.isValid(), text.constData());
                QVERIFY(r.request.url.scheme() == u"http" || r.request.url.scheme() == u"https");
                QVERIFY(!r.request.method.isEmpty());
                for (const sse::Header &h : r.request.headers) {
                    QVERIFY(!h.name.isEmpty());
                    QVERIFY(!h.value.contains('\n') && !h.value.contains('\r'));
                }
            } else {
                QVERIFY(!r.error.isEmpty());
            }
        }
    }
    QVERIFY(parsed > 100); // the mix does produce valid commands too
}

QTEST_GUILESS_MAIN(tst_CurlCommand)
#include "tst_curlcommand.moc"
