#pragma once

// The reading half of sse::SettingsStore: the file's keys (the schema is described at the top
// of settingsstore.cpp), a Reader that validates each value and says what it had to replace,
// and the readers of the streams and the preferences. Internal to settingsstore.cpp and
// settingsreader.cpp.

#include "settingsfile.h"
#include "settingsstore.h"

#include <QHash>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace sse::settingsdetail {

using settingvalue::toBool;
using settingvalue::toInteger;

using Values = QMap<QString, QVariant>;
using Damage = QHash<QString, SettingsFile::Problem>;

inline const QString SchemaKey = QStringLiteral("schemaVersion");
inline const QString StoreSecretsKey = QStringLiteral("security/storeSecrets");
inline const QString StreamsGroup = QStringLiteral("streams");
inline const QString ViewsGroup = QStringLiteral("views");
inline const QString PreferencesChecksumKey = QStringLiteral("preferencesChecksum");
inline const QString ChecksumName = QStringLiteral("checksum");

/** \a prefix/\a name */
QString key(const QString &prefix, const QString &name);
/** A short description of a raw value for a notice. */
QString shown(const QVariant &v);
std::optional<QByteArray> toBytes(const QVariant &v);
bool isValidId(const QString &id);
QString modeName(ReconnectPolicy::Mode mode);
/** Keys directly below \a prefix that have children (\a groups) or not. */
QStringList children(const Values &values, const Damage &damage, const QString &prefix, bool groups);
/** A short fingerprint of the lines of the keys under \a prefix (all but \a exclude); an
 *  empty prefix means every key outside the streams. */
QString checksum(const Values &values, const QString &prefix, const QString &exclude);

/** Reads and validates values, collecting a notice for each value it had to replace. */
class Reader
{
    Q_DECLARE_TR_FUNCTIONS(sse::SettingsStore)
public:
    Reader(const Values &values, const Damage &damage, QStringList &notices)
        : m_v(values), m_damage(damage), m_notices(notices)
    {
    }

    void setContext(const QString &context) { m_context = context; }

    /** Something in the file was ignored, reset or dropped. */
    void notice(const QString &text)
    {
        info(text);
        m_rejected = true;
    }
    /** Something the user should know that is no damage (a secret to enter again). */
    void info(const QString &text)
    {
        m_notices.append(m_context.isEmpty() ? text : m_context + QStringLiteral(": ") + text);
    }
    bool rejected() const { return m_rejected; }

    QVariant raw(const QString &k) const { return m_v.value(k); }
    bool has(const QString &k) const { return m_v.contains(k); }

    /** The unreadable line of \a k, if it had one (then reported once, by whoever asks). */
    std::optional<SettingsFile::Problem> damageAt(const QString &k)
    {
        const auto it = m_damage.constFind(k);
        if (it == m_damage.cend())
            return std::nullopt;
        m_reported.insert(k);
        return *it;
    }

    /** True, after a notice, when the line of \a k could not be read. */
    bool damaged(const QString &k, const QString &what)
    {
        const auto problem = damageAt(k);
        if (problem)
            notice(tr("%1 could not be read (line %2: %3); it was reset to its default.")
                       .arg(what, QString::number(problem->line), problem->reason));
        return problem.has_value();
    }

    /** The damaged lines no value reader asked for (unknown keys, alert rules ...). */
    QList<SettingsFile::Problem> unreported() const
    {
        QList<SettingsFile::Problem> rest;
        for (auto it = m_damage.cbegin(); it != m_damage.cend(); ++it)
            if (!m_reported.contains(it.key()))
                rest.append(*it);
        std::sort(rest.begin(), rest.end(), [](const auto &a, const auto &b) { return a.line < b.line; });
        return rest;
    }

    /** The value at \a k as text; missing -> \a fallback silently, wrong type -> notice. */
    QString string(const QString &k, const QString &what, const QString &fallback = {},
                   qsizetype maxLength = 4096)
    {
        if (damaged(k, what))
            return fallback;
        const QVariant v = raw(k);
        if (!v.isValid())
            return fallback;
        const auto s = settingvalue::toString(v);
        if (!s || s->size() > maxLength || s->contains(QChar(0))) {
            notice(tr("%1 %2 is not valid text; it was ignored.").arg(what, shown(v)));
            return fallback;
        }
        return *s;
    }

    QByteArray bytes(const QString &k, const QString &what, qsizetype maxBytes)
    {
        if (damaged(k, what))
            return {};
        const QVariant v = raw(k);
        if (!v.isValid())
            return {};
        const auto b = toBytes(v);
        if (!b) {
            notice(tr("%1 %2 has the wrong type; it was ignored.").arg(what, shown(v)));
            return {};
        }
        if (b->size() > maxBytes) {
            notice(tr("%1 is larger than %2 bytes; it was ignored.").arg(what, QString::number(maxBytes)));
            return {};
        }
        return *b;
    }

