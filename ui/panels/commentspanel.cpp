#include "panels/commentspanel.h"

#include "document/addcommentcommand.h"
#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "document/removecommentcommand.h"
#include "panels/commentcard.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace flowbench {

namespace {
// The display name every edit is signed with (ProjectStore::author), not comments alone.
const QString kAuthorKey = QStringLiteral("user/displayName");
const QString kShowResolvedKey = QStringLiteral("comments/showResolved");
} // namespace

CommentsPanel::CommentsPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("commentsPanel"));
    m_pages = new QStackedWidget(this);
    m_emptyLabel = new QLabel;
    m_emptyLabel->setObjectName(QStringLiteral("commentsEmptyLabel"));
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setEnabled(false);
    m_pages->addWidget(m_emptyLabel);

    auto *page = new QWidget;
    m_header = new QLabel;
    m_header->setObjectName(QStringLiteral("commentsHeader"));
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::PlainText);
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    m_scroll = new QScrollArea;
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);

    m_newText = new QPlainTextEdit;
    m_newText->setObjectName(QStringLiteral("newCommentEdit"));
    m_newText->setPlaceholderText(tr("Add a comment… (Ctrl+Enter posts)"));
    m_newText->setTabChangesFocus(true);
    m_newText->setFixedHeight(64);
    m_author = new QLineEdit(defaultAuthor());
    m_author->setObjectName(QStringLiteral("commentAuthorEdit"));
    m_author->setPlaceholderText(tr("your name"));
    m_author->setToolTip(tr("Comments you add are signed with this name"));
    m_author->setMaximumWidth(160);
    m_post = new QPushButton(tr("Comment"));
    m_post->setObjectName(QStringLiteral("postCommentButton"));
    m_post->setEnabled(false);
    auto *composerRow = new QHBoxLayout;
    composerRow->addWidget(new QLabel(tr("as")));
    composerRow->addWidget(m_author);
    composerRow->addStretch();
    composerRow->addWidget(m_post);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_newText);
    layout->addLayout(composerRow);
    m_pages->addWidget(page);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    outer->addWidget(m_pages);

    auto *postKey = new QAction(m_newText);
    postKey->setShortcuts(
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    postKey->setShortcutContext(Qt::WidgetShortcut);
    m_newText->addAction(postKey);
    auto post = [this] {
        if (addComment(m_newText->toPlainText()))
            m_newText->clear();
    };
    connect(postKey, &QAction::triggered, this, post);
    connect(m_post, &QPushButton::clicked, this, post);
    connect(m_newText, &QPlainTextEdit::textChanged, this,
        [this] { m_post->setEnabled(!m_newText->toPlainText().trimmed().isEmpty()); });
    connect(m_author, &QLineEdit::editingFinished, this, [this] {
        const QString name = m_author->text().trimmed();
        if (name.isEmpty())
            return;
        QSettings().setValue(kAuthorKey, name);
        if (m_document)
            m_document->setAuthor(name);
    });
    m_resolvedShown = QSettings().value(kShowResolvedKey, false).toBool();
    rebuild();
}

QString CommentsPanel::defaultAuthor()
{
    const QString remembered = QSettings().value(kAuthorKey).toString();
    if (!remembered.isEmpty())
        return remembered;
    for (const char *variable : { "USER", "USERNAME", "LOGNAME" }) {
        const QString name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            return name;
    }
    return QString();
}

void CommentsPanel::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_nodeId.clear();
    m_selectedCount = 0;
    if (document) {
        // Signed as the document signs every edit: the display name, else the role or user.
        if (!document->author().isEmpty())
            m_author->setText(document->author());
        const bool may = document->canComment();
        m_newText->setEnabled(may);
        m_author->setEnabled(may);
        m_newText->setPlaceholderText(may ? tr("Add a comment… (Ctrl+Enter posts)")
                                          : tr("This project is read-only for you: you may not comment."));
        connect(document, &ProjectDocument::commentsChanged, this, [this](const Id &nodeId) {
            if (nodeId == m_nodeId)
                rebuild();
        });
        connect(document, &ProjectDocument::nodeChanged, this, [this](const Id &id) {
            if (id == m_nodeId)
                rebuild(); // the node's name is in the header and the empty state
        });
        connect(document, &ProjectDocument::nodesRemoved, this, [this](const QList<Id> &ids) {
            if (ids.contains(m_nodeId)) {
                m_nodeId.clear();
                m_selectedCount = 0;
                rebuild();
            }
        });
    }
    rebuild();
}

