#include "overviewfilter.h"

#include "overviewmodel.h"

OverviewFilter::OverviewFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(OverviewModel::SortRole);
    setDynamicSortFilter(true);
}

void OverviewFilter::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
}

void OverviewFilter::setOnlyUnhealthy(bool only)
{
    if (only == m_onlyUnhealthy)
        return;
    m_onlyUnhealthy = only;
    invalidateRowsFilter();
}

bool OverviewFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex name = sourceModel()->index(sourceRow, OverviewModel::Name, sourceParent);
    if (m_onlyUnhealthy && !name.data(OverviewModel::UnhealthyRole).toBool())
        return false;
    if (m_text.isEmpty())
        return true;
    return name.data(Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive)
        || name.data(OverviewModel::UrlRole).toString().contains(m_text, Qt::CaseInsensitive);
}
