#include "panels/propertiespanel.h"

#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "map/mapstyle.h"
#include "panels/edgepropertieseditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace flowbench {

namespace {
// Field names as a person reads them: "keyPattern" -> "Key pattern".
QString propertyLabel(const QString &name)
{
    QString text;
    for (QChar c : name) {
        if (c.isUpper() && !text.isEmpty())
            text += QLatin1Char(' ') + c.toLower();
        else
            text += c;
    }
    text[0] = text[0].toUpper();
    return text;
}
} // namespace

PropertiesPanel::PropertiesPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("propertiesPanel"));
    m_pages = new QStackedWidget(this);
    m_emptyLabel = new QLabel(tr("Select a node or a connection on the map to see and edit its properties."));
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setEnabled(false);
    m_pages->addWidget(m_emptyLabel);

    auto *form = new QWidget;
    auto *layout = new QFormLayout(form);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    for (NodeKind kind : allNodeKinds())
        m_kind->addItem(MapStyle::kindIcon(kind), MapStyle::kindLabel(kind), toString(kind));
    m_group = new QLineEdit;
    m_group->setObjectName(QStringLiteral("groupEdit"));
    m_group->setPlaceholderText(tr("domain or team"));
    m_owner = new QLineEdit;
    m_owner->setObjectName(QStringLiteral("ownerEdit"));
    m_likelihood = new QSpinBox;
    m_likelihood->setObjectName(QStringLiteral("likelihoodSpin"));
    m_likelihood->setRange(1, 5);
    m_impact = new QSpinBox;
    m_impact->setObjectName(QStringLiteral("impactSpin"));
    m_impact->setRange(1, 5);
    m_score = new QLabel;
    auto *risk = new QHBoxLayout;
    m_likelihood->setToolTip(tr("Likelihood of failure, 1 (rare) to 5 (frequent)"));
    m_impact->setToolTip(tr("Impact of a failure, 1 (minor) to 5 (severe)"));
    m_likelihood->setPrefix(tr("likelihood "));
    m_impact->setPrefix(tr("impact "));
    risk->addWidget(m_likelihood);
    risk->addWidget(m_impact);
    risk->addWidget(m_score);
    risk->addStretch();
    m_pinned = new QCheckBox(tr("Keep in place when laying out"));
    m_pinned->setObjectName(QStringLiteral("pinnedCheck"));
    m_description = new QPlainTextEdit;
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setTabChangesFocus(true);
    m_description->setMaximumHeight(90);
    m_description->installEventFilter(this);
    for (QLineEdit *edit : { m_name, m_group, m_owner })
        edit->installEventFilter(this); // Escape reverts an unfinished edit

    layout->addRow(tr("Name"), m_name);
    layout->addRow(tr("Kind"), m_kind);
    layout->addRow(tr("Group"), m_group);
    layout->addRow(tr("Owner"), m_owner);
    layout->addRow(tr("Risk"), risk);
    layout->addRow(QString(), m_pinned);
    layout->addRow(tr("Description"), m_description);
    auto *kindBox = new QGroupBox(tr("Details"));
    m_kindForm = new QFormLayout(kindBox);
    layout->addRow(kindBox);

    auto *scroll = new QScrollArea;
    scroll->setWidget(form);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    m_pages->addWidget(scroll);
    m_edgeEditor = new EdgePropertiesEditor;
    auto *edgePage = new QScrollArea;
    edgePage->setWidget(m_edgeEditor);
    edgePage->setWidgetResizable(true);
    edgePage->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    edgePage->setFrameShape(QFrame::NoFrame);
    m_pages->addWidget(edgePage);
    connect(m_edgeEditor, &EdgePropertiesEditor::nodeActivated, this, &PropertiesPanel::nodeActivated);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    outer->addWidget(m_pages);

    connect(m_name, &QLineEdit::editingFinished, this, [this] {
        const QString name = m_name->text().trimmed();
        if (!name.isEmpty())
            change(&Node::name, name, tr("Rename"));
    });
    connect(m_group, &QLineEdit::editingFinished, this,
        [this] { change(&Node::group, m_group->text().trimmed(), tr("Change group")); });
    connect(m_owner, &QLineEdit::editingFinished, this,
        [this] { change(&Node::owner, m_owner->text().trimmed(), tr("Change owner")); });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        if (auto kind = nodeKindFromString(m_kind->currentData().toString()))
            change(&Node::kind, *kind, tr("Change kind"));
    });
    // A spin box stepped several times in a row is one undo step.
    auto changeRisk = [this] {
        change(&Node::risk, Risk { m_likelihood->value(), m_impact->value() }, tr("Change risk"), true);
    };
    connect(m_likelihood, &QSpinBox::valueChanged, this, changeRisk);
    connect(m_impact, &QSpinBox::valueChanged, this, changeRisk);
    connect(m_pinned, &QCheckBox::toggled, this, [this](bool on) { change(&Node::pinned, on, tr("Pin")); });
    refresh();
}

void PropertiesPanel::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_nodeId.clear();
    m_edgeId.clear();
    m_edgeEditor->setDocument(document);
    if (document) {
        connect(document, &ProjectDocument::edgesRemoved, this, [this](const QList<Id> &ids) {
            if (ids.contains(m_edgeId)) {
                m_edgeId.clear();
                refresh();
            }
        });
        connect(document, &ProjectDocument::nodeChanged, this, [this](const Id &id) {
            if (id == m_nodeId)
                refresh();
        });
        connect(document, &ProjectDocument::nodesRemoved, this, [this](const QList<Id> &ids) {
            if (ids.contains(m_nodeId)) {
                m_nodeId.clear();
                refresh();
            }
        });
    }
    refresh();
}

