#include "streamview.h"

#include "diagnosticsview.h"
#include "eventformat.h"
#include "eventlog.h"
#include "jsonhighlighter.h"
#include "jsonindent.h"
#include "logdecorator.h"
#include "matchdelegate.h"
#include "statspanel.h"
#include "statuspanel.h"
#include "timelinestrip.h"
#include "transcriptview.h"
#include "typecolors.h"

#include <QAction>
#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using sse::EventLogModel;

namespace {

constexpr qsizetype MaxDetailBytes = 1024 * 1024; // the detail pane shows at most this much

using StatusStyle::isDark;

} // namespace

StreamView::StreamView(sse::Session *session, bool readOnly, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_readOnly(readOnly)
    , m_filter(new sse::EventFilterModel(this))
    , m_decorator(new LogDecorator(this))
    , m_types(new QToolButton(this))
    , m_search(new QLineEdit(this))
    , m_regex(new QCheckBox(tr("Regex"), this))
    , m_errorsOnly(new QCheckBox(tr("Errors only"), this))
    , m_showMarkers(new QCheckBox(tr("Connection"), this))
    , m_pause(new QToolButton(this))
    , m_dropped(new QLabel(this))
    , m_filterError(new QLabel(this))
    , m_shown(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_table(new QTableView(m_splitter))
    , m_pages(new QTabWidget(m_splitter))
    , m_diagnostics(new DiagnosticsView(session->diagnostics()))
    , m_transcript(new TranscriptView(session->transcript(), session->config().name))
    , m_jump(new QPushButton(m_table))
    , m_detailTitle(new QLabel)
    , m_detail(new QPlainTextEdit)
    , m_pretty(new QToolButton)
    , m_raw(new QToolButton)
    , m_highlighter(nullptr)
{
    EventLogModel *log = session->log();
    m_filter->setSourceModel(log);
    m_decorator->setSourceModel(m_filter);
    m_decorator->setDarkPalette(isDark(this));

    // Top: status with countdown (live streams only), then statistics.
    auto *top = new QVBoxLayout;
    if (!readOnly) {
        m_status = new StatusPanel(session, this);
        top->addWidget(m_status);
        connect(m_status, &StatusPanel::diagnosticsRequested, this, [this] { showDiagnostics(true); });
    }
    if (readOnly) {
        // An imported file: what the file holds, not live statistics of a connection.
        m_facts = new QLabel(this);
        m_facts->setTextFormat(Qt::PlainText);
        m_facts->setAccessibleName(tr("Imported file"));
        top->addWidget(m_facts);
    } else {
        m_stats = new StatsPanel(session, this);
        top->addWidget(m_stats);
        m_timeline = new TimelineStrip(session, this);
        top->addWidget(m_timeline);
    }

    // Filter bar.
    m_types->setText(tr("All types"));
    m_types->setPopupMode(QToolButton::InstantPopup);
    m_types->setMenu(new QMenu(m_types));
    m_types->setAccessibleName(tr("Filter by event type"));
    connect(m_types->menu(), &QMenu::aboutToShow, this, &StreamView::updateTypeMenu);
    m_search->setPlaceholderText(tr("Filter data and ids (text, or a regular expression)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Filter text"));
    m_pause->setCheckable(true);
    m_pause->setText(tr("Pause"));
    m_pause->setToolTip(tr("Pause the display; events keep arriving and appear on resume"));
    m_filterError->setTextFormat(Qt::PlainText);
    m_filterError->setWordWrap(true);
    m_filterError->hide();
    m_shown->setAccessibleName(tr("Events shown"));
    auto *filterBar = new QHBoxLayout;
    filterBar->addWidget(m_types);
    filterBar->addWidget(m_search, 1);
    filterBar->addWidget(m_regex);
    filterBar->addWidget(m_errorsOnly);
    m_showMarkers->setChecked(true);
    m_showMarkers->setToolTip(tr("Show the connection's story between the events: connected, "
                                 "dropped, each retry, resumed (with the Last-Event-ID sent)"));
    m_showMarkers->setVisible(!readOnly); // an imported file holds events only
    filterBar->addWidget(m_showMarkers);
    filterBar->addWidget(m_pause);
    m_pause->setVisible(!readOnly); // nothing arrives in an imported log
    filterBar->addWidget(m_shown);
    filterBar->addWidget(m_dropped);

    // The log.
    m_table->setModel(m_decorator);
    m_matches = new MatchDelegate(m_table);
    m_table->setItemDelegateForColumn(EventLogModel::PreviewColumn, m_matches);
    // Tab moves on to the next control instead of walking the cells: the log is no trap.
    m_table->setTabKeyNavigation(false);
    m_table->setAccessibleName(tr("Event log"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(EventLogModel::PreviewColumn, QHeaderView::Stretch);
    const int digit = m_table->fontMetrics().horizontalAdvance(u'0');
    m_table->setColumnWidth(EventLogModel::SequenceColumn, digit * 9);
    m_table->setColumnWidth(EventLogModel::ReceivedAtColumn, digit * 15);
    m_table->setColumnWidth(EventLogModel::TypeColumn, digit * 14);
    m_table->setColumnWidth(EventLogModel::IdColumn, digit * 10);
    m_table->setColumnWidth(EventLogModel::SizeColumn, digit * 8);
    m_table->viewport()->installEventFilter(this);
    m_jump->hide();
    m_jump->setCursor(Qt::PointingHandCursor);
    m_jump->setAccessibleName(tr("Jump to the newest event"));
    connect(m_jump, &QPushButton::clicked, this, &StreamView::jumpToNewest);

    // The detail pane: the selected event, and the stream's diagnostics.
    auto *detail = new QWidget;
    auto *copyData = new QPushButton(tr("Copy data"), detail);
    auto *copyJson = new QPushButton(tr("Copy as JSON line"), detail);
    connect(copyData, &QPushButton::clicked, this, &StreamView::copyData);
    connect(copyJson, &QPushButton::clicked, this, &StreamView::copyJsonLine);
    m_detailTitle->setTextFormat(Qt::PlainText);
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setAccessibleName(tr("Selected event"));
    m_detail->setPlaceholderText(tr("Select an event to see its data."));
    m_highlighter = new JsonHighlighter(isDark(this), this);
    // Pretty re-indents JSON without rewriting a key, string or number; Raw is the payload
    // exactly as it arrived.
    m_pretty->setText(tr("Pretty"));
    m_pretty->setToolTip(tr("JSON re-indented: keys, strings and numbers exactly as received"));
    m_raw->setText(tr("Raw"));
    m_raw->setToolTip(tr("The data exactly as received"));
    auto *viewGroup = new QButtonGroup(detail);
    for (QToolButton *button : {m_pretty, m_raw}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
        viewGroup->addButton(button);
    }
    m_pretty->setChecked(true);
    connect(viewGroup, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool on) {
        if (on)
            showDetail(m_table->currentIndex());
    });
    auto *detailHead = new QHBoxLayout;
    detailHead->addWidget(m_detailTitle, 1);
    detailHead->addWidget(m_pretty);
    detailHead->addWidget(m_raw);
    detailHead->addWidget(copyData);
    detailHead->addWidget(copyJson);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addLayout(detailHead);
    detailLayout->addWidget(m_detail);
    m_pages->setDocumentMode(true);
    m_pages->addTab(detail, tr("Event"));
    m_pages->addTab(m_diagnostics, m_diagnostics->summary());
    connect(m_diagnostics, &DiagnosticsView::summaryChanged, this,
            [this](const QString &summary) { m_pages->setTabText(1, summary); });
    m_pages->addTab(m_transcript, m_transcript->summary());
    connect(m_transcript, &TranscriptView::summaryChanged, this,
            [this](const QString &summary) { m_pages->setTabText(2, summary); });
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(filterBar);
    layout->addWidget(m_filterError);
    layout->addWidget(m_splitter, 1);

    // Filtering: typing applies after a short pause so every key does not re-filter 100k rows.
    auto *searchDelay = new QTimer(this);
    searchDelay->setSingleShot(true);
    searchDelay->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, searchDelay, qOverload<>(&QTimer::start));
    connect(searchDelay, &QTimer::timeout, this, &StreamView::applyFilter);
    connect(m_search, &QLineEdit::returnPressed, this, &StreamView::applyFilter);
    connect(m_regex, &QCheckBox::toggled, this, &StreamView::applyFilter);
    connect(m_errorsOnly, &QCheckBox::toggled, this, &StreamView::applyFilter);
    connect(m_showMarkers, &QCheckBox::toggled, this, &StreamView::applyFilter);

    connect(m_pause, &QToolButton::toggled, this, &StreamView::setPaused);
    connect(log, &EventLogModel::pausedChanged, this, [this](bool paused) {
        m_pause->setChecked(paused);
        m_pause->setText(paused ? tr("Resume (%1 waiting)").arg(m_session->log()->pendingCount())
                                : tr("Pause"));
        Q_EMIT pausedChanged(paused);
    });
    connect(log, &EventLogModel::pendingCountChanged, this, [this](int pending) {
        if (m_session->log()->isPaused())
            m_pause->setText(tr("Resume (%1 waiting)").arg(QLocale().toString(pending)));
    });
    connect(log, &EventLogModel::droppedCountChanged, this, &StreamView::updateDropped);
    connect(log, &EventLogModel::capacityChanged, this, &StreamView::updateDropped);

    // Following the newest event, unless the user scrolled away.
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        QScrollBar *bar = m_table->verticalScrollBar();
        const bool atEnd = value >= bar->maximum();
        if (atEnd != m_following) {
            m_following = atEnd;
            if (atEnd) {
                m_unseen = 0;
                m_jump->hide();
            }
        }
    });
    connect(m_decorator, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(m_decorator, &QAbstractItemModel::rowsRemoved, this, &StreamView::updateShown);
    if (m_facts) {
        connect(log, &QAbstractItemModel::rowsInserted, this, &StreamView::updateFacts);
        connect(log, &QAbstractItemModel::modelReset, this, &StreamView::updateFacts);
        updateFacts();
    }
    connect(m_decorator, &QAbstractItemModel::modelReset, this, &StreamView::updateShown);
    // Inspecting an event stops following, so the row does not scroll away; selecting the
    // newest row (End) or "New events" follows again.
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
        showDetail(current);
        if (current.isValid())
            m_following = current.row() == m_decorator->rowCount() - 1;
    });
    updateDropped();
}

