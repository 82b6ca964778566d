#include "diagnostics.h"

#include "diagnosticsutil.h"
#include "errorpayload.h"
#include "eventsource.h"
#include "transcript.h"

#include <QCoreApplication>
#include <QNetworkReply>

#include <algorithm>

// The checks of sse::Diagnostics: one small function per concern, run in report order by
// findings() from a table. Each reads what Diagnostics recorded (diagnostics.cpp) and adds its
// findings; none depends on another's result.

namespace sse {

namespace {

using diagnostics::isNamed;
using diagnostics::seconds;

/** The MIME type of a Content-Type value, lower case, without parameters. */
QByteArray essenceOf(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon >= 0 ? contentType.left(semicolon) : contentType).trimmed().toLower();
}

/** The charset parameter of a Content-Type value, lower case, unquoted; empty when absent. */
QByteArray charsetOf(const QByteArray &contentType)
{
    const QList<QByteArray> parts = contentType.split(';');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray param = parts.at(i).trimmed();
        const qsizetype equals = param.indexOf('=');
        if (equals < 0 || !isNamed(param.left(equals).trimmed(), "charset"))
            continue;
        QByteArray value = param.mid(equals + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        return value.toLower();
    }
    return {};
}

/** Whether a comma-separated header value lists \a token (case-insensitive). */
bool listsToken(const QByteArray &value, QByteArrayView token)
{
    for (const QByteArray &part : value.split(',')) {
        QByteArray item = part.trimmed();
        if (const qsizetype equals = item.indexOf('='); equals >= 0)
            item = item.left(equals).trimmed();
        if (isNamed(item, token))
            return true;
    }
    return false;
}

QString connectFix(const Error &error, const QUrl &url)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("sse::Diagnostics", text); };
    const QString where = url.authority().isEmpty() ? url.toDisplayString() : url.authority();
    if (error.kind == ErrorKind::Tls)
        return tr("Give the server a certificate from a trusted authority for its host name, or "
                  "trust the issuing CA on this machine. For a test server you control, the "
                  "stream's “ignore TLS certificate errors” option (insecure) accepts it.");
    if (error.kind == ErrorKind::Redirect)
        return tr("Fix the redirect on the server: one Location, to an http(s) URL of the same "
                  "or a safer scheme, without loops.");
    switch (QNetworkReply::NetworkError(error.networkError)) {
    case QNetworkReply::ConnectionRefusedError:
        return tr("Nothing accepts connections on %1. Start the server, check the port, and "
                  "check the address it listens on (a server bound to ::1 or another interface "
                  "refuses 127.0.0.1).").arg(where);
    case QNetworkReply::HostNotFoundError:
        return tr("The host name %1 does not resolve. Check its spelling, DNS and /etc/hosts.")
            .arg(url.host());
    case QNetworkReply::TimeoutError:
        return tr("Nothing completed the connection to %1 in time: check the port, firewalls "
                  "and that the server is not overloaded; on a slow network raise the "
                  "stream's connect timeout.").arg(where);
    default:
        return tr("Check that the server at %1 runs and is reachable from this machine, and "
                  "read its log for why it closed the connection.").arg(where);
    }
}

/** Collects findings in check order; findings() sorts them by severity afterwards. */
class FindingList
{
public:
    void add(const char *id, Finding::Severity severity, const QString &title,
             const QString &explanation, const QString &fix)
    {
        m_list.append(Finding{QString::fromLatin1(id), severity, title, explanation, fix});
    }
    QList<Finding> sorted()
    {
        std::stable_sort(m_list.begin(), m_list.end(), [](const Finding &a, const Finding &b) {
            return int(a.severity) > int(b.severity);
        });
        return m_list;
    }

private:
    QList<Finding> m_list;
};

} // namespace

/** What every check reads: the timing as of now, and the signs of buffering several share. */
struct Diagnostics::Check
{
    FindingList out;
    StreamTiming timing;
    bool bursts = false;   ///< many events in one read after a silence
    bool buffered = false; ///< bursts, or a response head that came late
};

