#pragma once

#include "settingsstore.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QSpinBox;
QT_END_NAMESPACE

/** Application preferences: notifications, default log capacity, language, and whether
 *  secret header values may be saved in plain text (off unless the user opts in). */
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)
public:
    PreferencesDialog(const sse::AppPreferences &prefs, bool storeSecrets, QWidget *parent = nullptr);
    /** \a base with the dialog's fields applied. */
    sse::AppPreferences preferences(const sse::AppPreferences &base) const;
    bool storeSecrets() const;

private:
    QCheckBox *m_toasts, *m_tray, *m_connected, *m_lost, *m_failed, *m_serverErrors, *m_alerts;
    QSpinBox *m_duration;
    QSpinBox *m_capacity;
    QComboBox *m_language;
    QCheckBox *m_secrets;
    QCheckBox *m_reconnect;
};
