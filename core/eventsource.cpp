#include "eventsource.h"

#include "errorpayload.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostAddress>
#include <QLocale>
#include <QLoggingCategory>
#include <QMetaMethod>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

#include <limits>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslError>
#endif

Q_LOGGING_CATEGORY(lcClient, "sse.client", QtInfoMsg)

namespace sse {

namespace {

constexpr qint64 MaxDelayMs = 24LL * 3600 * 1000;     // no timer is ever armed for longer
constexpr qint64 MinBackoffBaseMs = 10;              // so backoff grows even after `retry: 0`
constexpr qint64 ReadChunk = 64 * 1024;
constexpr qint64 SliceBytes = 256 * 1024;             // parsed per turn of the event loop

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto defaultPort = [](const QUrl &u) { return u.scheme() == u"https" ? 443 : 80; };
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(defaultPort(a)) == b.port(defaultPort(b));
}

bool isEventStream(const QByteArray &contentType)
{
    QByteArrayView essence = contentType;
    if (const qsizetype semicolon = essence.indexOf(';'); semicolon >= 0)
        essence = essence.first(semicolon);
    return essence.trimmed().compare("text/event-stream", Qt::CaseInsensitive) == 0;
}

/** Retry-After as a delay in ms: delta-seconds or an HTTP-date; 0 when absent or invalid. */
qint64 retryAfterMs(const QByteArray &value, qint64 nowMs)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return 0;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return seconds > 0 ? qMin(seconds * 1000, MaxDelayMs) : 0;
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(v), Qt::RFC2822Date);
    if (!when.isValid())
        return 0;
    return qBound<qint64>(0, when.toMSecsSinceEpoch() - nowMs, MaxDelayMs);
}

#if QT_CONFIG(ssl)
/** One line per error, with the certificate's details so a user can recognise it. */
QStringList describeSslErrors(const QList<QSslError> &errors)
{
    QStringList lines;
    for (const QSslError &e : errors) {
        QString line = e.errorString();
        const QSslCertificate cert = e.certificate();
        if (!cert.isNull()) {
            line += QStringLiteral(" (")
                + QCoreApplication::translate("sse::EventSource",
                                              "subject: %1; issuer: %2; valid %3 to %4; SHA-256 %5")
                      .arg(cert.subjectDisplayName(), cert.issuerDisplayName(),
                           cert.effectiveDate().toString(Qt::ISODate),
                           cert.expiryDate().toString(Qt::ISODate),
                           QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex(':')))
                + u')';
        }
        lines.append(line);
    }
    return lines;
}
#endif

Error serverReportedError(const QByteArray &data)
{
    const ErrorPayload payload = readErrorPayload(data);
    const QString text = payload.code.isEmpty()
        ? QCoreApplication::translate("sse::EventSource", "The server reported an error: %1")
              .arg(payload.message)
        : QCoreApplication::translate("sse::EventSource", "The server reported error %1: %2")
              .arg(payload.code, payload.message);
    return Error{ErrorKind::ServerReported, text, 0, false, data.left(Error::MaxBodyBytes)};
}

/** The headers Qt 6.4's HTTP/1.1 stack adds to \a request on the wire when it does not set
 *  them itself (QHttpNetworkConnectionPrivate::prepareRequest), in the order they appear.
 *  tst_realservers compares this with what a real server received. */
QList<Header> implicitHeaders(const QNetworkRequest &request, const QUrl &url, qint64 bodyBytes)
{
    QList<Header> headers;
    const auto add = [&](QByteArray name, QByteArray value) {
        if (!request.hasRawHeader(name))
            headers.append(Header{std::move(name), std::move(value), false});
    };
    QByteArray host;
    if (QHostAddress address; address.setAddress(url.host())
        && address.protocol() == QAbstractSocket::IPv6Protocol)
        host = '[' + url.host().toLatin1() + ']';
    else
        host = QUrl::toAce(url.host());
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());
    add("Host", host);
    if (bodyBytes > 0) {
        add("Content-Type", "application/octet-stream");
        add("Content-Length", QByteArray::number(bodyBytes));
    }
    add("Connection", "Keep-Alive");
    // Qt decompresses these transparently; a request that sets Accept-Encoding itself gets the
    // bytes as the server encoded them.
    add("Accept-Encoding", "zstd, br, gzip, deflate");
    const QString locale = QLocale::system().name().replace(u'_', u'-');
    add("Accept-Language", locale == u"C" ? QByteArrayLiteral("en,*")
                               : locale.startsWith(u"en-") ? (locale + QStringLiteral(",*")).toLatin1()
                                                           : (locale + QStringLiteral(",en,*")).toLatin1());
    add("User-Agent", "Mozilla/5.0");
    return headers;
}

} // namespace