bool StreamView::isPaused() const
{
    return m_session && m_session->log()->isPaused();
}

void StreamView::setPaused(bool paused)
{
    if (m_session)
        m_session->log()->setPaused(paused);
}

void StreamView::focusFilter()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void StreamView::applyFilter()
{
    sse::EventFilter filter;
    filter.types = m_selectedTypes;
    filter.text = m_search->text();
    filter.regularExpression = m_regex->isChecked();
    filter.errorsOnly = m_errorsOnly->isChecked();
    filter.hideMarkers = !m_showMarkers->isChecked();
    m_filter->setFilter(filter);
    m_matches->setPattern(m_filter->isValid() ? filter.text : QString(), filter.regularExpression,
                          filter.caseSensitive);
    m_table->viewport()->update();
    m_filterError->setVisible(!m_filter->isValid());
    // The error in the palette's own terms, readable on light and dark themes; the filter
    // model's message already says what is wrong.
    QPalette errorPalette = m_filterError->palette();
    errorPalette.setColor(QPalette::WindowText, isDark(this) ? QColor(0xef, 0x9a, 0x9a) : QColor(0xb7, 0x1c, 0x1c));
    m_filterError->setPalette(errorPalette);
    m_filterError->setText(m_filter->errorString());
    m_types->setText(m_selectedTypes.isEmpty()
                         ? tr("All types")
                         : tr("Types: %1").arg(m_selectedTypes.size()));
    m_types->setMinimumWidth(m_types->sizeHint().width());
    updateShown();
    if (m_following)
        m_table->scrollToBottom();
}

