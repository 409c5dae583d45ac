// Moves are edits like any other on a shared project (issue 14 items 2 and 3): two
// documents moving the same node, a move and a rename of one node, undo of a move after
// someone else's, a layout over a node someone moved; and who moved what in the history.
// Each case runs on a real PostgreSQL the test starts and on two documents over one SQLite
// file (the same path through the store). B's document has not taken A's edit in where
// that matters: no watcher runs, syncs are explicit.
#undef QT_NO_CAST_FROM_ASCII
#include "document/applylayoutcommand.h"
#include "document/changevalue.h"
#include "document/movenodescommand.h"
#include "document/projectdocument.h"
#include "model/projectchangeset.h"
#include "store/databasefile.h"
#include "store/editlog.h"
#include "store/projectstore.h"
#include "support/documentuser.h"
#include "support/sharedprojectserver.h"
#include "support/testenv.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

struct Person : DocumentUser
{
    QPointF at(const Id &id) const
    {
        const Node *n = doc->node(id);
        return n ? QPointF(n->x, n->y) : QPointF(-1, -1);
    }
    void move(const Id &id, double x, double y)
    {
        const Node *n = doc->node(id);
        QVERIFY(n);
        doc->undoStack()->push(
            new MoveNodesCommand(doc.get(), { { id, n->x, n->y, n->pinned } }, { { id, x, y, false } }));
    }
};

Node node(const QString &name, double x)
{
    Node n;
    n.id = newId();
    n.kind = NodeKind::Api;
    n.name = name;
    n.x = x;
    n.revision = 1;
    return n;
}
} // namespace

class TestSharedMoves : public QObject
{
    Q_OBJECT

private:
    SharedProjectServer m_pg;
    QTemporaryDir m_dir;
    QList<Id> m_nodes;
    Id m_edge;
    QString m_where; // the project the last open() wrote
    int m_projects = 0;

    // A fresh project of three nodes in a row and an edge, shared or a file, opened by
    // alice (a) and bob (b).
    bool open(bool shared, std::unique_ptr<Person> &a, std::unique_ptr<Person> &b)
    {
        const QString name = QStringLiteral("moves%1").arg(++m_projects);
        Project p;
        p.name = name;
        p.nodes = { node("Orders API", 0), node("Payments API", 200), node("Stock API", 400) };
        p.edges = { Edge { newId(), p.nodes[0].id, p.nodes[1].id, EdgeKind::Calls, "pays", 1 } };
        m_nodes.clear();
        for (const Node &n : p.nodes)
            m_nodes << n.id;
        m_edge = p.edges[0].id;
        m_where = shared ? m_pg.url(name) : m_dir.filePath(name + ".flowbench");
        const Status written = shared
            ? ProjectStore::writeShared(ProjectLocation::parse(m_where).value(), p, false)
            : writeProjectFile(p, m_where);
        if (!written) {
            qWarning() << written.error();
            return false;
        }
        a = person("alice");
        b = person("bob");
        return a && b;
    }
    std::unique_ptr<Person> person(const QString &author)
    {
        auto p = std::make_unique<Person>();
        return p->open(m_where, author) ? std::move(p) : nullptr;
    }
    Node stored(const Id &id) const
    {
        auto store = ProjectStore::open(m_where);
        if (!store)
            return Node();
        const Result<Node> n = store.value()->node(id);
        return n ? n.value() : Node();
    }
    QPointF storedAt(const Id &id) const
    {
        const Node n = stored(id);
        return QPointF(n.x, n.y);
    }
    QList<EditLogEntry> positionLines(const Id &id) const
    {
        auto store = ProjectStore::open(m_where);
        QList<EditLogEntry> lines;
        if (!store)
            return lines;
        const Result<QList<EditLogEntry>> history = store.value()->history(id);
        for (const EditLogEntry &e : history.value())
            if (e.entityId == id && e.field == QLatin1String("position"))
                lines << e;
        return lines;
    }

    void backends()
    {
        QTest::addColumn<bool>("shared");
        QTest::newRow("shared") << true;
        QTest::newRow("file") << false;
    }

private slots:
    void initTestCase()
    {
        isolateSettings("tst_sharedmoves");
        QVERIFY(m_dir.isValid());
        if (!m_pg.start() && m_pg.isRequired())
            QFAIL(m_pg.whyNot());
    }
    void cleanupTestCase() { QVERIFY2(m_pg.stopIfRunning(), qPrintable(m_pg.errorString())); }

