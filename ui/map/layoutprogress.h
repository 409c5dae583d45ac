#pragma once

#include <QPointer>
#include <QWidget>

class QProgressBar;
class QPushButton;

namespace flowbench {

class MapLayouter;

// A layout in progress, for the status bar: a progress bar and "Cancel layout", shown
// while the layouter runs.
class LayoutProgress : public QWidget
{
    Q_OBJECT
public:
    explicit LayoutProgress(QWidget *parent = nullptr);
    void setLayouter(MapLayouter *layouter); // null: nothing to follow

private:
    void setRunning(bool running);

    QPointer<MapLayouter> m_layouter;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
};

} // namespace flowbench
