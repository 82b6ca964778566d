#pragma once

#include "alertrule.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QLabel;
class QTableWidget;
QT_END_NAMESPACE

/** Edits one stream's alert rules: "notify me when an event of this type and/or matching
 *  this regular expression arrives". */
class AlertRulesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertRulesDialog)
public:
    AlertRulesDialog(const QString &streamId, const QList<sse::AlertRule> &rules, QWidget *parent = nullptr);
    QList<sse::AlertRule> rules() const;
    /** Why the rules cannot be accepted, or "" when they can. */
    QString validationError() const;
    void addRule(const sse::AlertRule &rule);
    void accept() override;

private:
    QString m_streamId;
    QTableWidget *m_table;
    QLabel *m_error;
};