QList<Finding> Diagnostics::findings() const
{
    static constexpr void (Diagnostics::*Checks[])(Check &) const = {
        &Diagnostics::checkTlsErrorsIgnored,
        &Diagnostics::checkNotConnected,
        &Diagnostics::checkNoResponse,
        &Diagnostics::checkHttpStatus,
        &Diagnostics::checkBuffering,
        &Diagnostics::checkStreamHeaders,
        &Diagnostics::checkCors,
        &Diagnostics::checkBrowserRequest,
        &Diagnostics::checkConnectionLimit,
        &Diagnostics::checkHeartbeat,
        &Diagnostics::checkIdleDrops,
        &Diagnostics::checkIds,
        &Diagnostics::checkRetry,
        &Diagnostics::checkServerErrors,
        &Diagnostics::checkLlm,
    };
    Check c;
    c.timing = timing();
    c.bursts = c.timing.bursts > 0;
    // Buffering shows in the timing: bursts, or a response head that came late.
    c.buffered = c.bursts || c.timing.slowHeads > 0;
    for (const auto check : Checks)
        (this->*check)(c);
    return c.out.sorted();
}

void Diagnostics::checkTlsErrorsIgnored(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    if (m_source && !m_source->ignoredTlsErrors().isEmpty()) {
        out.add("tls-errors-ignored", S::Warning,
                tr("TLS certificate errors are ignored"),
                tr("The server's certificate failed verification (%1), and the stream's "
                   "“ignore TLS certificate errors” option accepted it anyway. The "
                   "connection is encrypted but not authenticated: anyone on the network path "
                   "can read and alter the stream, credentials included. Browsers refuse it.")
                    .arg(m_source->ignoredTlsErrors().join(u"; ")),
                tr("Give the server a certificate from a trusted authority for its host name "
                   "(or trust the issuing CA on this machine), then turn the option off."));
    }
}

void Diagnostics::checkNotConnected(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    // A stream that does not open is never "no problems": refused, DNS, TLS, connect timeout,
    // retries exhausted. (HTTP statuses and content types have findings of their own.)
    const bool down = m_hasFailure && !m_open
        && (m_timing.connections == 0 || m_failedAttempts >= 2 || m_failure.permanent);
    const bool connectFailure = m_failure.kind == ErrorKind::Network
        || m_failure.kind == ErrorKind::Tls || m_failure.kind == ErrorKind::Redirect
        || m_failure.kind == ErrorKind::IdleTimeout
        || (m_failure.kind == ErrorKind::RetriesExhausted && m_failure.httpStatus == 0);
    if (down && (connectFailure || m_failure.kind == ErrorKind::RetriesExhausted)) {
        const QUrl url = m_hasRequest ? m_request.url : m_source ? m_source->request().url : QUrl();
        const QString attempts = tr("%n consecutive attempt(s) failed.", nullptr,
                                    qMax(1, m_failedAttempts));
        out.add("not-connected", S::Error,
                m_timing.connections == 0 ? tr("The stream never opened") : tr("The stream is down"),
                m_failure.message + u' '
                    + (m_failure.permanent ? tr("The monitor stopped trying.") : attempts),
                m_failure.kind == ErrorKind::RetriesExhausted && !connectFailure
                    ? tr("Fix the cause above, then reconnect (Retry now), or allow more retries.")
                    : connectFix(m_failure, url));
    }
}

void Diagnostics::checkNoResponse(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    const StreamTiming &t = c.timing;
    const DiagnosticsThresholds &th = m_thresholds;
    // Connected and sent, no response head yet: a proxy is holding the response back.
    if (th.responseWaitMs > 0 && t.awaitingResponseMs >= th.responseWaitMs) {
        out.add("no-response", S::Warning,
                tr("Connected, request sent, no response for %1 s")
                    .arg(seconds(t.awaitingResponseMs)),
                tr("The connection is up and the server has the request, but no response head "
                   "has arrived. A server answers at once; a proxy that buffers responses holds "
                   "the head back with the first events until its buffer fills (nginx: 4–8 "
                   "KiB), so a slow stream shows nothing for minutes. The monitor keeps "
                   "waiting, as browsers and curl do."),
                tr("Turn off response buffering for the stream in the proxy (nginx: "
                   "proxy_buffering off for the location, or X-Accel-Buffering: no from the "
                   "application); make the server send its head before the first event."));
    }
}