void CommentsPanel::setSelection(const QList<Id> &nodeIds)
{
    const Id next = nodeIds.size() == 1 ? nodeIds.first() : Id();
    m_selectedCount = int(nodeIds.size());
    if (next == m_nodeId && !next.isEmpty())
        return; // keep drafts and scroll position
    m_nodeId = next;
    rebuild();
}

QList<CommentCard *> CommentsPanel::cards() const
{
    return m_listWidget ? m_listWidget->findChildren<CommentCard *>() : QList<CommentCard *>();
}

void CommentsPanel::updateHeader()
{
    const Node *node = m_document ? m_document->node(m_nodeId) : nullptr;
    if (!node)
        return;
    const QList<Comment> comments = m_document->commentsOfNode(m_nodeId);
    const int open = int(
        std::count_if(comments.cbegin(), comments.cend(), [](const Comment &c) { return !c.resolved; }));
    m_header->setText(comments.isEmpty() ? tr("Comments on “%1”").arg(node->name)
                                         : tr("Comments on “%1” · %2 open").arg(node->name).arg(open));
}

CommentCard *CommentsPanel::addCard(const Comment &comment, QVBoxLayout *into)
{
    auto *card = new CommentCard(comment);
    into->addWidget(card);
    connect(card, &CommentCard::textEdited, this, &CommentsPanel::editText);
    connect(card, &CommentCard::resolveToggled, this, &CommentsPanel::setResolved);
    connect(card, &CommentCard::deleteRequested, this, &CommentsPanel::remove);
    return card;
}

void CommentsPanel::rebuild()
{
    const Node *node = m_document && !m_nodeId.isEmpty() ? m_document->node(m_nodeId) : nullptr;
    if (!node) {
        m_emptyLabel->setText(m_selectedCount > 1
                ? tr("%n node(s) selected. Select one node to see its comments.", nullptr, m_selectedCount)
                : tr("Select a node on the map to see and add review comments."));
        m_pages->setCurrentIndex(0);
        replaceList(nullptr); // drops the cards of the node shown before
        emit openCountChanged(0);
        return;
    }
    // Comments being edited keep their draft through the rebuild.
    QHash<Id, QString> drafts;
    for (CommentCard *card : cards())
        if (card->isEditing())
            drafts.insert(card->commentId(), card->draft());
    const int scrolled = m_scroll->verticalScrollBar()->value();

    m_pages->setCurrentIndex(1);
    updateHeader();
    const QList<Comment> comments = m_document->commentsOfNode(m_nodeId);
    auto *list = new QWidget;
    list->setObjectName(QStringLiteral("commentList"));
    auto *layout = new QVBoxLayout(list);
    layout->setContentsMargins(0, 4, 4, 4);
    layout->setSpacing(6);
    QList<CommentCard *> added;
    int open = 0;
    for (const Comment &c : comments)
        if (!c.resolved) {
            added << addCard(c, layout);
            ++open;
        }
    if (comments.isEmpty()) {
        auto *none
            = new QLabel(tr("No comments on “%1” yet.\nAsk a question or note a risk for the team below.")
                             .arg(node->name));
        none->setObjectName(QStringLiteral("noCommentsLabel"));
        none->setAlignment(Qt::AlignCenter);
        none->setWordWrap(true);
        none->setEnabled(false);
        layout->addWidget(none);
    } else if (open == 0) {
        auto *none = new QLabel(tr("No open comments: every remark is resolved."));
        none->setObjectName(QStringLiteral("noCommentsLabel"));
        none->setEnabled(false);
        layout->addWidget(none);
    }
    const int resolved = int(comments.size()) - open;
    m_resolvedToggle = nullptr;
    m_resolvedBox = nullptr;
    if (resolved > 0) {
        m_resolvedToggle = new QToolButton;
        m_resolvedToggle->setObjectName(QStringLiteral("resolvedToggle"));
        m_resolvedToggle->setText(tr("Resolved (%1)").arg(resolved));
        m_resolvedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        m_resolvedToggle->setAutoRaise(true);
        m_resolvedToggle->setCheckable(true);
        m_resolvedBox = new QWidget;
        m_resolvedBox->setObjectName(QStringLiteral("resolvedComments"));
        auto *resolvedLayout = new QVBoxLayout(m_resolvedBox);
        resolvedLayout->setContentsMargins(0, 0, 0, 0);
        resolvedLayout->setSpacing(6);
        for (const Comment &c : comments)
            if (c.resolved)
                added << addCard(c, resolvedLayout);
        layout->addWidget(m_resolvedToggle);
        layout->addWidget(m_resolvedBox);
        connect(m_resolvedToggle, &QToolButton::toggled, this, [this](bool shown) {
            QSettings().setValue(kShowResolvedKey, shown);
            setResolvedShown(shown);
        });
        setResolvedShown(m_resolvedShown);
    }
    layout->addStretch();
    replaceList(list);
    for (CommentCard *card : added)
        if (drafts.contains(card->commentId()))
            card->beginEdit(drafts.value(card->commentId()));
    QTimer::singleShot(
        0, m_scroll, [bar = m_scroll->verticalScrollBar(), scrolled] { bar->setValue(scrolled); });
    emit openCountChanged(open);
}

