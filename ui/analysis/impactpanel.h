#pragma once

#include "analysis/impactanalysis.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace flowbench {

// What a change to (or a failure of) the selected node reaches: the flows it touches and
// the test cases to run, with "Run impact set". Double-click jumps to the node.
class ImpactPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ImpactPanel(QWidget *parent = nullptr);

    void setImpact(const Impact &impact, const Project &project);
    void clear();
    const Impact &impact() const { return m_impact; }

    QTreeWidget *list() const { return m_list; }
    QPushButton *runButton() const { return m_run; }

signals:
    void runImpactSetRequested();
    void nodeActivated(const flowbench::Id &nodeId);

private:
    Impact m_impact;
    QLabel *m_headline;
    QTreeWidget *m_list;
    QPushButton *m_run;
};

} // namespace flowbench
