#pragma once

#include "eventlog.h"

#include <QByteArray>
#include <QByteArrayMatcher>
#include <QRegularExpression>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QString>

#include <vector>

namespace sse {

/** What an EventFilterModel lets through; every part that is set must match. A plain value,
 *  so views can keep and persist it. */
struct EventFilter
{
    QSet<QByteArray> types;          ///< accepted event types (UTF-8); empty = every type
    QString text;                    ///< searched in the data and the event's own id; empty = off
    bool regularExpression = false;  ///< text is a QRegularExpression pattern, not a substring
    bool caseSensitive = false;      ///< for both the substring and the pattern
    bool errorsOnly = false;         ///< only server-reported errors (type "error")
    /** Hide the connection markers (LogMarker rows); they are shown by default, whatever the
     *  other criteria, because they explain the events around them. */
    bool hideMarkers = false;

    bool isEmpty() const { return types.isEmpty() && text.isEmpty() && !errorsOnly && !hideMarkers; }
    friend bool operator==(const EventFilter &, const EventFilter &) = default;
};

/** Filters an EventLogModel (or any model with its roles) by type, text or regular
 *  expression and "errors only", for stored and live rows alike.
 *
 *  Rows are tested straight on the log's compact storage (EventLogModel::eventView()), without
 *  building events: type checks are cached per type index, an ASCII substring is searched in
 *  the UTF-8 bytes with ASCII case folding, and only a non-ASCII case-insensitive substring or
 *  a regular expression decodes the data to UTF-16.
 *
 *  An invalid regular expression filters nothing out (the other criteria still apply):
 *  isValid() is false and errorString() says why. Sorting uses EventLogModel::SortRole.
 *  The base class's own filter settings (filterRegularExpression(), filterKeyColumn(), ...)
 *  are not used. */
class EventFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventFilterModel)
public:
    explicit EventFilterModel(QObject *parent = nullptr);
    ~EventFilterModel() override;

    void setSourceModel(QAbstractItemModel *model) override;
    /** The source as an EventLogModel, or null when it is another kind of model. */
    EventLogModel *logModel() const { return m_log; }

    const EventFilter &filter() const { return m_filter; }
    /** Applies all criteria at once (one re-filtering). */
    void setFilter(const sse::EventFilter &filter);
    void setEventTypes(const QSet<QByteArray> &types);
    void setSearchText(const QString &text);
    void setRegularExpression(bool enabled);
    void setCaseSensitive(bool enabled);
    void setErrorsOnly(bool enabled);
    void setHideMarkers(bool hide);

    /** True when any criterion is set (an invalid pattern counts as none). */
    bool isFiltering() const;
    /** False when the text is an invalid regular expression. */
    bool isValid() const { return m_errorString.isEmpty(); }
    QString errorString() const { return m_errorString; }

    /** The rows that pass the filter, in the proxy's order, for export; \a withMarkers: see
     *  EventLogModel::snapshot(). */
    EventSnapshot snapshot(bool withMarkers = false) const;

Q_SIGNALS:
    /** The filter changed (and the rows were filtered again). */
    void eventFilterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    enum class TextMode { None, AsciiBytes, Utf8Bytes, Unicode, Pattern };

    void compile();
    bool acceptsType(QByteArrayView type, int typeIndex) const;
    bool matchesText(QByteArrayView bytes) const;

    EventFilter m_filter;
    EventLogModel *m_log = nullptr;
    TextMode m_textMode = TextMode::None;
    QByteArray m_needle;                    // UTF-8; lower-cased for AsciiBytes
    QByteArrayMatcher m_matcher;            // Utf8Bytes
    QRegularExpression m_regex;
    QString m_errorString;
    mutable std::vector<qint8> m_typeCache; // per type index: 0 unknown, 1 accepted, -1 not
};

} // namespace sse
