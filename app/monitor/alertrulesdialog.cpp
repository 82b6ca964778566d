#include "alertrulesdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {
enum Column { TypeColumn, PatternColumn, EnabledColumn };
}

AlertRulesDialog::AlertRulesDialog(const QString &streamId, const QList<sse::AlertRule> &rules, QWidget *parent)
    : QDialog(parent)
    , m_streamId(streamId)
    , m_table(new QTableWidget(0, 3, this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Alert Rules"));
    auto *intro = new QLabel(tr("Get a notification when an event matches: an event type (empty: any "
                                "type) and/or a regular expression over its data (empty: any data; "
                                "start with (?i) to ignore case)."),
                             this);
    intro->setWordWrap(true);
    m_table->setHorizontalHeaderLabels({tr("Event type"), tr("Data matches (regex)"), tr("On")});
    m_table->horizontalHeader()->setSectionResizeMode(PatternColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(EnabledColumn, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setAccessibleName(tr("Alert rules"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->hide();
    for (const sse::AlertRule &r : rules)
        addRule(r);

    auto *add = new QPushButton(tr("Add rule"), this);
    auto *remove = new QPushButton(tr("Remove rule"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        addRule(sse::AlertRule(m_streamId, QString(), QString()));
        m_table->editItem(m_table->item(m_table->rowCount() - 1, TypeColumn));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            m_table->removeRow(m_table->currentRow());
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &AlertRulesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AlertRulesDialog::reject);
    auto *row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table);
    layout->addLayout(row);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(560, 340);
}

void AlertRulesDialog::addRule(const sse::AlertRule &rule)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, TypeColumn, new QTableWidgetItem(rule.eventType()));
    m_table->setItem(row, PatternColumn, new QTableWidgetItem(rule.pattern()));
    auto *on = new QTableWidgetItem;
    on->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    on->setCheckState(rule.isEnabled() ? Qt::Checked : Qt::Unchecked);
    m_table->setItem(row, EnabledColumn, on);
}

QList<sse::AlertRule> AlertRulesDialog::rules() const
{
    QList<sse::AlertRule> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString type = m_table->item(row, TypeColumn)->text().trimmed();
        const QString pattern = m_table->item(row, PatternColumn)->text();
        if (type.isEmpty() && pattern.isEmpty())
            continue; // an empty rule would match every event: not a rule anyone meant
        out.append(sse::AlertRule(m_streamId, type, pattern,
                                  m_table->item(row, EnabledColumn)->checkState() == Qt::Checked));
    }
    return out;
}

QString AlertRulesDialog::validationError() const
{
    const QList<sse::AlertRule> list = rules();
    for (int i = 0; i < list.size(); ++i)
        if (!list[i].isValid())
            return tr("Rule %1: %2").arg(i + 1).arg(list[i].errorString());
    return {};
}

void AlertRulesDialog::accept()
{
    const QString error = validationError();
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    if (error.isEmpty())
        QDialog::accept();
}
