#include "eventformat.h"

#include <QDateTime>
#include <QFileInfo>

#include <algorithm>
#include <charconv>

namespace sse {

namespace {

// 0: copy as is; otherwise the letter after the backslash ('u' = \u00XX).
struct EscapeTable
{
    unsigned char v[256];
};

constexpr EscapeTable makeEscapeTable()
{
    EscapeTable t{};
    for (int c = 0; c < 0x20; ++c)
        t.v[c] = 'u';
    t.v[static_cast<unsigned char>('\n')] = 'n';
    t.v[static_cast<unsigned char>('\r')] = 'r';
    t.v[static_cast<unsigned char>('\t')] = 't';
    t.v[static_cast<unsigned char>('\b')] = 'b';
    t.v[static_cast<unsigned char>('\f')] = 'f';
    t.v[static_cast<unsigned char>('"')] = '"';
    t.v[static_cast<unsigned char>('\\')] = '\\';
    return t;
}

constexpr EscapeTable escapeTable = makeEscapeTable();
constexpr char hexDigits[] = "0123456789abcdef";

void appendInteger(QByteArray &out, qint64 value)
{
    char buf[24];
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, result.ptr - buf);
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, exact for any year).
constexpr qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

struct Civil
{
    qint64 year;
    unsigned month;
    unsigned day;
};

constexpr Civil civilFromDays(qint64 z)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 y = qint64(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

static_assert(daysFromCivil(1970, 1, 1) == 0);
static_assert(civilFromDays(0).year == 1970);

void put2(char *p, unsigned v)
{
    p[0] = char('0' + v / 10);
    p[1] = char('0' + v % 10);
}

// Parses exactly \a n ASCII digits.
bool digits(const char *p, int n, unsigned &value)
{
    value = 0;
    for (int i = 0; i < n; ++i) {
        const unsigned d = unsigned(static_cast<unsigned char>(p[i])) - '0';
        if (d > 9)
            return false;
        value = value * 10 + d;
    }
    return true;
}

// Appends \a value without CR and LF (which would end the field's line).
void appendSingleLine(QByteArray &out, QByteArrayView value)
{
    if (!value.contains('\n') && !value.contains('\r')) {
        out.append(value);
        return;
    }
    for (const char c : value) {
        if (c != '\n' && c != '\r')
            out.append(c);
    }
}

void appendDataLine(QByteArray &out, QByteArrayView line)
{
    if (line.isEmpty()) {
        out.append(QByteArrayView("data:\n"));
    } else {
        out.append(QByteArrayView("data: "));
        out.append(line);
        out.append('\n');
    }
}

} // namespace

QString logFormatSuffix(LogFormat format)
{
    switch (format) {
    case LogFormat::JsonLines: return QStringLiteral("jsonl");
    case LogFormat::Csv: return QStringLiteral("csv");
    case LogFormat::EventStream: return QStringLiteral("sse");
    }
    return {};
}

std::optional<LogFormat> logFormatFromFileName(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson"))
        return LogFormat::JsonLines;
    if (suffix == QLatin1String("csv"))
        return LogFormat::Csv;
    if (suffix == QLatin1String("sse") || suffix == QLatin1String("txt"))
        return LogFormat::EventStream;
    return std::nullopt;
}

void appendJsonString(QByteArray &out, QByteArrayView utf8)
{
    // Reserve the worst case (6 bytes per input byte) slice by slice, so a 16 MiB event does
    // not ask for 96 MiB at once, then write through a raw pointer and trim.
    constexpr qsizetype Slice = 8192;
    const char *src = utf8.data();
    qsizetype left = utf8.size();
    qsizetype used = out.size();
    out.resize(used + 2 + 6 * std::min(left, Slice));
    char *p = out.data() + used;
    *p++ = '"';
    while (left > 0) {
        const qsizetype n = std::min(left, Slice);
        used = p - out.data();
        if (out.size() - used < 6 * n + 1) {
            out.resize(used + 6 * n + 1);
            p = out.data() + used;
        }
        const char *const end = src + n;
        while (src < end) {
            const auto c = static_cast<unsigned char>(*src++);
            const unsigned char e = escapeTable.v[c];
            if (Q_LIKELY(e == 0)) {
                *p++ = static_cast<char>(c);
                continue;
            }
            *p++ = '\\';
            if (e == 'u') {
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = hexDigits[c >> 4];
                *p++ = hexDigits[c & 15];
            } else {
                *p++ = static_cast<char>(e);
            }
        }
        left -= n;
    }
    *p++ = '"';
    out.resize(p - out.data());
}

void appendIsoTimestamp(QByteArray &out, qint64 ms)
{
    // Years 0..9999 by hand (the hot path of every export); anything else through QDateTime.
    constexpr qint64 MinMs = -62167219200000LL;   // 0000-01-01T00:00:00.000Z
    constexpr qint64 MaxMs = 253402300799999LL;   // 9999-12-31T23:59:59.999Z
    if (ms < MinMs || ms > MaxMs) {
        out.append(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1());
        return;
    }
    qint64 days = ms / 86400000;
    qint64 rest = ms % 86400000;
    if (rest < 0) {
        rest += 86400000;
        --days;
    }
    const Civil c = civilFromDays(days);
    const auto msOfDay = unsigned(rest);
    char buf[24];
    const auto y = unsigned(c.year);
    buf[0] = char('0' + y / 1000);
    buf[1] = char('0' + y / 100 % 10);
    buf[2] = char('0' + y / 10 % 10);
    buf[3] = char('0' + y % 10);
    buf[4] = '-';
    put2(buf + 5, c.month);
    buf[7] = '-';
    put2(buf + 8, c.day);
    buf[10] = 'T';
    put2(buf + 11, msOfDay / 3600000);
    buf[13] = ':';
    put2(buf + 14, msOfDay / 60000 % 60);
    buf[16] = ':';
    put2(buf + 17, msOfDay / 1000 % 60);
    buf[19] = '.';
    const unsigned milli = msOfDay % 1000;
    buf[20] = char('0' + milli / 100);
    buf[21] = char('0' + milli / 10 % 10);
    buf[22] = char('0' + milli % 10);
    buf[23] = 'Z';
    out.append(buf, sizeof buf);
}

QByteArray isoTimestamp(qint64 msSinceEpoch)
{
    QByteArray out;
    appendIsoTimestamp(out, msSinceEpoch);
    return out;
}

std::optional<qint64> parseIsoTimestamp(QByteArrayView text)
{
    // Fast path: exactly "YYYY-MM-DDTHH:MM:SS.mmmZ".
    if (text.size() == 24 && text[4] == '-' && text[7] == '-' && text[10] == 'T'
        && text[13] == ':' && text[16] == ':' && text[19] == '.' && text[23] == 'Z') {
        const char *p = text.data();
        unsigned y, mo, d, h, mi, s, ms;
        if (digits(p, 4, y) && digits(p + 5, 2, mo) && digits(p + 8, 2, d) && digits(p + 11, 2, h)
            && digits(p + 14, 2, mi) && digits(p + 17, 2, s) && digits(p + 20, 3, ms)) {
            static constexpr unsigned char monthDays[] = {31, 29, 31, 30, 31, 30,
                                                          31, 31, 30, 31, 30, 31};
            if (mo < 1 || mo > 12 || d < 1 || d > monthDays[mo - 1] || h > 23 || mi > 59 || s > 59)
                return std::nullopt;
            const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            if (mo == 2 && d == 29 && !leap)
                return std::nullopt;
            return daysFromCivil(y, mo, d) * 86400000 + qint64(h) * 3600000 + qint64(mi) * 60000
                + qint64(s) * 1000 + ms;
        }
    }
    QDateTime dt = QDateTime::fromString(QString::fromLatin1(text), Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC);
    return dt.toMSecsSinceEpoch();
}

void appendJsonLine(QByteArray &out, const Event &event, int stream)
{
    if (stream >= 0) {
        out.append(QByteArrayView("{\"stream\":"));
        appendInteger(out, stream);
        out.append(QByteArrayView(",\"type\":"));
    } else {
        out.append(QByteArrayView("{\"type\":"));
    }
    appendJsonString(out, event.type);
    out.append(QByteArrayView(",\"data\":"));
    appendJsonString(out, event.data);
    out.append(QByteArrayView(",\"lastEventId\":"));
    appendJsonString(out, event.lastEventId);
    if (event.hasId) {
        out.append(QByteArrayView(",\"id\":"));
        appendJsonString(out, event.lastEventId);
    }
    out.append(QByteArrayView(",\"receivedAt\":\""));
    appendIsoTimestamp(out, event.receivedAtMs);
    out.append(QByteArrayView("\"}\n"));
}

QByteArray csvHeader()
{
    return QByteArrayLiteral("sequence,receivedAt,type,id,lastEventId,data\r\n");
}

void appendCsvField(QByteArray &out, QByteArrayView field)
{
    const char *p = field.data();
    const char *const end = p + field.size();
    const char *special = std::find_if(p, end, [](char c) {
        return c == ',' || c == '"' || c == '\r' || c == '\n';
    });
    if (special == end) {
        out.append(field);
        return;
    }
    out.append('"');
    while (p < end) {
        const char *quote = std::find(p, end, '"');
        if (quote == end) {
            out.append(p, end - p);
            break;
        }
        out.append(p, quote - p + 1);
        out.append('"');
        p = quote + 1;
    }
    out.append('"');
}

void appendCsvRow(QByteArray &out, const Event &event, qint64 sequence)
{
    appendInteger(out, sequence);
    out.append(',');
    appendIsoTimestamp(out, event.receivedAtMs);
    out.append(',');
    appendCsvField(out, event.type);
    out.append(',');
    if (event.hasId)
        appendCsvField(out, event.lastEventId);
    out.append(',');
    appendCsvField(out, event.lastEventId);
    out.append(',');
    appendCsvField(out, event.data);
    out.append(QByteArrayView("\r\n"));
}

EventStreamWriter::EventStreamWriter(const QByteArray &lastEventId)
    : m_lastEventId(lastEventId)
{
}

void EventStreamWriter::append(QByteArray &out, const Event &event)
{
    if (event.hasId || event.lastEventId != m_lastEventId) {
        if (event.lastEventId.isEmpty()) {
            out.append(QByteArrayView("id\n"));
        } else {
            out.append(QByteArrayView("id: "));
            appendSingleLine(out, event.lastEventId);
            out.append('\n');
        }
        if (!event.hasId)
            out.append('\n'); // an id-only block: sets the ID, dispatches nothing
        m_lastEventId = event.lastEventId;
    }
    if (!event.type.isEmpty() && event.type != QByteArrayView("message")) {
        out.append(QByteArrayView("event: "));
        appendSingleLine(out, event.type);
        out.append('\n');
    }
    const QByteArrayView data(event.data);
    const char *const begin = data.data();
    const char *const end = begin + data.size();
    const char *line = begin;
    for (;;) {
        const char *eol = std::find_if(line, end, [](char c) { return c == '\n' || c == '\r'; });
        appendDataLine(out, QByteArrayView(line, eol - line));
        if (eol == end)
            break;
        line = eol + 1;
        if (*eol == '\r' && line < end && *line == '\n')
            ++line;
    }
    out.append('\n');
}

} // namespace sse