EventSource::EventSource(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
    , m_reconnectTimer(new QTimer(this))
    , m_idleTimer(new QTimer(this))
    , m_connectTimer(new QTimer(this))
    , m_errorBodyTimer(new QTimer(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_reconnectTimer->setSingleShot(true);
    // A coarse timer may fire up to 5 % early: never sooner than Retry-After or the backoff.
    m_reconnectTimer->setTimerType(Qt::PreciseTimer);
    m_idleTimer->setSingleShot(true);
    m_connectTimer->setSingleShot(true);
    m_connectTimer->setTimerType(Qt::PreciseTimer); // the error says "within N ms": not sooner
    connect(m_connectTimer, &QTimer::timeout, this, &EventSource::onConnectTimeout);
    m_errorBodyTimer->setSingleShot(true);
    connect(m_errorBodyTimer, &QTimer::timeout, this, &EventSource::concludeRefusal);
    connect(m_reconnectTimer, &QTimer::timeout, this, [this] {
        m_reconnectDueAtMs = 0;
        beginConnection();
    });
    connect(m_idleTimer, &QTimer::timeout, this, &EventSource::onIdleCheck);
    m_readBuffer.resize(ReadChunk);
}

EventSource::~EventSource()
{
    dropReply();
}

void EventSource::setRequest(const StreamRequest &request)
{
    m_request = request;
    m_ignoredTlsErrors.clear();
    m_parser.setLastEventId(request.lastEventId);
}

void EventSource::setPolicy(const ReconnectPolicy &policy)
{
    m_policy = policy;
}

void EventSource::setIdleTimeout(int ms)
{
    m_idleTimeoutMs = qMax(0, ms);
    if (m_reply && m_idleTimeoutMs > 0)
        m_idleTimer->start(m_idleTimeoutMs);
    else
        m_idleTimer->stop();
}

void EventSource::setConnectTimeout(int ms)
{
    m_connectTimeoutMs = qMax(0, ms);
    if (m_reply && !m_responseHandled && m_awaitingSinceMs == 0 && m_connectTimeoutMs > 0)
        m_connectTimer->start(qMax<qint64>(0, m_connectTimeoutMs - m_sinceRequest.elapsed()));
    else
        m_connectTimer->stop();
}

void EventSource::setMaxEventBytes(qsizetype bytes)
{
    m_parser.setMaxEventBytes(bytes);
}

qint64 EventSource::reconnectionTimeMs() const
{
    return m_serverRetryMs >= 0 ? m_serverRetryMs : m_policy.initialDelayMs;
}

bool EventSource::isReconnectScheduled() const
{
    return m_reconnectTimer->isActive();
}

void EventSource::open()
{
    if (m_state != State::Closed)
        return;
    m_attempt = 0;
    beginConnection();
}

void EventSource::close()
{
    m_reconnectTimer->stop();
    m_reconnectDueAtMs = 0;
    dropReply();
    if (m_state == State::Closed)
        return;
    m_closeReason = CloseReason::User;
    setState(State::Closed);
}

void EventSource::reconnectNow()
{
    if (m_state == State::Closed) {
        open();
        return;
    }
    m_reconnectTimer->stop();
    m_reconnectDueAtMs = 0;
    beginConnection();
}

void EventSource::beginConnection()
{
    dropReply();
    // Qt remembers ignored certificate errors on its pooled connections and would go on
    // ignoring them: once the option is off, start over with a fresh pool. Qt 6.4 also pools
    // connections by host and port alone: one made for HTTP/1.1 would go on carrying the
    // requests after prior knowledge is turned on (and an h2c one after it is turned off).
    const bool h2cChanged = m_namHttp2PriorKnowledge
        && *m_namHttp2PriorKnowledge != m_request.http2PriorKnowledge;
    if ((m_namIgnoredTlsErrors && !m_request.ignoreTlsErrors) || h2cChanged) {
        m_nam->deleteLater();
        m_nam = new QNetworkAccessManager(this);
        m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_namIgnoredTlsErrors = false;
    }
    m_namHttp2PriorKnowledge = m_request.http2PriorKnowledge;
    m_redirects.clear();
    m_method = m_request.method.isEmpty() ? QByteArrayLiteral("GET") : m_request.method;
    m_body = m_request.body;
    m_keepCredentials = true;
    setState(State::Connecting);
    sendRequest(m_request.url);
}

void EventSource::sendRequest(const QUrl &url)
{
    m_currentUrl = url;
    m_accepted = false;
    m_responseHandled = false;
    m_awaitingSinceMs = 0;
#if QT_CONFIG(ssl)
    m_sslErrors.clear();
#endif

    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("Cache-Control", "no-cache");
    if (m_request.http2PriorKnowledge && url.scheme() == u"http" && sameOrigin(url, m_request.url))
        request.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
    for (const Header &h : std::as_const(m_request.headers)) {
        if (!m_keepCredentials && h.isSecret())
            continue;
        request.setRawHeader(h.name, h.value);
    }
    if (!m_parser.lastEventId().isEmpty())
        request.setRawHeader("Last-Event-ID", m_parser.lastEventId());

    qCDebug(lcClient) << "connecting" << url << m_method;
    QNetworkReply *reply = m_body.isEmpty() && m_method == "GET"
        ? m_nam->get(request)
        : m_nam->sendCustomRequest(request, m_method, m_body);
    reply->setReadBufferSize(ReplyBufferBytes);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &EventSource::onMetaDataChanged);
    connect(reply, &QIODevice::readyRead, this, &EventSource::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &EventSource::onFinished);
    connect(reply, &QNetworkReply::requestSent, this, &EventSource::onRequestWritten);
#if QT_CONFIG(ssl)
    connect(reply, &QNetworkReply::sslErrors, this,
            [this, reply](const QList<QSslError> &errors) { onSslErrors(reply, errors); });
#endif
    m_sinceRequest.start();
    m_sinceActivity.start();
    if (m_idleTimeoutMs > 0)
        m_idleTimer->start(m_idleTimeoutMs);
    if (m_connectTimeoutMs > 0)
        m_connectTimer->start(m_connectTimeoutMs);

    if (isSignalConnected(QMetaMethod::fromSignal(&EventSource::requestSent))) {
        RequestInfo sent;
        sent.url = url;
        sent.method = m_method;
        sent.bodyBytes = m_body.size();
        sent.redirectHop = int(m_redirects.size());
        for (const QByteArray &name : request.rawHeaderList()) {
            bool secret = false;
            for (const Header &h : std::as_const(m_request.headers))
                secret |= h.secret && h.name.compare(name, Qt::CaseInsensitive) == 0;
            sent.headers.append(Header{name, request.rawHeader(name), secret});
        }
        sent.implicitHeaders = implicitHeaders(request, url, m_body.size());
        Q_EMIT requestSent(sent);
    }
}

#if QT_CONFIG(ssl)
void EventSource::onSslErrors(QNetworkReply *reply, const QList<QSslError> &errors)
{
    if (reply != m_reply)
        return;
    if (!m_request.ignoreTlsErrors) {
        m_sslErrors = errors; // the reply fails; networkError() explains why
        return;
    }
    // Only these errors, and only because the user asked for it on this stream.
    reply->ignoreSslErrors(errors);
    m_namIgnoredTlsErrors = true;
    m_ignoredTlsErrors = describeSslErrors(errors);
    qCDebug(lcClient) << "TLS certificate errors ignored for" << m_currentUrl.host()
                        << m_ignoredTlsErrors;
    Q_EMIT tlsErrorsIgnored(m_currentUrl, m_ignoredTlsErrors);
}
#endif

void EventSource::dropReply()
{
    m_idleTimer->stop();
    m_connectTimer->stop();
    m_errorBodyTimer->stop();
    m_refusal.reset();
    m_awaitingSinceMs = 0;
    m_accepted = false;
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    // No abort(): it races with the error Qt queues for an HTTP error status ("must only be
    // called once" warnings). Destroying a reply aborts its request and closes its connection.
    reply->deleteLater();
}

void EventSource::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (state != State::Closed)
        m_closeReason = CloseReason::NotStarted;
    Q_EMIT stateChanged(state);
}