void Diagnostics::checkHttpStatus(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    const ResponseInfo &r = m_response;
    if (m_hasResponse) {
        if (r.status == 204) {
            out.add("http-status", S::Info, tr("The server answered 204 No Content"),
                    tr("204 tells an EventSource to stop: it closes and does not reconnect. "
                       "That is right when the stream has ended for good, and wrong otherwise."),
                    tr("Answer 200 with text/event-stream while there is something to stream."));
        } else if (r.status != 200) {
            const QString status = QString::number(r.status)
                + (r.reasonPhrase.isEmpty() ? QString()
                                            : u' ' + QString::fromLatin1(r.reasonPhrase));
            const QString said = m_hasFailure && m_failure.httpStatus == r.status
                ? readErrorPayload(m_failure.body).message : QString();
            out.add("http-status", S::Error,
                    said.isEmpty() ? tr("The server answered %1").arg(status)
                                   : tr("The server answered %1: %2").arg(status, said),
                    tr("An EventSource opens only on 200 with text/event-stream. A browser fails "
                       "the connection on any other status and does not reconnect by itself; "
                       "the monitor retries 5xx, 408 and 429 with backoff."),
                    tr("Check the URL, the credentials and the server's log; answer 200 and "
                       "stream, or 204 to tell clients to stop."));
        }
    }
}

void Diagnostics::checkBuffering(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    const StreamTiming &t = c.timing;
    const DiagnosticsThresholds &th = m_thresholds;
    const bool bursts = c.bursts;
    const bool buffered = c.buffered;
    // The symptom first; the headers below may name its cause.
    if (buffered) {
        QStringList seen;
        if (bursts) {
            seen.append(tr("many events arrived together in one read after a silence (bursts: "
                           "%1; largest: %2 events; silence before each: at least %3 s)")
                            .arg(t.bursts)
                            .arg(t.largestBurst)
                            .arg(seconds(th.burstMinSilenceMs)));
        }
        if (t.slowHeads > 0) {
            seen.append(tr("the response head came %1 s after the request")
                            .arg(seconds(t.timeToFirstByteMs)));
        }
        out.add("buffering", S::Warning,
                bursts ? tr("Events arrive in bursts") : tr("The response head came late"),
                tr("Seen: %1. That is the signature of buffering between server and client (a "
                   "proxy, a compressor or the server's output buffer).")
                    .arg(seen.join(QStringLiteral("; "))),
                tr("Flush after every event on the server and turn off response buffering in "
                   "proxies (nginx: X-Accel-Buffering: no or proxy_buffering off) and "
                   "compression of text/event-stream."));
    }
}

