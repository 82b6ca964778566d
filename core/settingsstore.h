#pragma once

#include "alertrule.h"
#include "streamconfig.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace sse {

/** One saved stream: its configuration plus what the app remembers about its tab. */
struct StoredStream
{
    QString id;                  ///< stable and unique; open tabs and alert rules refer to it
    StreamConfig config;
    /** App-defined tab state (filters, muted notices, log capacity ...). Stored as JSON, so
     *  only JSON types survive: strings, bools, numbers (integers come back as qlonglong,
     *  others as double), lists and maps of those. */
    QVariantMap uiState;
    QList<AlertRule> alertRules; ///< load() sets each rule's streamId to id

    /** Whether the stream was connected (or connecting) when saved: reconnected on launch
     *  when AppPreferences::reconnectOnLaunch is on. */
    bool wasConnected = false;

    // Reported by load(); ignored by save.
    QList<QByteArray> missingSecrets; ///< secret headers saved without value: ask the user
    bool urlPasswordMissing = false;  ///< the URL's password was not saved

    /** A new random identifier (a UUID without braces). */
    static QString newId();

    friend bool operator==(const StoredStream &, const StoredStream &) = default;
};

/** Which in-window notifications the user wants. */
struct ToastPreferences
{
    static constexpr int MinDurationMs = 1000;
    static constexpr int MaxDurationMs = 600000;
    static constexpr int MaxVisibleLimit = 20;

    bool enabled = true;
    bool useSystemTray = true;       ///< also to the tray while the window is inactive
    int durationMs = 6000;           ///< until auto-dismissal
    int maxVisible = 4;              ///< toasts stacked at most
    bool onConnected = false;        ///< routine: in the notification history only by default
    bool onConnectionLost = false;   ///< routine: in the notification history only by default
    bool onFailed = true;            ///< reconnecting gave up / permanent failure
    bool onServerError = true;       ///< `event: error` from the server
    bool onAlertRule = true;

    friend bool operator==(const ToastPreferences &, const ToastPreferences &) = default;
};

/** Application-wide preferences and the restored session. */
struct AppPreferences
{
    static constexpr int DefaultLogCapacity = 100000;
    static constexpr int MinLogCapacity = 100;
    static constexpr int MaxLogCapacity = 10000000;

    QByteArray windowGeometry;                ///< QWidget::saveGeometry()
    QByteArray windowState;                   ///< QMainWindow::saveState()
    QMap<QString, QByteArray> viewStates;     ///< splitter / header states, by any name
    ToastPreferences toasts;
    QString language;                         ///< "de", "zh_CN" ...; empty = the system's
    QString lastExportDirectory;
    int defaultLogCapacity = DefaultLogCapacity;
    bool reconnectOnLaunch = true;            ///< reconnect the streams connected at quit
    QStringList openTabs;                     ///< stream ids in tab order
    QString currentTab;                       ///< stream id; empty = none

    friend bool operator==(const AppPreferences &, const AppPreferences &) = default;
};

/** Saves and restores streams and preferences in one file (versioned schema, see the
 *  implementation file for the keys; syntax: SettingsFile, Qt's INI format read line by line).
 *
 *  Reading never trusts the file: every value is checked for type and range and falls back to
 *  its default, each stream is read on its own (an unusable URL skips that stream only), and
 *  each of these is described in a notice. A file that did not load exactly (an unreadable
 *  line, a cut or altered file, a stream or the preferences not matching their checksum) is
 *  first copied aside byte for byte as <file>.damaged (then .damaged.2, .3 ...; never
 *  overwritten), before anything is written over it.
 *  Secret header values (Header::isSecret()) and URL passwords are written only after
 *  setStoreSecrets(true); otherwise the header is saved with its name and an empty value and
 *  load() lists it in StoredStream::missingSecrets. Reading never writes the file itself.
 *  Every save replaces the file atomically (QSaveFile): a crash leaves the old or the new. */
class SettingsStore
{
    Q_DECLARE_TR_FUNCTIONS(sse::SettingsStore)
public:
    /** 2: sealed files (an end line with a checksum, a checksum per stream); 1 had neither. */
    static constexpr int SchemaVersion = 2;
    static constexpr int MaxStreams = 1000;
    static constexpr int MaxHeaders = 200;
    static constexpr int MaxAlertRules = 200;
    static constexpr int MaxViewStates = 500;
    static constexpr qsizetype MaxBodyBytes = 4 * 1024 * 1024;
    static constexpr qsizetype MaxStateBytes = 1024 * 1024; ///< geometry, view and UI states
    static constexpr int MaxDelayLimitMs = 24 * 60 * 60 * 1000; ///< delays, idle timeout
    static constexpr int MaxRetriesLimit = 1000000;
    static constexpr qsizetype MaxEventBytesLimit = qsizetype(1) << 30;
    static constexpr qint64 MaxFileBytes = qint64(256) * 1024 * 1024;

    struct LoadResult
    {
        QList<StoredStream> streams;
        AppPreferences preferences;
        QStringList notices;      ///< what was ignored, reset or dropped, one sentence each
        QString damagedCopy;      ///< where the file was copied aside; empty if it loaded exactly
    };

    /** The file QSettings would use for this application (~/.config/<org>/<app>.conf), so
     *  settings written by earlier versions are found. */
    static QString defaultFileName();

    explicit SettingsStore(const QString &fileName);

    QString fileName() const { return m_fileName; }

    /** Whether secret values are written in plain text (persisted; off by default). */
    bool storeSecrets();
    /** Persists the choice. Turning it off also erases the secret values already written. */
    bool setStoreSecrets(bool store);

    /** Reads the file (again). */
    LoadResult load();

    /** Replace the saved streams or preferences; false if the file could not be written.
     *  Nothing is written when the content would not change. */
    bool saveStreams(const QList<StoredStream> &streams);
    bool savePreferences(const AppPreferences &preferences);
    bool save(const QList<StoredStream> &streams, const AppPreferences &preferences);
    QString errorString() const { return m_error; }

private:
    struct FileRead;
    FileRead readFile();
    void ensureRead();
    void setStreams(const QList<StoredStream> &streams);
    void setPreferences(const AppPreferences &preferences);
    bool write();
    void scrubSecrets();

    QString m_fileName;
    bool m_read = false;
    QMap<QString, QVariant> m_values; ///< the file's content, unknown keys included
    QByteArray m_written;             ///< the bytes last read or written
    QString m_error;
};

} // namespace sse
