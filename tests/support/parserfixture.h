#pragma once

// What the parser tests share: byte-exact literals, event builders, parsing in chunks and a
// readable difference between the expected and the actual outcome.

#include "parser.h"
#include "types.h"

#include <QByteArrayList>
#include <QTest>

namespace parserfixture {

/** A byte-exact literal: keeps embedded NUL bytes that QByteArray(const char *) would cut. */
template <std::size_t N>
inline QByteArray b(const char (&s)[N])
{
    return QByteArray(s, qsizetype(N - 1));
}

inline const QByteArray R = QByteArrayLiteral("\xEF\xBF\xBD"); // U+FFFD REPLACEMENT CHARACTER
inline const QByteArray Bom = QByteArrayLiteral("\xEF\xBB\xBF"); // U+FEFF as UTF-8
inline constexpr qint64 NoRetry = -1;
inline constexpr qsizetype DefaultCap = sse::Parser::DefaultMaxEventBytes;
inline constexpr qsizetype SmallCap = 64;

inline sse::Event ev(const QByteArray &data, const QByteArray &lastEventId = {}, bool hasId = false,
              const QByteArray &type = QByteArrayLiteral("message"))
{
    sse::Event e;
    e.type = type;
    e.data = data;
    e.lastEventId = lastEventId;
    e.hasId = hasId;
    return e;
}

inline sse::Event typed(const QByteArray &type, const QByteArray &data)
{
    return ev(data, {}, false, type);
}

/** Everything observable after parsing an input, accumulated over all feeds. */
struct Outcome
{
    QList<sse::Event> events;
    QByteArrayList comments;
    qint64 retry = NoRetry;        // the last valid retry value seen in any feed
    QByteArray lastEventId;        // Parser::lastEventId() after the last feed
    int protocolErrors = 0;
    int otherErrors = 0;           // errors of any other kind: always wrong for a parser
};

inline void collect(const sse::ParseResult &r, Outcome &o)
{
    o.events += r.events;
    o.comments += r.comments;
    if (r.retryMs)
        o.retry = *r.retryMs;
    for (const sse::Error &e : r.errors) {
        if (e.kind == sse::ErrorKind::Protocol)
            ++o.protocolErrors;
        else
            ++o.otherErrors;
    }
}

/** Feeds input[0, ends[0]), input[ends[0], ends[1]) ... input[ends.last(), size) to a fresh
 *  parser, clearing the result between feeds. */
inline Outcome parseInChunks(const QByteArray &input, const QList<qsizetype> &ends, qsizetype cap)
{
    sse::Parser parser(cap);
    sse::ParseResult result;
    Outcome o;
    qsizetype pos = 0;
    auto feedTo = [&](qsizetype end) {
        result.clear();
        parser.feed(QByteArrayView(input).sliced(pos, end - pos), result);
        collect(result, o);
        pos = end;
    };
    for (qsizetype end : ends)
        feedTo(end);
    feedTo(input.size());
    o.lastEventId = parser.lastEventId();
    return o;
}

inline QByteArray escaped(QByteArrayView bytes)
{
    QByteArray out = QByteArrayLiteral("\"");
    for (char c : bytes) {
        const auto u = uchar(c);
        if (u == '\n')
            out += "\\n";
        else if (u == '\r')
            out += "\\r";
        else if (u == '\t')
            out += "\\t";
        else if (u == '"' || u == '\\')
            out += '\\' + QByteArray(1, c);
        else if (u >= 0x20 && u < 0x7f)
            out += c;
        else
            out += "\\x" + QByteArray::number(u, 16).rightJustified(2, '0');
    }
    return out + '"';
}

inline QByteArray describe(const sse::Event &e)
{
    return "{type " + escaped(e.type) + ", data " + escaped(e.data) + ", lastEventId "
        + escaped(e.lastEventId) + (e.hasId ? ", hasId}" : ", no id}");
}

inline bool sameEvent(const sse::Event &a, const sse::Event &b)
{
    return a.type == b.type && a.data == b.data && a.lastEventId == b.lastEventId
        && a.hasId == b.hasId;
}

/** Empty when equal, else a readable account of every field that differs. */
inline QByteArray difference(const Outcome &want, const Outcome &got)
{
    QByteArray out;
    const qsizetype n = std::max(want.events.size(), got.events.size());
    for (qsizetype i = 0; i < n; ++i) {
        const bool haveWant = i < want.events.size();
        const bool haveGot = i < got.events.size();
        if (haveWant && haveGot && sameEvent(want.events.at(i), got.events.at(i)))
            continue;
        out += "\n  event #" + QByteArray::number(i) + ": expected "
            + (haveWant ? describe(want.events.at(i)) : QByteArrayLiteral("none"))
            + "\n              actual   "
            + (haveGot ? describe(got.events.at(i)) : QByteArrayLiteral("none"));
        if (out.size() > 4000) {
            out += "\n  ...";
            break;
        }
    }
    if (want.comments != got.comments) {
        auto list = [](const QByteArrayList &l) {
            QByteArrayList parts;
            for (const QByteArray &c : l)
                parts += escaped(c);
            return '[' + parts.join(", ") + ']';
        };
        out += "\n  comments: expected " + list(want.comments) + "\n            actual   "
            + list(got.comments);
    }
    if (want.retry != got.retry)
        out += "\n  retry: expected " + QByteArray::number(want.retry) + ", actual "
            + QByteArray::number(got.retry);
    if (want.lastEventId != got.lastEventId)
        out += "\n  lastEventId(): expected " + escaped(want.lastEventId) + ", actual "
            + escaped(got.lastEventId);
    if (want.protocolErrors != got.protocolErrors)
        out += "\n  protocol errors: expected " + QByteArray::number(want.protocolErrors)
            + ", actual " + QByteArray::number(got.protocolErrors);
    if (got.otherErrors != 0)
        out += "\n  errors of a kind other than Protocol: " + QByteArray::number(got.otherErrors);
    return out;
}

} // namespace parserfixture
