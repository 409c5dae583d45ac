#include "analysis/impactpanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace flowbench {

namespace {
const int kNodeRole = Qt::UserRole;
}

ImpactPanel::ImpactPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    m_headline = new QLabel;
    m_headline->setObjectName(QStringLiteral("impactHeadline"));
    m_headline->setWordWrap(true);
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("impactList"));
    m_list->setHeaderLabels({ tr("Affected"), tr("Where") });
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->setRootIsDecorated(true);
    m_run = new QPushButton(tr("Run impact set"));
    m_run->setObjectName(QStringLiteral("runImpactSetButton"));
    layout->addWidget(m_headline);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_run, 0, Qt::AlignLeft);
    connect(m_run, &QPushButton::clicked, this, &ImpactPanel::runImpactSetRequested);
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const Id id = item->data(0, kNodeRole).toString();
        if (!id.isEmpty())
            emit nodeActivated(id);
    });
    clear();
}

void ImpactPanel::clear()
{
    m_impact = Impact();
    m_list->clear();
    m_headline->setText(tr("Select a node on the map and choose View ▸ Show Impact (Ctrl+I) to see "
                           "what it reaches upstream and downstream."));
    m_run->setEnabled(false);
}

void ImpactPanel::setImpact(const Impact &impact, const Project &project)
{
    m_impact = impact;
    m_list->clear();
    const Node *centre = project.node(impact.node);
    m_headline->setText(tr("<b>%1</b>: %2 upstream, %3 downstream; %4 flow(s) and %5 test case(s) affected.")
                            .arg(centre ? centre->name.toHtmlEscaped() : impact.node)
                            .arg(impact.upstream.size())
                            .arg(impact.downstream.size())
                            .arg(impact.flowsTouched.size())
                            .arg(impact.testCases.size()));
    auto *flows = new QTreeWidgetItem(m_list, { tr("Flows (%1)").arg(impact.flowsTouched.size()) });
    for (const Id &id : impact.flowsTouched)
        for (const Flow &f : project.flows)
            if (f.id == id)
                new QTreeWidgetItem(flows,
                    { f.name,
                        impact.flowsThrough.contains(id) ? tr("through the node")
                                                         : tr("touches affected nodes") });
    auto *cases = new QTreeWidgetItem(m_list, { tr("Test cases (%1)").arg(impact.testCases.size()) });
    for (const Id &id : impact.testCases)
        for (const TestCase &t : project.testCases)
            if (t.id == id) {
                const Node *n = project.node(t.nodeId);
                auto *item = new QTreeWidgetItem(cases,
                    { t.title + (t.automated ? QString() : tr(" (manual)")), n ? n->name : QString() });
                item->setData(0, kNodeRole, t.nodeId);
            }
    auto *nodes = new QTreeWidgetItem(
        m_list, { tr("Nodes (%1)").arg(impact.upstream.size() + impact.downstream.size()) });
    for (const Node &n : project.nodes) {
        const bool up = impact.upstream.contains(n.id), down = impact.downstream.contains(n.id);
        if (!up && !down)
            continue;
        auto *item = new QTreeWidgetItem(nodes,
            { n.name,
                up && down ? tr("up- and downstream")
                    : up   ? tr("upstream")
                           : tr("downstream") });
        item->setData(0, kNodeRole, n.id);
    }
    m_list->expandAll();
    m_run->setEnabled(!impact.testCases.isEmpty());
}

} // namespace flowbench