    // Both move the same node; B has not seen A's move. B's move is refused, showing both
    // places; B's document shows theirs; keep theirs leaves it, apply mine writes mine as
    // a new undoable edit.
    void sameNodeMovedByBoth_data()
    {
        QTest::addColumn<bool>("shared");
        QTest::addColumn<bool>("applyMine");
        for (bool shared : { true, false })
            for (bool apply : { false, true })
                QTest::addRow("%s, %s", shared ? "shared" : "file", apply ? "apply mine" : "keep theirs")
                    << shared << apply;
    }
    void sameNodeMovedByBoth()
    {
        QFETCH(bool, shared);
        QFETCH(bool, applyMine);
        if (shared && !m_pg.started())
            QSKIP(m_pg.whyNot());
        std::unique_ptr<Person> a, b;
        QVERIFY(open(shared, a, b));
        const Id n = m_nodes.at(0);
        a->move(n, 100, 50);
        QVERIFY(a->conflicts.isEmpty());
        b->move(n, 300, 300.4);
        QCOMPARE(b->conflicts.size(), 1);
        const EditConflict c = b->conflicts.first();
        QCOMPARE(c.step, EditConflict::Step::Edit);
        QCOMPARE(c.kind, QStringLiteral("node"));
        QCOMPARE(c.id, n);
        QCOMPARE(c.item, QStringLiteral("Orders API"));
        QCOMPARE(c.field, QStringLiteral("position"));
        QCOMPARE(c.theirs, QStringLiteral("(100, 50)"));
        QCOMPARE(c.mine, QStringLiteral("(300, 300)"));
        QCOMPARE(b->doc->undoStack()->count(), 0);
        QCOMPARE(b->at(n), QPointF(100, 50));
        QCOMPARE(storedAt(n), QPointF(100, 50));

        if (!applyMine) {
            QVERIFY(b->doc->keepTheirs(c).ok());
            QCOMPARE(b->at(n), QPointF(100, 50));
            QCOMPARE(storedAt(n), QPointF(100, 50));
            QCOMPARE(b->doc->undoStack()->count(), 0);
            return;
        }
        QVERIFY(b->doc->applyMine(c).ok());
        QCOMPARE(b->conflicts.size(), 1);
        QCOMPARE(storedAt(n), QPointF(300, 300.4));
        QCOMPARE(b->at(n), QPointF(300, 300.4));
        QCOMPARE(b->doc->undoStack()->count(), 1);
        // Mine is an ordinary edit: undoing it brings theirs back.
        b->doc->undoStack()->undo();
        QCOMPARE(b->conflicts.size(), 1);
        QCOMPARE(storedAt(n), QPointF(100, 50));
    }

    // A move and a rename of the same node by two people both land, in either order, and
    // neither document had seen the other's edit.
    void moveAndRenameBothLand_data()
    {
        QTest::addColumn<bool>("shared");
        QTest::addColumn<bool>("moveFirst");
        for (bool shared : { true, false })
            for (bool moveFirst : { true, false })
                QTest::addRow("%s, %s", shared ? "shared" : "file",
                    moveFirst ? "move, then rename" : "rename, then move")
                    << shared << moveFirst;
    }
    void moveAndRenameBothLand()
    {
        QFETCH(bool, shared);
        QFETCH(bool, moveFirst);
        if (shared && !m_pg.started())
            QSKIP(m_pg.whyNot());
        std::unique_ptr<Person> a, b;
        QVERIFY(open(shared, a, b));
        const Id n = m_nodes.at(0);
        if (moveFirst) {
            a->move(n, 100, 50);
            b->rename(n, "Orders");
        } else {
            b->rename(n, "Orders");
            a->move(n, 100, 50);
        }
        QVERIFY(a->conflicts.isEmpty());
        QVERIFY(b->conflicts.isEmpty());
        QCOMPARE(a->doc->undoStack()->count(), 1);
        QCOMPARE(b->doc->undoStack()->count(), 1);
        const Node now = stored(n);
        QCOMPARE(now.name, QStringLiteral("Orders"));
        QCOMPARE(QPointF(now.x, now.y), QPointF(100, 50));
        // Each document takes the other's edit in: the rename shows at A, the move at B.
        QVERIFY(a->doc->syncWithStore().ok());
        QVERIFY(b->doc->syncWithStore().ok());
        QCOMPARE(a->doc->node(n)->name, QStringLiteral("Orders"));
        QCOMPARE(b->at(n), QPointF(100, 50));
        // And both undo their own edit only.
        a->doc->undoStack()->undo();
        b->doc->undoStack()->undo();
        QVERIFY(a->conflicts.isEmpty());
        QVERIFY(b->conflicts.isEmpty());
        QCOMPARE(stored(n).name, QStringLiteral("Orders API"));
        QCOMPARE(storedAt(n), QPointF(0, 0));
    }

