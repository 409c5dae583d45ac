// Map editing driven as a user would: a connection's properties in the properties dock,
// review comments on a node, and moving cards with the arrow keys. After every step the
// project file is reopened and checked: every edit is saved at once and undoes in one step.
#include "panels/commentcard.h"
#include "panels/commentspanel.h"
#include "document/projectdocument.h"
#include "map/edgeitem.h"
#include "shell/mainwindow.h"
#include "map/mapscene.h"
#include "map/mapview.h"
#include "map/nodeitem.h"
#include "shell/pluraltranslator.h"
#include "panels/propertiespanel.h"
#include "support/projectfile.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace flowbench;
using flowbench::testing::reopenProject;

namespace {
const Comment *commentIn(const Project &project, const QString &text)
{
    for (const Comment &c : project.comments)
        if (c.text == text)
            return &project.comments.at(project.comments.indexOf(c));
    return nullptr;
}

// Press, move and release in the view's viewport, as a mouse drag would.
void drag(MapView *view, const QPointF &fromScene, const QPointF &toScene)
{
    QWidget *viewport = view->viewport();
    const QPoint a = view->mapFromScene(fromScene);
    const QPoint b = view->mapFromScene(toScene);
    QTest::mousePress(viewport, Qt::LeftButton, {}, a);
    for (int i = 1; i <= 5; ++i) {
        const QPoint p = a + (b - a) * i / 5;
        QMouseEvent move(QEvent::MouseMove, p, viewport->mapToGlobal(p), Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(viewport, &move);
    }
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, b);
}

template <typename W>
W *child(QObject *parent, const char *name)
{
    return parent->findChild<W *>(QString::fromLatin1(name));
}

CommentCard *cardWithText(CommentsPanel *panel, const QString &text)
{
    for (CommentCard *card : panel->cards())
        if (auto *label = child<QLabel>(card, "commentText"); label && label->text() == text)
            return card;
    return nullptr;
}
} // namespace

class TestMapEditing : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void clickedEdgeShowsItsProperties();
    void edgeKindAndLabelEditsAreOneUndoStepEach();
    void deleteEdgeByButtonAndByKey();
    void commentsEmptyStates();
    void addResolveEditDeleteCommentsAndUndo();
    void commentsGoAndComeBackWithTheirNode();
    void arrowKeysNudgeAndOneUndoRestores();
    void nudgeRunsEndWithTheSelectionOrADrag();
    void nudgedCardsStayInSight();
    void arrowsInTextFieldsDoNotNudge();
    void noNudgeWhileRenaming();
    void screenshotOfEdgeAndComments();

private:
    Id add(NodeKind kind, double x, double y) { return m_window->addNode(kind, QPointF(x, y)); }
    Id connectedPair(Id *from = nullptr, Id *to = nullptr);
    void clickEdge(const Id &edgeId);
    QString m_path;
    QTemporaryDir *m_dir = nullptr;
    MainWindow *m_window = nullptr;
};

void TestMapEditing::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings stay out of $HOME
    QApplication::setOrganizationName(QStringLiteral("FlowbenchTest"));
    QApplication::setApplicationName(QStringLiteral("tst_mapediting"));
    QApplication::installTranslator(new PluralTranslator(qApp));
    QSettings().clear();
}

void TestMapEditing::init()
{
    m_dir = new QTemporaryDir;
    m_path = m_dir->filePath(QStringLiteral("map.flowbench"));
    m_window = new MainWindow;
    m_window->resize(1400, 900);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    const Status s = m_window->newProjectFile(m_path);
    QVERIFY2(s.ok(), qPrintable(s.error()));
}

void TestMapEditing::cleanup()
{
    delete m_window;
    m_window = nullptr;
    delete m_dir;
}

Id TestMapEditing::connectedPair(Id *from, Id *to)
{
    const Id a = add(NodeKind::Api, 0, 0);
    const Id b = add(NodeKind::Table, 400, 0);
    ProjectDocument *doc = m_window->document();
    m_window->mapScene()->connectNodes(a, b, EdgeKind::Calls);
    if (from)
        *from = a;
    if (to)
        *to = b;
    return doc->edges().first().id;
}