void StreamView::updateTypeMenu()
{
    QMenu *menu = m_types->menu();
    menu->clear();
    QAction *all = menu->addAction(tr("All types"));
    all->setCheckable(true);
    all->setChecked(m_selectedTypes.isEmpty());
    connect(all, &QAction::triggered, this, [this] {
        m_selectedTypes.clear();
        applyFilter();
    });
    menu->addSeparator();
    const bool dark = isDark(this);
    for (const QByteArray &type : m_session->log()->typeNames()) {
        QAction *action = menu->addAction(QString::fromUtf8(type));
        QPixmap swatch(12, 12);
        swatch.fill(TypeColors::color(type, dark));
        action->setIcon(QIcon(swatch));
        action->setCheckable(true);
        action->setChecked(m_selectedTypes.contains(type));
        connect(action, &QAction::toggled, this, [this, type](bool on) {
            if (on)
                m_selectedTypes.insert(type);
            else
                m_selectedTypes.remove(type);
            applyFilter();
        });
    }
    if (m_session->log()->typeNames().isEmpty())
        menu->addAction(tr("No events yet"))->setEnabled(false);
}

QString StreamView::droppedText() const
{
    return m_dropped->text();
}

void StreamView::updateDropped()
{
    const EventLogModel *log = m_session->log();
    const QLocale locale;
    QString text = tr("keeps %1").arg(locale.toString(log->capacity()));
    if (log->droppedCount() > 0)
        text = tr("%1 oldest dropped (keeps %2)")
                   .arg(locale.toString(log->droppedCount()), locale.toString(log->capacity()));
    m_dropped->setText(text);
    m_dropped->setToolTip(tr("The log keeps the newest %1 events of this stream; older ones are "
                             "dropped. Change it in the stream's menu.")
                              .arg(locale.toString(log->capacity())));
}

