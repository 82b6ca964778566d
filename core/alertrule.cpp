#include "alertrule.h"

#include "settingsfile.h"

#include <QMetaType>

#include <optional>

namespace sse {

namespace {

const QString StreamIdKey = QStringLiteral("streamId");
const QString EventTypeKey = QStringLiteral("eventType");
const QString PatternKey = QStringLiteral("pattern");
const QString EnabledKey = QStringLiteral("enabled");

} // namespace

AlertRule::AlertRule(const QString &streamId, const QString &eventType, const QString &pattern,
                     bool enabled)
    : m_streamId(streamId), m_eventType(eventType), m_pattern(pattern), m_enabled(enabled)
{
    validate();
}

void AlertRule::setEventType(const QString &eventType)
{
    m_eventType = eventType;
    validate();
}

void AlertRule::setPattern(const QString &pattern)
{
    m_pattern = pattern;
    validate();
}

void AlertRule::validate()
{
    m_error.clear();
    m_eventTypeUtf8 = m_eventType.toUtf8();
    m_regex = QRegularExpression();
    if (m_eventType.contains(u'\n') || m_eventType.contains(u'\r')) {
        // An event type arrives on one line: such a rule could never match.
        m_error = tr("The event type contains a line break.");
        return;
    }
    if (m_pattern.isEmpty())
        return;
    if (m_pattern.size() > MaxPatternLength) {
        m_error = tr("The pattern is longer than %1 characters.").arg(MaxPatternLength);
        return;
    }
    m_regex.setPattern(m_pattern);
    if (!m_regex.isValid()) {
        m_error = tr("Invalid regular expression at position %1: %2.")
                      .arg(QString::number(m_regex.patternErrorOffset()),
                           m_regex.errorString());
        m_regex = QRegularExpression();
        return;
    }
    m_regex.optimize(); // compiled now, not on the first event
}

bool AlertRule::matches(const Event &event) const
{
    if (!m_enabled || !m_error.isEmpty())
        return false;
    if (!m_eventTypeUtf8.isEmpty() && event.type != m_eventTypeUtf8)
        return false;
    if (m_pattern.isEmpty())
        return true;
    return m_regex.match(QString::fromUtf8(event.data)).hasMatch();
}

QVariantMap AlertRule::toVariantMap() const
{
    return {
        {StreamIdKey, m_streamId},
        {EventTypeKey, m_eventType},
        {PatternKey, m_pattern},
        {EnabledKey, m_enabled},
    };
}

AlertRule AlertRule::fromVariantMap(const QVariantMap &map, QStringList *problems)
{
    const auto problem = [problems](const QString &text) {
        if (problems)
            problems->append(text);
    };
    AlertRule rule;
    const auto readString = [&](const QString &key, QString &out) {
        const auto it = map.constFind(key);
        if (it == map.cend() || !it->isValid())
            return;
        if (const auto s = settingvalue::toString(*it))
            out = *s;
        else
            problem(tr("The alert rule's %1 is not text; it was ignored.").arg(key));
    };
    readString(StreamIdKey, rule.m_streamId);
    readString(EventTypeKey, rule.m_eventType);
    readString(PatternKey, rule.m_pattern);
    if (const auto it = map.constFind(EnabledKey); it != map.cend() && it->isValid()) {
        if (const auto b = settingvalue::toBool(*it))
            rule.m_enabled = *b;
        else
            problem(tr("The alert rule's enabled flag is not true or false; the rule is enabled."));
    }
    rule.validate();
    if (!rule.isValid())
        problem(tr("%1 The rule matches nothing until it is corrected.").arg(rule.m_error));
    return rule;
}

} // namespace sse
