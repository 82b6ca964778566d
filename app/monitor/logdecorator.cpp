#include "logdecorator.h"

#include "eventlog.h"
#include "typecolors.h"

#include <QBrush>
#include <QFontDatabase>
#include <QPainter>
#include <QPixmap>

using sse::EventLogModel;

LogDecorator::LogDecorator(QObject *parent)
    : QIdentityProxyModel(parent)
{
}

void LogDecorator::setDarkPalette(bool dark)
{
    if (dark == m_dark)
        return;
    beginResetModel(); // every colour changes
    m_dark = dark;
    m_swatches.clear();
    endResetModel();
}

QIcon LogDecorator::swatch(const QByteArray &type) const
{
    auto it = m_swatches.constFind(type);
    if (it != m_swatches.constEnd())
        return *it;
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(TypeColors::color(type, m_dark));
    p.drawRoundedRect(QRectF(1, 1, 10, 10), 2, 2);
    p.end();
    return *m_swatches.insert(type, QIcon(pixmap));
}

QVariant LogDecorator::data(const QModelIndex &index, int role) const
{
    const int column = index.column();
    switch (role) {
    case Qt::ForegroundRole:
        if (column == EventLogModel::TypeColumn)
            return QBrush(TypeColors::color(index.data(EventLogModel::TypeRole).toByteArray(), m_dark));
        break;
    case Qt::DecorationRole:
        if (column == EventLogModel::TypeColumn)
            return swatch(index.data(EventLogModel::TypeRole).toByteArray());
        break;
    case Qt::BackgroundRole:
        if (index.data(EventLogModel::IsServerErrorRole).toBool())
            return QBrush(m_dark ? QColor(0x5a, 0x1e, 0x1e) : QColor(0xfd, 0xe8, 0xe8));
        break;
    case Qt::FontRole:
        if (column == EventLogModel::IdColumn || column == EventLogModel::PreviewColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        break;
    case Qt::TextAlignmentRole:
        if (column == EventLogModel::SequenceColumn || column == EventLogModel::SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return QIdentityProxyModel::data(index, role);
}
