// MainWindow: files in and out — stream sets, log export and import.

#include "mainwindow.h"

#include "alertrulesdialog.h"
#include "diagnostics.h"
#include "eventlog.h"
#include "logio.h"
#include "preferencesdialog.h"
#include "scenarioserver.h"
#include "statuspanel.h"
#include "streamdialog.h"
#include "streamset.h"
#include "streamview.h"
#include "notificationcenter.h"
#include "overviewmodel.h"
#include "overviewpage.h"
#include "toastmanager.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QInputDialog>
#include <QLocale>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

QList<sse::StreamConfig> MainWindow::savedConfigs() const
{
    QList<sse::StreamConfig> configs;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (const Tab *t = tabAt(i); t && !t->transient && !t->readOnly)
            configs.append(t->session->config());
    return configs;
}

bool MainWindow::exportStreams(const QString &fileName, bool includeSecrets, QString *error)
{
    return sse::StreamSet::writeFile(fileName, savedConfigs(), includeSecrets, error);
}

bool MainWindow::importStreams(const QString &fileName, QString *error, int *added)
{
    const sse::StreamSet::ReadResult set = sse::StreamSet::readFile(fileName);
    if (!set.ok()) {
        if (error)
            *error = set.errorText();
        return false;
    }
    int count = 0;
    for (const sse::StreamSet::Entry &entry : set.streams) {
        const bool open = std::any_of(m_tabList.cbegin(), m_tabList.cend(), [&](const Tab *t) {
            return !t->readOnly && sse::isSameStream(t->session->config().request, entry.config.request);
        });
        if (open)
            continue;
        sse::StoredStream s;
        s.id = sse::StoredStream::newId();
        s.config = entry.config;
        s.missingSecrets = entry.missingSecrets;
        addStream(s, s.config.autoConnect && s.missingSecrets.isEmpty());
        ++count;
    }
    if (added)
        *added = count;
    return true;
}

void MainWindow::chooseExportStreams()
{
    const QList<sse::StreamConfig> configs = savedConfigs();
    bool includeSecrets = false;
    if (sse::StreamSet::hasSecrets(configs)) {
        QMessageBox box(QMessageBox::Question, tr("Export Streams"),
                        tr("Some streams have secrets (credential headers, URL passwords). Leave "
                           "them out of the file, or include them in plain text?"),
                        QMessageBox::Cancel, this);
        QPushButton *without = box.addButton(tr("Leave Secrets Out"), QMessageBox::AcceptRole);
        QPushButton *with = box.addButton(tr("Include Secrets"), QMessageBox::DestructiveRole);
        box.setDefaultButton(without);
        box.exec();
        if (box.clickedButton() != without && box.clickedButton() != with)
            return;
        includeSecrets = box.clickedButton() == with;
        if (includeSecrets
            && QMessageBox::warning(this, tr("Export Streams"),
                                    tr("Anyone who can read the file can use these credentials. "
                                       "Do not share it or commit it to a repository."),
                                    QMessageBox::Ok | QMessageBox::Cancel, QMessageBox::Cancel)
                != QMessageBox::Ok)
            return;
    }
    const QString base = m_prefs.lastExportDirectory.isEmpty() ? QDir::homePath() : m_prefs.lastExportDirectory;
    QString name = QFileDialog::getSaveFileName(this, tr("Export Streams"), base + QStringLiteral("/streams.json"),
                                                tr("Stream sets (*.json)"));
    if (name.isEmpty())
        return;
    m_prefs.lastExportDirectory = QFileInfo(name).absolutePath();
    QString error;
    if (exportStreams(name, includeSecrets, &error))
        statusBar()->showMessage(tr("Exported %n stream(s).", nullptr, int(configs.size())), 8000);
    else
        QMessageBox::warning(this, tr("Export Streams"), tr("The streams could not be exported: %1").arg(error));
}

