#pragma once

#include "document/editconflict.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace flowbench {

// Someone else changed what this person was editing (EditConflict): names the item and
// the field, shows their value (stored now) next to mine, and lets the person choose.
// Keep Theirs is the default and what closing the dialog means: nothing is overwritten
// without a click on Apply Mine.
class EditConflictDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Choice { KeepTheirs, ApplyMine };

    explicit EditConflictDialog(const EditConflict &conflict, QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }

    QLabel *theirsLabel() const { return m_theirs; }
    QLabel *mineLabel() const { return m_mine; }
    QPushButton *keepTheirsButton() const { return m_keepTheirs; }
    QPushButton *applyMineButton() const { return m_applyMine; }

private:
    Choice m_choice = Choice::KeepTheirs;
    QLabel *m_theirs;
    QLabel *m_mine;
    QPushButton *m_keepTheirs;
    QPushButton *m_applyMine;
};

} // namespace flowbench
