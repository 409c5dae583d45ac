// Review comments on the selected node: add, resolve, edit, delete, each one undo step
// saved at once; they go and come back with their node.
#include "map/mapstyle.h"
#include "panels/commentcard.h"
#include "panels/commentspanel.h"
#include "ui/screenshots.h"
#include "ui/windowfixture.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
const Comment *commentIn(const Project &project, const QString &text)
{
    for (const Comment &c : project.comments)
        if (c.text == text)
            return &project.comments.at(project.comments.indexOf(c));
    return nullptr;
}

CommentCard *cardWithText(CommentsPanel *panel, const QString &text)
{
    for (CommentCard *card : panel->cards())
        if (auto *label = child<QLabel>(card, "commentText"); label && label->text() == text)
            return card;
    return nullptr;
}
} // namespace

class TestCommentsPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_commentspanel")); }
    void init();
    void cleanup() { m_f.stop(); }
    void commentsEmptyStates();
    void addResolveEditDeleteCommentsAndUndo();
    void commentsGoAndComeBackWithTheirNode();
    void screenshotOfOpenAndResolvedComments();

private:
    WindowFixture m_f;
};

void TestCommentsPanel::init()
{
    QString error;
    QVERIFY2(m_f.start(&error, true), qPrintable(error));
}

void TestCommentsPanel::commentsEmptyStates()
{
    CommentsPanel *panel = m_f.window->commentsPanel();
    auto *empty = child<QLabel>(panel, "commentsEmptyLabel");
    m_f.scene()->clearSelection();
    QVERIFY2(empty->text().contains(QStringLiteral("Select a node")), qPrintable(empty->text()));
    QVERIFY(!child<QPlainTextEdit>(panel, "newCommentEdit")->isVisibleTo(panel));

    const Id a = m_f.add(NodeKind::Queue, 0, 0);
    const Id b = m_f.add(NodeKind::Cache, 300, 0);
    m_f.scene()->selectNodes({a});
    QCOMPARE(panel->nodeId(), a);
    auto *none = child<QLabel>(panel, "noCommentsLabel");
    QVERIFY(none);
    QVERIFY2(none->text().contains(QStringLiteral("No comments on “New queue”")), qPrintable(none->text()));
    QVERIFY(child<QPlainTextEdit>(panel, "newCommentEdit")->isVisibleTo(panel));
    // Posting is offered only once there is text.
    QVERIFY(!child<QPushButton>(panel, "postCommentButton")->isEnabled());

    m_f.scene()->selectNodes({a, b});
    QVERIFY2(empty->text().contains(QStringLiteral("2 nodes selected")), qPrintable(empty->text()));
    QVERIFY(panel->cards().isEmpty());
}