    // A moved a node, then B (having seen it) moved it on. A's undo would put it back over
    // B's place: a conflict, A's step leaves the undo stack, B's place stays.
    void undoOfMyMoveAfterTheirsIsAConflict_data() { backends(); }
    void undoOfMyMoveAfterTheirsIsAConflict()
    {
        QFETCH(bool, shared);
        if (shared && !m_pg.started())
            QSKIP(m_pg.whyNot());
        std::unique_ptr<Person> a, b;
        QVERIFY(open(shared, a, b));
        const Id n = m_nodes.at(1);
        a->move(n, 210, 20);
        QVERIFY(b->doc->syncWithStore().ok());
        b->move(n, 500, 500);
        QVERIFY(b->conflicts.isEmpty());
        a->doc->undoStack()->undo();
        QCOMPARE(a->conflicts.size(), 1);
        const EditConflict c = a->conflicts.first();
        QCOMPARE(c.step, EditConflict::Step::Undo);
        QCOMPARE(c.field, QStringLiteral("position"));
        QCOMPARE(c.theirs, QStringLiteral("(500, 500)"));
        QCOMPARE(c.mine, QStringLiteral("(200, 0)"));
        QCOMPARE(storedAt(n), QPointF(500, 500));
        QCOMPARE(a->at(n), QPointF(500, 500));
        QCOMPARE(a->doc->undoStack()->count(), 0);
        // Apply mine: the undo's place, as a new edit on top of B's.
        QVERIFY(a->doc->applyMine(c).ok());
        QCOMPARE(storedAt(n), QPointF(200, 0));
        QCOMPARE(a->doc->undoStack()->count(), 1);
    }

    // A layout computed before B moved two of its nodes: one conflict naming two nodes,
    // nothing of the layout applied (also not the node nobody else moved, nor the edge's
    // route); apply mine applies the whole layout as a new edit.
    void layoutOverMovedNodesIsOneConflict_data() { backends(); }
    void layoutOverMovedNodesIsOneConflict()
    {
        QFETCH(bool, shared);
        if (shared && !m_pg.started())
            QSKIP(m_pg.whyNot());
        std::unique_ptr<Person> a, b;
        QVERIFY(open(shared, a, b));
        const Id n0 = m_nodes.at(0), n1 = m_nodes.at(1), n2 = m_nodes.at(2);
        auto *layout = new ApplyLayoutCommand(a->doc.get(),
            { { n0, 0, 300, false }, { n1, 0, 600, false }, { n2, 0, 900, false } },
            { { m_edge, { QPointF(0, 300), QPointF(0, 400), QPointF(0, 500), QPointF(0, 600) } } });
        b->move(n0, 50, 50);
        b->move(n1, 250, 50);
        a->doc->undoStack()->push(layout);
        QCOMPARE(a->conflicts.size(), 1);
        const EditConflict c = a->conflicts.first();
        QCOMPARE(c.field, QStringLiteral("position"));
        QCOMPARE(c.kind, QStringLiteral("2 nodes"));
        QVERIFY2(c.theirs.contains("(50, 50)") && c.theirs.contains("(250, 50)"), qPrintable(c.theirs));
        QVERIFY2(c.mine.contains("(0, 300)") && c.mine.contains("(0, 600)"), qPrintable(c.mine));
        QCOMPARE(a->doc->undoStack()->count(), 0);
        QCOMPARE(storedAt(n0), QPointF(50, 50));
        QCOMPARE(storedAt(n1), QPointF(250, 50));
        QCOMPARE(storedAt(n2), QPointF(400, 0));
        QVERIFY(a->doc->edge(m_edge)->route.isEmpty());

        QVERIFY(a->doc->applyMine(c).ok());
        QCOMPARE(a->doc->undoStack()->count(), 1);
        QCOMPARE(storedAt(n0), QPointF(0, 300));
        QCOMPARE(storedAt(n1), QPointF(0, 600));
        QCOMPARE(storedAt(n2), QPointF(0, 900));
        QVERIFY(!a->doc->edge(m_edge)->route.isEmpty());
        a->doc->undoStack()->undo();
        QCOMPARE(storedAt(n0), QPointF(50, 50));
        QCOMPARE(storedAt(n2), QPointF(400, 0));
    }

