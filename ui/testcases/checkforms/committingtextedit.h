#pragma once

#include <QPlainTextEdit>

namespace flowbench {

// A plain-text editor that reports a committed edit when it loses focus after a change,
// like QLineEdit::editingFinished, so multi-line fields emit one edit, not one per key.
class CommittingTextEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CommittingTextEdit(QWidget *parent = nullptr);
    // Replaces the text without reporting an edit.
    void setTextQuietly(const QString &text);
    // Typed in since the text was last set or reported.
    bool isDirty() const { return m_dirty; }

signals:
    void editingFinished();

protected:
    void focusOutEvent(QFocusEvent *event) override;

private:
    bool m_dirty = false;
    bool m_quiet = false;
};

} // namespace flowbench
