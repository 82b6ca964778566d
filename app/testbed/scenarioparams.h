#pragma once

// The query parameters of a scenario request (sse::ScenarioServer), validated.

#include <QByteArray>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace sse {

/** The query string of one request, read with validation: every bad value and every unknown
 *  name becomes one line of the explanation sent with the 400 answer. */
class ScenarioParams
{
public:
    explicit ScenarioParams(const QByteArray &target)
    {
        const qsizetype q = target.indexOf('?');
        if (q < 0)
            return;
        const QUrlQuery query(QString::fromUtf8(target.mid(q + 1)));
        const auto items = query.queryItems(QUrl::FullyDecoded);
        for (const auto &[name, value] : items) {
            if (m_values.contains(name))
                reject(QStringLiteral("parameter “%1” is given more than once").arg(name));
            m_values.insert(name, value);
        }
    }

    bool has(const QString &name) const { return m_values.contains(name); }

    qint64 integer(const QString &name, qint64 fallback, qint64 min, qint64 max)
    {
        const std::optional<QString> value = take(name);
        if (!value)
            return fallback;
        bool ok = false;
        const qint64 n = value->toLongLong(&ok);
        if (!ok || n < min || n > max) {
            reject(QStringLiteral("%1: expected a whole number from %2 to %3, got “%4”")
                       .arg(name).arg(min).arg(max).arg(*value));
            return fallback;
        }
        return n;
    }

    double number(const QString &name, double fallback, double min, double max)
    {
        const std::optional<QString> value = take(name);
        if (!value)
            return fallback;
        bool ok = false;
        const double n = value->toDouble(&ok);
        if (!ok || !(n >= min && n <= max)) {
            reject(QStringLiteral("%1: expected a number from %2 to %3, got “%4”")
                       .arg(name).arg(min).arg(max).arg(*value));
            return fallback;
        }
        return n;
    }

    QString choice(const QString &name, const QString &fallback, const QStringList &allowed)
    {
        const std::optional<QString> value = take(name);
        if (!value)
            return fallback;
        if (!allowed.contains(*value)) {
            reject(QStringLiteral("%1: expected one of %2, got “%3”")
                       .arg(name, allowed.join(u", "), *value));
            return fallback;
        }
        return *value;
    }

    /** Free text of 1 to \a maxLength printable ASCII characters, none of them in \a forbidden. */
    QString text(const QString &name, const QString &fallback, int maxLength,
                 QStringView forbidden = {})
    {
        const std::optional<QString> value = take(name);
        if (!value)
            return fallback;
        bool ok = !value->isEmpty() && value->size() <= maxLength;
        for (QChar c : *value)
            ok = ok && c.unicode() >= 0x20 && c.unicode() < 0x7f && !forbidden.contains(c);
        if (!ok) {
            reject(QStringLiteral("%1: expected 1 to %2 printable ASCII characters%3, got “%4”")
                       .arg(name).arg(maxLength)
                       .arg(forbidden.isEmpty() ? QString()
                                                : QStringLiteral(" without “%1”").arg(forbidden),
                            *value));
            return fallback;
        }
        return *value;
    }

    void reject(const QString &problem) { m_problems.append(problem); }

    /** Every problem found, unknown parameters included; empty when all is well. Call it after
     *  reading every parameter the scenario accepts. */
    QStringList problems() const
    {
        QStringList problems = m_problems;
        for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
            if (!m_used.contains(it.key()))
                problems.append(QStringLiteral("unknown parameter “%1”").arg(it.key()));
        }
        return problems;
    }

private:
    std::optional<QString> take(const QString &name)
    {
        m_used.insert(name);
        const auto it = m_values.constFind(name);
        if (it == m_values.cend())
            return std::nullopt;
        return it.value();
    }

    QMap<QString, QString> m_values;
    QSet<QString> m_used;
    QStringList m_problems;
};

} // namespace sse