QString StreamView::factsText() const
{
    return m_facts ? m_facts->text() : QString();
}

void StreamView::updateFacts()
{
    const EventLogModel *log = m_session->log();
    const int rows = log->rowCount();
    const QLocale locale;
    if (rows == 0) {
        m_facts->setText(tr("No events in this file"));
        return;
    }
    const auto at = [log](int row) {
        return log->index(row, 0).data(EventLogModel::EventRole).value<sse::Event>().receivedAtMs;
    };
    const qint64 first = at(0);
    const qint64 last = at(rows - 1);
    QStringList types;
    for (const QByteArray &type : log->typeNames())
        types.append(QString::fromUtf8(type));
    const QString span = first > 0 && last >= first
        ? tr("%1 to %2 (%3)")
              .arg(QDateTime::fromMSecsSinceEpoch(first).toString(Qt::ISODate),
                   QDateTime::fromMSecsSinceEpoch(last).toString(Qt::ISODate),
                   StatusStyle::duration(last - first))
        : tr("no receive times");
    m_facts->setText(tr("%1 events · %2 · types: %3")
                         .arg(locale.toString(rows), span, types.join(QStringLiteral(", "))));
}

QString StreamView::shownText() const
{
    return m_shown->text();
}

void StreamView::updateShown()
{
    // Events, not rows: markers pass every filter but their own switch.
    if (!m_session)
        return;
    const EventLogModel *log = m_session->log();
    const int shown = m_decorator->rowCount() - (m_showMarkers->isChecked() ? log->markerCount() : 0);
    const int all = log->eventCount();
    m_shown->setText(shown < all ? tr("%1 of %2 shown").arg(QLocale().toString(shown), QLocale().toString(all))
                                 : QString());
}

