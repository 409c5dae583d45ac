#include "testcases/faultssection.h"

#include "document/projectdocument.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace flowbench {

namespace {
// The kind's text with a typical value, to edit in place.
const std::pair<const char *, const char *> kTemplates[] = {
    { "latency", "latency=3000,jitter=0" },
    { "down", "down" },
    { "timeout", "timeout=5000" },
    { "reset_peer", "reset_peer=0" },
    { "bandwidth", "bandwidth=64" },
    { "slow_close", "slow_close=1000" },
    { "limit_data", "limit_data=1024" },
    { "http_status", "http_status=503,count=1" },
    { "http_empty", "http_empty,count=1" },
};
} // namespace

FaultsSection::FaultsSection(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_target(new QComboBox(this))
    , m_kind(new QComboBox(this))
    , m_values(new QLineEdit(this))
    , m_add(new QToolButton(this))
    , m_remove(new QToolButton(this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("faultsSection"));
    m_list->setObjectName(QStringLiteral("faultsList"));
    m_list->setMaximumHeight(64);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_list->setMinimumWidth(60);
    m_list->setToolTip(tr("Faults that hold on the environment's proxies while this test case runs; it runs "
                          "alone meanwhile"));
    m_target->setObjectName(QStringLiteral("faultTarget"));
    m_target->setToolTip(
        tr("The dependency the fault acts on: this node or one of its edges. The environment "
           "needs a proxy for it (Environments ▸ Proxies)"));
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->setMinimumContentsLength(6);
    m_kind->setObjectName(QStringLiteral("faultKind"));
    for (const auto &[kind, text] : kTemplates)
        m_kind->addItem(QString::fromLatin1(kind), QString::fromLatin1(text));
    m_values->setObjectName(QStringLiteral("faultValues"));
    m_values->setMinimumWidth(60);
    m_values->setPlaceholderText(tr("latency=3000,jitter=200"));
    m_values->setToolTip(tr("The fault as text: its kind and value, then attributes (stream=upstream, "
                            "toxicity=0.5, count=K…)"));
    m_add->setObjectName(QStringLiteral("addFault"));
    m_add->setText(tr("Add"));
    m_add->setToolTip(tr("Add the fault to this test case"));
    m_remove->setObjectName(QStringLiteral("removeFault"));
    m_remove->setText(tr("Remove"));
    m_problem->setObjectName(QStringLiteral("faultProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b91c1c"));
    m_problem->hide();

    // Two short rows, not one long one: the editor is docked beside the map.
    auto *what = new QHBoxLayout;
    what->setContentsMargins(0, 0, 0, 0);
    what->addWidget(m_target, 1);
    what->addWidget(m_kind);
    auto *values = new QHBoxLayout;
    values->setContentsMargins(0, 0, 0, 0);
    values->addWidget(m_values, 1);
    values->addWidget(m_add);
    values->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    layout->addWidget(m_list);
    layout->addLayout(what);
    layout->addLayout(values);
    layout->addWidget(m_problem);

    kindChosen();
    connect(m_kind, QOverload<int>::of(&QComboBox::activated), this, &FaultsSection::kindChosen);
    connect(m_add, &QToolButton::clicked, this, &FaultsSection::add);
    connect(m_values, &QLineEdit::returnPressed, this, &FaultsSection::add);
    connect(m_remove, &QToolButton::clicked, this, &FaultsSection::removeCurrent);
    connect(
        m_list, &QListWidget::currentRowChanged, this, [this](int row) { m_remove->setEnabled(row >= 0); });
}

void FaultsSection::show(const ProjectDocument *document, const Id &nodeId, const QList<CaseFault> &faults)
{
    m_faults = faults;
    const int row = m_list->currentRow();
    const Project project = document ? document->snapshot() : Project();
    m_list->clear();
    for (const CaseFault &f : faults)
        m_list->addItem(
            QStringLiteral("⚡ %1: %2").arg(describeFaultTarget(project, f.target), faultSummary(f.fault)));
    m_list->setCurrentRow(qMin(row, int(m_list->count()) - 1));
    m_list->setVisible(!faults.isEmpty());
    m_remove->setEnabled(m_list->currentRow() >= 0);

    // The node itself, then its edges ("orders → payment").
    const QString chosen = m_target->currentData().toString();
    m_target->clear();
    if (document && document->node(nodeId)) {
        m_target->addItem(describeFaultTarget(project, nodeId), nodeId);
        for (const Edge &e : document->edgesOfNode(nodeId))
            m_target->addItem(describeFaultTarget(project, e.id), e.id);
    }
    m_target->setCurrentIndex(qMax(0, m_target->findData(chosen)));
    setEnabled(document && !document->isReadOnly());
}

void FaultsSection::kindChosen()
{
    m_values->setText(m_kind->currentData().toString());
    m_problem->hide();
}

void FaultsSection::add()
{
    const QString target = m_target->currentData().toString();
    const Result<Fault> fault = parseFault(m_values->text().trimmed());
    QString problem;
    if (target.isEmpty())
        problem = tr("Choose the node or edge the fault acts on.");
    else if (!fault)
        problem = fault.error();
    for (const CaseFault &f : std::as_const(m_faults))
        if (problem.isEmpty() && f.target == target && f.fault.name == fault->name)
            problem = tr("%1 has a fault named \"%2\" already; add name=… to tell them apart.")
                          .arg(m_target->currentText(), f.fault.name);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (!problem.isEmpty())
        return;
    QList<CaseFault> faults = m_faults;
    faults.append({ target, fault.value() });
    emit faultsEdited(faults, tr("Add fault %1").arg(toString(fault->kind)));
}

void FaultsSection::removeCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_faults.size())
        return;
    QList<CaseFault> faults = m_faults;
    const CaseFault gone = faults.takeAt(row);
    emit faultsEdited(faults, tr("Remove fault %1").arg(toString(gone.fault.kind)));
}

} // namespace flowbench
