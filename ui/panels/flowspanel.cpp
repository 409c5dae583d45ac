#include "panels/flowspanel.h"

#include "document/addflowcommand.h"
#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "document/removeflowcommand.h"
#include "map/mapscene.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace flowbench {

FlowsPanel::FlowsPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("flowsPanel"));
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("flowList"));
    m_list->setRootIsDecorated(false);
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({ tr("Flow"), tr("Nodes"), tr("Tests") });
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_pickLabel = new QLabel;
    m_pickLabel->setWordWrap(true);
    m_pickLabel->setVisible(false);
    m_pickLabel->setStyleSheet(QStringLiteral(
        "QLabel { background: #eff6ff; border: 1px solid #bfdbfe; border-radius: 4px; padding: 6px; }"));
    m_newButton = new QPushButton(tr("New flow…"));
    m_newButton->setObjectName(QStringLiteral("newFlowButton"));
    m_finishButton = new QPushButton(tr("Finish"));
    m_finishButton->setVisible(false);
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setVisible(false);
    m_deleteButton = new QPushButton(tr("Delete"));
    m_deleteButton->setEnabled(false);
    m_showAllButton = new QPushButton(tr("Show All"));
    m_showAllButton->setObjectName(QStringLiteral("clearHighlightButton"));
    m_showAllButton->setToolTip(
        tr("Clear the flow highlight: show the whole map (Esc, or a click on an empty spot)"));
    m_showAllButton->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_newButton);
    buttons->addWidget(m_finishButton);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch();
    buttons->addWidget(m_showAllButton);
    buttons->addWidget(m_deleteButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list);
    layout->addWidget(m_pickLabel);
    layout->addLayout(buttons);

    connect(m_newButton, &QPushButton::clicked, this, &FlowsPanel::newFlow);
    connect(m_finishButton, &QPushButton::clicked, this, &FlowsPanel::finishPicking);
    connect(m_cancelButton, &QPushButton::clicked, this, &FlowsPanel::cancelPicking);
    connect(m_deleteButton, &QPushButton::clicked, this, &FlowsPanel::removeCurrent);
    connect(m_showAllButton, &QPushButton::clicked, this, &FlowsPanel::clearHighlight);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] {
        m_deleteButton->setEnabled(m_list->currentItem() != nullptr);
        m_showAllButton->setEnabled(m_list->currentItem() != nullptr && !m_picking);
        if (m_scene && !m_picking)
            m_scene->setHighlightedFlow(currentFlow());
    });
    connect(m_list, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        const Flow *flow = m_document ? m_document->flow(item->data(0, Qt::UserRole).toString()) : nullptr;
        const QString name = item->text(0).trimmed();
        if (column != 0)
            return;
        if (!flow || name.isEmpty() || name == flow->name)
            return;
        m_document->undoStack()->push(new ChangeValue<Flow, QString>(
            m_document, flow->id, &Flow::name, name, tr("Rename flow %1").arg(flow->name)));
    });
}

void FlowsPanel::setDocument(ProjectDocument *document, MapScene *scene)
{
    cancelPicking();
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_scene = scene;
    if (document) {
        connect(document, &ProjectDocument::flowsChanged, this, &FlowsPanel::reload);
        connect(document, &ProjectDocument::testCasesChanged, this, &FlowsPanel::reload);
        connect(document, &ProjectDocument::nodesRemoved, this, &FlowsPanel::reload);
        connect(document, &ProjectDocument::nodesAdded, this, &FlowsPanel::reload);
    }
    if (scene) {
        connect(scene, &MapScene::backgroundClicked, this, [this] {
            if (hasHighlight())
                clearHighlight();
        });
        connect(scene, &MapScene::nodePicked, this, [this](const Id &id) {
            if (!m_picking)
                return;
            const QString refusal = pickRefusal(id);
            m_scene->selectNodes({});
            if (!refusal.isEmpty()) {
                m_pickProblem = refusal;
                emit refused(refusal);
            } else {
                m_pickProblem.clear();
                m_path.append(id);
                m_scene->setPickedPath(m_path);
            }
            updatePickLabel();
        });
    }
    reload();
}

Id FlowsPanel::currentFlow() const
{
    return m_list->currentItem() ? m_list->currentItem()->data(0, Qt::UserRole).toString() : Id();
}

void FlowsPanel::selectFlow(const Id &flowId)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        if (m_list->topLevelItem(i)->data(0, Qt::UserRole).toString() == flowId)
            m_list->setCurrentItem(m_list->topLevelItem(i));
}

