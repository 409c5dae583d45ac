#pragma once

#include "model/project.h"

#include <QByteArray>
#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace flowbench {

class CheckForm;
class CommittingTextEdit;

// Edits the test cases of one node: the list (add, duplicate, delete, reorder), the
// selected test case's fields and its ordered steps, each step in the form of its check
// type. It edits copies and reports each committed edit as a signal; the owner turns the
// signals into undo commands and calls setTestCases() with the stored result.
class TestCaseEditor : public QWidget
{
    Q_OBJECT
public:
    explicit TestCaseEditor(QWidget *parent = nullptr);
    ~TestCaseEditor() override;

    // Shows the node's test cases (ordered by position), keeping the selected test case
    // and step when they still exist. An empty nodeId shows the "select a node" state.
    void setTestCases(const Id &nodeId, const QList<TestCase> &testCases, const Project &project);
    // Connection combos offer this environment's connections (default: every
    // environment's, by name).
    void setEnvironment(const QString &name);
    // The last response body of a check, for the forms' "Try it".
    void setLastEvidence(const Id &checkId, const QByteArray &body);

    Id nodeId() const { return m_nodeId; }
    QList<TestCase> testCases() const { return m_cases; }
    Id currentTestCaseId() const;
    Id currentCheckId() const;
    void selectTestCase(const Id &id);
    void selectCheck(const Id &checkId);
    CheckForm *currentForm() const;

signals:
    void testCaseChanged(const flowbench::TestCase &before, const flowbench::TestCase &after);
    void testCaseAdded(const flowbench::TestCase &testCase);
    void testCaseRemoved(const flowbench::Id &id);
    void testCasesReordered(const QList<flowbench::Id> &order);
    void currentCheckChanged(const flowbench::Id &checkId);

public slots:
    void addTestCase();
    void duplicateTestCase();
    void removeTestCase();
    void moveTestCase(int delta);
    void addStep(const QString &type);
    void moveStep(int delta);
    void removeStep();

private:
    int currentIndex() const;
    void rebuildList();
    void refreshListItem(int index);
    void showCurrentTestCase();
    void showStep(int stepIndex);
    void rebuildSteps();
    void commit(const TestCase &after);
    void commitDetails();
    void commitStep();
    void applyForm(CheckForm *form);
    void flushEdits();
    void listReordered();
    void updateConnections();
    void updateStates();

    Id m_nodeId;
    QList<TestCase> m_cases;
    QList<Flow> m_flows;
    QList<Environment> m_environments;
    QString m_environment;
    QHash<Id, QByteArray> m_evidence;
    bool m_loading = false;

    QStackedWidget *m_pages;
    QListWidget *m_list;
    QLabel *m_listEmpty;
    QPushButton *m_add;
    QPushButton *m_duplicate;
    QPushButton *m_remove;
    QToolButton *m_up;
    QToolButton *m_down;
    QStackedWidget *m_detailPages;
    QLineEdit *m_title;
    QLabel *m_titleError;
    QComboBox *m_priority;
    QLineEdit *m_tags;
    QComboBox *m_flow;
    QCheckBox *m_automated;
    QLabel *m_manualHint;
    CommittingTextEdit *m_description;
    QListWidget *m_steps;
    QLabel *m_stepsEmpty;
    QToolButton *m_addStep;
    QToolButton *m_stepUp;
    QToolButton *m_stepDown;
    QToolButton *m_removeStep;
    QStackedWidget *m_formPages;
    QHash<QString, CheckForm *> m_forms;
};

} // namespace flowbench
