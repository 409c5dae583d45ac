#include "analysis/coveragepanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QShortcut>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace flowbench {

namespace {

const int kNodeRole = Qt::UserRole;

QColor coverageColor(CoverageClass c, bool failing)
{
    if (failing)
        return QColor(0xc6, 0x28, 0x28);
    switch (c) {
    case CoverageClass::None:
        return QColor(0xc6, 0x28, 0x28);
    case CoverageClass::Manual:
        return QColor(0xef, 0x6c, 0x00);
    case CoverageClass::Automated:
        return QColor(0x15, 0x65, 0xc0);
    case CoverageClass::Passing:
        return QColor(0x2e, 0x7d, 0x32);
    }
    return QColor();
}

} // namespace

QString CoveragePanel::coverageText(CoverageClass coverage)
{
    switch (coverage) {
    case CoverageClass::None:
        return tr("no test case");
    case CoverageClass::Manual:
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
    m_risk->setHeaderLabels({ tr("Risk"), tr("Node"), tr("Group"), tr("Coverage"), tr("Test cases"), tr("Levels") });
    m_risk->setColumnWidth(0, 50);
    m_risk->setColumnWidth(1, 180);
    m_risk->setColumnWidth(2, 110);
    m_risk->setColumnWidth(3, 130);
    m_risk->setColumnWidth(4, 70);
    for (QTreeWidget *summary : { m_flows, m_groups }) {
        summary->setRootIsDecorated(false);
        summary->setAlternatingRowColors(true);
        summary->setColumnWidth(0, 180);
    }
    m_flows->setObjectName(QStringLiteral("flowSummary"));
    m_flows->setHeaderLabels({ tr("Flow"), tr("Nodes"), tr("Tested"), tr("Automated"), tr("Passing"), tr("Levels") });
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
    // The same report as `flowbench-cli coverage`: the latest result of each check.
    const RiskCoverageReport report = computeRiskCoverage(project, latestResultsOf(project.results));
    m_risk->clear();
    int urgent = 0;
    for (const NodeRiskCoverage &c : attentionFirst(report.ranked)) {
        const QString coverage = c.isFailing() ? tr("automated, failing") : coverageText(c.coverage);
        auto *item = new QTreeWidgetItem(m_risk,
            { QString::number(c.riskScore()), c.name, c.group, coverage, QString::number(c.testCases),
                c.levels.text() });
        // A high-risk node reached only through its API: say so where the team looks.
        if (c.riskScore() >= kHighRiskScore && c.levels.onlyApi()) {
            item->setForeground(5, coverageColor(CoverageClass::Manual, false));
            item->setToolTip(5, tr("Only API-level test cases: nothing checks the effect behind the API "
                                   "(database, queue, log)."));
        }
        item->setData(0, kNodeRole, c.nodeId);
        item->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(4, Qt::AlignRight | Qt::AlignVCenter);
        item->setForeground(3, coverageColor(c.coverage, c.isFailing()));
        item->setToolTip(0, tr("likelihood × impact"));
        if (needsAttention(c)) {
            ++urgent;
            QFont bold = item->font(1);
            bold.setBold(true);
            for (int column = 0; column < 4; ++column)
                item->setFont(column, bold);
        }
    }
    if (report.ranked.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_risk, { QString(), tr("No nodes on the map yet.") });
        item->setFlags(Qt::NoItemFlags);
    }

    const RiskCoverageCounts &total = report.total;
    m_headline->setText(total.nodes == 0
            ? tr("Coverage appears once the map has nodes.")
            : tr("%1 of %2 nodes have test cases. High-risk nodes without automated checks: %n.", nullptr,
                urgent)
                  .arg(total.covered)
                  .arg(total.nodes));

    auto addRow = [](QTreeWidget *tree, const QString &name, const RiskCoverageCounts &s) -> QTreeWidgetItem * {
        auto cell = [&s](int part) {
            return s.nodes == 0 ? QStringLiteral("0")
                                : QStringLiteral("%1 (%2%)").arg(part).arg(qRound(100.0 * part / s.nodes));
        };
        auto *item = new QTreeWidgetItem(tree,
            { name, QString::number(s.nodes), cell(s.covered), cell(s.automated), cell(s.passing) });
        for (int column = 1; column < 5; ++column)
            item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
        return item;
    };

    m_flows->clear();
    for (const FlowRiskCoverage &f : report.flows)
        addRow(m_flows, f.name, f.counts)->setText(5, f.levels.text());
    if (report.flows.isEmpty())
        (new QTreeWidgetItem(m_flows, { tr("No flows defined.") }))->setFlags(Qt::NoItemFlags);

    m_groups->clear();
    for (const GroupRiskCoverage &g : report.groups)
        addRow(m_groups, g.group.isEmpty() ? tr("(no group)") : g.group, g.counts);
    if (report.groups.isEmpty())
        (new QTreeWidgetItem(m_groups, { tr("No nodes on the map yet.") }))->setFlags(Qt::NoItemFlags);
}

} // namespace flowbench
