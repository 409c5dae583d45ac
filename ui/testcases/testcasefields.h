#pragma once

#include "model/testcase.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QUndoCommand;

namespace flowbench {

class CommittingTextEdit;
class ProjectDocument;

// The fields at the top of the test case form: title, priority and automated, tags, flow,
// level, description. Each committed edit becomes one ChangeValue command handed out by
// commandReady(), so the form pushes it (and knows its own command is running). show()
// leaves alone a field whose value already equals the stored one, or that the user is
// typing in, so the cursor stays put.
class TestCaseFields : public QWidget
{
    Q_OBJECT
public:
    explicit TestCaseFields(QWidget *parent = nullptr);

    // The test case as `document` holds it (nullptr: no test case).
    void show(ProjectDocument *document, const Id &testCaseId);
    void clearTitleError();
    void flush(); // commits a field still being typed in
    void focusTitle();
    // Rows below the fields (the form adds Faults here), aligned with them.
    void addRow(const QString &label, QWidget *field);

signals:
    void commandReady(QUndoCommand *command);

private:
    const TestCase *testCase() const;
    template <typename Value> void change(Value TestCase::*field, const Value &value, const QString &what);
    void commitTitle();
    void commitTags();
    void commitDescription();
    void showFlows();

    ProjectDocument *m_document = nullptr;
    Id m_id;
    bool m_showing = false; // widgets being set from the document: their signals are not edits

    QFormLayout *m_form;
    QLineEdit *m_title;
    QLabel *m_titleError;
    QComboBox *m_priority;
    QCheckBox *m_automated;
    QLineEdit *m_tags;
    QComboBox *m_flow;
    QComboBox *m_level; // "" = derived from the steps (analysis/testlevels.h)
    CommittingTextEdit *m_description;
};

} // namespace flowbench
