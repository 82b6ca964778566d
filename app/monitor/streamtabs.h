#pragma once

#include <QSize>
#include <QTabWidget>

/** The main window's stream tabs: a QTabWidget that lays itself out again only when a size
 *  that its layout depends on changed.
 *
 *  QTabWidget answers every LayoutRequest from its pages by laying out and repainting the whole
 *  widget, tab bar included, and by asking the main window to lay out again. Labels that tick
 *  once a second (statistics, time in state) change their size hints and so post one through
 *  every layout above them: the whole window repainted once or twice a second while nothing but
 *  a number changed. Here a LayoutRequest whose sizes (the tab bar's, the corner widgets' and the
 *  current page's size hints and constraints) are what the last layout saw stops at the tabs; the page below has
 *  already laid itself out. */
class StreamTabs final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamTabs)
public:
    explicit StreamTabs(QWidget *parent = nullptr);

    /** LayoutRequests let through (laid out) and stopped since construction. */
    int layoutsDone() const { return m_layouts; }
    int layoutsSkipped() const { return m_skipped; }

protected:
    bool event(QEvent *event) override;

private:
    struct Sizes
    {
        QSize tabBar, leftCorner, rightCorner, page, pageMinimumHint, pageMinimum, pageMaximum;
        QWidget *current = nullptr;
        int count = 0;
        friend bool operator==(const Sizes &, const Sizes &) = default;
    };
    Sizes sizes() const;

    Sizes m_laidOut;
    bool m_valid = false;
    int m_layouts = 0;
    int m_skipped = 0;
};
