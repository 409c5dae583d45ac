// Two writers, one file: a change another process makes to the open project (a second
// store on the file, as another window or flowbench-cli writes it; a file replaced under
// its name, as git checkout does) appears in the open window by itself, within a bound,
// keeping the selection, the zoom and scroll, and the undo history.
#include "document/storewatcher.h"
#include "store/databasefile.h"
#include "store/projectstore.h"
#include "support/projectfile.h"
#include "support/shopproject.h"
#include "ui/windowfixture.h"

#include <QScrollBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QUndoStack>
#include <QtTest>
#include <cstdio>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
constexpr int kNoticeMs = 5000; // polled every 1.5 s at worst; a file watcher is quicker
}

class TestLiveReload : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_livereload")); }
    void init()
    {
        QString error;
        QVERIFY2(m_f.start(&error), qPrintable(error));
    }
    void cleanup() { m_f.stop(); }
    void anotherWritersNodeAppears();
    void anotherWritersEditAndRemovalAppear();
    void ownEditsAreNotTakenForAnotherWriter();
    void replacedFileIsReopened();

private:
    WindowFixture m_f;
};

void TestLiveReload::anotherWritersNodeAppears()
{
    const Id mine = m_f.add(NodeKind::Api, 0, 0);
    m_f.add(NodeKind::Service, 400, 300);
    m_f.scene()->selectNodes({ mine });
    QTest::qWait(100); // the window's first fit is done
    m_f.view()->zoomIn();
    m_f.view()->zoomIn();
    m_f.view()->centerOn(m_f.centreOf(mine));
    const QTransform zoom = m_f.view()->transform();
    const int scrollX = m_f.view()->horizontalScrollBar()->value();
    const int scrollY = m_f.view()->verticalScrollBar()->value();
    const int undoSteps = m_f.document()->undoStack()->count();
    QVERIFY(undoSteps >= 2);

    Node fromCli = makeNode(NodeKind::Table, QStringLiteral("orders from the CLI"));
    fromCli.x = 100;
    fromCli.y = 50;
    {
        auto other = ProjectStore::open(m_f.path);
        QVERIFY2(other, qPrintable(other.error()));
        QVERIFY(other.value()->addNode(fromCli).ok());
    }
    // No Reload: it appears by itself.
    QTRY_VERIFY_WITH_TIMEOUT(m_f.document()->node(fromCli.id), kNoticeMs);
    QVERIFY(m_f.scene()->nodeItem(fromCli.id));
    QCOMPARE(m_f.scene()->nodeItemCount(), 3);
    QCOMPARE(m_f.scene()->selectedNodeIds(), QList<Id> { mine });
    QCOMPARE(m_f.view()->transform(), zoom);
    QCOMPARE(m_f.view()->horizontalScrollBar()->value(), scrollX);
    QCOMPARE(m_f.view()->verticalScrollBar()->value(), scrollY);
    QCOMPARE(m_f.document()->undoStack()->count(), undoSteps); // the history is kept
    QVERIFY2(m_f.window->statusBar()->currentMessage().contains(QStringLiteral("Another program changed")),
        qPrintable(m_f.window->statusBar()->currentMessage()));
    // And it still works: undo takes back our own last step, not the other writer's.
    m_f.document()->undoStack()->undo();
    QCOMPARE(m_f.scene()->nodeItemCount(), 2);
    QVERIFY(m_f.document()->node(fromCli.id));
    QVERIFY(m_f.file().node(fromCli.id));
}

void TestLiveReload::anotherWritersEditAndRemovalAppear()
{
    const Id renamed = m_f.add(NodeKind::Api, 0, 0);
    const Id removed = m_f.add(NodeKind::Queue, 300, 0);
    {
        auto other = ProjectStore::open(m_f.path);
        QVERIFY2(other, qPrintable(other.error()));
        auto node = other.value()->node(renamed);
        QVERIFY(node);
        Node n = node.value();
        n.name = QStringLiteral("renamed elsewhere");
        QVERIFY(other.value()->updateNode(n).ok());
        QVERIFY(other.value()->removeNode(removed));
    }
    QTRY_COMPARE_WITH_TIMEOUT(
        m_f.document()->node(renamed)->name, QStringLiteral("renamed elsewhere"), kNoticeMs);
    QTRY_VERIFY_WITH_TIMEOUT(!m_f.scene()->nodeItem(removed), kNoticeMs);
    QCOMPARE(m_f.scene()->nodeItemCount(), 1);
    // Our next edit names the stored revision: no conflict.
    Node n = *m_f.document()->node(renamed);
    n.name = QStringLiteral("renamed here");
    QVERIFY(m_f.document()->updateNode(n).ok());
    QCOMPARE(m_f.file().node(renamed)->name, QStringLiteral("renamed here"));
}

void TestLiveReload::ownEditsAreNotTakenForAnotherWriter()
{
    StoreWatcher *watcher = m_f.window->documents()->storeWatcher();
    QVERIFY(watcher);
    QSignalSpy changed(watcher, &StoreWatcher::changedUnderneath);
    QSignalSpy replaced(watcher, &StoreWatcher::replaced);
    for (int i = 0; i < 3; ++i)
        m_f.add(NodeKind::Service, i * 250, 0);
    watcher->check();
    QTest::qWait(300); // the file watcher's look, too
    QCOMPARE(changed.count(), 0);
    QCOMPARE(replaced.count(), 0);
    QCOMPARE(m_f.document()->undoStack()->count(), 3);
}

void TestLiveReload::replacedFileIsReopened()
{
    const Id mine = m_f.add(NodeKind::Api, 0, 0);
    m_f.scene()->selectNodes({ mine });
    // As git checkout does: another file written beside it and moved over it.
    Project p = m_f.file();
    p.nodes << makeNode(NodeKind::Job, QStringLiteral("nightly export"));
    const QString beside = m_f.dir->filePath(QStringLiteral("checkout.tmp"));
    QVERIFY(writeProjectFile(p, beside).ok());
    QVERIFY(::rename(QFile::encodeName(beside).constData(), QFile::encodeName(m_f.path).constData()) == 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_f.document()->nodeCount(), 2, kNoticeMs);
    QVERIFY(m_f.document()->snapshot().nodeByName(QStringLiteral("nightly export")));
    QCOMPARE(m_f.scene()->nodeItemCount(), 2);
    QCOMPARE(m_f.scene()->selectedNodeIds(), QList<Id> { mine });
    QCOMPARE(reopenProject(m_f.path).nodes.size(), 2); // the old file's journal did not come back
}

QTEST_MAIN(TestLiveReload)
#include "tst_livereload.moc"
