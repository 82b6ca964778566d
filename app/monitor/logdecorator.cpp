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

QIcon LogDecorator::cachedIcon(const QByteArray &key, const std::function<void(QPainter &)> &draw) const
{
    auto it = m_swatches.constFind(key);
    if (it != m_swatches.constEnd())
        return *it;
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    draw(p);
    p.end();
    return *m_swatches.insert(key, QIcon(pixmap));
}

QIcon LogDecorator::swatch(const QByteArray &type) const
{
    return cachedIcon(type, [this, &type](QPainter &p) {
        p.setPen(Qt::NoPen);
        p.setBrush(TypeColors::color(type, m_dark));
        p.drawRoundedRect(QRectF(1, 1, 10, 10), 2, 2);
    });
}

QColor LogDecorator::markerColor(int kind) const
{
    using Kind = sse::LogMarker::Kind;
    switch (Kind(kind)) {
    case Kind::Connected:
    case Kind::Resumed:
    case Kind::FirstEvent:
        return m_dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
    case Kind::Dropped:
    case Kind::Failed:
        return m_dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
    case Kind::Retrying:
        return m_dark ? QColor(0xff, 0xcc, 0x80) : QColor(0xb2, 0x6a, 0x00);
    case Kind::Stopped:
    case Kind::Disconnected:
        break;
    }
    return m_dark ? QColor(0xb0, 0xbe, 0xc5) : QColor(0x54, 0x6e, 0x7a);
}

/** A connection marker is a band across the log: its own background, an icon by kind, the
 *  story in italics; no type colour, no fixed-width data. */
QVariant LogDecorator::markerData(const QModelIndex &index, int role) const
{
    const int kind = index.data(EventLogModel::MarkerKindRole).toInt();
    switch (role) {
    case Qt::BackgroundRole:
        return QBrush(m_dark ? QColor(0x26, 0x32, 0x3a) : QColor(0xec, 0xf1, 0xf5));
    case Qt::ForegroundRole:
        if (index.column() == EventLogModel::TypeColumn || index.column() == EventLogModel::PreviewColumn)
            return QBrush(markerColor(kind));
        return {};
    case Qt::DecorationRole:
        if (index.column() == EventLogModel::TypeColumn) {
            // A ring, not an event type's filled square; the key cannot be an event type.
            return cachedIcon("\x01marker" + QByteArray::number(kind), [this, kind](QPainter &p) {
                p.setPen(QPen(markerColor(kind), 2));
                p.drawEllipse(QRectF(2, 2, 8, 8));
            });
        }
        return {};
    case Qt::FontRole: {
        QFont font;
        font.setItalic(true);
        return font;
    }
    default:
        return QIdentityProxyModel::data(index, role);
    }
}

QVariant LogDecorator::data(const QModelIndex &index, int role) const
{
    const int column = index.column();
    if ((role == Qt::BackgroundRole || role == Qt::ForegroundRole || role == Qt::DecorationRole
         || role == Qt::FontRole)
        && index.data(EventLogModel::IsMarkerRole).toBool())
        return markerData(index, role);
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