ResponseInfo EventSource::responseInfo(QNetworkReply *reply) const
{
    ResponseInfo info;
    info.url = reply->url();
    info.redirects = m_redirects;
    info.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    info.reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    info.headers = reply->rawHeaderPairs();
    info.http2 = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    info.timeToHeadersMs = m_sinceRequest.elapsed();
    return info;
}

void EventSource::onMetaDataChanged()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_responseHandled)
        return;
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttr.isValid())
        return;
    m_responseHandled = true;
    m_connectTimer->stop();
    m_awaitingSinceMs = 0;
    m_sinceActivity.restart();
    const int status = statusAttr.toInt();

    if (isRedirect(status)) {
        handleRedirect(reply);
        return;
    }

    const ResponseInfo info = responseInfo(reply);
    Q_EMIT responseReceived(info);
    if (m_reply != reply)
        return; // a receiver closed the source

    const bool strict = m_policy.mode == ReconnectPolicy::Mode::SpecStrict;
    const QString statusText = QString::number(status)
        + (info.reasonPhrase.isEmpty() ? QString() : u' ' + QString::fromLatin1(info.reasonPhrase));

    if (status == 200) {
        const QByteArray type = reply->rawHeader("Content-Type");
        if (!isEventStream(type)) {
            awaitErrorBody(Error{ErrorKind::ContentType,
                                 type.isEmpty()
                                     ? tr("The server sent no Content-Type; an event stream must be text/event-stream.")
                                     : tr("The server sent Content-Type “%1”, not text/event-stream.")
                                           .arg(QString::fromLatin1(type)),
                                 status, true},
                           true, 0);
            return;
        }
        m_accepted = true;
        m_attempt = 0;
        m_parser.reset();
        qCDebug(lcClient) << "open" << info.url;
        setState(State::Open);
        return;
    }
    if (status == 204 && !strict) {
        qCDebug(lcClient) << "server asked to stop (204)";
        dropReply();
        m_closeReason = CloseReason::ServerRequested;
        setState(State::Closed);
        return;
    }
    const bool transient = status >= 500 || status == 408 || status == 429;
    Error error{ErrorKind::HttpStatus, tr("The server answered %1.").arg(statusText), status, false};
    if (strict || !transient) {
        awaitErrorBody(error, true, 0);
        return;
    }
    const qint64 retryAfter = retryAfterMs(reply->rawHeader("Retry-After"),
                                           QDateTime::currentMSecsSinceEpoch());
    awaitErrorBody(error, false, retryAfter);
}

