#pragma once

// What the EventSource tests share: a loopback server per test function, policies, and a probe
// with spies on every signal of a source.

#include "eventsource.h"
#include "httpserver.h"

#include "tlsserver.h"

#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>

#include <memory>
#include <vector>

namespace sourcefixture {

using namespace sse;
using State = EventSource::State;

inline constexpr int Timeout = 10000;

inline const HttpHeaders &streamHeaders()
{
    static const HttpHeaders h{{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    return h;
}

/** Responds with an event stream carrying \a body, then ends it. */
inline void streamAndClose(HttpResponder *r, const QByteArray &body)
{
    r->writeHead(200, streamHeaders());
    r->write(body);
    r->close();
}

inline ReconnectPolicy fastPolicy(int initialMs = 50, int maxMs = 400)
{
    ReconnectPolicy p;
    p.initialDelayMs = initialMs;
    p.maxDelayMs = maxMs;
    p.jitter = false;
    return p;
}

inline QList<Event> allEvents(const QSignalSpy &spy)
{
    QList<Event> out;
    for (const auto &args : spy)
        out += args.at(0).value<QList<Event>>();
    return out;
}

inline QList<ReconnectInfo> reconnects(const QSignalSpy &spy)
{
    QList<ReconnectInfo> out;
    for (const auto &args : spy)
        out += args.at(0).value<ReconnectInfo>();
    return out;
}

inline QList<Error> errors(const QSignalSpy &spy)
{
    QList<Error> out;
    for (const auto &args : spy)
        out += args.at(0).value<Error>();
    return out;
}

/** A source with spies on all its signals. */
struct Probe
{
    explicit Probe(const QUrl &url, const ReconnectPolicy &policy = fastPolicy())
        : states(&source, &EventSource::stateChanged)
        , events(&source, &EventSource::eventsReceived)
        , comments(&source, &EventSource::commentsReceived)
        , errors(&source, &EventSource::errorOccurred)
        , reconnects(&source, &EventSource::reconnectScheduled)
        , responses(&source, &EventSource::responseReceived)
    {
        StreamRequest request;
        request.url = url;
        source.setRequest(request);
        source.setPolicy(policy);
    }
    int eventCount() const { return allEvents(events).size(); }

    EventSource source;
    QSignalSpy states;
    QSignalSpy events;
    QSignalSpy comments;
    QSignalSpy errors;
    QSignalSpy reconnects;
    QSignalSpy responses;
};

/** A TLS server (self-signed certificate in tests/data) that answers every request with one
 *  fixed raw HTTP response. */

/** A fresh HttpServer on 127.0.0.1 for each test function. */
class SourceFixture
{
protected:
    void setUpFixture()
    {
        m_server = std::make_unique<HttpServer>();
        QVERIFY(m_server->listen() != 0);
    }
    void tearDownFixture() { m_server.reset(); }

    std::unique_ptr<HttpServer> m_server;
};

} // namespace sourcefixture