// The stream's own response headers, one block per header (content type and charset, caching,
// compression, length, nginx): they share the guard that the response is a stream, and read
// best together (a little over a screen).
void Diagnostics::checkStreamHeaders(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    const ResponseInfo &r = m_response;
    const bool bursts = c.bursts;
    const bool buffered = c.buffered;
    // The stream's own headers, judged on a stream only (not on an error page).
    if (m_hasResponse && r.status == 200) {
        const QByteArray contentType = r.header("Content-Type");
        if (contentType.trimmed().isEmpty()) {
            out.add("content-type-missing", S::Error, tr("No Content-Type header"),
                    tr("An EventSource accepts a response only when its Content-Type is "
                       "text/event-stream; without one, browsers fail the connection."),
                    tr("Send Content-Type: text/event-stream."));
        } else if (essenceOf(contentType) != "text/event-stream") {
            out.add("content-type-wrong", S::Error,
                    tr("Content-Type is %1, not text/event-stream")
                        .arg(QString::fromLatin1(essenceOf(contentType))),
                    tr("An EventSource accepts a response only when its Content-Type is "
                       "text/event-stream; browsers fail this connection and do not "
                       "reconnect."),
                    tr("Send Content-Type: text/event-stream."));
        }
        const QByteArray charset = charsetOf(contentType);
        if (!charset.isEmpty() && charset != "utf-8" && charset != "utf8") {
            out.add("charset", S::Warning,
                    tr("Content-Type declares charset %1").arg(QString::fromLatin1(charset)),
                    tr("Event streams are always decoded as UTF-8; the charset parameter is "
                       "ignored. Declaring another one hints at a misconfigured server that may "
                       "also encode the events in that charset, which clients will garble."),
                    tr("Encode events as UTF-8 and send Content-Type: text/event-stream (or "
                       "text/event-stream; charset=utf-8)."));
        }
        const QByteArray cacheControl = r.header("Cache-Control");
        if (!listsToken(cacheControl, "no-cache") && !listsToken(cacheControl, "no-store")) {
            out.add("cache-control", S::Warning,
                    cacheControl.isEmpty()
                        ? tr("No Cache-Control: no-cache")
                        : tr("Cache-Control is “%1”, without no-cache")
                              .arg(QString::fromLatin1(cacheControl)),
                    tr("Without Cache-Control: no-cache, proxies and CDNs may cache or buffer "
                       "the response, and a reconnecting client may be served stale events."),
                    tr("Send Cache-Control: no-cache on the event stream."));
        }
        const QByteArray encoding = r.header("Content-Encoding").trimmed();
        if (!encoding.isEmpty() && !isNamed(encoding, "identity")) {
            const QString name = QString::fromLatin1(encoding);
            out.add("content-encoding", bursts ? S::Warning : S::Info,
                    tr("The stream is compressed (%1)").arg(name),
                    bursts
                        ? tr("The response is encoded with %1 and events arrived in bursts: the "
                             "compressor is probably holding events back until its buffer "
                             "fills.").arg(name)
                        : tr("The response is encoded with %1. That is fine only when the server "
                             "flushes the compressor after every event; otherwise events wait "
                             "in its buffer.").arg(name),
                    tr("Flush the compressor after each event (e.g. Z_SYNC_FLUSH), or exclude "
                       "text/event-stream from compression (nginx: leave text/event-stream out "
                       "of gzip_types). The monitor, like browsers, sends Accept-Encoding: "
                       "gzip, which invites a proxy to compress; the stream option “Ask for an "
                       "uncompressed stream” (Accept-Encoding: identity) shows whether "
                       "compression is what holds events back."));
        }
        if (!r.header("Content-Length").isEmpty()) {
            out.add("content-length", S::Warning, tr("Content-Length on an event stream"),
                    tr("An event stream has no known length. With Content-Length %1, clients "
                       "and proxies treat the body as ending after that many bytes, and some "
                       "buffer it whole before passing it on.")
                        .arg(QString::fromLatin1(r.header("Content-Length").trimmed())),
                    tr("Send no Content-Length; stream with chunked transfer encoding (HTTP/1.1) "
                       "or plain DATA frames (HTTP/2)."));
        }
        // Judged by timing: nginx removes X-Accel-Buffering from the responses it forwards
        // (proxy_hide_header), so the header's absence says nothing.
        // A visible "X-Accel-Buffering: no" means nginx was told and passed it on: the
        // buffering is elsewhere.
        if (buffered && r.header("Server").toLower().contains("nginx")
            && r.header("X-Accel-Buffering").trimmed().toLower() != "no") {
            out.add("nginx-buffering", S::Warning, tr("nginx is buffering the stream"),
                    tr("The response came through nginx and the timing shows buffering: nginx "
                       "buffers proxied responses by default (proxy_buffering on) and releases "
                       "head and events when its 4–8 KiB buffer fills. Whether the application "
                       "sent X-Accel-Buffering cannot be seen here: nginx removes that header "
                       "from what it forwards."),
                    tr("Send X-Accel-Buffering: no from the application, or set "
                       "proxy_buffering off for this location."));
        }
    }
}

