#pragma once

#include "model/edge.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace flowbench {

class ProjectDocument;

// The selected connection's fields in the properties dock: its ends (read-only, as links
// that select the node), kind and label. Every edit is one ChangeValue command, saved at
// once; "Delete Connection" pushes a RemoveEdgeCommand.
class EdgePropertiesEditor : public QWidget
{
    Q_OBJECT
public:
    explicit EdgePropertiesEditor(QWidget *parent = nullptr);
    void setDocument(ProjectDocument *document);
    void setEdge(const Id &edgeId);
    Id edgeId() const { return m_edgeId; }
    void commitPending(); // a label typed but not yet confirmed

signals:
    void nodeActivated(const flowbench::Id &nodeId);

private:
    void refresh();
    void commitKind();
    void commitLabel();
    QString endsText(const Edge &edge) const;
    void remove();

    ProjectDocument *m_document = nullptr;
    Id m_edgeId;
    QLabel *m_summary;
    QLabel *m_from;
    QLabel *m_to;
    QComboBox *m_kind;
    QLineEdit *m_label;
    QLabel *m_meaning;
    QPushButton *m_delete;
    bool m_refreshing = false;
};

} // namespace flowbench