// A real click on the middle of the connection's curve.
void TestMapEditing::clickEdge(const Id &edgeId)
{
    MapView *view = m_window->mapView();
    EdgeItem *item = m_window->mapScene()->edgeItem(edgeId);
    QVERIFY(item);
    view->resetZoom();
    const QPointF middle = item->mapToScene(item->path().pointAtPercent(0.5));
    view->centerOn(middle);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(middle));
}

void TestMapEditing::clickedEdgeShowsItsProperties()
{
    Id a, b;
    const Id edge = connectedPair(&a, &b);
    clickEdge(edge);
    QCOMPARE(m_window->mapScene()->selectedEdgeIds(), QList<Id>{edge});
    QVERIFY(m_window->mapScene()->selectedNodeIds().isEmpty());

    PropertiesPanel *panel = m_window->propertiesPanel();
    auto *kind = child<QComboBox>(panel, "edgeKindCombo");
    auto *from = child<QLabel>(panel, "edgeFromLabel");
    auto *to = child<QLabel>(panel, "edgeToLabel");
    QVERIFY(kind && from && to);
    QTRY_VERIFY_WITH_TIMEOUT(kind->isVisible(), 2000);
    QCOMPARE(kind->currentData().toString(), QStringLiteral("calls"));
    QCOMPARE(kind->count(), int(allEdgeKinds().size()));
    QVERIFY2(from->text().contains(QStringLiteral("New api endpoint")), qPrintable(from->text()));
    QVERIFY2(to->text().contains(QStringLiteral("New table")), qPrintable(to->text()));
    // The node fields are not on show for a connection.
    QVERIFY(!child<QLineEdit>(panel, "nameEdit")->isVisible());

    // Renaming an end shows at once.
    Node renamed = *m_window->document()->node(b);
    renamed.name = QStringLiteral("orders");
    QVERIFY(m_window->document()->updateNode(renamed));
    QVERIFY2(to->text().contains(QStringLiteral("orders")), qPrintable(to->text()));

    // Clicking an end selects that node (and shows the node's fields again).
    emit from->linkActivated(a);
    QCOMPARE(m_window->mapScene()->selectedNodeIds(), QList<Id>{a});
    QTRY_VERIFY_WITH_TIMEOUT(child<QLineEdit>(panel, "nameEdit")->isVisible(), 2000);
    QVERIFY(!kind->isVisible());
}