void Diagnostics::checkCors(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    const ResponseInfo &r = m_response;
    // CORS, for the page origin (or the Origin header the request carried).
    QString pageOrigin = originOf(m_pageOrigin);
    if (pageOrigin.isEmpty() && m_hasRequest) {
        for (const Header &h : m_request.headers) {
            if (isNamed(h.name, "origin"))
                pageOrigin = QString::fromUtf8(h.value.trimmed());
        }
    }
    const QString streamOrigin = m_hasResponse ? originOf(r.url) : QString();
    bool credentials = false;
    bool originSent = false;
    if (m_hasRequest) {
        for (const Header &h : m_request.headers)
            originSent |= isNamed(h.name, "origin");
    }
    if (m_hasRequest) {
        for (const Header &h : m_request.headers)
            credentials |= isNamed(h.name, "cookie") || isNamed(h.name, "authorization");
    }
    if (m_hasResponse && !pageOrigin.isEmpty() && !streamOrigin.isEmpty()
        && pageOrigin != streamOrigin) {
        const QByteArray allowOrigin = r.header("Access-Control-Allow-Origin").trimmed();
        const QByteArray allowCredentials = r.header("Access-Control-Allow-Credentials").trimmed();
        const QString fixOrigin =
            tr("Answer requests with Origin: %1 with Access-Control-Allow-Origin: %1%2.")
                .arg(pageOrigin,
                     credentials ? tr(" and Access-Control-Allow-Credentials: true") : QString());
        if (allowOrigin.isEmpty()) {
            out.add("cors-allow-origin-missing", S::Error,
                    tr("A page on %1 could not read this stream (no CORS headers)").arg(pageOrigin),
                    (originSent
                         ? tr("The stream is on %1, another origin than the page's %2, and the "
                              "response has no Access-Control-Allow-Origin: a browser blocks it "
                              "and the EventSource fails.")
                         : tr("The stream is on %1, another origin than the page's %2, and the "
                              "response has no Access-Control-Allow-Origin: a browser blocks it "
                              "and the EventSource fails. Some servers only answer CORS when "
                              "the request carries an Origin header; send Origin: %2 to check "
                              "them as a browser would."))
                        .arg(streamOrigin, pageOrigin),
                    fixOrigin);
        } else if (allowOrigin == "*") {
            if (credentials) {
                out.add("cors-wildcard-credentials", S::Error,
                        tr("Access-Control-Allow-Origin: * with credentials"),
                        tr("The request sends credentials (Cookie or Authorization), as an "
                           "EventSource with withCredentials does; browsers refuse a wildcard "
                           "Access-Control-Allow-Origin for such requests."),
                        fixOrigin);
            }
        } else if (QString::fromUtf8(allowOrigin) != pageOrigin) {
            out.add("cors-origin-mismatch", S::Error,
                    tr("Access-Control-Allow-Origin does not match %1").arg(pageOrigin),
                    tr("The response allows the origin “%1”, not the page's %2: browsers "
                       "compare the value exactly and block the stream. It must be one origin "
                       "or *, not a list.").arg(QString::fromUtf8(allowOrigin), pageOrigin),
                    fixOrigin);
        }
        if (credentials && allowOrigin != "*" && !allowOrigin.isEmpty()
            && allowCredentials != "true") {
            out.add("cors-credentials-not-allowed", S::Error,
                    tr("Credentials sent but not allowed by CORS"),
                    tr("The request sends credentials (Cookie or Authorization), as an "
                       "EventSource with withCredentials does, but the response has no "
                       "Access-Control-Allow-Credentials: true; browsers block it."),
                    tr("Send Access-Control-Allow-Credentials: true, with "
                       "Access-Control-Allow-Origin: %1 (the exact origin, never *).")
                        .arg(pageOrigin));
        }
    }
}

void Diagnostics::checkBrowserRequest(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    // What a browser's EventSource cannot send: any method but GET, a body, custom headers.
    if (m_hasRequest) {
        QStringList custom;
        for (const Header &h : m_request.headers) {
            if (!isNamed(h.name, "accept") && !isNamed(h.name, "cache-control")
                && !isNamed(h.name, "last-event-id") && !isNamed(h.name, "cookie")
                && !isNamed(h.name, "origin"))
                custom.append(QString::fromLatin1(h.name));
        }
        QStringList what;
        if (m_request.method != "GET")
            what.append(tr("method %1").arg(QString::fromLatin1(m_request.method)));
        if (m_request.bodyBytes > 0)
            what.append(tr("a request body"));
        if (!custom.isEmpty())
            what.append(tr("headers %1").arg(custom.join(QStringLiteral(", "))));
        if (!what.isEmpty()) {
            out.add("browser-request", S::Info,
                    tr("A browser's EventSource cannot send this request"),
                    tr("The request uses %1. A browser's EventSource only sends GET with its own "
                       "headers and cookies, so a web page sees a different response.")
                        .arg(what.join(QStringLiteral("; "))),
                    tr("Pass what the server needs in the URL or a cookie, or use a fetch-based "
                       "client in the page."));
        }
    }
}

void Diagnostics::checkConnectionLimit(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    const DiagnosticsThresholds &th = m_thresholds;
    const ResponseInfo &r = m_response;
    if (m_hasResponse && !r.http2 && m_streamsToHost > th.browserConnectionLimit) {
        out.add("http1-connection-limit", S::Warning,
                tr("%1 streams to this host over HTTP/1.1").arg(m_streamsToHost),
                tr("Browsers open at most %1 HTTP/1.1 connections per host, and an event stream "
                   "holds its connection for good: in a browser, the stream after the %1th (and "
                   "every other request to the host) would wait forever.")
                    .arg(th.browserConnectionLimit),
                tr("Serve the streams over HTTP/2, which multiplexes them on one connection, or "
                   "share one stream between tabs (e.g. a SharedWorker)."));
    }
}

