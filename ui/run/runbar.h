#pragma once

#include "model/environment.h"
#include "model/flow.h"

#include <QMetaType>
#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace flowbench {

// What the user asked to run; the owner resolves it against the map's selection.
struct RunScope
{
    enum Kind { SelectedNode, SelectedTestCase, Flow, Everything, ImpactSet, SelectedStep };
    Kind kind = Everything;
    Id flowId; // for Flow
    bool operator==(const RunScope &o) const { return kind == o.kind && flowId == o.flowId; }
};

// A compact bar for the toolbar or status bar: the environment (with a red PROTECTED
// badge), a Run button with a scope menu, and while running a progress bar with
// "12 / 40 — 2 failed" and Cancel. A run on a protected environment is confirmed
// before runRequested() is emitted.
class RunBar : public QWidget
{
    Q_OBJECT
public:
    explicit RunBar(QWidget *parent = nullptr);

    void setEnvironments(const QList<Environment> &environments); // keeps the current one by name
    void setCurrentEnvironment(const QString &name);
    QString currentEnvironment() const;
    bool isCurrentProtected() const;
    void setFlows(const QList<Flow> &flows);
    // Enables the scopes that need a selection on the map.
    void setSelection(bool hasNode, bool hasTestCase);
    // The confirmation asked before a protected run (default: confirmProtectedRun).
    void setConfirmation(std::function<bool(QWidget *, const QString &)> confirm);

    static bool confirmProtectedRun(QWidget *parent, const QString &environmentName);

    QLabel *protectedBadge() const { return m_badge; }
    QToolButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QString progressText() const;
    bool isRunning() const { return m_running; }

public slots:
    void runStarted(int total);
    void setProgress(int done, int total, int failed); // failed counts fail and error
    void runFinished();
    void requestRun(const flowbench::RunScope &scope);

signals:
    void runRequested(const flowbench::RunScope &scope);
    void cancelRequested();
    void environmentChanged(const QString &name);

private:
    void updateBadge();
    void rebuildMenu();

    QList<Environment> m_environments;
    QList<Flow> m_flows;
    bool m_hasNode = false;
    bool m_hasTestCase = false;
    bool m_running = false;
    std::function<bool(QWidget *, const QString &)> m_confirm;

    QComboBox *m_environment;
    QLabel *m_badge;
    QToolButton *m_run;
    QMenu *m_menu;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
};

} // namespace flowbench

Q_DECLARE_METATYPE(flowbench::RunScope)
