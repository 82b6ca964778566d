#pragma once

// What the sse-monitor widget tests share: a local server, a temporary settings file, stream
// builders, and a helper that answers modal message boxes.

#include "alertrulesdialog.h"
#include "diagnosticsview.h"
#include "eventlog.h"
#include "httpserver.h"
#include "mainwindow.h"
#include "matchdelegate.h"
#include "notificationcenter.h"
#include "statspanel.h"
#include "statuspanel.h"
#include "streamdialog.h"
#include "streamtabs.h"
#include "streamview.h"
#include "timelinestrip.h"
#include "toastmanager.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QMessageBox>
#include <QTimer>
#include <QTabBar>
#include <QElapsedTimer>
#include <QFile>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTableWidget>
#include <QTreeWidget>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QLineEdit>
#include <QLabel>
#include <QPointer>
#include <QImage>
#include <QTest>

namespace monitorfixture {

using namespace sse;

inline constexpr int Timeout = 10000;

inline const HttpHeaders &streamHeaders()
{
    static const HttpHeaders h{{"Content-Type", "text/event-stream"}};
    return h;
}

inline StoredStream streamFor(const QUrl &url, const QString &name = QStringLiteral("test stream"))
{
    StoredStream s;
    s.id = StoredStream::newId();
    s.config.name = name;
    s.config.request.url = url;
    s.config.policy.initialDelayMs = 60000; // a countdown long enough to read
    s.config.policy.maxDelayMs = 60000;
    s.config.policy.jitter = false;
    s.config.policy.maxRetries = 5;
    return s;
}

inline QString toastTitles(const ToastManager *toasts)
{
    QStringList titles;
    for (const Toast *t : toasts->toasts())
        titles << t->title();
    return titles.join(QStringLiteral(" | "));
}

/** What answerMessageBox() saw. */
struct SeenBox
{
    bool shown = false;
    QString objectName;
    QString text;             ///< text and informative text
    QMessageBox::Icon icon = QMessageBox::NoIcon;
    bool cancelIsDefault = false;
};

/** Once the next modal QMessageBox is up, records it into \a seen and clicks \a answer
 *  (polls the event loop: the box appears inside the exec() of the code under test). */
inline void answerMessageBox(QMessageBox::StandardButton answer, SeenBox *seen)
{
    auto *poll = new QTimer;
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer, seen] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        poll->stop();
        poll->deleteLater();
        seen->shown = true;
        seen->objectName = box->objectName();
        seen->text = box->text() + u'\n' + box->informativeText();
        seen->icon = box->icon();
        seen->cancelIsDefault = box->defaultButton() == box->button(QMessageBox::Cancel);
        box->button(answer)->click();
    });
    poll->start(10);
}

/** A fresh HttpServer on 127.0.0.1 and a temporary settings file for each test function. */
class MonitorFixture
{
protected:
    void setUpFixture()
    {
        m_server = std::make_unique<HttpServer>();
        QVERIFY(m_server->listen() != 0);
        m_dir = std::make_unique<QTemporaryDir>();
        m_settingsFile = m_dir->filePath(QStringLiteral("settings.ini"));
    }
    void tearDownFixture()
    {
        m_settingsFile.clear();
        m_dir.reset();
        m_server.reset();
    }

    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_settingsFile;
};

} // namespace monitorfixture
