#include "types.h"

namespace sse {

QString Error::kindName() const
{
    switch (kind) {
    case ErrorKind::Network: return QStringLiteral("network");
    case ErrorKind::Tls: return QStringLiteral("tls");
    case ErrorKind::HttpStatus: return QStringLiteral("http-status");
    case ErrorKind::ContentType: return QStringLiteral("content-type");
    case ErrorKind::IdleTimeout: return QStringLiteral("idle-timeout");
    case ErrorKind::Protocol: return QStringLiteral("protocol");
    case ErrorKind::Redirect: return QStringLiteral("redirect");
    case ErrorKind::ServerReported: return QStringLiteral("server-reported");
    case ErrorKind::RetriesExhausted: return QStringLiteral("retries-exhausted");
    }
    return QStringLiteral("unknown");
}

bool isSecretHeaderName(QByteArrayView name)
{
    static constexpr const char *Exact[] = {"authorization", "cookie", "proxy-authorization"};
    for (const char *e : Exact) {
        if (name.compare(e, Qt::CaseInsensitive) == 0)
            return true;
    }
    static constexpr const char *Parts[] = {"token", "key", "secret", "auth", "password",
                                            "passwd", "session", "credential", "signature"};
    const QByteArray lower = name.toByteArray().toLower();
    for (const char *p : Parts) {
        if (lower.contains(p))
            return true;
    }
    return false;
}

bool isHttpToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

bool hasLineBreakOrNul(QByteArrayView text)
{
    return text.contains('\r') || text.contains('\n') || text.contains('\0');
}

QByteArray ResponseInfo::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

} // namespace sse