void MainWindow::chooseImportStreams()
{
    const QString name = QFileDialog::getOpenFileName(this, tr("Import Streams"), m_prefs.lastExportDirectory,
                                                      tr("Stream sets (*.json);;All files (*)"));
    if (name.isEmpty())
        return;
    QString error;
    int added = 0;
    if (importStreams(name, &error, &added))
        statusBar()->showMessage(tr("Imported %n stream(s).", nullptr, added), 8000);
    else
        QMessageBox::warning(this, tr("Import Streams"),
                             tr("Nothing was imported from %1: %2").arg(QFileInfo(name).fileName(), error));
}

void MainWindow::setBusy(const QString &text, bool busy)
{
    m_progressLabel->setText(text);
    m_progressLabel->setVisible(busy);
    m_progress->setVisible(busy);
    m_progress->setRange(0, 0);
    m_cancel->setVisible(busy);
    m_exportAct->setEnabled(!busy && currentTab());
    m_importAct->setEnabled(!busy);
}

bool MainWindow::exportCurrentLog(const QString &fileName, bool filteredOnly)
{
    StreamView *v = currentView();
    if (!v || m_exporter->isRunning())
        return false;
    const std::optional<sse::LogFormat> format = sse::logFormatFromFileName(fileName);
    if (!format)
        return false;
    const bool markers = *format == sse::LogFormat::JsonLines && m_exportMarkersAct->isChecked();
    const sse::EventSnapshot events = filteredOnly ? v->filterModel()->snapshot(markers)
                                                   : v->session()->log()->snapshot(markers);
    if (!m_exporter->start(fileName, *format, events))
        return false;
    setBusy(tr("Exporting to %1…").arg(QFileInfo(fileName).fileName()), true);
    return true;
}

void MainWindow::chooseExport()
{
    StreamView *v = currentView();
    if (!v)
        return;
    bool filteredOnly = false;
    if (v->filterModel()->isFiltering()) {
        QMessageBox box(QMessageBox::Question, tr("Export Log"),
                        tr("A filter is active. Export only the events it shows (%1), or all events?")
                            .arg(QLocale().toString(v->filterModel()->rowCount())),
                        QMessageBox::Cancel, this);
        QPushButton *filtered = box.addButton(tr("Filtered events"), QMessageBox::AcceptRole);
        QPushButton *all = box.addButton(tr("All events"), QMessageBox::AcceptRole);
        box.setDefaultButton(filtered);
        box.exec();
        if (box.clickedButton() != filtered && box.clickedButton() != all)
            return;
        filteredOnly = box.clickedButton() == filtered;
    }
    const QString jsonl = tr("JSON Lines (*.jsonl)");
    const QString csv = tr("CSV (*.csv)");
    const QString sseFilter = tr("Event stream (*.sse)");
    QString selected = jsonl;
    const QString base = m_prefs.lastExportDirectory.isEmpty() ? QDir::homePath() : m_prefs.lastExportDirectory;
    QString name = QFileDialog::getSaveFileName(
        this, tr("Export Log"), base + u'/' + QString(v->session()->config().name).replace(u'/', u'_') + QStringLiteral(".jsonl"),
        QStringList{jsonl, csv, sseFilter}.join(QStringLiteral(";;")), &selected);
    if (name.isEmpty())
        return;
    if (!sse::logFormatFromFileName(name))
        name += selected == csv ? QStringLiteral(".csv") : selected == sseFilter ? QStringLiteral(".sse") : QStringLiteral(".jsonl");
    m_prefs.lastExportDirectory = QFileInfo(name).absolutePath();
    exportCurrentLog(name, filteredOnly);
}

void MainWindow::importLog(const QString &fileName)
{
    if (m_importer->isRunning())
        return;
    m_importName = QFileInfo(fileName).fileName();
    if (m_importer->start(fileName))
        setBusy(tr("Importing %1…").arg(m_importName), true);
}

void MainWindow::chooseImport()
{
    const QString name = QFileDialog::getOpenFileName(
        this, tr("Import Log"), m_prefs.lastExportDirectory,
        tr("Event logs (*.sse *.jsonl *.ndjson *.txt);;All files (*)"));
    if (!name.isEmpty())
        importLog(name);
}
