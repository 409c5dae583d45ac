#pragma once

#include "model/ids.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace flowbench {

class ProjectDocument;

// The test cases of the selected node: add, edit (title, priority, tags, flow,
// description, automated) and delete, each one undoable command. Checks are edited
// elsewhere.
class TestCasesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TestCasesPanel(QWidget *parent = nullptr);
    void setDocument(ProjectDocument *document);
    void setNode(const Id &nodeId);
    Id currentTestCase() const;
    void addTestCase(); // a new "Untitled test case" on the node, selected for editing

private:
    void reload();
    void showCurrent();
    void commit();
    void removeCurrent();
    bool eventFilter(QObject *watched, QEvent *event) override;

    ProjectDocument *m_document = nullptr;
    Id m_nodeId;
    QLabel *m_header;
    QListWidget *m_list;
    QWidget *m_editor;
    QLineEdit *m_title;
    QComboBox *m_priority;
    QLineEdit *m_tags;
    QComboBox *m_flow;
    QCheckBox *m_automated;
    QPlainTextEdit *m_description;
    QPushButton *m_addButton;
    QPushButton *m_deleteButton;
    bool m_refreshing = false;
};

} // namespace flowbench