void TestCommentsPanel::addResolveEditDeleteCommentsAndUndo()
{
    const Id node = m_f.add(NodeKind::Table, 0, 0);
    m_f.scene()->selectNodes({node});
    CommentsPanel *panel = m_f.window->commentsPanel();
    auto *text = child<QPlainTextEdit>(panel, "newCommentEdit");
    auto *author = child<QLineEdit>(panel, "commentAuthorEdit");
    auto *post = child<QPushButton>(panel, "postCommentButton");
    QVERIFY(text && author && post);
    QUndoStack *stack = m_f.document()->undoStack();
    const int steps = stack->count();

    author->setText(QStringLiteral("alice"));
    text->setFocus();
    QTest::keyClicks(text, QStringLiteral("Is the index on customer_id still needed?"));
    QVERIFY(post->isEnabled());
    post->click();
    QVERIFY(text->toPlainText().isEmpty());
    QTest::keyClicks(text, QStringLiteral("Retention: rows older than 2 years go"));
    QTest::keyClick(text, Qt::Key_Return, Qt::ControlModifier); // Ctrl+Enter posts
    QCOMPARE(stack->count(), steps + 2);

    Project file = m_f.file();
    QCOMPARE(file.comments.size(), 2);
    const Comment *first = commentIn(file, QStringLiteral("Is the index on customer_id still needed?"));
    QVERIFY(first);
    const Comment firstAdded = *first;
    QCOMPARE(first->nodeId, node);
    QCOMPARE(first->author, QStringLiteral("alice"));
    QVERIFY(!first->resolved);
    QVERIFY(qAbs(first->createdAt.secsTo(QDateTime::currentDateTimeUtc())) < 600);
    // The author is remembered for the next time.
    QCOMPARE(CommentsPanel::defaultAuthor(), QStringLiteral("alice"));
    QCOMPARE(panel->cards().size(), 2);
    QVERIFY(child<QDockWidget>(m_f.window.get(), "commentsDock")->windowTitle().contains(QStringLiteral("(2)")));
    QCOMPARE(m_f.document()->openCommentCount(node), 2); // what a card marker would show

    // Resolve the first: it moves into the folded "Resolved" section, greyed.
    CommentCard *card = cardWithText(panel, firstAdded.text);
    QVERIFY(card);
    child<QToolButton>(card, "resolveCommentButton")->click();
    file = m_f.file();
    QVERIFY(commentIn(file, QStringLiteral("Is the index on customer_id still needed?"))->resolved);
    QCOMPARE(m_f.document()->openCommentCount(node), 1);
    QVERIFY(!commentIn(file, QStringLiteral("Retention: rows older than 2 years go"))->resolved);
    auto *toggle = child<QToolButton>(panel, "resolvedToggle");
    QVERIFY(toggle);
    QCOMPARE(toggle->text(), QStringLiteral("Resolved (1)"));
    card = cardWithText(panel, QStringLiteral("Is the index on customer_id still needed?"));
    QVERIFY(card && card->property("resolved").toBool());
    QVERIFY(!card->isVisibleTo(panel)); // folded away
    toggle->click();
    QVERIFY(card->isVisibleTo(panel));
    QCOMPARE(child<QToolButton>(card, "resolveCommentButton")->text(), QStringLiteral("Reopen"));

    // Edit the second one's text.
    card = cardWithText(panel, QStringLiteral("Retention: rows older than 2 years go"));
    child<QToolButton>(card, "editCommentButton")->click();
    auto *editor = child<QPlainTextEdit>(card, "commentEditor");
    QVERIFY(editor && editor->isVisibleTo(panel));
    editor->setPlainText(QStringLiteral("Retention: rows older than 3 years go"));
    child<QPushButton>(card, "saveCommentButton")->click();
    file = m_f.file();
    QVERIFY(commentIn(file, QStringLiteral("Retention: rows older than 3 years go")));
    QVERIFY(!commentIn(file, QStringLiteral("Retention: rows older than 2 years go")));

    // Delete it.
    card = cardWithText(panel, QStringLiteral("Retention: rows older than 3 years go"));
    QVERIFY(card);
    child<QToolButton>(card, "deleteCommentButton")->click();
    file = m_f.file();
    QCOMPARE(file.comments.size(), 1);
    QCOMPARE(stack->count(), steps + 5); // add, add, resolve, edit, delete
    QTRY_COMPARE_WITH_TIMEOUT(panel->cards().size(), 1, 2000);

    // Each undo takes back one step, in the file and in the panel.
    QAction *undo = m_f.window->action(QStringLiteral("actionUndo"));
    undo->trigger();
    file = m_f.file();
    QCOMPARE(file.comments.size(), 2);
    QVERIFY(commentIn(file, QStringLiteral("Retention: rows older than 3 years go")));
    QVERIFY(cardWithText(panel, QStringLiteral("Retention: rows older than 3 years go")));
    undo->trigger();
    QVERIFY(commentIn(m_f.file(), QStringLiteral("Retention: rows older than 2 years go")));
    undo->trigger();
    QVERIFY(!commentIn(m_f.file(), QStringLiteral("Is the index on customer_id still needed?"))->resolved);
    QVERIFY(!child<QToolButton>(panel, "resolvedToggle"));
    undo->trigger();
    undo->trigger();
    QVERIFY(m_f.file().comments.isEmpty());
    QVERIFY(child<QLabel>(panel, "noCommentsLabel"));
    QCOMPARE(m_f.document()->openCommentCount(node), 0);

    // Redo brings back the same comment (id, author and time).
    m_f.window->action(QStringLiteral("actionRedo"))->trigger();
    file = m_f.file();
    QCOMPARE(file.comments.size(), 1);
    QCOMPARE(file.comments.first(), firstAdded);
}