void EventSource::awaitErrorBody(const Error &error, bool permanent, qint64 retryAfterMs)
{
    m_refusal = Refusal{error, permanent, retryAfterMs};
    m_errorBodyTimer->start(ErrorBodyWaitMs);
    readErrorBody();
}

void EventSource::readErrorBody()
{
    if (!m_refusal || !m_reply)
        return;
    QByteArray &body = m_refusal->error.body;
    const qint64 room = Error::MaxBodyBytes - body.size();
    if (room > 0)
        body += m_reply->read(room);
    if (body.size() >= Error::MaxBodyBytes)
        concludeRefusal(); // enough to explain; the rest is not read
}

void EventSource::concludeRefusal()
{
    if (!m_refusal)
        return;
    Refusal refusal = *std::move(m_refusal);
    m_refusal.reset();
    // The server's own words, when its body has any: "400 Bad Request: unknown parameter x".
    const QString said = readErrorPayload(refusal.error.body).message;
    if (!said.isEmpty() && !refusal.error.message.contains(said))
        refusal.error.message = tr("%1 It said: %2").arg(refusal.error.message, said);
    if (refusal.permanent)
        failPermanently(refusal.error);
    else
        connectionLost(refusal.error, false, refusal.retryAfterMs);
}

void EventSource::onRequestWritten()
{
    if (!m_reply || m_responseHandled || m_awaitingSinceMs != 0)
        return;
    // Connected and sent: the connect timeout is over. What remains is the server's (or a
    // proxy's) time to answer, which a buffering proxy may stretch to minutes.
    m_connectTimer->stop();
    m_awaitingSinceMs = QDateTime::currentMSecsSinceEpoch();
    Q_EMIT requestWritten(m_currentUrl);
}

