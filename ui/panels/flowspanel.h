#pragma once

#include "model/ids.h"

#include <QWidget>

class QLabel;
class QTreeWidget;
class QPushButton;

namespace flowbench {

class MapScene;
class ProjectDocument;

// The project's flows with their node and test-case counts. Selecting one highlights its
// path on the map. "New flow" enters pick mode: clicks on cards append to the path,
// Enter (or Finish) creates the flow as one AddFlowCommand, Escape cancels.
class FlowsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FlowsPanel(QWidget *parent = nullptr);
    void setDocument(ProjectDocument *document, MapScene *scene);

    bool isPicking() const { return m_picking; }
    void newFlow(); // asks for a name, then starts picking its nodes
    void startPicking(const QString &name);
    bool hasHighlight() const; // a flow is shown on the map
    void clearHighlight(); // no flow selected, none shown
    void finishPicking();
    void cancelPicking();
    QList<Id> pickedPath() const { return m_path; }
    Id currentFlow() const;
    void selectFlow(const Id &flowId);

signals:
    void pickingChanged(bool picking);
    void refused(const QString &message); // a step that is not a step of a path

private:
    void reload();
    void updatePickLabel();
    QString pickRefusal(const Id &next) const;
    void removeCurrent();

    ProjectDocument *m_document = nullptr;
    QString m_pickProblem; // why the last click was refused
    MapScene *m_scene = nullptr;
    QTreeWidget *m_list;
    QLabel *m_pickLabel;
    QPushButton *m_newButton;
    QPushButton *m_finishButton;
    QPushButton *m_cancelButton;
    QPushButton *m_deleteButton;
    QPushButton *m_showAllButton; // clears the highlight
    bool m_picking = false;
    QString m_pickName;
    QList<Id> m_path;
};

} // namespace flowbench