    qint64 integer(const QString &k, const QString &what, qint64 min, qint64 max, qint64 fallback)
    {
        if (damaged(k, what))
            return fallback;
        const QVariant v = raw(k);
        if (!v.isValid())
            return fallback;
        const auto n = toInteger(v);
        if (!n) {
            notice(tr("%1 %2 is not a number; using %3.").arg(what, shown(v), QString::number(fallback)));
            return fallback;
        }
        if (*n < min || *n > max) {
            notice(tr("%1 %2 is outside %3 to %4; using %5.")
                       .arg(what, shown(v), QString::number(min), QString::number(max),
                            QString::number(fallback)));
            return fallback;
        }
        return *n;
    }

    bool boolean(const QString &k, const QString &what, bool fallback)
    {
        if (damaged(k, what))
            return fallback;
        const QVariant v = raw(k);
        if (!v.isValid())
            return fallback;
        const auto b = toBool(v);
        if (!b) {
            notice(tr("%1 %2 is neither true nor false; using %3.")
                       .arg(what, shown(v), fallback ? QStringLiteral("true")
                                                     : QStringLiteral("false")));
            return fallback;
        }
        return *b;
    }

    /** The 1-based indices of the array stored at \a group, at most \a max of them, in order.
     *  The size entry is checked but the entries actually present decide: a file claiming
     *  a billion streams costs nothing. Declared entries that are missing are named. */
    QList<int> arrayIndices(const QString &group, const QString &what, int max)
    {
        const QStringList groups = children(m_v, m_damage, group, true);
        const QString sizeKey = key(group, QStringLiteral("size"));
        const bool sizeDamaged = damaged(sizeKey, tr("The number of %1").arg(what));
        const QVariant sizeValue = sizeDamaged ? QVariant() : raw(sizeKey);

        QList<int> indices;
        for (const QString &g : groups) {
            bool ok = false;
            const int i = g.toInt(&ok);
            if (ok && i >= 1 && QString::number(i) == g)
                indices.append(i);
        }
        std::sort(indices.begin(), indices.end());

        if (sizeValue.isValid()) {
            const auto size = toInteger(sizeValue);
            if (!size || *size < 0 || *size > max) {
                notice(tr("The number of %1 %2 is not valid; the entries present (%3) were read.")
                           .arg(what, shown(sizeValue),
                                QString::number(qMin<qsizetype>(indices.size(), max))));
            } else {
                // In files QSettings wrote, entries past the declared size are leftovers
                // (it reads only `size`). This program writes none: a size that is too
                // small there is damage, and the entries are read.
                if (m_legacyArrays)
                    indices.erase(std::remove_if(indices.begin(), indices.end(),
                                                 [&](int i) { return i > *size; }),
                                  indices.end());
                QStringList missing;
                for (int i = 1; i <= *size && missing.size() <= 20; ++i)
                    if (!indices.contains(i))
                        missing.append(QString::number(i));
                if (!missing.isEmpty())
                    notice(tr("Of the %1 %2 in the file, these are missing (the file was cut "
                              "short or damaged): %3.")
                               .arg(QString::number(*size), what, missing.join(QStringLiteral(", "))));
            }
        } else if (!indices.isEmpty() && !sizeDamaged) {
            notice(tr("The number of %1 is missing; the entries present (%2) were read.")
                       .arg(what, QString::number(qMin<qsizetype>(indices.size(), max))));
        }
        if (indices.size() > max) {
            notice(tr("Only the first %1 %2 were read.").arg(QString::number(max), what));
            indices.resize(max);
        }
        return indices;
    }

    QStringList childKeys(const QString &group) const { return children(m_v, {}, group, false); }

    /** Schema 1 (QSettings) files: arrays may have leftovers past their size. */
    void setLegacyArrays(bool legacy) { m_legacyArrays = legacy; }

private:
    const Values &m_v;
    const Damage &m_damage;
    QStringList &m_notices;
    QString m_context;
    QSet<QString> m_reported;
    bool m_legacyArrays = true;
    bool m_rejected = false;
};

/** The stream under \a prefix (number \a index, for notices); nullopt when it had to be
 *  dropped. \a altered: its checksum did not match. */
std::optional<StoredStream> readStream(Reader &r, const QString &prefix, int index, bool altered);
/** The streams, each with a unique id; \a ids collects them. \a mismatched: the stream
 *  groups whose checksum did not match (read, with a notice). */
QList<StoredStream> readStreams(Reader &r, const QStringList &mismatched, QSet<QString> &ids);
/** The application's preferences (window, views, notifications, language, tabs). */
AppPreferences readPreferences(Reader &r, const Values &s, const QSet<QString> &ids);

} // namespace sse::settingsdetail
