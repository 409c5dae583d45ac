#include "testcases/checkforms/committingtextedit.h"

namespace flowbench {

CommittingTextEdit::CommittingTextEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true); // keyboard users leave the field with Tab
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_quiet)
            m_dirty = true;
    });
}

void CommittingTextEdit::setTextQuietly(const QString &text)
{
    if (text == toPlainText())
        return;
    m_quiet = true;
    setPlainText(text);
    m_quiet = false;
    m_dirty = false;
}

void CommittingTextEdit::focusOutEvent(QFocusEvent *event)
{
    QPlainTextEdit::focusOutEvent(event);
    if (m_dirty) {
        m_dirty = false;
        emit editingFinished();
    }
}

} // namespace flowbench
