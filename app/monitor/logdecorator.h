#pragma once

#include <QHash>
#include <QIcon>
#include <QIdentityProxyModel>

#include <functional>

QT_BEGIN_NAMESPACE
class QPainter;
QT_END_NAMESPACE

/** Decorates an event log (or a filter over one) for display: stable colours per event type,
 *  a tinted background for server-reported errors, a fixed-width font for ids and data,
 *  right-aligned numbers, and connection markers as bands of their own (ring icon, italics,
 *  green for connected, red for dropped, amber for retrying). Core models carry no colours; this is where they come in. */
class LogDecorator final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogDecorator)
public:
    explicit LogDecorator(QObject *parent = nullptr);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    void setDarkPalette(bool dark);

private:
    /** A 12×12 icon drawn once per key (and palette). */
    QIcon cachedIcon(const QByteArray &key, const std::function<void(QPainter &)> &draw) const;
    QIcon swatch(const QByteArray &type) const;
    QColor markerColor(int kind) const;
    QVariant markerData(const QModelIndex &index, int role) const;

    bool m_dark = false;
    mutable QHash<QByteArray, QIcon> m_swatches;
};