    // A layout leaves pinned nodes alone; B pinned one after A's window last saw it. A's
    // layout is refused (nothing of it applied) and the conflict says theirs is pinned;
    // apply mine is A's explicit choice to move it anyway.
    void layoutOverANodePinnedSinceIsAConflict_data() { backends(); }
    void layoutOverANodePinnedSinceIsAConflict()
    {
        QFETCH(bool, shared);
        if (shared && !m_pg.started())
            QSKIP(m_pg.whyNot());
        std::unique_ptr<Person> a, b;
        QVERIFY(open(shared, a, b));
        const Id n0 = m_nodes.at(0), n1 = m_nodes.at(1);
        auto *layout
            = new ApplyLayoutCommand(a->doc.get(), { { n0, 0, 300, false }, { n1, 0, 600, false } }, {});
        b->doc->undoStack()->push(new ChangeValue<Node, bool>(b->doc.get(), n1, &Node::pinned, true, "Pin"));
        QVERIFY(b->conflicts.isEmpty());
        QVERIFY(stored(n1).pinned);
        a->doc->undoStack()->push(layout);
        QCOMPARE(a->conflicts.size(), 1);
        const EditConflict c = a->conflicts.first();
        QCOMPARE(c.field, QStringLiteral("position"));
        QCOMPARE(c.item, QStringLiteral("Payments API"));
        QCOMPARE(c.theirs, QStringLiteral("(200, 0), pinned"));
        QCOMPARE(c.mine, QStringLiteral("(0, 600)"));
        QCOMPARE(a->doc->undoStack()->count(), 0);
        QCOMPARE(storedAt(n0), QPointF(0, 0));
        QCOMPARE(storedAt(n1), QPointF(200, 0));
        QVERIFY(a->doc->node(n1)->pinned); // the sync showed A the pin

        // Apply mine: A chose to move the pinned node anyway; it moves and stays pinned.
        QVERIFY(a->doc->applyMine(c).ok());
        QCOMPARE(storedAt(n1), QPointF(0, 600));
        QVERIFY(stored(n1).pinned);
    }

    // A re-import (ProjectDocument::applyChanges) that moves a node someone else moved
    // since is refused as a whole, saying so; theirs stays. One that changes only a
    // node's text lands over their move.
    void reimportOverTheirMoveIsRefused_data() { backends(); }
    void reimportOverTheirMoveIsRefused()
    {
        QFETCH(bool, shared);
        if (shared && !m_pg.started())
            QSKIP(m_pg.whyNot());
        std::unique_ptr<Person> a, b;
        QVERIFY(open(shared, a, b));
        const Id n0 = m_nodes.at(0), n2 = m_nodes.at(2);
        b->move(n0, 50, 50);
        QVERIFY(b->conflicts.isEmpty());

        ProjectChangeSet moving;
        Node moved = *a->doc->node(n0);
        moved.x = 700;
        moved.description = "from the new spec";
        moving.changed.nodes = { moved };
        QVERIFY(!a->doc->applyChanges(moving, nullptr).ok());
        QCOMPARE(a->errors.size(), 1);
        QVERIFY2(a->errors.first().contains("moved by someone else"), qPrintable(a->errors.first()));
        QVERIFY2(a->errors.first().contains("(50, 50)"), qPrintable(a->errors.first()));
        QCOMPARE(storedAt(n0), QPointF(50, 50));
        QCOMPARE(stored(n0).description, QString()); // one transaction: the text did not land either

        ProjectChangeSet text;
        Node described = *a->doc->node(n2);
        described.description = "from the new spec";
        text.changed.nodes = { described };
        QVERIFY(a->doc->applyChanges(text, nullptr).ok());
        QCOMPARE(stored(n2).description, QStringLiteral("from the new spec"));
        QCOMPARE(storedAt(n0), QPointF(50, 50));
    }

