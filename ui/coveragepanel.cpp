#include "coveragepanel.h"
#include "analysis/nodeoutcomes.h"

#include <QHeaderView>
#include <QLabel>
#include <QSet>
#include <QShortcut>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace flowbench {

namespace {

const int kNodeRole = Qt::UserRole;

// The newest result of each check over the whole history.
QList<CheckResult> latestResults(const QList<CheckResult> &results)
{
    QHash<Id, CheckResult> latest;
    for (const CheckResult &r : results) {
        auto it = latest.find(r.checkId);
        if (it == latest.end() || r.finishedAt > it->finishedAt)
            latest.insert(r.checkId, r);
    }
    return latest.values();
}

QColor coverageColor(CoverageClass c, bool failing)
{
    if (failing)
        return QColor(0xc6, 0x28, 0x28);
    switch (c) {
    case CoverageClass::NoTestCase:
        return QColor(0xc6, 0x28, 0x28);
    case CoverageClass::ManualOnly:
        return QColor(0xef, 0x6c, 0x00);
    case CoverageClass::Automated:
        return QColor(0x15, 0x65, 0xc0);
    case CoverageClass::Passing:
        return QColor(0x2e, 0x7d, 0x32);
    }
    return QColor();
}

struct Summary
{
    QSet<Id> nodes, tested, automated, passing;
};

} // namespace

inline namespace panel {

QList<NodeCoverage> riskCoverage(const Project &project, int highRiskScore)
{
    const QHash<Id, NodeOutcome> outcomes = nodeOutcomes(project, latestResults(project.results));
    QHash<Id, int> testCases;
    QSet<Id> automated;
    for (const TestCase &t : project.testCases) {
        ++testCases[t.nodeId];
        if (t.automated && !t.checks.isEmpty())
            automated.insert(t.nodeId);
    }
    QList<NodeCoverage> list;
    for (const Node &n : project.nodes) {
        NodeCoverage c;
        c.nodeId = n.id;
        c.name = n.name;
        c.group = n.group;
        c.riskScore = n.risk.score();
        c.testCases = testCases.value(n.id);
        const NodeState state = outcomes.value(n.id).state;
        if (c.testCases == 0)
            c.coverage = CoverageClass::NoTestCase;
        else if (!automated.contains(n.id))
            c.coverage = CoverageClass::ManualOnly;
        else if (state == NodeState::Pass)
            c.coverage = CoverageClass::Passing;
        else
            c.coverage = CoverageClass::Automated;
        c.failing = automated.contains(n.id) && (state == NodeState::Fail || state == NodeState::Error);
        list.append(c);
    }
    auto urgent = [highRiskScore](const NodeCoverage &c) {
        return c.riskScore >= highRiskScore && c.coverage < CoverageClass::Automated;
    };
    std::stable_sort(list.begin(), list.end(), [&](const NodeCoverage &a, const NodeCoverage &b) {
        if (urgent(a) != urgent(b))
            return urgent(a);
        if (a.riskScore != b.riskScore)
            return a.riskScore > b.riskScore;
        if (a.coverage != b.coverage)
            return a.coverage < b.coverage;
        return a.name.localeAwareCompare(b.name) < 0;
    });
    return list;
}

} // inline namespace panel

QString CoveragePanel::coverageText(CoverageClass coverage)
{
    switch (coverage) {
    case CoverageClass::NoTestCase:
        return tr("no test case");
    case CoverageClass::ManualOnly:
        return tr("manual only");
    case CoverageClass::Automated:
        return tr("automated");
    case CoverageClass::Passing:
        return tr("passing");
    }
    return QString();
}

