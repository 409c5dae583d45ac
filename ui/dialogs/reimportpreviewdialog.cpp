#include "dialogs/reimportpreviewdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace flowbench {

namespace {

using Entity = ReimportPlan::Entity;
using Change = ReimportPlan::Change;

QString entityTitle(Entity entity)
{
    switch (entity) {
    case Entity::Node:
        return ReimportPreviewDialog::tr("Nodes");
    case Entity::Edge:
        return ReimportPreviewDialog::tr("Edges");
    case Entity::TestCase:
        return ReimportPreviewDialog::tr("Test cases");
    case Entity::Check:
        return ReimportPreviewDialog::tr("Checks");
    case Entity::Environment:
        return ReimportPreviewDialog::tr("Environments");
    }
    return QString();
}

QString changeTitle(Change change)
{
    switch (change) {
    case Change::Added:
        return ReimportPreviewDialog::tr("added");
    case Change::Changed:
        return ReimportPreviewDialog::tr("changed");
    case Change::Removed:
        return ReimportPreviewDialog::tr("removed");
    case Change::Untouched:
        return ReimportPreviewDialog::tr("untouched");
    }
    return QString();
}

} // namespace

ReimportPreviewDialog::ReimportPreviewDialog(
    const ReimportPlan &plan, const QString &fileName, QWidget *parent)
    : QDialog(parent)
    , m_tree(new QTreeWidget(this))
    , m_deleteRemoved(new QCheckBox(this))
{
    setWindowTitle(tr("Import %1").arg(fileName));
    setObjectName(QStringLiteral("reimportPreviewDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Importing %1 into the open project will make these changes. Positions, risk, comments and "
           "assertions added by hand stay as they are.")
            .arg(fileName),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({ tr("Item"), tr("Change") });
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    for (Entity entity :
        { Entity::Node, Entity::Edge, Entity::TestCase, Entity::Check, Entity::Environment }) {
        QStringList counts;
        for (Change change : { Change::Added, Change::Changed, Change::Removed, Change::Untouched })
            counts << QStringLiteral("%1 %2").arg(plan.count(entity, change)).arg(changeTitle(change));
        auto *group = new QTreeWidgetItem(m_tree, { entityTitle(entity), counts.join(QStringLiteral(", ")) });
        for (const ReimportPlan::Row &row : plan.rows()) {
            if (row.entity != entity || row.change == Change::Untouched)
                continue;
            const QString name = row.parent.isEmpty() ? row.name : tr("%1 (in %2)").arg(row.name, row.parent);
            auto *item = new QTreeWidgetItem(group, { name, changeTitle(row.change) });
            item->setToolTip(0, name);
            QStringList fields = row.fields;
            // A test case opens to its steps' changes too: that is where a spec changes.
            if (entity == Entity::TestCase && row.change == Change::Changed)
                for (const ReimportPlan::Row &step : plan.rows())
                    if (step.entity == Entity::Check && step.parent == row.name
                        && step.change != Change::Untouched) {
                        if (step.fields.isEmpty())
                            fields << tr("step \"%1\" %2").arg(step.name, changeTitle(step.change));
                        for (const QString &f : step.fields)
                            fields << tr("step \"%1\": %2").arg(step.name, f);
                    }
            for (const QString &field : fields) {
                auto *f = new QTreeWidgetItem(item, { field });
                f->setToolTip(0, field);
                f->setFirstColumnSpanned(true);
            }
        }
        group->setExpanded(group->childCount() > 0 && entity != Entity::Check);
    }
    layout->addWidget(m_tree, 1);

    const int removedCases = plan.count(Entity::TestCase, Change::Removed);
    const int removedNodes = plan.count(Entity::Node, Change::Removed);
    m_deleteRemoved->setText(
        tr("Delete what %1 no longer has (%2 test case(s), %3 node(s)); otherwise they are kept and "
           "marked for review")
            .arg(fileName)
            .arg(removedCases)
            .arg(removedNodes));
    m_deleteRemoved->setChecked(false);
    m_deleteRemoved->setVisible(plan.hasRemoved());
    layout->addWidget(m_deleteRemoved);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    apply->setObjectName(QStringLiteral("applyButton"));
    apply->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 520);
}

ReimportPlan::Removed ReimportPreviewDialog::removed() const
{
    return m_deleteRemoved->isChecked() ? ReimportPlan::Removed::Delete
                                        : ReimportPlan::Removed::KeepForReview;
}

} // namespace flowbench
