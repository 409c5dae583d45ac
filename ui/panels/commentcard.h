#pragma once

#include "model/comment.h"

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace flowbench {

// One review comment in the comments panel: author, time, text and its state, with
// Edit, Resolve / Reopen and Delete. It only asks (signals); the panel pushes commands.
// A resolved comment is drawn greyed.
class CommentCard : public QFrame
{
    Q_OBJECT
public:
    explicit CommentCard(const Comment &comment, QWidget *parent = nullptr);
    const Id &commentId() const { return m_id; }
    bool isEditing() const;
    QString draft() const;
    void beginEdit(const QString &text);

    // "today 14:05", "yesterday 09:12" or the short local date and time.
    static QString timeText(const QDateTime &when, const QDateTime &now = QDateTime::currentDateTime());

signals:
    void textEdited(const flowbench::Id &id, const QString &text);
    void resolveToggled(const flowbench::Id &id, bool resolved);
    void deleteRequested(const flowbench::Id &id);

private:
    void finishEdit(bool save);

    Id m_id;
    QString m_text;
    QWidget *m_editPage;
    QLabel *m_textLabel;
    QPlainTextEdit *m_editor;
    QWidget *m_actions;
};

} // namespace flowbench
