#pragma once

#include "io/reimportplan.h"

#include <QDialog>

class QCheckBox;
class QTreeWidget;

namespace flowbench {

// File ▸ Import… into the open project: what the import will add, change (each row opens
// to the fields and their old and new values), remove and leave untouched, before
// anything is written. Apply applies it as one undo step; Cancel changes nothing. What the
// file no longer has is kept and marked for review unless the user ticks "Delete".
class ReimportPreviewDialog : public QDialog
{
    Q_OBJECT
public:
    ReimportPreviewDialog(const ReimportPlan &plan, const QString &fileName, QWidget *parent = nullptr);

    ReimportPlan::Removed removed() const;
    QTreeWidget *tree() const { return m_tree; }
    QCheckBox *deleteRemovedBox() const { return m_deleteRemoved; }

private:
    QTreeWidget *m_tree;
    QCheckBox *m_deleteRemoved;
};

} // namespace flowbench
