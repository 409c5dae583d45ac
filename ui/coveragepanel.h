#pragma once

#include "model/project.h"

#include <QWidget>

class QLabel;
class QTabWidget;
class QTreeWidget;

namespace flowbench {

// The panel's own coverage types live in an inline namespace so that their symbols differ
// from core/analysis's NodeCoverage and CoverageClass: same names in one program broke the
// one-definition rule (QHash<Id, NodeCoverage> of one crashed in the other's code).
inline namespace panel {

// How well a node is covered, worst first.
enum class CoverageClass { NoTestCase, ManualOnly, Automated, Passing };

struct NodeCoverage
{
    Id nodeId;
    QString name;
    QString group;
    int riskScore = 0;
    CoverageClass coverage = CoverageClass::NoTestCase;
    int testCases = 0;
    bool failing = false; // automated and its latest results include a fail or error
};

// Risk × coverage of every node: high-risk nodes (score >= highRiskScore) without
// automated checks first, then by risk score descending, worst coverage first.
QList<NodeCoverage> riskCoverage(const Project &project, int highRiskScore = 12);

} // inline namespace panel

// The risk × coverage list, with per-flow and per-group summaries. Double-click (or
// Enter) on a node jumps to it on the map.
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
