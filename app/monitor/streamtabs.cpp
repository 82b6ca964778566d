#include "streamtabs.h"

#include <QEvent>
#include <QTabBar>

StreamTabs::StreamTabs(QWidget *parent)
    : QTabWidget(parent)
{
}

StreamTabs::Sizes StreamTabs::sizes() const
{
    Sizes s;
    const auto hint = [](const QWidget *w) { return w && w->isVisible() ? w->sizeHint() : QSize(); };
    s.tabBar = hint(tabBar());
    s.leftCorner = hint(cornerWidget(Qt::TopLeftCorner));
    s.rightCorner = hint(cornerWidget(Qt::TopRightCorner));
    s.count = count();
    s.current = currentWidget();
    if (s.current) {
        s.page = s.current->sizeHint();
        s.pageMinimumHint = s.current->minimumSizeHint();
        s.pageMinimum = s.current->minimumSize();
        s.pageMaximum = s.current->maximumSize();
    }
    return s;
}

bool StreamTabs::event(QEvent *event)
{
    if (event->type() == QEvent::LayoutRequest) {
        const Sizes now = sizes();
        if (m_valid && now == m_laidOut) {
            ++m_skipped;
            return true;
        }
        m_laidOut = now;
        m_valid = true;
        ++m_layouts;
    } else if (event->type() == QEvent::Resize || event->type() == QEvent::Show
               || event->type() == QEvent::StyleChange || event->type() == QEvent::FontChange) {
        m_valid = false; // laid out by QTabWidget itself; the next request is let through
    }
    return QTabWidget::event(event);
}