void TestCommentsPanel::commentsGoAndComeBackWithTheirNode()
{
    const Id node = m_f.add(NodeKind::Service, 0, 0);
    m_f.scene()->selectNodes({node});
    QVERIFY(m_f.window->commentsPanel()->addComment(QStringLiteral("Owner unclear")));
    const Project before = m_f.file();
    QCOMPARE(before.comments.size(), 1);
    QTimer::singleShot(0, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            for (QAbstractButton *b : box->buttons())
                if (b->text() == QStringLiteral("Delete"))
                    b->click();
    });
    m_f.window->mapEditor()->deleteSelection(true); // asks: "This also deletes 1 comment"
    QVERIFY(m_f.file().comments.isEmpty());
    m_f.window->action(QStringLiteral("actionUndo"))->trigger();
    const Project after = m_f.file();
    QCOMPARE(after.comments, before.comments);
    m_f.scene()->selectNodes({node});
    QCOMPARE(m_f.window->commentsPanel()->cards().size(), 1);
}

void TestCommentsPanel::screenshotOfOpenAndResolvedComments()
{
    const Id api = m_f.add(NodeKind::Api, 0, 0);
    const Id table = m_f.add(NodeKind::Table, 640, 0);
    m_f.scene()->connectNodes(api, table, EdgeKind::Writes);
    m_f.view()->fitToContent();

    // A node with an open and a resolved comment, comments dock in front.
    m_f.scene()->selectNodes({ table });
    CommentsPanel *comments = m_f.window->commentsPanel();
    child<QLineEdit>(comments, "commentAuthorEdit")->setText(QStringLiteral("dana"));
    QVERIFY(comments->addComment(QStringLiteral("Is the index on customer_id still needed after the migration?")));
    child<QLineEdit>(comments, "commentAuthorEdit")->setText(QStringLiteral("sam"));
    QVERIFY(comments->addComment(QStringLiteral("Retention: rows older than 2 years are archived nightly.")));
    QVERIFY(comments->addComment(QStringLiteral("Owner confirmed: team Orders.")));
    CommentCard *owner = cardWithText(comments, QStringLiteral("Owner confirmed: team Orders."));
    QVERIFY(owner);
    child<QToolButton>(owner, "resolveCommentButton")->click();
    if (auto *toggle = child<QToolButton>(comments, "resolvedToggle"); toggle && !toggle->isChecked())
        toggle->click();
    auto *dock = child<QDockWidget>(m_f.window.get(), "commentsDock");
    dock->raise();
    QCOMPARE(dock->windowTitle(), QStringLiteral("Comments (2)"));
    // Three cards in the dock, the resolved one shown (unfolded).
    QCOMPARE(comments->cards().size(), 3);
    CommentCard *resolved = cardWithText(comments, QStringLiteral("Owner confirmed: team Orders."));
    QVERIFY(resolved && resolved->property("resolved").toBool());
    QVERIFY(resolved->isVisible());
    // The card's bubble counts the two open comments: amber, left of the risk dot, on
    // the card's top edge; with the comments in the dock, and at 100 % without a selection.
    const Node *n = m_f.document()->node(table);
    auto bubbleIn = [&](const QImage &shot) {
        const QPoint bubble = m_f.view()->viewport()->mapTo(m_f.window.get(),
            m_f.view()->mapFromScene(QPointF(n->x + MapStyle::kNodeWidth - 43, n->y - 1)));
        return near(pixelAt(shot, bubble), QColor(0xd9, 0x77, 0x06));
    };
    Screenshots shots;
    QTest::qWait(100);
    QVERIFY(bubbleIn(shots.grab(m_f.window.get(), QStringLiteral("comments"))));
    m_f.scene()->clearSelection();
    m_f.view()->setZoom(1.0, QPointF(n->x, n->y));
    m_f.view()->centerOn(QPointF(n->x + 100, n->y + 40));
    QTest::qWait(100);
    QVERIFY(bubbleIn(shots.grab(m_f.window.get(), QStringLiteral("comments-bubble"))));
}

QTEST_MAIN(TestCommentsPanel)
#include "tst_commentspanel.moc"
