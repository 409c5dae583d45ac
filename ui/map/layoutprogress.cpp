#include "map/layoutprogress.h"

#include "map/maplayouter.h"

#include <QHBoxLayout>
#include <QProgressBar>
#include <QPushButton>

namespace flowbench {

LayoutProgress::LayoutProgress(QWidget *parent)
    : QWidget(parent)
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel layout"), this))
{
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->setMaximumHeight(14);
    m_cancel->setObjectName(QStringLiteral("cancelLayoutButton"));
    m_cancel->setFlat(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_layouter)
            m_layouter->cancel();
    });
    setRunning(false);
}

void LayoutProgress::setLayouter(MapLayouter *layouter)
{
    if (m_layouter)
        disconnect(m_layouter, nullptr, this, nullptr);
    m_layouter = layouter;
    setRunning(layouter && layouter->isRunning());
    if (!layouter)
        return;
    connect(layouter, &MapLayouter::started, this, [this] {
        m_progress->setRange(0, 0);
        setRunning(true);
    });
    connect(layouter, &MapLayouter::progressChanged, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(layouter, &MapLayouter::done, this, [this] { setRunning(false); });
}

void LayoutProgress::setRunning(bool running)
{
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
}

} // namespace flowbench
