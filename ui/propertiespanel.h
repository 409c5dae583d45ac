#pragma once

#include "model/ids.h"

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

class ProjectDocument;

// The selected node's fields. Every edit pushes one ChangeNodeCommand; the panel shows
// what the document says (it refreshes on nodeChanged), never its own copy.
class PropertiesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PropertiesPanel(QWidget *parent = nullptr);
    void setDocument(ProjectDocument *document);
    void setSelection(const QList<Id> &nodeIds);

private:
    void refresh();
    void rebuildKindFields();
    void commit(const QString &what);
    bool eventFilter(QObject *watched, QEvent *event) override;

    ProjectDocument *m_document = nullptr;
    Id m_nodeId;
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
