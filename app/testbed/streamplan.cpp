#include "streamplan.h"

#include "scenarioparams.h"

#include <QDateTime>

#include <charconv>
#include <string_view>

namespace sse::testbed {

namespace {

/** gen_workloads.py's lcg(): a deterministic 32-bit mix of an integer. */
quint32 lcg(qint64 n)
{
    return quint32((quint64(n) * 2654435761ULL + 0x9E3779B9ULL) & 0xFFFFFFFFULL);
}

// Events are appended to a std::string with std::to_chars (QByteArray::append is several times
// slower on Qt 6.4): `burst` formats millions of events per second, so that the server is
// never the bottleneck of a client benchmark.

void appendNumber(std::string &out, qint64 n)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, n);
    out.append(digits, result.ptr - digits);
}

/** {"seq":N,"ts":T,"value":V}: gen_workloads.py's small_data() when T = 1700000000000 + 37 N. */
void appendTickJson(std::string &out, qint64 seq, qint64 timestampMs)
{
    const quint32 v = lcg(seq);
    const quint32 thousandths = (v >> 14) % 1000;
    out.append("{\"seq\":");
    appendNumber(out, seq);
    out.append(",\"ts\":");
    appendNumber(out, timestampMs);
    out.append(",\"value\":");
    appendNumber(out, v % 10000);
    const char fraction[] = {'.', char('0' + thousandths / 100), char('0' + thousandths / 10 % 10),
                             char('0' + thousandths % 10), '}'};
    out.append(fraction, sizeof fraction);
}

/** {"seq":N,"msg":"..."} as in gen_workloads.py's unicode.sse. */
void appendUnicodeJson(std::string &out, qint64 seq)
{
    // gen_workloads.py's PALETTE: ASCII, Latin-1, CJK, Hangul and emoji (outside the BMP).
    static constexpr std::u32string_view palette =
            U"日本語の文字列テスト漢字中文字符한국어데이터 😀🚀🎉👍🔥🌏🍣🧪 ñéüßçøå ✨★→∑ abcXYZ";
    const qsizetype start = lcg(seq) % palette.size();
    const qsizetype length = 16 + seq % 17;
    std::u32string message;
    for (qsizetype i = 0; i < length; ++i)
        message += palette[(start + i) % palette.size()];
    out.append("{\"seq\":");
    appendNumber(out, seq);
    out.append(",\"msg\":\"");
    out.append(QString::fromUcs4(message.data(), qsizetype(message.size())).toStdString());
    out.append("\"}");
}

void appendErrorJson(std::string &out, qint64 seq)
{
    static const char *const codes[][2] = {
        {"upstream_timeout", "The upstream feed did not answer in time."},
        {"rate_limited", "Too many updates; some were skipped."},
        {"bad_record", "A record could not be decoded."},
    };
    const auto &code = codes[seq % 3];
    out.append("{\"code\":\"");
    out.append(code[0]);
    out.append("\",\"message\":\"");
    out.append(code[1]);
    out.append(" (event ");
    appendNumber(out, seq);
    out.append(")\"}");
}

} // namespace

void appendEvent(std::string &out, const StreamPlan &plan, qint64 seq)
{
    const std::string_view nl(plan.lineEnd.constData(), size_t(plan.lineEnd.size()));
    const bool isError = plan.errorEvery > 0 && seq % (plan.errorEvery + 1) == 0;
    const std::string_view type = isError
            ? std::string_view("error")
            : std::string_view(plan.eventType.constData(), size_t(plan.eventType.size()));

    if (plan.comments) {
        out.append(": event ");
        appendNumber(out, seq);
        out.append(" follows").append(nl);
    }
    switch (plan.ids) {
    case StreamPlan::Ids::Sequence:
    case StreamPlan::Ids::Replay:
        out.append("id: ");
        appendNumber(out, seq);
        out.append(nl);
        break;
    case StreamPlan::Ids::None:
        break;
    case StreamPlan::Ids::Decreasing:
        out.append("id: ");
        appendNumber(out, 1000000 - seq);
        out.append(nl);
        break;
    case StreamPlan::Ids::Text:
        out.append("id: evt-");
        appendNumber(out, seq);
        out.append(nl);
        break;
    }
    if (!type.empty())
        out.append("event: ").append(type).append(nl);
    if (plan.comments)
        out.append(": a comment between fields").append(nl);
    out.append("data: ");
    if (isError)
        appendErrorJson(out, seq);
    else if (plan.payload == StreamPlan::Payload::Unicode)
        appendUnicodeJson(out, seq);
    else if (plan.payload == StreamPlan::Payload::Workload)
        appendTickJson(out, seq, 1700000000000LL + seq * 37);
    else
        appendTickJson(out, seq, QDateTime::currentMSecsSinceEpoch());
    out.append(nl).append(nl);
    if (plan.comments)
        out.append(": a comment-only block, which is not an event").append(nl).append(nl);
}

QByteArray formatEvent(const StreamPlan &plan, qint64 seq)
{
    std::string out;
    appendEvent(out, plan, seq);
    return QByteArray::fromStdString(out);
}

/** The resumption point a client sent; 0 when absent or not a number. */
qint64 lastEventId(const HttpRequest &request)
{
    bool ok = false;
    const qint64 id = request.header("last-event-id").trimmed().toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

/** http://<host the client used>:<port>, for links and redirects to either origin. */
QByteArray origin(const HttpRequest &request, quint16 port)
{
    QByteArray host = request.header("host");
    if (host.startsWith('[')) {
        host = host.left(host.indexOf(']') + 1);
    } else if (const qsizetype colon = host.lastIndexOf(':'); colon >= 0) {
        host = host.left(colon);
    }
    for (char c : std::as_const(host)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
        if (!ok)
            host.clear();
    }
    if (host.isEmpty())
        host = QByteArrayLiteral("127.0.0.1");
    return "http://" + host + ':' + QByteArray::number(port);
}

/** 64 KiB of gen_workloads.py's FILL characters, for huge events and endless lines. */
const QByteArray &filler()
{
    static const QByteArray bytes = [] {
        const QByteArray fill("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
        return fill.repeated(ChunkBytes / fill.size());
    }();
    return bytes;
}

/** The parameters every ticker-like scenario takes. */
void readStreamParams(ScenarioParams &params, StreamPlan &plan)
{
    plan.rate = params.number(QStringLiteral("rate"), plan.rate, 0.01, 10000);
    plan.count = params.integer(QStringLiteral("count"), plan.count, 0, MaxCount);
    plan.eventType = params.text(QStringLiteral("event"), QString::fromUtf8(plan.eventType), 64,
                                 u" :").toUtf8();
    plan.retryMs = params.integer(QStringLiteral("retry"), plan.retryMs, 0, 3600 * 1000);
}

extern const QString llmParamsDoc;
const QString llmParamsDoc = QStringLiteral(
    "GET or POST (a JSON body's \"model\" is echoed); ttft=ms to the first token (400), "
    "token=ms between chunks (40), tools=1|0 (1: end with a get_weather tool call), "
    "thinking=1|0 (1), fault=none|error|stall|truncate (error: overloaded_error, an error "
    "object or response.failed mid-answer; stall: a silence of stall=ms (3000) mid-answer; "
    "truncate: the body ends mid-answer without its terminator)");

extern const QString streamParamsDoc;
const QString streamParamsDoc = QStringLiteral(
        "rate=events per second (1); count=id of the last event, after which the stream ends and "
        "a reconnect gets 204 (0 = endless); event=event type; retry=ms, sent as retry:");

} // namespace sse::testbed
