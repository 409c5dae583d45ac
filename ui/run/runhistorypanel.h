#pragma once

#include "analysis/rundiff.h"
#include "model/project.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QTreeWidget;

namespace flowbench {

// The run history, newest first: when, where, what, counts and duration. Two runs
// picked together can be compared: newly failing, recovered and still failing checks.
class RunHistoryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunHistoryPanel(QWidget *parent = nullptr);

    // runs and their results; project gives the names of checks, test cases and nodes.
    void setRuns(const QList<Run> &runs, const QList<CheckResult> &results, const Project &project);

    QTreeWidget *runList() const { return m_runs; }
    QTreeWidget *comparisonView() const { return m_comparison; }
    const RunDiff &comparison() const { return m_lastComparison; }

public slots:
    // Compares the older of the two runs (before) with the newer (after).
    bool compare(const flowbench::Id &first, const flowbench::Id &second);
    void compareSelected();

signals:
    void runSelected(const flowbench::Id &runId);
    void nodeActivated(const flowbench::Id &nodeId);

private:
    void updateButtons();
    QString checkLabel(const Id &checkId) const;

    QList<Run> m_runList;
    QList<CheckResult> m_results;
    Project m_project;
    RunDiff m_lastComparison;
    QTreeWidget *m_runs;
    QLabel *m_hint;
    QPushButton *m_compare;
    QWidget *m_comparisonBox = nullptr;
    QSplitter *m_splitter = nullptr;
    QLabel *m_comparisonTitle;
    QTreeWidget *m_comparison;
};

} // namespace flowbench