    // Who moved what, when: one "position" line per node moved, signed, in whole pixels;
    // a move continuing the same person's move a moment ago extends its line; a layout
    // writes a line per node and one per edge whose route changed.
    void historyShowsMoves_data() { backends(); }
    void historyShowsMoves()
    {
        QFETCH(bool, shared);
        if (shared && !m_pg.started())
            QSKIP(m_pg.whyNot());
        std::unique_ptr<Person> a, b;
        QVERIFY(open(shared, a, b));
        const Id n0 = m_nodes.at(0), n1 = m_nodes.at(1);
        a->move(n0, 100.4, 49.6);
        QList<EditLogEntry> lines = positionLines(n0);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].author, QStringLiteral("alice"));
        QCOMPARE(lines[0].oldValue, QStringLiteral("(0, 0)"));
        QCOMPARE(lines[0].newValue, QStringLiteral("(100, 50)"));
        QCOMPARE(lines[0].summary(), QStringLiteral("Position: '(0, 0)' → '(100, 50)'"));
        // Another drag right after: the same line, now ending at the new place.
        a->move(n0, 120, 60);
        lines = positionLines(n0);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].oldValue, QStringLiteral("(0, 0)"));
        QCOMPARE(lines[0].newValue, QStringLiteral("(120, 60)"));
        // Someone else's move is a line of its own.
        QVERIFY(b->doc->syncWithStore().ok());
        b->move(n0, 10, 10);
        lines = positionLines(n0);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].author, QStringLiteral("bob"));
        QCOMPARE(lines[0].oldValue, QStringLiteral("(120, 60)"));

        QVERIFY(a->doc->syncWithStore().ok());
        auto *layout = new ApplyLayoutCommand(a->doc.get(), { { n0, 0, 300, false }, { n1, 0, 600, false } },
            { { m_edge, { QPointF(0, 300), QPointF(0, 400), QPointF(0, 500), QPointF(0, 600) } } });
        a->doc->undoStack()->push(layout);
        QVERIFY(a->conflicts.isEmpty());
        lines = positionLines(n1);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].author, QStringLiteral("alice"));
        QCOMPARE(lines[0].newValue, QStringLiteral("(0, 600)"));
        QCOMPARE(positionLines(n0).size(), 3);
        QCOMPARE(positionLines(n0).first().newValue, QStringLiteral("(0, 300)"));
        // The edge's new route is in the history of the node it starts at.
        bool routed = false;
        const Result<QList<EditLogEntry>> history = a->doc->history(n0);
        for (const EditLogEntry &e : history.value())
            routed |= e.entityId == m_edge && e.field == QLatin1String("route") && e.newValue == "curve";
        QVERIFY(routed);
    }

    // A project replaced by a push begins its history with one line saying so, shown in
    // the history of every node.
    void replaceWritesOneHistoryLine()
    {
        if (!m_pg.started())
            QSKIP(m_pg.whyNot());
        std::unique_ptr<Person> a, b;
        QVERIFY(open(true, a, b));
        a.reset();
        b.reset();
        Project p;
        p.name = "Shop v2";
        p.nodes = { node("Cart", 0) };
        QVERIFY(ProjectStore::writeShared(ProjectLocation::parse(m_where).value(), p, true, "shop.flowbench")
                    .ok());
        auto store = ProjectStore::open(m_where);
        QVERIFY2(store, qPrintable(store.error()));
        const QList<EditLogEntry> lines = store.value()->history(p.nodes[0].id).value();
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].entityKind, QStringLiteral("project"));
        QCOMPARE(lines[0].field, QStringLiteral("replace"));
        QCOMPARE(lines[0].author, QStringLiteral("team")); // the role, without a display name
        QCOMPARE(lines[0].oldValue, QStringLiteral("“moves%1”: 3 nodes, 0 test cases").arg(m_projects));
        QCOMPARE(lines[0].newValue, QStringLiteral("“Shop v2” from shop.flowbench: 1 node, 0 test cases"));
    }
};

QTEST_MAIN(TestSharedMoves)
#include "tst_sharedmoves.moc"
