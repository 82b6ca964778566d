#pragma once

#include <QSortFilterProxyModel>

/** Sorts the overview by OverviewModel::SortRole (numbers for numeric columns) and keeps the
 *  rows whose name or URL contain the filter text, optionally only the unhealthy ones. Rows
 *  come and go as their status changes (dynamic filtering). */
class OverviewFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewFilter)
public:
    explicit OverviewFilter(QObject *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    void setOnlyUnhealthy(bool only);
    bool onlyUnhealthy() const { return m_onlyUnhealthy; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    bool m_onlyUnhealthy = false;
};
