#pragma once

// What the ssecat suites share (tst_ssecat runs the binary, tst_ssecatoptions its formatter and
// option parser in process): the binary's path, scripted HttpServer handlers, a run of ssecat
// with its output, and parsers of that output.

#include "eventformat.h"
#include "httpserver.h"
#include "parser.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace ssecattest {

using sse::Event;
using sse::HttpHeaders;
using sse::HttpRequest;
using sse::HttpResponder;
using sse::HttpServer;
using sse::ParseResult;
using sse::Parser;

constexpr int Timeout = 20000;

// Fast reconnects so that a scripted 204 on the second request ends ssecat quickly.
inline const QStringList fastRetry{QStringLiteral("--retry-initial-ms"), QStringLiteral("20"),
                            QStringLiteral("--no-jitter")};

inline QString ssecatPath()
{
    const QByteArray buildDir = qgetenv("SSE_BUILD_DIR");
    const QString base = buildDir.isEmpty()
        ? QCoreApplication::applicationDirPath() + QStringLiteral("/..")
        : QString::fromLocal8Bit(buildDir);
    return QDir(base).filePath(QStringLiteral("app/ssecat/ssecat"));
}

inline const HttpHeaders &streamHeaders()
{
    static const HttpHeaders h{{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    return h;
}

inline void noContent(HttpResponder *r)
{
    r->writeHead(204);
    r->close();
}

/** The first request to each path gets an event stream with bodies[path], then the end of the
 *  body; every later request gets 204, so ssecat exits 0 after one reconnect. */
inline HttpServer::Handler streamOnceThen204(const QHash<QByteArray, QByteArray> &bodies)
{
    auto hits = std::make_shared<QHash<QByteArray, int>>();
    return [bodies, hits](const HttpRequest &request, HttpResponder *r) {
        if ((*hits)[request.path()]++ > 0)
            return noContent(r);
        r->writeHead(200, streamHeaders());
        r->write(bodies.value(request.path()));
        r->close();
    };
}

/** Streams \a body and keeps the connection open. */
inline HttpServer::Handler streamAndStay(const QByteArray &body)
{
    return [body](const HttpRequest &, HttpResponder *r) {
        r->writeHead(200, streamHeaders());
        r->write(body);
    };
}

struct Run
{
    bool finished = false;
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;

    QList<QByteArray> lines() const
    {
        QList<QByteArray> l = out.split('\n');
        if (!l.isEmpty() && l.constLast().isEmpty())
            l.removeLast();
        return l;
    }
};

/** Runs ssecat to its end. Waits with a QSignalSpy, so this thread's event loop keeps running
 *  and the in-process server keeps answering. */
inline Run runCat(const QStringList &args, int timeoutMs = Timeout)
{
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    QElapsedTimer clock;
    clock.start();
    process.start(ssecatPath(), args);
    Run run;
    run.finished = finished.wait(timeoutMs);
    run.elapsedMs = clock.elapsed();
    if (!run.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    run.exitCode = process.exitCode();
    run.exitStatus = process.exitStatus();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

inline QJsonObject parseObject(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        qWarning("not a JSON object: %s", line.constData());
        return {};
    }
    return doc.object();
}

inline QList<QJsonObject> parseLines(const Run &run)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : run.lines())
        objects.append(parseObject(line));
    return objects;
}

inline QList<Event> parseStream(const QByteArray &bytes)
{
    Parser parser;
    ParseResult result;
    parser.feed(bytes, result);
    return result.events;
}

inline QStringList keysOf(const QJsonObject &o)
{
    QStringList k = o.keys();
    k.sort();
    return k;
}

inline QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

inline bool isIsoUtcMs(const QString &s)
{
    static const QRegularExpression re(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
    return re.match(s).hasMatch();
}

inline QByteArray tickEvents(int count, int from = 0)
{
    QByteArray body;
    for (int i = from; i < from + count; ++i) {
        body += "id: " + QByteArray::number(i) + "\nevent: tick\ndata: {\"seq\":"
            + QByteArray::number(i) + ",\"value\":" + QByteArray::number(i * 7 % 1000) + "}\n\n";
    }
    return body;
}

#define COMPARE_EVENTS(actual, expected)                                                       \
    do {                                                                                       \
        const QList<Event> &a_ = (actual);                                                     \
        const QList<Event> &e_ = (expected);                                                   \
        QCOMPARE(a_.size(), e_.size());                                                        \
        for (qsizetype i_ = 0; i_ < a_.size(); ++i_) {                                         \
            QCOMPARE(a_.at(i_).type, e_.at(i_).type);                                          \
            QCOMPARE(a_.at(i_).data, e_.at(i_).data);                                          \
            QCOMPARE(a_.at(i_).lastEventId, e_.at(i_).lastEventId);                            \
            QCOMPARE(a_.at(i_).hasId, e_.at(i_).hasId);                                        \
        }                                                                                      \
    } while (false)

} // namespace ssecattest