void EventSource::handleRedirect(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray location = reply->rawHeader("Location");
    const auto fail = [this, status](const QString &message) {
        failPermanently(Error{ErrorKind::Redirect, message, status, true});
    };
    if (location.isEmpty())
        return fail(tr("The server answered %1 without a Location header.").arg(status));
    const QUrl target = m_currentUrl.resolved(QUrl::fromEncoded(location.trimmed()));
    if (!target.isValid() || (target.scheme() != u"http" && target.scheme() != u"https"))
        return fail(tr("The server redirected to an unusable address: %1")
                        .arg(QString::fromUtf8(location)));
    if (m_redirects.size() >= MaxRedirects)
        return fail(tr("Too many redirects (more than %1).").arg(MaxRedirects));
    if (m_currentUrl.scheme() == u"https" && target.scheme() == u"http")
        return fail(tr("Refused a redirect from https to http (%1).")
                        .arg(target.toDisplayString()));

    m_redirects.append(m_currentUrl);
    if (!sameOrigin(m_currentUrl, target) && m_keepCredentials) {
        qCDebug(lcClient) << "redirect to another origin: credentials dropped" << target;
        m_keepCredentials = false;
    }
    // As browsers do: 303 (and 301/302 after POST) become GET without a body.
    if (status == 303 ? m_method != "HEAD" : ((status == 301 || status == 302) && m_method == "POST")) {
        m_method = QByteArrayLiteral("GET");
        m_body.clear();
    }
    dropReply();
    sendRequest(target);
}

void EventSource::onReadyRead()
{
    if (m_refusal)
        readErrorBody();
    else
        readBody(SliceBytes);
}

void EventSource::readBody(qint64 limit)
{
    QNetworkReply *reply = m_reply;
    if (!reply || !m_accepted)
        return;
    m_sinceActivity.restart();
    qint64 total = 0;
    while (total < limit) {
        const qint64 n = reply->read(m_readBuffer.data(), m_readBuffer.size());
        if (n <= 0)
            break;
        total += n;
        m_parser.feed(QByteArrayView(m_readBuffer.constData(), n), m_parsed);
    }
    if (total > 0)
        deliver(total);
    // A fast server can queue megabytes: parse them a slice at a time, going back to the event
    // loop in between, so the thread that shows the events never stalls for long.
    if (m_reply == reply && m_accepted && reply->bytesAvailable() > 0 && !m_sliceQueued) {
        m_sliceQueued = true;
        QMetaObject::invokeMethod(this, [this] {
            m_sliceQueued = false;
            onReadyRead();
        }, Qt::QueuedConnection);
    }
}

void EventSource::deliver(qint64 bytes)
{
    // Receivers may close the source while handling a signal; stop delivering if they do.
    QNetworkReply *const reply = m_reply;
    const auto stillOpen = [this, reply] { return m_reply == reply && m_accepted; };

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (Event &e : m_parsed.events)
        e.receivedAtMs = now;
    if (m_parsed.retryMs)
        m_serverRetryMs = qMin(*m_parsed.retryMs, MaxDelayMs);

    Q_EMIT bytesReceived(bytes);
    for (const Error &e : std::as_const(m_parsed.errors)) {
        if (!stillOpen())
            break;
        Q_EMIT errorOccurred(e);
    }
    if (stillOpen() && !m_parsed.comments.isEmpty())
        Q_EMIT commentsReceived(m_parsed.comments);
    if (stillOpen() && !m_parsed.events.isEmpty()) {
        Q_EMIT eventsReceived(m_parsed.events);
        for (const Event &e : std::as_const(m_parsed.events)) {
            // A view compares sizes first: no memcmp call for every event of another type.
            if (QByteArrayView(e.type) == QByteArrayView("error") && stillOpen())
                Q_EMIT errorOccurred(serverReportedError(e.data));
        }
    }
    m_parsed.clear();
}

void EventSource::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    if (m_refusal) {
        readErrorBody();
        concludeRefusal();
        return;
    }
    if (m_accepted) {
        readBody(std::numeric_limits<qint64>::max()); // whatever arrived with the end of the body
        if (m_reply != reply)
            return;
    }
    if (reply->error() == QNetworkReply::NoError && m_accepted) {
        connectionLost(Error{ErrorKind::Network, tr("The server ended the stream."), 200, false},
                       true);
        return;
    }
    if (reply->error() == QNetworkReply::NoError) {
        // Finished without a usable status line (e.g. not HTTP at all).
        connectionLost(Error{ErrorKind::Network, tr("The server sent no valid HTTP response."), 0,
                             false},
                       false);
        return;
    }
    const Error error = networkError(reply);
    if (error.permanent)
        failPermanently(error);
    else
        connectionLost(error, false);
}

Error EventSource::networkError(QNetworkReply *reply) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
#if QT_CONFIG(ssl)
    if (reply->error() == QNetworkReply::SslHandshakeFailedError || !m_sslErrors.isEmpty()) {
        const QStringList details = describeSslErrors(m_sslErrors);
        const QString message = details.isEmpty()
            ? tr("TLS handshake failed: %1").arg(reply->errorString())
            : tr("TLS certificate rejected: %1").arg(details.join(u"; "));
        return Error{ErrorKind::Tls, message, status, true};
    }