void FlowsPanel::reload()
{
    const Id current = currentFlow();
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    if (!m_document)
        return;
    for (const Flow &flow : m_document->flows()) {
        const QSet<Id> nodes(flow.nodeIds.cbegin(), flow.nodeIds.cend());
        int tests = 0;
        for (const Id &n : nodes)
            tests += m_document->testCaseCount(n);
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, flow.name);
        item->setText(1, QString::number(flow.nodeIds.size()));
        item->setText(2, QString::number(tests));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setData(0, Qt::UserRole, flow.id);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        item->setToolTip(0,
            tr("%n node(s)", nullptr, int(flow.nodeIds.size())) + QStringLiteral(" · ")
                + tr("%n test case(s) on its nodes", nullptr, tests));
        if (flow.id == current)
            m_list->setCurrentItem(item);
    }
    m_deleteButton->setEnabled(m_list->currentItem() != nullptr);
    if (m_scene && !m_picking)
        m_scene->setHighlightedFlow(currentFlow());
}

void FlowsPanel::newFlow()
{
    if (!m_document)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New flow"), tr("Name of the user journey:"),
        QLineEdit::Normal, tr("Flow %1").arg(m_list->topLevelItemCount() + 1), &ok);
    if (ok && !name.trimmed().isEmpty())
        startPicking(name.trimmed());
}

bool FlowsPanel::hasHighlight() const
{
    return m_scene && !m_picking && !m_scene->highlightedFlow().isEmpty();
}

void FlowsPanel::clearHighlight()
{
    m_list->setCurrentItem(nullptr);
    m_list->clearSelection();
    if (m_scene && !m_picking)
        m_scene->setHighlightedFlow(Id());
}

void FlowsPanel::startPicking(const QString &name)
{
    if (!m_scene)
        return;
    m_picking = true;
    m_pickName = name;
    m_path.clear();
    m_pickProblem.clear();
    m_scene->setHighlightedFlow(Id());
    m_scene->setPickMode(true);
    m_pickLabel->setVisible(true);
    m_finishButton->setVisible(true);
    m_cancelButton->setVisible(true);
    m_newButton->setEnabled(false);
    updatePickLabel();
    emit pickingChanged(true);
}

// A flow is a path on the map: the next step must be joined to the previous one by a
// connection (either way round); the same node twice in a row is no step.
QString FlowsPanel::pickRefusal(const Id &next) const
{
    if (m_path.isEmpty())
        return QString();
    const Id last = m_path.last();
    const Node *from = m_document->node(last);
    const Node *to = m_document->node(next);
    if (!from || !to)
        return tr("That node no longer exists.");
    if (last == next)
        return tr("“%1” is already the last step.").arg(to->name);
    for (const Edge &e : m_document->edgesOfNode(last))
        if ((e.from == last && e.to == next) || (e.to == last && e.from == next))
            return QString();
    return tr("“%1” is not connected to “%2”: a flow steps along connections. Connect them first, "
              "or pick a node connected to “%2”.")
        .arg(to->name, from->name);
}

void FlowsPanel::updatePickLabel()
{
    QStringList names;
    for (const Id &id : m_path)
        if (const Node *n = m_document->node(id))
            names << n->name;
    m_pickLabel->setText(
        tr("<b>%1</b>: click the nodes of the journey in order, then press Enter "
           "(Escape cancels).<br>%2")
            .arg(m_pickName.toHtmlEscaped(),
                names.isEmpty() ? tr("No nodes yet.") : names.join(QStringLiteral(" → ")).toHtmlEscaped())
        + (m_pickProblem.isEmpty() ? QString()
                                   : QStringLiteral("<br><span style='color:#c62828'>%1</span>")
                                         .arg(m_pickProblem.toHtmlEscaped())));
    m_finishButton->setEnabled(!m_path.isEmpty());
}

void FlowsPanel::finishPicking()
{
    if (!m_picking)
        return;
    const QList<Id> path = m_path;
    const QString name = m_pickName;
    cancelPicking();
    if (path.isEmpty())
        return;
    Flow flow;
    flow.name = name;
    flow.nodeIds = path;
    auto *cmd = new AddFlowCommand(m_document, flow);
    const Id id = cmd->flowId();
    m_document->undoStack()->push(cmd);
    selectFlow(id);
}

void FlowsPanel::cancelPicking()
{
    if (!m_picking)
        return;
    m_picking = false;
    m_path.clear();
    m_pickProblem.clear();
    if (m_scene)
        m_scene->setPickMode(false);
    m_pickLabel->setVisible(false);
    m_finishButton->setVisible(false);
    m_cancelButton->setVisible(false);
    m_newButton->setEnabled(true);
    emit pickingChanged(false);
}

void FlowsPanel::removeCurrent()
{
    const Id id = currentFlow();
    if (m_document && !id.isEmpty())
        m_document->undoStack()->push(new RemoveFlowCommand(m_document, id));
}

} // namespace flowbench