void Diagnostics::checkHeartbeat(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    const StreamTiming &t = c.timing;
    const DiagnosticsThresholds &th = m_thresholds;
    if (th.proxyIdleMs > 0 && t.longestSilenceMs >= th.proxyIdleMs) {
        out.add("no-heartbeat", S::Warning,
                tr("No heartbeat for %1 s").arg(seconds(t.longestSilenceMs)),
                tr("The open stream sent nothing for %1 s. Proxies, load balancers and NATs "
                   "commonly drop connections idle for %2 s, so clients see drops and "
                   "reconnects.").arg(seconds(t.longestSilenceMs), seconds(th.proxyIdleMs)),
                tr("Send a comment line (\": ping\" and a blank line) at least every %1 s when "
                   "there is nothing else to send.")
                    .arg(qMax<qint64>(1, th.proxyIdleMs / 2000)));
    }
}

void Diagnostics::checkIdleDrops(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    const StreamTiming &t = c.timing;
    const DiagnosticsThresholds &th = m_thresholds;
    // Drops after about the same silence, again and again: an idle timeout on the way.
    if (th.minIdleDrops > 0 && t.dropSilencesMs.size() >= th.minIdleDrops) {
        QList<qint64> sorted = t.dropSilencesMs;
        std::sort(sorted.begin(), sorted.end());
        const qint64 median = sorted.at(sorted.size() / 2);
        const qint64 tolerance = qMax<qint64>(1000, median / 5);
        QList<qint64> alike;
        for (qint64 silence : std::as_const(sorted)) {
            if (qAbs(silence - median) <= tolerance)
                alike.append(silence);
        }
        if (alike.size() >= th.minIdleDrops) {
            const qint64 idle = alike.constFirst(); // the proxy cuts at its timeout, not later
            out.add("proxy-idle-drops", S::Warning,
                    tr("The connection drops after %1 s of silence").arg(seconds(idle)),
                    tr("%1 connections ended after %2–%3 s without data while the stream "
                       "was open: the signature of an idle timeout of about %2 s in a proxy or "
                       "load balancer on the way (nginx: proxy_read_timeout, 60 s by default). "
                       "Every drop costs a reconnect, and the events sent meanwhile unless "
                       "the server resumes after Last-Event-ID.")
                        .arg(alike.size())
                        .arg(seconds(alike.constFirst()), seconds(alike.constLast())),
                    tr("Send a comment line (\": ping\" and a blank line) at least every %1 s "
                       "when there is nothing else to send, or raise the proxy's idle timeout.")
                        .arg(qMax<qint64>(1, idle / 2000)));
        }
    }
}

void Diagnostics::checkIds(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    const StreamTiming &t = c.timing;
    const DiagnosticsThresholds &th = m_thresholds;
    if (t.events >= th.minEvents && t.eventsWithId == 0) {
        out.add("no-ids", S::Warning, tr("Events carry no id"),
                tr("None of the %1 events seen had an id field, so a reconnecting client "
                   "cannot send Last-Event-ID and the server cannot resume where it left off: "
                   "events sent during a drop are lost.").arg(t.events),
                tr("Send an id: line with each event and resume after the Last-Event-ID "
                   "request header."));
    }
    if (t.idRegressions > 0) {
        out.add("ids-not-increasing", S::Warning, tr("Numeric ids do not increase"),
                tr("An event's numeric id was not greater than the one before it (count: %1): "
                   "events may have been replayed or lost, or the server restarted its "
                   "numbering.").arg(t.idRegressions),
                tr("Give events increasing ids and, on reconnect, resume after Last-Event-ID "
                   "instead of starting over."));
    }
}

