#include "dialogs/editconflictdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowbench {

namespace {
QLabel *valueLabel(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(text.isEmpty() ? EditConflictDialog::tr("(a different version)") : text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setFrameShape(QFrame::StyledPanel);
    label->setMargin(6);
    return label;
}
} // namespace

EditConflictDialog::EditConflictDialog(const EditConflict &conflict, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("editConflictDialog"));
    setWindowTitle(tr("Someone else changed this"));

    QString what;
    switch (conflict.step) {
    case EditConflict::Step::Edit:
        what = tr("Someone else changed the %1 of %2 “%3” after you last saw it. Your edit was not saved.");
        break;
    case EditConflict::Step::Undo:
        what = tr("Someone else changed the %1 of %2 “%3” after your edit. Your undo would overwrite it, "
                  "so it was not done.");
        break;
    case EditConflict::Step::Redo:
        what = tr("Someone else changed the %1 of %2 “%3” after your undo. Your redo would overwrite it, "
                  "so it was not done.");
        break;
    }
    auto *message = new QLabel(what.arg(conflict.field, conflict.kind, conflict.item), this);
    message->setObjectName(QStringLiteral("conflictMessage"));
    message->setTextFormat(Qt::PlainText);
    message->setWordWrap(true);

    m_theirs = valueLabel(conflict.theirs, QStringLiteral("theirsValue"), this);
    m_mine = valueLabel(conflict.mine, QStringLiteral("mineValue"), this);
    auto *values = new QFormLayout;
    values->addRow(tr("Theirs (saved now):"), m_theirs);
    values->addRow(tr("Mine:"), m_mine);

    auto *buttons = new QDialogButtonBox(this);
    m_keepTheirs = buttons->addButton(tr("Keep Theirs"), QDialogButtonBox::RejectRole);
    m_keepTheirs->setObjectName(QStringLiteral("keepTheirsButton"));
    m_keepTheirs->setToolTip(tr("Show their value; your step is dropped from the undo history"));
    m_applyMine = buttons->addButton(tr("Apply Mine"), QDialogButtonBox::AcceptRole);
    m_applyMine->setObjectName(QStringLiteral("applyMineButton"));
    m_applyMine->setToolTip(tr("Write your value over theirs as a new edit (Undo takes it back)"));
    // Enter keeps theirs: Apply Mine never becomes the default by taking the focus.
    m_applyMine->setAutoDefault(false);
    m_keepTheirs->setDefault(true);
    m_keepTheirs->setFocus();
    connect(m_keepTheirs, &QPushButton::clicked, this, [this] {
        m_choice = Choice::KeepTheirs;
        reject();
    });
    connect(m_applyMine, &QPushButton::clicked, this, [this] {
        m_choice = Choice::ApplyMine;
        accept();
    });
    // Escape or the window's close button: keep theirs.
    connect(this, &QDialog::rejected, this, [this] { m_choice = Choice::KeepTheirs; });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(message);
    layout->addLayout(values);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

} // namespace flowbench