void StreamView::onRowsInserted(int first, int last)
{
    updateShown();
    if (m_following) {
        // A hidden tab scrolls when it is shown: no work per event while nobody looks.
        if (isVisible())
            scrollToNewestLater();
        return;
    }
    // "New events" counts events: the connection markers among the new rows are not.
    int count = last - first + 1;
    if (m_session && m_session->log()->markerCount() > 0) {
        for (int row = first; row <= last; ++row)
            count -= m_decorator->index(row, 0).data(EventLogModel::IsMarkerRole).toBool() ? 1 : 0;
    }
    if (count == 0)
        return;
    m_unseen += count;
    m_jump->setText(tr("New events: %1 ↓").arg(QLocale().toString(m_unseen)));
    m_jump->adjustSize();
    m_jump->show();
    placeJumpButton();
}

void StreamView::scrollToNewestLater()
{
    // After the view has laid out the new rows.
    QTimer::singleShot(0, m_table, [this] {
        if (m_following)
            m_table->scrollToBottom();
    });
}

void StreamView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_following)
        scrollToNewestLater();
}

void StreamView::jumpToNewest()
{
    m_following = true;
    m_unseen = 0;
    m_jump->hide();
    m_table->scrollToBottom();
}

void StreamView::placeJumpButton()
{
    const QRect area = m_table->viewport()->geometry();
    m_jump->move(area.right() - m_jump->width() - 12, area.bottom() - m_jump->height() - 8);
    m_jump->raise();
}

bool StreamView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize && m_jump->isVisible())
        placeJumpButton();
    return QWidget::eventFilter(watched, event);
}

void StreamView::showDetail(const QModelIndex &index)
{
    if (!index.isValid()) {
        m_detailTitle->clear();
        m_detail->clear();
        return;
    }
    if (index.data(EventLogModel::IsMarkerRole).toBool()) {
        const qint64 at = index.data(EventLogModel::ReceivedAtMsRole).toLongLong();
        m_detailTitle->setText(tr("Connection · %1 · before event #%2")
                                   .arg(QDateTime::fromMSecsSinceEpoch(at).toString(Qt::ISODateWithMs))
                                   .arg(index.data(EventLogModel::SequenceRole).toLongLong()));
        m_highlighter->setDocument(nullptr);
        m_detail->setPlainText(index.siblingAtColumn(EventLogModel::PreviewColumn).data().toString());
        return;
    }
    const auto event = index.data(EventLogModel::EventRole).value<sse::Event>();
    const qint64 sequence = index.data(EventLogModel::SequenceRole).toLongLong();
    QString title = tr("#%1 · %2 · %3 bytes")
                        .arg(sequence)
                        .arg(QString::fromUtf8(event.type))
                        .arg(QLocale().toString(event.data.size()));
    if (event.hasId)
        title += tr(" · id %1").arg(QString::fromUtf8(event.lastEventId));
    if (event.receivedAtMs > 0)
        title += QStringLiteral(" · ") + QDateTime::fromMSecsSinceEpoch(event.receivedAtMs).toString(Qt::ISODateWithMs);
    m_detailTitle->setText(title);

    const QByteArray shown = event.data.left(MaxDetailBytes);
    const QByteArray pretty = m_pretty->isChecked() && event.data.size() <= MaxDetailBytes
        ? sse::reindentJson(shown) : QByteArray();
    m_highlighter->setDocument(pretty.isNull() ? nullptr : m_detail->document());
    QString text = QString::fromUtf8(pretty.isNull() ? shown : pretty);
    if (event.data.size() > MaxDetailBytes)
        text += u'\n' + tr("… (showing the first %1 of %2 bytes; copy the data to see it all)")
                            .arg(QLocale().toString(MaxDetailBytes), QLocale().toString(event.data.size()));
    m_detail->setPlainText(text);
}

void StreamView::showDiagnostics(bool show)
{
    m_pages->setCurrentIndex(show ? 1 : 0);
}

bool StreamView::isShowingDiagnostics() const
{
    return m_pages->currentIndex() == 1;
}

