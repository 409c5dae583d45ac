#pragma once

#include "model/node.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QStackedWidget;

namespace flowbench {

class EdgePropertiesEditor;
class ProjectDocument;

// The selected node's fields (or, with one connection selected, the connection's: see
// EdgePropertiesEditor). Every edit pushes one ChangeValue command; the panel shows what
// the document says (it refreshes on nodeChanged), never its own copy.
class PropertiesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PropertiesPanel(QWidget *parent = nullptr);
    void setDocument(ProjectDocument *document);
    // A single node shows its fields; with no node, a single connection shows its own.
    void setSelection(const QList<Id> &nodeIds, const QList<Id> &edgeIds = {});
    EdgePropertiesEditor *edgeEditor() const { return m_edgeEditor; }

signals:
    void nodeActivated(const flowbench::Id &nodeId); // a connection's end was clicked

private:
    void refresh();
    void rebuildKindFields();
    // One field of the shown node, as one ChangeValue command (if it changed).
    template <typename Value>
    void change(Value Node::*field, const Value &value, const QString &what, bool mergeable = false);
    void commitDescription();
    void commitDetails();
    bool isEdited(const QObject *field) const;
    bool eventFilter(QObject *watched, QEvent *event) override;

    ProjectDocument *m_document = nullptr;
    Id m_nodeId;
    Id m_edgeId;
    EdgePropertiesEditor *m_edgeEditor;
    QStackedWidget *m_pages;
    QLabel *m_emptyLabel;
    QLineEdit *m_name;
    QComboBox *m_kind;
    QLineEdit *m_group;
    QLineEdit *m_owner;
    QSpinBox *m_likelihood;
    QSpinBox *m_impact;
    QLabel *m_score;
    QCheckBox *m_pinned;
    QPlainTextEdit *m_description;
    QFormLayout *m_kindForm;
    QHash<QString, QLineEdit *> m_kindFields;
    QStringList m_kindFieldNames;
    bool m_refreshing = false;
};

} // namespace flowbench
