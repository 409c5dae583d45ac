#include "testcases/editorparts.h"

#include <QLabel>
#include <QToolButton>

namespace flowbench {

QLabel *emptyStateLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(mid); padding: 12px;"));
    return label;
}

QToolButton *textToolButton(const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    return button;
}

} // namespace flowbench
