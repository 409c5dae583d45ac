#pragma once

#include "model/comment.h"

#include <QList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QToolButton;
class QVBoxLayout;

namespace flowbench {

class CommentCard;
class ProjectDocument;

// Team review on the selected node: its comments oldest first (open ones, then the
// resolved ones greyed in a section that folds away), and a box to add one. Adding,
// editing, resolving, reopening and deleting are each one undo command, saved at once.
// The author is the document's (ProjectDocument::author: the display name, else the
// database role or the OS user); changing it here sets the display name (QSettings
// user/displayName) for every edit. A read-only role that may comment can comment here.
class CommentsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CommentsPanel(QWidget *parent = nullptr);
    void setDocument(ProjectDocument *document);
    void setSelection(const QList<Id> &nodeIds);
    Id nodeId() const { return m_nodeId; }

    // Adds a comment by the author in the panel's author field; false if nothing to add.
    bool addComment(const QString &text);
    QList<CommentCard *> cards() const; // open first, then resolved
    static QString defaultAuthor();     // the remembered name, else the OS user name

signals:
    void openCountChanged(int open); // open comments on the shown node

private:
    void rebuild();
    void updateHeader();
    void replaceList(QWidget *list);
    void setResolvedShown(bool shown);
    void editText(const Id &id, const QString &text);
    void setResolved(const Id &id, bool resolved);
    void remove(const Id &id);
    CommentCard *addCard(const Comment &comment, QVBoxLayout *into);

    ProjectDocument *m_document = nullptr;
    Id m_nodeId;
    int m_selectedCount = 0;
    QStackedWidget *m_pages;
    QLabel *m_emptyLabel;
    QLabel *m_header;
    QScrollArea *m_scroll;
    QWidget *m_listWidget = nullptr;
    QToolButton *m_resolvedToggle = nullptr;
    QWidget *m_resolvedBox = nullptr;
    QPlainTextEdit *m_newText;
    QLineEdit *m_author;
    QPushButton *m_post;
    bool m_resolvedShown = false;
};

} // namespace flowbench