void CommentsPanel::replaceList(QWidget *list)
{
    // A card's own button may have started this rebuild: delete the old cards later.
    if (QWidget *old = m_scroll->takeWidget()) {
        old->hide();
        old->deleteLater();
    }
    m_listWidget = list;
    if (list)
        m_scroll->setWidget(list);
}

void CommentsPanel::setResolvedShown(bool shown)
{
    m_resolvedShown = shown;
    if (!m_resolvedToggle)
        return;
    QSignalBlocker blocker(m_resolvedToggle);
    m_resolvedToggle->setChecked(shown);
    m_resolvedToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_resolvedBox->setVisible(shown);
}

bool CommentsPanel::addComment(const QString &text)
{
    const QString body = text.trimmed();
    if (!m_document || !m_document->node(m_nodeId) || body.isEmpty())
        return false;
    QString author = m_author->text().trimmed();
    if (author.isEmpty())
        author = defaultAuthor();
    if (!author.isEmpty() && author != m_document->author()) {
        QSettings().setValue(kAuthorKey, author);
        m_document->setAuthor(author);
    }
    Comment comment;
    comment.nodeId = m_nodeId;
    comment.author = author;
    comment.text = body;
    m_document->undoStack()->push(new AddCommentCommand(m_document, comment));
    // The newest comment is at the end of the open ones: bring it into view.
    QTimer::singleShot(0, m_scroll, [this] {
        if (CommentCard *last = cards().isEmpty() ? nullptr : cards().constLast();
            last && !last->property("resolved").toBool())
            m_scroll->ensureWidgetVisible(last);
    });
    return true;
}

void CommentsPanel::editText(const Id &id, const QString &text)
{
    const Comment *c = m_document ? m_document->comment(id) : nullptr;
    if (!c || c->text == text)
        return;
    m_document->undoStack()->push(new ChangeValue<Comment, QString>(
        m_document, id, &Comment::text, text, tr("Edit comment by %1").arg(c->author)));
}

void CommentsPanel::setResolved(const Id &id, bool resolved)
{
    const Comment *c = m_document ? m_document->comment(id) : nullptr;
    if (!c || c->resolved == resolved)
        return;
    m_document->undoStack()->push(new ChangeValue<Comment, bool>(m_document, id, &Comment::resolved, resolved,
        resolved ? tr("Resolve comment by %1").arg(c->author) : tr("Reopen comment by %1").arg(c->author)));
}

void CommentsPanel::remove(const Id &id)
{
    if (m_document && m_document->comment(id))
        m_document->undoStack()->push(new RemoveCommentCommand(m_document, id));
}

} // namespace flowbench