QString StreamView::detailText() const
{
    return m_detail->toPlainText();
}

bool StreamView::isPrettyDetail() const
{
    return m_pretty->isChecked();
}

void StreamView::setPrettyDetail(bool pretty)
{
    (pretty ? m_pretty : m_raw)->setChecked(true);
}

void StreamView::copyData()
{
    const QModelIndex index = m_table->currentIndex();
    if (index.data(EventLogModel::IsMarkerRole).toBool())
        QApplication::clipboard()->setText(index.siblingAtColumn(EventLogModel::PreviewColumn).data().toString());
    else if (index.isValid())
        QApplication::clipboard()->setText(
            QString::fromUtf8(index.data(EventLogModel::DataRole).toByteArray()));
}

void StreamView::copyJsonLine()
{
    const QModelIndex index = m_table->currentIndex();
    if (!index.isValid() || index.data(EventLogModel::IsMarkerRole).toBool())
        return;
    QByteArray line;
    sse::appendJsonLine(line, index.data(EventLogModel::EventRole).value<sse::Event>());
    QApplication::clipboard()->setText(QString::fromUtf8(line).trimmed());
}

QVariantMap StreamView::uiState() const
{
    QVariantMap state;
    QVariantList types;
    for (const QByteArray &t : m_selectedTypes)
        types.append(QString::fromUtf8(t));
    state[QStringLiteral("filterTypes")] = types;
    state[QStringLiteral("filterText")] = m_search->text();
    state[QStringLiteral("filterRegex")] = m_regex->isChecked();
    state[QStringLiteral("errorsOnly")] = m_errorsOnly->isChecked();
    state[QStringLiteral("hideMarkers")] = !m_showMarkers->isChecked();
    state[QStringLiteral("logCapacity")] = m_session->log()->capacity();
    state[QStringLiteral("pageOrigin")] = m_diagnostics->pageOrigin();
    state[QStringLiteral("splitter")] = QString::fromLatin1(m_splitter->saveState().toBase64());
    state[QStringLiteral("columns")] =
        QString::fromLatin1(m_table->horizontalHeader()->saveState().toBase64());
    return state;
}

void StreamView::applyUiState(const QVariantMap &state)
{
    m_selectedTypes.clear();
    for (const QVariant &t : state.value(QStringLiteral("filterTypes")).toList())
        m_selectedTypes.insert(t.toString().toUtf8());
    {
        const QSignalBlocker b1(m_search), b2(m_regex), b3(m_errorsOnly), b4(m_showMarkers);
        m_showMarkers->setChecked(!state.value(QStringLiteral("hideMarkers")).toBool());
        m_search->setText(state.value(QStringLiteral("filterText")).toString());
        m_regex->setChecked(state.value(QStringLiteral("filterRegex")).toBool());
        m_errorsOnly->setChecked(state.value(QStringLiteral("errorsOnly")).toBool());
    }
    m_diagnostics->setPageOrigin(state.value(QStringLiteral("pageOrigin")).toString());
    bool ok = false;
    const int capacity = state.value(QStringLiteral("logCapacity")).toInt(&ok);
    if (ok && capacity > 0)
        m_session->log()->setCapacity(capacity);
    // Sizes are only a convenience: a state Qt does not accept is ignored.
    m_splitter->restoreState(QByteArray::fromBase64(state.value(QStringLiteral("splitter")).toString().toLatin1()));
    m_table->horizontalHeader()->restoreState(
        QByteArray::fromBase64(state.value(QStringLiteral("columns")).toString().toLatin1()));
    applyFilter();
    updateDropped();
}

void StreamView::updatePalette()
{
    const bool dark = isDark(this);
    m_decorator->setDarkPalette(dark);
    delete m_highlighter;
    m_highlighter = new JsonHighlighter(dark, this);
    showDetail(m_table->currentIndex());
}

void StreamView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updatePalette();
    QWidget::changeEvent(event);
}
