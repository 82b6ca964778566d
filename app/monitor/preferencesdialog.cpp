#include "preferencesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QMessageBox>
#include <QSpinBox>
#include <QVBoxLayout>

PreferencesDialog::PreferencesDialog(const sse::AppPreferences &prefs, bool storeSecrets, QWidget *parent)
    : QDialog(parent)
    , m_toasts(new QCheckBox(tr("Show notifications in the window"), this))
    , m_tray(new QCheckBox(tr("Also in the system tray while the window is inactive"), this))
    , m_connected(new QCheckBox(tr("Connected"), this))
    , m_lost(new QCheckBox(tr("Connection lost"), this))
    , m_failed(new QCheckBox(tr("Failed permanently"), this))
    , m_serverErrors(new QCheckBox(tr("Server error events"), this))
    , m_alerts(new QCheckBox(tr("Alert rules"), this))
    , m_duration(new QSpinBox(this))
    , m_capacity(new QSpinBox(this))
    , m_language(new QComboBox(this))
    , m_secrets(new QCheckBox(tr("Save secret header values in plain text"), this))
    , m_reconnect(new QCheckBox(tr("Reconnect the streams that were connected at quit"), this))
{
    setWindowTitle(tr("Preferences"));
    const sse::ToastPreferences &t = prefs.toasts;
    m_toasts->setChecked(t.enabled);
    m_tray->setChecked(t.useSystemTray);
    m_connected->setChecked(t.onConnected);
    m_lost->setChecked(t.onConnectionLost);
    m_failed->setChecked(t.onFailed);
    m_serverErrors->setChecked(t.onServerError);
    m_alerts->setChecked(t.onAlertRule);
    m_duration->setRange(sse::ToastPreferences::MinDurationMs / 1000, sse::ToastPreferences::MaxDurationMs / 1000);
    m_duration->setSuffix(tr(" s"));
    m_duration->setValue(t.durationMs / 1000);
    m_capacity->setRange(sse::AppPreferences::MinLogCapacity, sse::AppPreferences::MaxLogCapacity);
    m_capacity->setSingleStep(10000);
    m_capacity->setGroupSeparatorShown(true);
    m_capacity->setValue(prefs.defaultLogCapacity);
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(prefs.language)));
    m_reconnect->setChecked(prefs.reconnectOnLaunch);
    m_secrets->setChecked(storeSecrets);
    m_secrets->setToolTip(tr("Off: secret headers (Authorization, Cookie, API keys) are saved without "
                             "their values and asked for again after a restart."));
    connect(m_secrets, &QCheckBox::clicked, this, [this](bool on) {
        if (!on)
            return;
        const auto answer = QMessageBox::warning(
            this, tr("Save secrets in plain text?"),
            tr("Secret header values will be written unencrypted to the settings file, where "
               "other programs and backups can read them. Save them anyway?"),
            QMessageBox::Save | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Save)
            m_secrets->setChecked(false);
    });
    for (QCheckBox *box : {m_tray, m_connected, m_lost, m_failed, m_serverErrors, m_alerts})
        connect(m_toasts, &QCheckBox::toggled, box, &QWidget::setEnabled);

    auto *notes = new QGroupBox(tr("Notifications"), this);
    auto *notesLayout = new QFormLayout(notes);
    notesLayout->addRow(m_toasts);
    notesLayout->addRow(m_tray);
    notesLayout->addRow(tr("Notify about:"), m_connected);
    for (QCheckBox *box : {m_lost, m_failed, m_serverErrors, m_alerts})
        notesLayout->addRow(QString(), box);
    notesLayout->addRow(tr("Show for:"), m_duration);

    auto *general = new QFormLayout;
    general->addRow(tr("Events kept per new tab:"), m_capacity);
    general->addRow(tr("Language (after a restart):"), m_language);
    general->addRow(m_reconnect);
    general->addRow(m_secrets);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(notes);
    layout->addLayout(general);
    layout->addWidget(buttons);
}

sse::AppPreferences PreferencesDialog::preferences(const sse::AppPreferences &base) const
{
    sse::AppPreferences p = base;
    p.toasts.enabled = m_toasts->isChecked();
    p.toasts.useSystemTray = m_tray->isChecked();
    p.toasts.onConnected = m_connected->isChecked();
    p.toasts.onConnectionLost = m_lost->isChecked();
    p.toasts.onFailed = m_failed->isChecked();
    p.toasts.onServerError = m_serverErrors->isChecked();
    p.toasts.onAlertRule = m_alerts->isChecked();
    p.toasts.durationMs = m_duration->value() * 1000;
    p.defaultLogCapacity = m_capacity->value();
    p.language = m_language->currentData().toString();
    p.reconnectOnLaunch = m_reconnect->isChecked();
    return p;
}

bool PreferencesDialog::storeSecrets() const
{
    return m_secrets->isChecked();
}
