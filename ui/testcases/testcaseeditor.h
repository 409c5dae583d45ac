#pragma once

#include "model/testcase.h"

#include <QByteArray>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace flowbench {

class CheckForm;
class ProjectDocument;
class TestCaseForm;

// The "Test Cases" dock: the selected node's test cases (add, duplicate, delete,
// reorder) beside the selected one's form (TestCaseForm: its fields and its steps with
// their check forms). Every edit is a command pushed on the document; the editor keeps
// no test case of its own and re-reads the document on its change signals.
class TestCaseEditor : public QWidget
{
    Q_OBJECT
public:
    explicit TestCaseEditor(QWidget *parent = nullptr);
    ~TestCaseEditor() override;

    void setDocument(ProjectDocument *document); // null: no project open
    // The node whose test cases are shown (its first one selected); empty: none.
    void setNode(const Id &nodeId);
    Id nodeId() const { return m_nodeId; }
    QList<TestCase> testCases() const; // the node's, as the document holds them, by position

    // Connection combos offer this environment's connections (default: every one).
    void setEnvironment(const QString &name);
    // The last response body of a check, for the forms' "Try it".
    void setLastEvidence(const Id &checkId, const QByteArray &body);

    Id currentTestCaseId() const;
    Id currentCheckId() const;
    void selectTestCase(const Id &id);
    void selectCheck(const Id &checkId);
    CheckForm *currentForm() const;
    TestCaseForm *form() const { return m_form; }

signals:
    void currentTestCaseChanged(const flowbench::Id &testCaseId);
    void currentCheckChanged(const flowbench::Id &checkId);
    // "Run" in a test case's context menu: run the current test case.
    void runTestCaseRequested(const flowbench::Id &testCaseId);

public slots:
    void addTestCase(); // "New test case" on the node, selected, its title ready to type over
    void duplicateTestCase();
    void removeTestCase();
    void moveTestCase(int delta);
    void addStep(const QString &type);
    void moveStep(int delta);
    void removeStep();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void refresh();
    void showCurrent();
    void reorder(const QList<Id> &order);
    void listReordered();
    void updateStates();
    void showListMenu(const QPoint &pos);

    ProjectDocument *m_document = nullptr;
    Id m_nodeId;
    bool m_refreshing = false; // the list being set from the document

    QStackedWidget *m_pages;
    QLabel *m_header;
    QListWidget *m_list;
    QLabel *m_listEmpty;
    QPushButton *m_add;
    QPushButton *m_duplicate;
    QPushButton *m_remove;
    QToolButton *m_up;
    QToolButton *m_down;
    QStackedWidget *m_detailPages;
    QSplitter *m_splitter;
    TestCaseForm *m_form;
};

} // namespace flowbench
