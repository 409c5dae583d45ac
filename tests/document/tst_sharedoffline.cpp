// A shared project when its server goes away (issue 14 item 5), against a real PostgreSQL
// the test stops and starts again on the same port and data: the document notices within
// a bound and goes offline; edits, undo, comments and runs are refused with a clear
// message and change nothing, in memory or stored; what is in memory stays readable; it
// reconnects by itself, takes in what another client did meanwhile and hears others live
// again. Nothing acknowledged is lost: an edit committed just before an immediate stop
// (a crash) is there after the restart, and so is every edit a client acknowledged before
// it was killed with SIGKILL, with no half edit (a node without its edge).
#undef QT_NO_CAST_FROM_ASCII
#include "document/addcommentcommand.h"
#include "document/addnodescommand.h"
#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "document/storeconnection.h"
#include "document/storewatcher.h"
#include "store/projectstore.h"
#include "support/documentuser.h"
#include "support/sharedprojectserver.h"
#include "support/testenv.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
constexpr int kNoticeMs = 5000; // probe every 200 ms here; the bound leaves room for a busy machine
constexpr int kBackMs = 15000; // retries every 200 ms up to 1 s, after pg_ctl start returned
constexpr int kLiveMs = 2000;

// One client: a document with the watcher the window gives it, and what it was told.
struct Client : DocumentUser
{
    std::unique_ptr<StoreWatcher> watcher;
};

Node node(const QString &name, double x)
{
    Node n;
    n.id = newId();
    n.kind = NodeKind::Api;
    n.name = name;
    n.owner = "team";
    n.x = x;
    n.revision = 1;
    return n;
}
} // namespace

class TestSharedOffline : public QObject
{
    Q_OBJECT

private:
    SharedProjectServer m_pg;
    QList<Id> m_nodes;
    int m_projects = 0;

    QString project() const { return QStringLiteral("offline%1").arg(m_projects); }

    // A fresh project of three nodes.
    bool write()
    {
        ++m_projects;
        Project p;
        p.name = project();
        p.nodes = { node("Orders API", 0), node("Payments API", 200), node("Stock API", 400) };
        m_nodes.clear();
        for (const Node &n : p.nodes)
            m_nodes << n.id;
        const Status written
            = ProjectStore::writeShared(ProjectLocation::parse(m_pg.url(project())).value(), p, false);
        if (!written)
            qWarning() << written.error();
        return written.ok();
    }
    // A client of the current project that probes and retries quickly (the window's
    // defaults are 2 s and 1-10 s); others' commits reach it only by LISTEN/NOTIFY.
    std::unique_ptr<Client> client()
    {
        auto c = std::make_unique<Client>();
        if (!c->open(m_pg.url(project())))
            return nullptr;
        c->doc->connection()->setProbeInterval(200);
        c->doc->connection()->setRetryDelays(200, 1000);
        c->watcher = std::make_unique<StoreWatcher>(c->doc.get());
        c->watcher->setPollInterval(60 * 60 * 1000);
        Client *raw = c.get();
        connect(c->watcher.get(), &StoreWatcher::changedUnderneath, c->doc.get(),
            [raw] { QVERIFY(raw->doc->syncWithStore().ok()); });
        return c;
    }
    Result<Node> stored(const Id &id)
    {
        auto store = ProjectStore::open(m_pg.url(project()));
        if (!store)
            return Result<Node>::failure(store.error());
        return store.value()->node(id);
    }
    QString storedName(const Id &id)
    {
        const Result<Node> n = stored(id);
        return n ? n->name : n.error();
    }

private slots:
    void initTestCase()
    {
        isolateSettings("tst_sharedoffline");
        if (!m_pg.start() && m_pg.isRequired())
            QFAIL(m_pg.whyNot());
    }
    void init()
    {
        if (!m_pg.started())
            QSKIP(m_pg.whyNot());
        // A test that failed while the server was away must not take the next one down.
        QVERIFY2(m_pg.startAgain(), qPrintable(m_pg.errorString()));
    }
    void cleanupTestCase() { QVERIFY2(m_pg.stopIfRunning(), qPrintable(m_pg.errorString())); }

