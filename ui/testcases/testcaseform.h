#pragma once

#include "model/run.h"
#include "model/testcase.h"

#include <QByteArray>
#include <QHash>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QToolButton;
class QUndoCommand;

namespace flowbench {

class CheckForm;
class FaultsSection;
class ProjectDocument;
class ResponseViewer;
class TestCaseFields;

// One test case: its fields (TestCaseFields), faults, its ordered steps and, below them,
// its cleanup steps (TestCase::cleanup: they always run after the steps), each step in the
// form of its check type. The two lists are one widget built twice (StepSection); the form
// below shows the step selected in either. Every committed edit is one command on the
// document (ChangeValue of the field); refresh() re-reads the document after each change
// and leaves alone what already shows the stored value or is being typed in.
class TestCaseForm : public QWidget
{
    Q_OBJECT
public:
    explicit TestCaseForm(QWidget *parent = nullptr);
    ~TestCaseForm() override;

    void setDocument(ProjectDocument *document);
    void setTestCase(const Id &testCaseId); // keeps the selected step when it is the same one
    Id testCaseId() const { return m_id; }
    void refresh(); // the test case, the flows and the connections as the document has them

    // Connection combos offer this environment's connections (default: every environment's).
    void setEnvironment(const QString &name);
    // The last response body of a check, for the forms' "Try it".
    void setLastEvidence(const Id &checkId, const QByteArray &body);
    // The last result of a check: shown under its form ("Last response") and its body
    // used by "Try it".
    void setLastResult(const CheckResult &result);
    // While a Run Step runs: the button becomes Cancel and `text` says how far it got.
    void setStepRunning(bool running, const QString &text = QString());
    ResponseViewer *responseViewer() const { return m_response; }
    QPushButton *runStepButton() const { return m_runStep; }

    Id currentCheckId() const;
    void selectCheck(const Id &checkId);
    CheckForm *currentForm() const;
    // Commits a field still being typed in (focus not yet left), e.g. before a click on a
    // button that does not take focus changes what is shown.
    void flushEdits();
    void focusTitle();

public slots:
    void addStep(const QString &type);
    void addCleanupStep(const QString &type);
    // Act on the list the current step is in (the steps or the cleanup steps).
    void moveStep(int delta);
    void removeStep();

signals:
    void currentCheckChanged(const flowbench::Id &checkId);
    // "Run Step": run the test case up to the current step (its earlier steps give their
    // captures) in the selected environment.
    void runStepRequested(const flowbench::Id &testCaseId, const flowbench::Id &checkId);
    void cancelStepRequested();

private:
    // A list of steps with its buttons and keys: the steps, or the cleanup steps.
    struct StepSection
    {
        QList<Check> TestCase::*field = nullptr;
        QListWidget *list = nullptr;
        QLabel *empty = nullptr;
        QToolButton *add = nullptr;
        QToolButton *up = nullptr;
        QToolButton *down = nullptr;
        QToolButton *remove = nullptr;
        QString noun; // "step", "cleanup step": in undo texts
    };
    QWidget *buildSection(StepSection &section, const QString &objectPrefix);
    StepSection &active() { return m_sections[m_active]; }
    const StepSection &active() const { return m_sections[m_active]; }
    void activate(int section); // the other list's selection is cleared
    void addStepTo(int section, const QString &type);
    void refreshSection(StepSection &section, const QList<Check> &checks);
    const TestCase *testCase() const;
    QString undoText(const QString &what) const;
    template <typename Value> void change(Value TestCase::*field, const Value &value, const QString &what);
    void push(QUndoCommand *command);
    void setChecks(const StepSection &section, const QList<Check> &checks, const QString &what);
    void commitStep(CheckForm *form);
    void stepsReordered(int section);
    void refreshSteps(const TestCase &t);
    void showStep();
    void updateConnections();
    void updateStates();
    void showLastResult();

    ProjectDocument *m_document = nullptr;
    Id m_id;
    QString m_environment;
    QHash<Id, QByteArray> m_evidence;
    QHash<Id, CheckResult> m_lastResults;
    bool m_stepRunning = false;
    bool m_refreshing = false; // widgets being set from the document: their signals are not edits
    bool m_committing = false; // one of our commands is being pushed

    TestCaseFields *m_fields; // title, priority, tags, flow, level, description
    QLabel *m_manualHint;
    StepSection m_sections[2]; // the steps, the cleanup steps
    int m_active = 0; // the section whose current step the form shows
    QStackedWidget *m_formPages;
    QHash<QString, CheckForm *> m_forms;
    QPushButton *m_runStep;
    QLabel *m_runStepState;
    ResponseViewer *m_response;
    FaultsSection *m_faults; // "Faults": what holds while it runs (faultssection.h)
};

} // namespace flowbench
