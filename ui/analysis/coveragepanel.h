#pragma once

#include "analysis/riskcoverage.h"
#include "model/project.h"

#include <QWidget>

class QLabel;
class QTabWidget;
class QTreeWidget;

namespace flowbench {

// The risk × coverage list, with per-flow and per-group summaries, as computeRiskCoverage
// reports them (the numbers of `flowbench-cli coverage`); high-risk nodes without automated
// checks first. Double-click (or Enter) on a node jumps to it on the map.
class CoveragePanel : public QWidget
{
    Q_OBJECT
public:
    explicit CoveragePanel(QWidget *parent = nullptr);
    void setProject(const Project &project);

    QTreeWidget *riskList() const { return m_risk; }
    QTreeWidget *flowSummary() const { return m_flows; }
    QTreeWidget *groupSummary() const { return m_groups; }
    static QString coverageText(CoverageClass coverage);

signals:
    void nodeActivated(const flowbench::Id &nodeId);

private:
    QLabel *m_headline;
    QTabWidget *m_tabs;
    QTreeWidget *m_risk;
    QTreeWidget *m_flows;
    QTreeWidget *m_groups;
};

} // namespace flowbench