CoveragePanel::CoveragePanel(QWidget *parent)
    : QWidget(parent)
    , m_headline(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_risk(new QTreeWidget(this))
    , m_flows(new QTreeWidget(this))
    , m_groups(new QTreeWidget(this))
{
    m_headline->setObjectName(QStringLiteral("headline"));
    m_headline->setWordWrap(true);
    m_risk->setObjectName(QStringLiteral("riskList"));
    m_risk->setRootIsDecorated(false);
    m_risk->setAlternatingRowColors(true);
    m_risk->setHeaderLabels({ tr("Risk"), tr("Node"), tr("Group"), tr("Coverage"), tr("Test cases") });
    m_risk->setColumnWidth(0, 50);
    m_risk->setColumnWidth(1, 180);
    m_risk->setColumnWidth(2, 110);
    m_risk->setColumnWidth(3, 130);
    for (QTreeWidget *summary : { m_flows, m_groups }) {
        summary->setRootIsDecorated(false);
        summary->setAlternatingRowColors(true);
        summary->setColumnWidth(0, 180);
    }
    m_flows->setObjectName(QStringLiteral("flowSummary"));
    m_flows->setHeaderLabels({ tr("Flow"), tr("Nodes"), tr("Tested"), tr("Automated"), tr("Passing") });
    m_groups->setObjectName(QStringLiteral("groupSummary"));
    m_groups->setHeaderLabels({ tr("Group"), tr("Nodes"), tr("Tested"), tr("Automated"), tr("Passing") });
    m_tabs->addTab(m_risk, tr("&Risk × coverage"));
    m_tabs->addTab(m_flows, tr("By f&low"));
    m_tabs->addTab(m_groups, tr("By &group"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_headline);
    layout->addWidget(m_tabs, 1);

    auto activate = [this](QTreeWidgetItem *item) {
        const Id node = item ? item->data(0, kNodeRole).toString() : Id();
        if (!node.isEmpty())
            emit nodeActivated(node);
    };
    connect(m_risk, &QTreeWidget::itemDoubleClicked, this, activate);
    auto *enter = new QShortcut(QKeySequence(Qt::Key_Return), m_risk);
    enter->setContext(Qt::WidgetShortcut);
    connect(enter, &QShortcut::activated, this, [this, activate] { activate(m_risk->currentItem()); });
    setProject(Project());
}

void CoveragePanel::setProject(const Project &project)
{
    const QList<NodeCoverage> list = riskCoverage(project);
    m_risk->clear();
    int urgent = 0;
    for (const NodeCoverage &c : list) {
        const QString coverage = c.failing ? tr("automated, failing") : coverageText(c.coverage);
        auto *item = new QTreeWidgetItem(m_risk,
            { QString::number(c.riskScore), c.name, c.group, coverage, QString::number(c.testCases) });
        item->setData(0, kNodeRole, c.nodeId);
        item->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(4, Qt::AlignRight | Qt::AlignVCenter);
        item->setForeground(3, coverageColor(c.coverage, c.failing));
        item->setToolTip(0, tr("likelihood × impact"));
        if (c.riskScore >= 12 && c.coverage < CoverageClass::Automated) {
            ++urgent;
            QFont bold = item->font(1);
            bold.setBold(true);
            for (int column = 0; column < 4; ++column)
                item->setFont(column, bold);
        }
    }
    if (list.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_risk, { QString(), tr("No nodes on the map yet.") });
        item->setFlags(Qt::NoItemFlags);
    }

    int tested = 0;
    for (const NodeCoverage &c : list)
        tested += c.coverage != CoverageClass::NoTestCase ? 1 : 0;
    m_headline->setText(list.isEmpty()
            ? tr("Coverage appears once the map has nodes.")
            : tr("%1 of %2 nodes have test cases. High-risk nodes without automated checks: %n.", nullptr,
                urgent)
                  .arg(tested)
                  .arg(list.size()));

    QHash<Id, NodeCoverage> byNode;
    for (const NodeCoverage &c : list)
        byNode.insert(c.nodeId, c);
    auto count = [](Summary &s, const NodeCoverage &c) {
        s.nodes.insert(c.nodeId);
        if (c.coverage != CoverageClass::NoTestCase)
            s.tested.insert(c.nodeId);
        if (c.coverage >= CoverageClass::Automated)
            s.automated.insert(c.nodeId);
        if (c.coverage == CoverageClass::Passing)
            s.passing.insert(c.nodeId);
    };
    auto addRow = [](QTreeWidget *tree, const QString &name, const Summary &s) {
        const int n = s.nodes.size();
        auto cell = [n](int part) {
            return n == 0 ? QStringLiteral("0")
                          : QStringLiteral("%1 (%2%)").arg(part).arg(qRound(100.0 * part / n));
        };
        auto *item = new QTreeWidgetItem(tree,
            { name, QString::number(n), cell(s.tested.size()), cell(s.automated.size()),
                cell(s.passing.size()) });
        for (int column = 1; column < 5; ++column)
            item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
    };

    m_flows->clear();
    for (const Flow &f : project.flows) {
        Summary s;
        for (const Id &node : f.nodeIds)
            if (byNode.contains(node))
                count(s, byNode.value(node));
        addRow(m_flows, f.name, s);
    }
    if (project.flows.isEmpty())
        (new QTreeWidgetItem(m_flows, { tr("No flows defined.") }))->setFlags(Qt::NoItemFlags);

    m_groups->clear();
    QMap<QString, Summary> groups; // sorted by name
    for (const NodeCoverage &c : list)
        count(groups[c.group], c);
    for (auto it = groups.begin(); it != groups.end(); ++it)
        addRow(m_groups, it.key().isEmpty() ? tr("(no group)") : it.key(), it.value());
    if (groups.isEmpty())
        (new QTreeWidgetItem(m_groups, { tr("No nodes on the map yet.") }))->setFlags(Qt::NoItemFlags);
}

} // namespace flowbench