void PropertiesPanel::setSelection(const QList<Id> &nodeIds, const QList<Id> &edgeIds)
{
    // Leaving a node: keep a description typed but not yet committed.
    if (m_description->hasFocus())
        commitDescription();
    m_nodeId = nodeIds.size() == 1 ? nodeIds.first() : Id();
    m_edgeId = nodeIds.isEmpty() && edgeIds.size() == 1 ? edgeIds.first() : Id();
    QString empty = tr("Select a node or a connection on the map to see and edit its properties.");
    if (nodeIds.size() > 1)
        empty = tr("%n node(s) selected.", nullptr, int(nodeIds.size()));
    else if (nodeIds.isEmpty() && edgeIds.size() > 1)
        empty = tr("%n connection(s) selected.", nullptr, int(edgeIds.size()));
    m_emptyLabel->setText(empty);
    refresh();
}

void PropertiesPanel::refresh()
{
    const Node *node = m_document && !m_nodeId.isEmpty() ? m_document->node(m_nodeId) : nullptr;
    if (!node) {
        const bool edge = m_document && !m_edgeId.isEmpty() && m_document->edge(m_edgeId);
        m_edgeEditor->setEdge(edge ? m_edgeId : Id());
        m_pages->setCurrentIndex(edge ? 2 : 0);
        return;
    }
    m_edgeEditor->setEdge(Id());
    m_refreshing = true;
    m_pages->setCurrentIndex(1);
    m_name->setText(node->name);
    m_kind->setCurrentIndex(m_kind->findData(toString(node->kind)));
    m_group->setText(node->group);
    m_owner->setText(node->owner);
    m_likelihood->setValue(node->risk.likelihood);
    m_impact->setValue(node->risk.impact);
    const int score = node->risk.score();
    m_score->setText(
        QStringLiteral("<b style='color:%1'>%2</b>").arg(MapStyle::riskColor(score).name()).arg(score));
    m_pinned->setChecked(node->pinned);
    if (m_description->toPlainText() != node->description)
        m_description->setPlainText(node->description);
    rebuildKindFields();
    m_refreshing = false;
}

void PropertiesPanel::rebuildKindFields()
{
    const Node *node = m_document->node(m_nodeId);
    const QStringList names = nodeKindProperties(node->kind);
    if (names != m_kindFieldNames) {
        m_kindFieldNames = names;
        while (m_kindForm->rowCount() > 0)
            m_kindForm->removeRow(0);
        m_kindFields.clear();
        for (const QString &name : names) {
            auto *edit = new QLineEdit;
            edit->setObjectName(QStringLiteral("property_") + name);
            m_kindForm->addRow(propertyLabel(name), edit);
            m_kindFields.insert(name, edit);
            connect(edit, &QLineEdit::editingFinished, this, &PropertiesPanel::commitDetails);
            edit->installEventFilter(this);
        }
    }
    for (auto it = m_kindFields.cbegin(); it != m_kindFields.cend(); ++it)
        it.value()->setText(node->properties.value(it.key()).toString());
}

template <typename Value>
void PropertiesPanel::change(Value Node::*field, const Value &value, const QString &what, bool mergeable)
{
    const Node *node = m_refreshing || !m_document ? nullptr : m_document->node(m_nodeId);
    if (!node || node->*field == value)
        return;
    auto *command = new ChangeValue<Node, Value>(
        m_document, m_nodeId, field, value, QStringLiteral("%1: %2").arg(what, node->name));
    m_document->undoStack()->push(mergeable ? command->mergeable() : command);
}

void PropertiesPanel::commitDescription()
{
    change(&Node::description, m_description->toPlainText(), tr("Change description"));
}

// The kind's own fields (api: method, path...): an empty field removes its property.
void PropertiesPanel::commitDetails()
{
    const Node *node = m_document ? m_document->node(m_nodeId) : nullptr;
    if (!node)
        return;
    QJsonObject properties = node->properties;
    for (auto it = m_kindFields.cbegin(); it != m_kindFields.cend(); ++it) {
        const QString value = it.value()->text().trimmed();
        if (value.isEmpty())
            properties.remove(it.key());
        else
            properties.insert(it.key(), value);
    }
    change(&Node::properties, properties, tr("Change details"));
}

// A field whose text differs from what the document holds: Escape would revert it.
bool PropertiesPanel::isEdited(const QObject *field) const
{
    const Node *node = m_document ? m_document->node(m_nodeId) : nullptr;
    if (!node)
        return false;
    if (field == m_description)
        return m_description->toPlainText() != node->description;
    if (field == m_name)
        return m_name->text() != node->name;
    if (field == m_group)
        return m_group->text() != node->group;
    if (field == m_owner)
        return m_owner->text() != node->owner;
    for (auto it = m_kindFields.cbegin(); it != m_kindFields.cend(); ++it)
        if (it.value() == field)
            return it.value()->text() != node->properties.value(it.key()).toString();
    return false;
}

bool PropertiesPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_description && event->type() == QEvent::FocusOut)
        commitDescription();
    const bool key = event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride;
    if (key && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && isEdited(watched)) {
        // Claimed before the window's Escape (which cancels a flow pick or a run) sees it.
        if (event->type() == QEvent::KeyPress) {
            const Node *node = m_document->node(m_nodeId);
            m_description->setPlainText(node->description);
            refresh();
        }
        event->accept();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace flowbench