void Diagnostics::checkRetry(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    const StreamTiming &t = c.timing;
    const DiagnosticsThresholds &th = m_thresholds;
    if (t.serverRetryMs < 0 && t.events >= th.minEvents) {
        out.add("retry-absent", S::Info, tr("No retry: field"),
                tr("The server does not set the reconnection time, so each client uses its own "
                   "default (about 3 s in browsers) after a drop."),
                tr("Send retry: <ms> once at the start of the stream to choose it."));
    } else if (t.serverRetryMs >= 0 && t.serverRetryMs < th.retryMinMs) {
        out.add("retry-small", S::Warning, tr("retry: %1 ms is very small").arg(t.serverRetryMs),
                tr("Clients reconnect %1 ms after every drop; when the server goes down, every "
                   "client hammers it at once (a reconnect storm).").arg(t.serverRetryMs),
                tr("Use a retry of at least %1 ms; back off on the server with 503 and "
                   "Retry-After when overloaded.").arg(th.retryMinMs));
    } else if (t.serverRetryMs > th.retryMaxMs) {
        out.add("retry-large", S::Warning, tr("retry: %1 s is very large").arg(seconds(t.serverRetryMs)),
                tr("Clients wait %1 s after every drop before reconnecting, so a short network "
                   "glitch becomes a long outage.").arg(seconds(t.serverRetryMs)),
                tr("Use a retry of a few seconds (at most %1 s).").arg(seconds(th.retryMaxMs)));
    }
}

void Diagnostics::checkServerErrors(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    const StreamTiming &t = c.timing;
    if (t.serverErrors > 0) {
        const double share = t.events > 0 ? 100.0 * double(t.serverErrors) / double(t.events) : 0;
        const double perMinute = t.observedMs > 0
            ? double(t.serverErrors) * 60000.0 / double(t.observedMs) : 0;
        out.add("server-errors", S::Warning,
                tr("The server sent event: error (%1 so far)").arg(t.serverErrors),
                tr("%1 of %2 events were event: error (%3%), about %4 per minute: the server "
                   "reports problems in the stream itself. The latest said: “%5”.")
                    .arg(t.serverErrors)
                    .arg(t.events)
                    .arg(share, 0, 'f', 1)
                    .arg(perMinute, 0, 'f', 1)
                    .arg(m_lastServerError),
                tr("Read the errors' data (the log shows them) and fix their cause on the "
                   "server."));
    }
}

void Diagnostics::checkLlm(Check &c) const
{
    using S = Finding::Severity;
    FindingList &out = c.out;
    if (m_transcript) {
        int failed = 0;
        int cut = 0;
        const LlmResponse *lastFailed = nullptr;
        const LlmResponse *stalled = nullptr;
        for (const LlmResponse &response : m_transcript->responses()) {
            if (response.state == LlmResponse::State::Failed) {
                ++failed;
                lastFailed = &response;
            } else if (response.state == LlmResponse::State::Incomplete) {
                ++cut;
            }
            if (response.longestStallMs >= Transcript::StallWarningMs
                && (!stalled || response.longestStallMs > stalled->longestStallMs))
                stalled = &response;
        }
        if (lastFailed) {
            out.add("llm-error", S::Error, tr("The server reported an error inside the LLM stream"),
                    tr("%n response(s) failed; the latest, response %1, ended with: “%2”.", nullptr,
                       failed)
                        .arg(lastFailed->number)
                        .arg(lastFailed->error.message.isEmpty() ? lastFailed->error.code
                                                                 : lastFailed->error.message),
                    tr("The HTTP status said 200, so only a client that reads the stream's own "
                       "errors notices: make yours show them, and fix the cause on the server "
                       "(overloaded: retry with backoff)."));
        }
        if (cut > 0) {
            out.add("llm-incomplete", S::Warning, tr("An LLM response was cut before its terminator"),
                    tr("%n response(s) ended without their terminator (data: [DONE], "
                       "message_stop, response.completed): what a client shows is not the whole "
                       "answer.", nullptr, cut),
                    tr("Find what ends the connection early: a proxy's read timeout, a timeout "
                       "or crash in the server, a worker restart."));
        }
        if (stalled) {
            const LlmTiming timing = stalled->timing();
            out.add("llm-stall", S::Warning,
                    tr("An LLM response stalled for %1 s").arg(seconds(timing.longestStallMs)),
                    tr("Response %1 paused %2 ms between two chunks (half of its gaps were at most "
                       "%3 ms), after “%4”.")
                        .arg(stalled->number)
                        .arg(timing.longestStallMs)
                        .arg(timing.gapP50Ms)
                        .arg(timing.stallContext),
                    tr("Look for what holds generation or delivery back: a tool call run inline, "
                       "a queue in front of the model, a proxy buffering the stream."));
        }
    }
}

} // namespace sse