    // The server stops while a client has the project open: offline within the bound;
    // every kind of write is refused with the message and changes nothing; reading works.
    // Back on the same port, it reconnects by itself, shows what another client wrote
    // after the restart, hears the next edits live again, and its own edits land.
    void offlineRefusesEditsAndReconnects()
    {
        QVERIFY(write());
        auto a = client();
        QVERIFY(a);
        const Id n0 = m_nodes.at(0), n1 = m_nodes.at(1);
        a->rename(n0, "Orders API v2");
        QCOMPARE(a->doc->undoStack()->count(), 1);
        QVERIFY(!a->doc->isOffline());
        QSignalSpy offline(a->doc.get(), &ProjectDocument::offlineChanged);
        // No retry of its own until B wrote (below): only A's sync can bring that in.
        a->doc->connection()->setRetryDelays(60 * 60 * 1000, 60 * 60 * 1000);

        QVERIFY2(m_pg.stop(), qPrintable(m_pg.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(a->doc->isOffline(), kNoticeMs);
        QCOMPARE(offline.count(), 1);
        QCOMPARE(offline.at(0).at(0).toBool(), true);
        QVERIFY(!a->doc->offlineReason().isEmpty());
        QVERIFY(a->doc->offlineSince().isValid());

        // Refused, not queued: the message says why; memory and the undo stack stay.
        a->errors.clear();
        a->rename(n1, "Payments API v2");
        QCOMPARE(a->errors.size(), 1);
        QVERIFY2(
            a->errors.first().contains("the shared project's server cannot be reached; edits are refused "
                                       "until it is back"),
            qPrintable(a->errors.first()));
        QCOMPARE(a->name(n1), QStringLiteral("Payments API"));
        QCOMPARE(a->doc->undoStack()->count(), 1);
        const int nodesBefore = a->doc->nodeCount();
        a->doc->undoStack()->push(new AddNodesCommand(a->doc.get(), { node("Basket API", 600) }));
        QCOMPARE(a->doc->nodeCount(), nodesBefore);
        Comment comment;
        comment.nodeId = n0;
        comment.author = "ann";
        comment.text = "while away";
        a->doc->undoStack()->push(new AddCommentCommand(a->doc.get(), comment));
        QVERIFY(a->doc->commentsOfNode(n0).isEmpty());
        Run run;
        run.id = newId();
        run.startedAt = QDateTime::currentDateTimeUtc();
        const Status ran = a->doc->addRun(run, {});
        QVERIFY(!ran);
        QVERIFY2(ran.error().contains("cannot be reached"), qPrintable(ran.error()));
        // An undo is refused too: my edit stays, in memory and (below) stored.
        a->errors.clear();
        a->doc->undoStack()->undo();
        QVERIFY(!a->errors.isEmpty());
        QCOMPARE(a->name(n0), QStringLiteral("Orders API v2"));
        // Reading what is in memory works.
        QCOMPARE(a->doc->nodes().size(), 3);
        QCOMPARE(a->doc->node(n1)->name, QStringLiteral("Payments API"));
        QCOMPARE(a->doc->snapshot().nodes.size(), 3);
        QVERIFY(a->doc->isOffline());

        // Back on the same port and data. Another client writes before A is back, so only
        // A's sync on reconnecting can bring that in (no notification reached A).
        QVERIFY2(m_pg.startAgain(), qPrintable(m_pg.errorString()));
        auto b = client();
        QVERIFY(b);
        QCOMPARE(b->name(n0), QStringLiteral("Orders API v2")); // acknowledged, so stored
        b->rename(n1, "Payments API v3");
        QCOMPARE(b->doc->undoStack()->count(), 1);
        QCoreApplication::processEvents();
        QVERIFY(a->doc->isOffline());
        QCOMPARE(a->name(n1), QStringLiteral("Payments API"));
        a->doc->connection()->setRetryDelays(200, 1000);
        a->doc->connection()->retryNow();
        QTRY_VERIFY_WITH_TIMEOUT(!a->doc->isOffline(), kBackMs);
        QCOMPARE(offline.count(), 2);
        QCOMPARE(offline.at(1).at(0).toBool(), false);
        QCOMPARE(a->name(n1), QStringLiteral("Payments API v3"));
        QVERIFY(a->doc->offlineReason().isEmpty());

        // LISTEN again: B's next edit reaches A live.
        b->rename(m_nodes.at(2), "Stock API v2");
        QTRY_COMPARE_WITH_TIMEOUT(a->name(m_nodes.at(2)), QStringLiteral("Stock API v2"), kLiveMs);
        // A's new edit lands, and B hears it.
        a->errors.clear();
        a->rename(n0, "Orders API v3");
        QVERIFY2(a->errors.isEmpty(), qPrintable(a->errors.join('\n')));
        QCOMPARE(storedName(n0), QStringLiteral("Orders API v3"));
        QTRY_COMPARE_WITH_TIMEOUT(b->name(n0), QStringLiteral("Orders API v3"), kLiveMs);
        QCOMPARE(storedName(n1), QStringLiteral("Payments API v3"));
    }

    // Acknowledged means committed: an edit whose push returned is stored, even when the
    // server is killed right after (pg_ctl stop -m immediate: no shutdown checkpoint).
    void editBeforeImmediateStopSurvivesRestart()
    {
        QVERIFY(write());
        auto a = client();
        QVERIFY(a);
        const Id n0 = m_nodes.at(0);
        a->rename(n0, "Orders API (acknowledged)");
        QVERIFY2(a->errors.isEmpty(), qPrintable(a->errors.join('\n')));
        QVERIFY2(m_pg.stopImmediately(), qPrintable(m_pg.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(a->doc->isOffline(), kNoticeMs);
        QVERIFY2(m_pg.startAgain(), qPrintable(m_pg.errorString()));
        QCOMPARE(storedName(n0), QStringLiteral("Orders API (acknowledged)"));
        QTRY_VERIFY_WITH_TIMEOUT(!a->doc->isOffline(), kBackMs);
        QCOMPARE(a->name(n0), QStringLiteral("Orders API (acknowledged)"));
        // The undo stack replayed nothing; the step still undoes, now that it can.
        QCOMPARE(a->doc->undoStack()->count(), 1);
        a->doc->undoStack()->undo();
        QCOMPARE(storedName(n0), QStringLiteral("Orders API"));
    }

    // An edit while the server is down but before the probe noticed: the failed statement
    // itself takes the document offline, with the same message. Then it retries, backing off.
    void failedEditTakesTheDocumentOffline()
    {
        QVERIFY(write());
        auto a = client();
        QVERIFY(a);
        a->doc->connection()->setProbeInterval(60 * 60 * 1000);
        QVERIFY2(m_pg.stop(), qPrintable(m_pg.errorString()));
        QVERIFY(!a->doc->isOffline());
        a->rename(m_nodes.at(0), "Orders API v2");
        QVERIFY(a->doc->isOffline());
        QCOMPARE(a->errors.size(), 1);
        QVERIFY2(a->errors.first().contains("cannot be reached"), qPrintable(a->errors.first()));
        QCOMPARE(a->name(m_nodes.at(0)), QStringLiteral("Orders API"));
        QCOMPARE(a->doc->undoStack()->count(), 0);
        // It keeps trying, backing off: 100, 200, 400, 400 … ms is about 7 tries in 2.5 s
        // (25 without the backoff).
        a->doc->connection()->setRetryDelays(100, 400);
        a->doc->connection()->retryNow();
        QTest::qWait(2500);
        QVERIFY(a->doc->isOffline());
        QVERIFY2(a->doc->connection()->attempts() >= 3 && a->doc->connection()->attempts() <= 12,
            qPrintable(QString::number(a->doc->connection()->attempts())));
        QVERIFY2(m_pg.startAgain(), qPrintable(m_pg.errorString()));
        QCOMPARE(storedName(m_nodes.at(0)), QStringLiteral("Orders API"));
        QTRY_VERIFY_WITH_TIMEOUT(!a->doc->isOffline(), kBackMs);
    }

    // A client killed with SIGKILL in the middle of its edits: every edit it acknowledged
    // is stored, and no edit is there by halves (each is a node and its edge).
    void sigkillMidEditLosesNothingAcknowledged()
    {
        QVERIFY(write());
        QProcess helper;
        helper.setProgram(helperPath(QStringLiteral("helper_sharededitor")));
        helper.setArguments({ m_pg.url(project()), QStringLiteral("2000") });
        helper.start();
        QVERIFY2(helper.waitForStarted(10000), qPrintable(helper.errorString()));
        QByteArray out;
        QElapsedTimer waited;
        waited.start();
        while (out.count('\n') < 60 && helper.state() == QProcess::Running && waited.elapsed() < 120000) {
            helper.waitForReadyRead(1000);
            out += helper.readAllStandardOutput();
        }
        const bool killedMidway = helper.state() == QProcess::Running;
        helper.kill(); // SIGKILL
        QVERIFY(helper.waitForFinished(10000));
        out += helper.readAllStandardOutput();
        QVERIFY2(out.count('\n') >= 60, helper.readAllStandardError().constData());
        QVERIFY2(killedMidway, "the helper finished before it could be killed");

        // Only complete "ack N ID" lines were acknowledged.
        QList<Id> acknowledged;
        const QList<QByteArray> lines = out.split('\n');
        for (int i = 0; i + 1 < lines.size(); ++i) { // the last piece has no newline yet
            const QList<QByteArray> parts = lines.at(i).split(' ');
            QCOMPARE(parts.size(), 3);
            QCOMPARE(parts.at(1).toInt(), int(acknowledged.size()));
            acknowledged << QString::fromLatin1(parts.at(2));
        }

        auto store = ProjectStore::open(m_pg.url(project()));
        QVERIFY2(store.ok(), qPrintable(store.error()));
        const auto nodes = (*store)->nodes();
        const auto edges = (*store)->edges();
        QVERIFY(nodes.ok() && edges.ok());
        QSet<Id> storedNodes, edgeTargets;
        for (const Node &n : nodes.value())
            storedNodes.insert(n.id);
        for (const Edge &e : edges.value()) {
            edgeTargets.insert(e.to);
            QVERIFY(storedNodes.contains(e.from) && storedNodes.contains(e.to));
        }
        for (const Id &id : std::as_const(acknowledged))
            QVERIFY2(storedNodes.contains(id), qPrintable("acknowledged edit lost: node " + id));
        // At most the edit in flight beyond the acknowledged ones, and whole.
        QVERIFY(nodes->size() <= 3 + acknowledged.size() + 1);
        for (const Node &n : nodes.value())
            if (n.name.startsWith("edit-"))
                QVERIFY2(
                    edgeTargets.contains(n.id), qPrintable("half an edit: " + n.name + " without its edge"));
        qInfo("%lld edits acknowledged, %lld stored", qlonglong(acknowledged.size()),
            qlonglong(nodes->size() - 3));
    }
};

QTEST_GUILESS_MAIN(TestSharedOffline)
#include "tst_sharedoffline.moc"
