#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QVariant>

#include <optional>

namespace sse {

/** The syntax of the settings file: Qt's INI format (what QSettings writes, so older versions
 *  and QSettings can still read it), parsed here one line at a time.
 *
 *  Why not QSettings: its parser lets a quote run on across line ends and stops at the first
 *  malformed section, so one damaged value silently takes the rest of the file with it, and a
 *  file that failed to parse is overwritten at the next sync. Here every line stands alone: a
 *  damaged line costs that one value, and the caller learns which line and key it was.
 *
 *  What this writes: no section header (keys are full paths, `a\b\c=value`), values encoded
 *  as QSettings encodes them, and a last line `; end sha256=<hex>` over all bytes before it,
 *  so a file cut short or altered anywhere is told apart from one written whole. */
class SettingsFile
{
public:
    /** A line that could not be read. */
    struct Problem
    {
        int line = 0;       ///< 1-based
        QString key;        ///< empty when the key itself was unreadable
        QString reason;     ///< English, for logs; the store words its own notices
    };

    enum class Seal {
        Missing,            ///< no end line: written by QSettings, by hand, or cut short
        Intact,             ///< the end line matches every byte before it
        Broken              ///< an end line that does not match, or bytes after it
    };

    struct Content
    {
        QMap<QString, QVariant> values; ///< keys with '/' separators; QString, QByteArray,
                                        ///< QStringList or invalid (@Invalid())
        QList<Problem> problems;
        Seal seal = Seal::Missing;
    };

    static Content parse(const QByteArray &bytes);

    /** The file for \a lines (key, value pairs in the order to write), end line included.
     *  Values: QString, QByteArray, bool, integers, QStringList. */
    static QByteArray serialize(const QList<std::pair<QString, QVariant>> &lines);

    /** One `key=value` line as serialize() writes it, without the line end. */
    static QByteArray encodeLine(const QString &key, const QVariant &value);
};

/** Lenient readers of the values SettingsFile::parse() returns, and of the maps built from
 *  them (alert rules): the one place that decides what counts as a string, a whole number or a
 *  bool ("true"/"false", "1"/"0", any case, surrounding blanks ignored). nullopt otherwise. */
namespace settingvalue {
std::optional<QString> toString(const QVariant &v);
std::optional<qint64> toInteger(const QVariant &v);
std::optional<bool> toBool(const QVariant &v);
} // namespace settingvalue

} // namespace sse