void TestMapEditing::edgeKindAndLabelEditsAreOneUndoStepEach()
{
    const Id edge = connectedPair();
    clickEdge(edge);
    PropertiesPanel *panel = m_window->propertiesPanel();
    auto *kind = child<QComboBox>(panel, "edgeKindCombo");
    auto *label = child<QLineEdit>(panel, "edgeLabelEdit");
    QUndoStack *stack = m_window->document()->undoStack();
    const int steps = stack->count();

    kind->setCurrentIndex(kind->findData(QStringLiteral("writes")));
    QCOMPARE(stack->count(), steps + 1);
    Project file = reopenProject(m_path);
    QCOMPARE(file.edges.size(), 1);
    QCOMPARE(toString(file.edges.first().kind), QStringLiteral("writes"));
    QVERIFY(file.edges.first().label.isEmpty());

    label->setFocus();
    label->selectAll();
    QTest::keyClicks(label, QStringLiteral("order row"));
    QTest::keyClick(label, Qt::Key_Return);
    QCOMPARE(stack->count(), steps + 2);
    file = reopenProject(m_path);
    QCOMPARE(file.edges.first().label, QStringLiteral("order row"));
    QCOMPARE(toString(file.edges.first().kind), QStringLiteral("writes"));

    m_window->action(QStringLiteral("actionUndo"))->trigger();
    file = reopenProject(m_path);
    QVERIFY(file.edges.first().label.isEmpty());
    QCOMPARE(toString(file.edges.first().kind), QStringLiteral("writes"));
    QVERIFY(label->text().isEmpty()); // the panel follows the document

    m_window->action(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(toString(reopenProject(m_path).edges.first().kind), QStringLiteral("calls"));
    QCOMPARE(kind->currentData().toString(), QStringLiteral("calls"));
    QCOMPARE(stack->count(), steps + 2); // undone steps stay for redo
    QCOMPARE(stack->index(), steps);

    m_window->action(QStringLiteral("actionRedo"))->trigger();
    QCOMPARE(toString(reopenProject(m_path).edges.first().kind), QStringLiteral("writes"));
}

void TestMapEditing::deleteEdgeByButtonAndByKey()
{
    const Id edge = connectedPair();
    clickEdge(edge);
    PropertiesPanel *panel = m_window->propertiesPanel();
    auto *remove = child<QPushButton>(panel, "deleteEdgeButton");
    QVERIFY(remove);
    QTRY_VERIFY_WITH_TIMEOUT(remove->isVisible(), 2000);
    remove->click();
    Project file = reopenProject(m_path);
    QVERIFY(file.edges.isEmpty());
    QCOMPARE(file.nodes.size(), 2); // the ends stay
    QCOMPARE(m_window->mapScene()->edgeItemCount(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!remove->isVisible(), 2000);

    m_window->action(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(reopenProject(m_path).edges.size(), 1);
    QCOMPARE(reopenProject(m_path).edges.first().id, edge);

    // The Delete key on the map removes the selected connection, without a question.
    clickEdge(edge);
    QCOMPARE(m_window->mapScene()->selectedEdgeIds(), QList<Id>{edge});
    m_window->mapView()->setFocus();
    QTest::keyClick(m_window->mapView(), Qt::Key_Delete);
    QVERIFY(reopenProject(m_path).edges.isEmpty());
    QCOMPARE(reopenProject(m_path).nodes.size(), 2);
    QTest::keyClick(m_window->mapView(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(reopenProject(m_path).edges.size(), 1);
}

void TestMapEditing::commentsEmptyStates()
{
    CommentsPanel *panel = m_window->commentsPanel();
    auto *empty = child<QLabel>(panel, "commentsEmptyLabel");
    m_window->mapScene()->clearSelection();
    QVERIFY2(empty->text().contains(QStringLiteral("Select a node")), qPrintable(empty->text()));
    QVERIFY(!child<QPlainTextEdit>(panel, "newCommentEdit")->isVisibleTo(panel));

    const Id a = add(NodeKind::Queue, 0, 0);
    const Id b = add(NodeKind::Cache, 300, 0);
    m_window->mapScene()->selectNodes({a});
    QCOMPARE(panel->nodeId(), a);
    auto *none = child<QLabel>(panel, "noCommentsLabel");
    QVERIFY(none);
    QVERIFY2(none->text().contains(QStringLiteral("No comments on “New queue”")), qPrintable(none->text()));
    QVERIFY(child<QPlainTextEdit>(panel, "newCommentEdit")->isVisibleTo(panel));
    // Posting is offered only once there is text.
    QVERIFY(!child<QPushButton>(panel, "postCommentButton")->isEnabled());

    m_window->mapScene()->selectNodes({a, b});
    QVERIFY2(empty->text().contains(QStringLiteral("2 nodes selected")), qPrintable(empty->text()));
    QVERIFY(panel->cards().isEmpty());
}

void TestMapEditing::addResolveEditDeleteCommentsAndUndo()
{
    const Id node = add(NodeKind::Table, 0, 0);
    m_window->mapScene()->selectNodes({node});
    CommentsPanel *panel = m_window->commentsPanel();
    auto *text = child<QPlainTextEdit>(panel, "newCommentEdit");
    auto *author = child<QLineEdit>(panel, "commentAuthorEdit");
    auto *post = child<QPushButton>(panel, "postCommentButton");
    QVERIFY(text && author && post);
    QUndoStack *stack = m_window->document()->undoStack();
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

    Project file = reopenProject(m_path);
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
    QVERIFY(child<QDockWidget>(m_window, "commentsDock")->windowTitle().contains(QStringLiteral("(2)")));
    QCOMPARE(m_window->document()->openCommentCount(node), 2); // what a card marker would show

    // Resolve the first: it moves into the folded "Resolved" section, greyed.
    CommentCard *card = cardWithText(panel, firstAdded.text);
    QVERIFY(card);
    child<QToolButton>(card, "resolveCommentButton")->click();
    file = reopenProject(m_path);
    QVERIFY(commentIn(file, QStringLiteral("Is the index on customer_id still needed?"))->resolved);
    QCOMPARE(m_window->document()->openCommentCount(node), 1);
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
    file = reopenProject(m_path);
    QVERIFY(commentIn(file, QStringLiteral("Retention: rows older than 3 years go")));
    QVERIFY(!commentIn(file, QStringLiteral("Retention: rows older than 2 years go")));

    // Delete it.
    card = cardWithText(panel, QStringLiteral("Retention: rows older than 3 years go"));
    QVERIFY(card);
    child<QToolButton>(card, "deleteCommentButton")->click();
    file = reopenProject(m_path);
    QCOMPARE(file.comments.size(), 1);
    QCOMPARE(stack->count(), steps + 5); // add, add, resolve, edit, delete
    QTRY_COMPARE_WITH_TIMEOUT(panel->cards().size(), 1, 2000);

    // Each undo takes back one step, in the file and in the panel.
    QAction *undo = m_window->action(QStringLiteral("actionUndo"));
    undo->trigger();
    file = reopenProject(m_path);
    QCOMPARE(file.comments.size(), 2);
    QVERIFY(commentIn(file, QStringLiteral("Retention: rows older than 3 years go")));
    QVERIFY(cardWithText(panel, QStringLiteral("Retention: rows older than 3 years go")));
    undo->trigger();
    QVERIFY(commentIn(reopenProject(m_path), QStringLiteral("Retention: rows older than 2 years go")));
    undo->trigger();
    QVERIFY(!commentIn(reopenProject(m_path), QStringLiteral("Is the index on customer_id still needed?"))->resolved);
    QVERIFY(!child<QToolButton>(panel, "resolvedToggle"));
    undo->trigger();
    undo->trigger();
    QVERIFY(reopenProject(m_path).comments.isEmpty());
    QVERIFY(child<QLabel>(panel, "noCommentsLabel"));
    QCOMPARE(m_window->document()->openCommentCount(node), 0);

    // Redo brings back the same comment (id, author and time).
    m_window->action(QStringLiteral("actionRedo"))->trigger();
    file = reopenProject(m_path);
    QCOMPARE(file.comments.size(), 1);
    QCOMPARE(file.comments.first(), firstAdded);
}

void TestMapEditing::commentsGoAndComeBackWithTheirNode()
{
    const Id node = add(NodeKind::Service, 0, 0);
    m_window->mapScene()->selectNodes({node});
    QVERIFY(m_window->commentsPanel()->addComment(QStringLiteral("Owner unclear")));
    const Project before = reopenProject(m_path);
    QCOMPARE(before.comments.size(), 1);
    QTimer::singleShot(0, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            for (QAbstractButton *b : box->buttons())
                if (b->text() == QStringLiteral("Delete"))
                    b->click();
    });
    m_window->deleteSelection(true); // asks: "This also deletes 1 comment"
    QVERIFY(reopenProject(m_path).comments.isEmpty());
    m_window->action(QStringLiteral("actionUndo"))->trigger();
    const Project after = reopenProject(m_path);
    QCOMPARE(after.comments, before.comments);
    m_window->mapScene()->selectNodes({node});
    QCOMPARE(m_window->commentsPanel()->cards().size(), 1);
}

void TestMapEditing::arrowKeysNudgeAndOneUndoRestores()
{
    const Id a = add(NodeKind::Service, 40, 60);
    const Id b = add(NodeKind::Queue, 400, 60);
    m_window->mapScene()->selectNodes({a, b});
    MapView *view = m_window->mapView();
    view->setFocus();
    QUndoStack *stack = m_window->document()->undoStack();
    const int steps = stack->count();

    QTest::keyClick(view, Qt::Key_Right);
    QTest::keyClick(view, Qt::Key_Right);
    Project file = reopenProject(m_path);
    QCOMPARE(file.node(a)->x, 60.0);
    QCOMPARE(file.node(a)->y, 60.0);
    QCOMPARE(file.node(b)->x, 420.0);
    QTest::keyClick(view, Qt::Key_Down, Qt::ShiftModifier); // 50 px
    QTest::keyClick(view, Qt::Key_Up);
    file = reopenProject(m_path);
    QCOMPARE(file.node(a)->x, 60.0);
    QCOMPARE(file.node(a)->y, 100.0);
    QCOMPARE(file.node(b)->y, 100.0);
    // The cards follow the file.
    QCOMPARE(m_window->mapScene()->nodeItem(a)->pos(), QPointF(60, 100));
    QCOMPARE(stack->count(), steps + 1); // the whole run is one step
    QCOMPARE(m_window->action(QStringLiteral("actionUndo"))->text(), QStringLiteral("&Undo Nudge 2 nodes"));

    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    file = reopenProject(m_path);
    QCOMPARE(file.node(a)->x, 40.0);
    QCOMPARE(file.node(a)->y, 60.0);
    QCOMPARE(file.node(b)->x, 400.0);
    QCOMPARE(m_window->mapScene()->nodeItem(b)->pos(), QPointF(400, 60));
    QCOMPARE(stack->index(), steps);

    // The actions are in the Map menu with their keys.
    QAction *left = m_window->action(QStringLiteral("actionNudgeLeftFar"));
    QVERIFY(left);
    QCOMPARE(left->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_Left));
    QCOMPARE(left->shortcutContext(), Qt::WidgetWithChildrenShortcut);
    QVERIFY(m_window->mapView()->actions().contains(left));
}

void TestMapEditing::nudgeRunsEndWithTheSelectionOrADrag()
{
    const Id a = add(NodeKind::Service, 0, 0);
    const Id b = add(NodeKind::Table, 400, 0);
    MapView *view = m_window->mapView();
    QUndoStack *stack = m_window->document()->undoStack();
    m_window->mapScene()->selectNodes({a});
    view->setFocus();
    const int steps = stack->count();
    QTest::keyClick(view, Qt::Key_Left);
    m_window->mapScene()->selectNodes({b});
    m_window->mapScene()->selectNodes({a}); // the same node again: a new run
    QTest::keyClick(view, Qt::Key_Left);
    QCOMPARE(stack->count(), steps + 2);
    QCOMPARE(reopenProject(m_path).node(a)->x, -20.0);
    m_window->action(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(reopenProject(m_path).node(a)->x, -10.0);

    // With nothing selected the arrows do not move anything (the view may scroll).
    m_window->mapScene()->clearSelection();
    QTest::keyClick(view, Qt::Key_Right);
    QCOMPARE(stack->index(), steps + 1);
    QCOMPARE(reopenProject(m_path).node(a)->x, -10.0);

    // A nudge after a mouse drag is a step of its own: undo keeps the drag.
    view->resetZoom();
    const QPointF start = m_window->mapScene()->nodeItem(a)->sceneBoundingRect().center() + QPointF(-40, 10);
    view->centerOn(start);
    drag(view, start, start + QPointF(100, 0));
    QCOMPARE(stack->index(), steps + 2);
    const double dragged = reopenProject(m_path).node(a)->x;
    QVERIFY2(qAbs(dragged - 90) < 3, qPrintable(QString::number(dragged)));
    QCOMPARE(m_window->mapScene()->selectedNodeIds(), QList<Id>{a});
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Right);
    QCOMPARE(stack->index(), steps + 3);
    QCOMPARE(reopenProject(m_path).node(a)->x, dragged + 10);
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(reopenProject(m_path).node(a)->x, dragged);
}

void TestMapEditing::nudgedCardsStayInSight()
{
    const Id a = add(NodeKind::Job, 0, 0);
    MapView *view = m_window->mapView();
    view->resetZoom();
    NodeItem *item = m_window->mapScene()->nodeItem(a);
    // The card at the right edge of the view.
    const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
    view->centerOn(item->sceneBoundingRect().right() - visible.width() / 2 + 20, item->sceneBoundingRect().center().y());
    m_window->mapScene()->selectNodes({a});
    view->setFocus();
    for (int i = 0; i < 6; ++i)
        QTest::keyClick(view, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(reopenProject(m_path).node(a)->x, 300.0);
    const QRectF now = view->mapToScene(view->viewport()->rect()).boundingRect();
    QVERIFY2(now.contains(item->sceneBoundingRect()), qPrintable(QStringLiteral("card at x %1, view up to %2")
                                                                  .arg(item->sceneBoundingRect().right())
                                                                  .arg(now.right())));
}

void TestMapEditing::arrowsInTextFieldsDoNotNudge()
{
    const Id a = add(NodeKind::Api, 0, 0);
    m_window->mapScene()->selectNodes({a});
    auto *name = child<QLineEdit>(m_window->propertiesPanel(), "nameEdit");
    QVERIFY(name && name->isVisible());
    name->setFocus();
    QVERIFY(name->hasFocus());
    name->setCursorPosition(3);
    QTest::keyClick(name, Qt::Key_Left);
    QCOMPARE(name->cursorPosition(), 2); // the caret moved, the node did not
    QTest::keyClick(name, Qt::Key_Up);
    QTest::keyClick(name, Qt::Key_Down, Qt::ShiftModifier);
    const Node stored = *reopenProject(m_path).node(a);
    QCOMPARE(stored.x, 0.0);
    QCOMPARE(stored.y, 0.0);
}

void TestMapEditing::noNudgeWhileRenaming()
{
    const Id a = add(NodeKind::Table, 0, 0);
    MapView *view = m_window->mapView();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_F2);
    auto *editor = view->findChild<QLineEdit *>(QStringLiteral("renameEditor"));
    QVERIFY(editor);
    QTRY_VERIFY_WITH_TIMEOUT(editor->hasFocus(), 2000);
    editor->setCursorPosition(editor->text().size());
    for (Qt::Key key : {Qt::Key_Left, Qt::Key_Down, Qt::Key_Down, Qt::Key_Right})
        QTest::keyClick(editor, key);
    QTest::keyClick(editor, Qt::Key_Down, Qt::ShiftModifier);
    QTest::keyClick(editor, Qt::Key_Left);
    QCOMPARE(editor->cursorPosition(), editor->text().size() - 1); // the caret moves
    Node stored = *reopenProject(m_path).node(a);
    QCOMPARE(stored.x, 0.0);
    QCOMPARE(stored.y, 0.0);
    QTest::keyClick(editor, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(view->hasFocus(), 2000);
    // Back on the map, the arrows move the card again.
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(reopenProject(m_path).node(a)->y, 10.0);
    QCOMPARE(reopenProject(m_path).node(a)->name, QStringLiteral("New table"));
}

void TestMapEditing::screenshotOfEdgeAndComments()
{
    const Id api = add(NodeKind::Api, 0, 0);
    const Id service = add(NodeKind::Service, 320, 0);
    const Id table = add(NodeKind::Table, 640, 0);
    ProjectDocument *doc = m_window->document();
    for (auto [id, name] : {std::pair{api, "POST /orders"}, std::pair{service, "orders-service"}, std::pair{table, "orders"}}) {
        Node n = *doc->node(id);
        n.name = QString::fromLatin1(name);
        QVERIFY(doc->updateNode(n));
    }
    m_window->mapScene()->connectNodes(api, service, EdgeKind::Calls);
    m_window->mapScene()->connectNodes(service, table, EdgeKind::Writes);
    m_window->mapView()->fitToContent();

    // A node with an open and a resolved comment, comments dock in front.
    m_window->mapScene()->selectNodes({table});
    CommentsPanel *comments = m_window->commentsPanel();
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
    child<QDockWidget>(m_window, "commentsDock")->raise();
    QTest::qWait(100);
    const QString commentsShot = QDir::temp().filePath(QStringLiteral("flowbench-comments.png"));
    QVERIFY(m_window->grab().save(commentsShot));
    qInfo("comments grabbed to %s", qPrintable(commentsShot));

    // A selected connection in the properties dock.
    const Id edge = doc->edgesOfNode(table).first().id;
    m_window->mapScene()->clearSelection();
    m_window->mapScene()->edgeItem(edge)->setSelected(true);
    child<QLineEdit>(m_window->propertiesPanel(), "edgeLabelEdit")->setText(QStringLiteral("insert order row"));
    emit child<QLineEdit>(m_window->propertiesPanel(), "edgeLabelEdit")->editingFinished();
    QCOMPARE(reopenProject(m_path).edges.size(), 2);
    QTest::qWait(100);
    const QString edgeShot = QDir::temp().filePath(QStringLiteral("flowbench-edge.png"));
    QVERIFY(m_window->grab().save(edgeShot));
    qInfo("edge grabbed to %s", qPrintable(edgeShot));
    // At 900 px the test case editor's tall minimum leaves the properties dock little
    // room: float it to see the whole editor, as a user may.
    auto *props = child<QDockWidget>(m_window, "propertiesDock");
    props->setFloating(true);
    props->resize(440, 360);
    QTRY_VERIFY_WITH_TIMEOUT(child<QComboBox>(props, "edgeKindCombo")->isVisible(), 2000);
    QTest::qWait(100);
    const QString panelShot = QDir::temp().filePath(QStringLiteral("flowbench-edge-panel.png"));
    QVERIFY(props->grab().save(panelShot));
    qInfo("edge properties grabbed to %s", qPrintable(panelShot));
}

QTEST_MAIN(TestMapEditing)
#include "tst_mapediting.moc"
