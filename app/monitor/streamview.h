#pragma once

#include "eventfilter.h"
#include "session.h"

#include <QPointer>
#include <QVariantMap>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;
class QToolButton;
QT_END_NAMESPACE

class DiagnosticsView;
class JsonHighlighter;
class LogDecorator;
class MatchDelegate;
class StatusPanel;
class StatsPanel;
class TimelineStrip;
class TranscriptView;

/** The content of one tab: status and countdown, statistics, filter bar, the live log and
 *  the detail pane of the selected event. It talks only to its Session. */
class StreamView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamView)
public:
    /** \a readOnly: an imported log, no connection (no status or countdown). */
    StreamView(sse::Session *session, bool readOnly, QWidget *parent = nullptr);

    sse::Session *session() const { return m_session; }
    bool isReadOnly() const { return m_readOnly; }
    sse::EventFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    StatusPanel *statusPanel() const { return m_status; }
    StatsPanel *statsPanel() const { return m_stats; }
    /** The last hour's status spans above the log (live streams only). */
    TimelineStrip *timeline() const { return m_timeline; }
    /** The filter bar's "Connection" switch: connection markers shown between the events. */
    QCheckBox *markersSwitch() const { return m_showMarkers; }
    DiagnosticsView *diagnosticsView() const { return m_diagnostics; }
    TranscriptView *transcriptView() const { return m_transcript; }
    /** Shows the diagnostics page (true) or the selected event (false). */
    void showDiagnostics(bool show);
    bool isShowingDiagnostics() const;

    /** Display paused: events keep arriving and are shown on resume. */
    bool isPaused() const;
    void setPaused(bool paused);
    /** True while the view follows the newest event (the user has not scrolled away). */
    bool isFollowing() const { return m_following; }
    int unseenCount() const { return m_unseen; }
    QString detailText() const;
    /** The detail pane shows the payload re-indented (true, the default) or as received. */
    bool isPrettyDetail() const;
    void setPrettyDetail(bool pretty);
    QString droppedText() const;
    /** "N of M shown" while a filter hides events, empty otherwise. */
    QString shownText() const;
    /** Highlights the filter's matches in the data column. */
    MatchDelegate *matchDelegate() const { return m_matches; }
    /** For an imported log: what the file holds (events, time span, types). */
    QString factsText() const;

    /** Filters, capacity, splitter and column sizes, for the settings. */
    QVariantMap uiState() const;
    void applyUiState(const QVariantMap &state);

public Q_SLOTS:
    void focusFilter();
    void jumpToNewest();
    void copyData();
    void copyJsonLine();

Q_SIGNALS:
    void pausedChanged(bool paused);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilter();
    void onRowsInserted(int first, int last);
    void scrollToNewestLater();
    void showDetail(const QModelIndex &index);
    void updateTypeMenu();
    void updateDropped();
    void updateShown();
    void updateFacts();
    void placeJumpButton();
    void updatePalette();

    QPointer<sse::Session> m_session;
    bool m_readOnly;
    sse::EventFilterModel *m_filter;
    LogDecorator *m_decorator;
    StatusPanel *m_status = nullptr;
    StatsPanel *m_stats = nullptr;
    QToolButton *m_types;
    QLineEdit *m_search;
    QCheckBox *m_regex;
    QCheckBox *m_errorsOnly;
    QCheckBox *m_showMarkers;
    TimelineStrip *m_timeline = nullptr;
    QToolButton *m_pause;
    QLabel *m_dropped;
    QLabel *m_filterError;
    QLabel *m_shown;
    QLabel *m_facts = nullptr;
    MatchDelegate *m_matches;
    QSplitter *m_splitter;
    QTableView *m_table;
    QTabWidget *m_pages;
    DiagnosticsView *m_diagnostics;
    TranscriptView *m_transcript;
    QPushButton *m_jump;
    QLabel *m_detailTitle;
    QPlainTextEdit *m_detail;
    QToolButton *m_pretty;
    QToolButton *m_raw;
    JsonHighlighter *m_highlighter;
    QSet<QByteArray> m_selectedTypes;
    bool m_following = true;
    int m_unseen = 0;
};