#endif
    Error error{ErrorKind::Network, tr("Network error: %1").arg(reply->errorString()), status,
                false};
    error.networkError = int(reply->error());
    return error;
}

void EventSource::onIdleCheck()
{
    if (!m_reply || m_idleTimeoutMs <= 0)
        return;
    const qint64 idle = m_sinceActivity.elapsed();
    if (idle < m_idleTimeoutMs) {
        m_idleTimer->start(int(m_idleTimeoutMs - idle));
        return;
    }
    connectionLost(Error{ErrorKind::IdleTimeout,
                         tr("No data for %1 ms (idle timeout); the connection was dropped.")
                             .arg(m_idleTimeoutMs),
                         0, false},
                   false);
}

void EventSource::onConnectTimeout()
{
    if (!m_reply || m_responseHandled)
        return;
    Error error{ErrorKind::Network,
                tr("Could not connect to %1 and send the request within %2 ms (connect timeout).")
                    .arg(m_currentUrl.authority())
                    .arg(m_connectTimeoutMs),
                0, false};
    error.networkError = int(QNetworkReply::TimeoutError);
    connectionLost(error, false);
}

void EventSource::failPermanently(Error error)
{
    m_reconnectTimer->stop();
    m_reconnectDueAtMs = 0;
    dropReply();
    error.permanent = true;
    qCDebug(lcClient) << "failed:" << error.message;
    m_closeReason = CloseReason::Failed;
    m_lastError = error;
    Q_EMIT errorOccurred(error);
    setState(State::Closed);
}

void EventSource::connectionLost(const Error &error, bool cleanEnd, qint64 retryAfterMs)
{
    dropReply();
    m_lastError = error;
    qCDebug(lcClient) << "connection lost:" << error.message;
    if (!cleanEnd)
        Q_EMIT errorOccurred(error);
    if (m_state == State::Closed || m_reply)
        return; // a receiver closed or reconnected the source
    scheduleReconnect(error, cleanEnd, retryAfterMs);
}

void EventSource::scheduleReconnect(const Error &reason, bool cleanEnd, qint64 retryAfterMs)
{
    ++m_attempt;
    if (m_policy.maxRetries >= 0 && m_attempt > m_policy.maxRetries) {
        Error error{ErrorKind::RetriesExhausted,
                    tr("Gave up after %1 consecutive reconnect attempts. Last error: %2")
                        .arg(m_policy.maxRetries)
                        .arg(reason.message),
                    reason.httpStatus, true, reason.body};
        error.networkError = reason.networkError;
        failPermanently(error);
        return;
    }

    const qint64 base = reconnectionTimeMs();
    qint64 delay = base;
    const bool strict = m_policy.mode == ReconnectPolicy::Mode::SpecStrict;
    if (!strict && !(cleanEnd && m_attempt == 1)) {
        // Exponential backoff over consecutive failures, capped, then full jitter.
        const qint64 ceiling = qMax<qint64>(m_policy.maxDelayMs, 0);
        qint64 backoff = qMax(base, MinBackoffBaseMs);
        for (int i = 1; i < m_attempt && backoff < ceiling; ++i)
            backoff *= 2;
        backoff = qMin(backoff, ceiling);
        delay = m_policy.jitter ? QRandomGenerator::global()->bounded(backoff + 1) : backoff;
    }
    if (delay < retryAfterMs) {
        // Never sooner than the server asked; with jitter up to 10 % later, so that the clients
        // it gave the same Retry-After do not all come back in the same millisecond.
        delay = retryAfterMs
            + (m_policy.jitter ? QRandomGenerator::global()->bounded(retryAfterMs / 10 + 1) : 0);
    }
    delay = qBound<qint64>(0, delay, MaxDelayMs);

    ReconnectInfo info;
    info.attempt = m_attempt;
    info.maxRetries = m_policy.maxRetries;
    info.delayMs = delay;
    info.dueAtMs = QDateTime::currentMSecsSinceEpoch() + delay;
    info.reason = reason;
    info.cleanEnd = cleanEnd;
    m_reconnectDueAtMs = info.dueAtMs;
    m_reconnectTimer->start(int(delay));
    qCDebug(lcClient) << "reconnect" << m_attempt << "in" << delay << "ms";
    Q_EMIT reconnectScheduled(info);
    if (m_reconnectTimer->isActive()) // unless a receiver closed or reconnected the source
        setState(State::Connecting);
}

} // namespace sse
