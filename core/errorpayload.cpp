#include "errorpayload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace sse {

namespace {

QString oneLine(const QString &text, qsizetype maxChars)
{
    QString line = text.simplified();
    if (line.size() > maxChars)
        line = line.left(maxChars - 1) + QChar(0x2026);
    return line;
}

/** A scalar JSON value as text ("" for objects, arrays and null). */
QString scalarText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return value.toVariant().toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

/** FastAPI's validation errors: {"detail": [{"loc": [...], "msg": "...", ...}, ...]}. */
QString joinedMessages(const QJsonArray &array)
{
    QStringList parts;
    for (const QJsonValue &item : array) {
        const QJsonObject obj = item.toObject();
        QString text = obj.value(u"msg").toString();
        if (text.isEmpty())
            text = obj.value(u"message").toString();
        if (text.isEmpty())
            text = scalarText(item);
        const QJsonArray loc = obj.value(u"loc").toArray();
        if (!text.isEmpty() && !loc.isEmpty()) {
            QStringList path;
            for (const QJsonValue &part : loc)
                path.append(scalarText(part));
            text = path.join(u'.') + QStringLiteral(": ") + text;
        }
        if (!text.isEmpty())
            parts.append(text);
    }
    return parts.join(QStringLiteral("; "));
}

ErrorPayload fromObject(const QJsonObject &obj)
{
    ErrorPayload out;
    out.code = scalarText(obj.value(u"code"));
    const QJsonValue error = obj.value(u"error");
    if (error.isObject()) {
        // OpenAI {"error": {"message", "type", "code"}}, Anthropic {"type": "error",
        // "error": {"type": "overloaded_error", "message"}}.
        const ErrorPayload inner = fromObject(error.toObject());
        out.message = inner.message;
        if (!inner.code.isEmpty())
            out.code = inner.code;
        if (out.code.isEmpty())
            out.code = scalarText(error.toObject().value(u"type"));
        if (!out.message.isEmpty())
            return out;
    } else if (error.isString() && !error.toString().isEmpty()) {
        out.message = error.toString();
        return out;
    }
    for (const auto key : {u"message", u"detail", u"error_description", u"title", u"msg"}) {
        const QJsonValue value = obj.value(key);
        if (value.isArray())
            out.message = joinedMessages(value.toArray());
        else if (value.isObject())
            out.message = fromObject(value.toObject()).message;
        else
            out.message = scalarText(value);
        if (!out.message.isEmpty())
            break;
    }
    return out;
}

} // namespace

ErrorPayload readErrorPayload(QByteArrayView payload, qsizetype maxChars)
{
    const QByteArray bytes = payload.trimmed().toByteArray();
    ErrorPayload out;
    if (bytes.isEmpty())
        return out;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error == QJsonParseError::NoError) {
        if (doc.isObject())
            out = fromObject(doc.object());
        else if (doc.isArray())
            out.message = joinedMessages(doc.array());
        out.message = oneLine(out.message, maxChars);
        out.code = oneLine(out.code, 80);
        if (!out.message.isEmpty() || !out.code.isEmpty())
            return out;
        // A JSON value without a message: the text itself is the best we have.
        return ErrorPayload{{}, oneLine(QString::fromUtf8(bytes), maxChars)};
    }
    if (bytes.startsWith('"') && bytes.endsWith('"') && bytes.size() >= 2)
        return ErrorPayload{{}, oneLine(QString::fromUtf8(bytes.mid(1, bytes.size() - 2)), maxChars)};
    const QString text = QString::fromUtf8(bytes);
    if (bytes.startsWith('<')) {
        // An HTML error page (nginx, a framework's debug page): its title, never the markup.
        static const QRegularExpression title(QStringLiteral("<title[^>]*>(.*?)</title>"),
                                              QRegularExpression::CaseInsensitiveOption
                                                  | QRegularExpression::DotMatchesEverythingOption);
        const QRegularExpressionMatch m = title.match(text);
        out.message = m.hasMatch() ? oneLine(m.captured(1), maxChars) : QString();
        return out;
    }
    out.message = oneLine(text, maxChars);
    return out;
}

} // namespace sse
