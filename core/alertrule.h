#pragma once

#include "types.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QString>
#include <QVariantMap>

namespace sse {

/** A user alert: "notify me when an event of this stream matches".
 *
 *  A rule belongs to one stream (streamId, the stable identifier SettingsStore keeps per
 *  stream; the caller only offers a stream's events to its own rules). It matches an event
 *  whose type equals eventType (empty = any type) and whose data contains a match of the
 *  regular expression pattern (empty = any data; PCRE syntax, `(?i)` for case-insensitive).
 *  The expression is compiled once, when the pattern is set. A rule whose pattern does not
 *  compile, or a disabled rule, matches nothing. */
class AlertRule
{
    Q_DECLARE_TR_FUNCTIONS(sse::AlertRule)
public:
    static constexpr qsizetype MaxPatternLength = 4096;

    AlertRule() = default;
    AlertRule(const QString &streamId, const QString &eventType, const QString &pattern,
              bool enabled = true);

    QString streamId() const { return m_streamId; }
    void setStreamId(const QString &streamId) { m_streamId = streamId; }

    QString eventType() const { return m_eventType; }
    void setEventType(const QString &eventType);

    QString pattern() const { return m_pattern; }
    void setPattern(const QString &pattern);

    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled) { m_enabled = enabled; }

    /** True when the rule can match: its pattern compiles and its event type is usable. */
    bool isValid() const { return m_error.isEmpty(); }
    /** Why the rule is invalid (translated, one sentence); empty when valid. */
    QString errorString() const { return m_error; }

    /** Whether \a event triggers this rule (always false when disabled or invalid). */
    bool matches(const sse::Event &event) const;

    /** Keys: streamId, eventType, pattern (strings), enabled (bool). */
    QVariantMap toVariantMap() const;
    /** Reads what toVariantMap() wrote. Values may come back as strings (INI files keep no
     *  types): "true"/"false"/"1"/"0" are accepted for enabled. A missing or mistyped value
     *  takes its default and is described in \a problems (if given); a pattern that does not
     *  compile is kept (so the user can fix it), makes the rule invalid and is described last
     *  in \a problems (the settings reader tells it apart from damage by that). */
    static AlertRule fromVariantMap(const QVariantMap &map, QStringList *problems = nullptr);

    /** Compares the definition (stream, type, pattern, enabled), not the compiled state. */
    friend bool operator==(const AlertRule &a, const AlertRule &b)
    {
        return a.m_streamId == b.m_streamId && a.m_eventType == b.m_eventType
            && a.m_pattern == b.m_pattern && a.m_enabled == b.m_enabled;
    }

private:
    void validate();

    QString m_streamId;
    QString m_eventType;
    QString m_pattern;
    QByteArray m_eventTypeUtf8;   // compared with Event::type without converting each event
    QRegularExpression m_regex;   // compiled from m_pattern; unused when the pattern is empty
    QString m_error;
    bool m_enabled = true;
};

} // namespace sse
