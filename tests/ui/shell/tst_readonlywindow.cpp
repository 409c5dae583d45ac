// A project this user cannot write, opened in the workbench: it opens (never "damaged"),
// the title and a banner say read-only and why, editing actions are off, and an edit that
// gets through anyway is refused with a message and changes neither the map nor the file.
#include "document/projectdocument.h"
#include "map/mapeditor.h"
#include "shell/documentcontroller.h"
#include "shell/mainwindow.h"
#include "map/mapscene.h"
#include "map/mapview.h"
#include "map/nodeitem.h"
#include "shell/readonlybanner.h"
#include "store/databasefile.h"
#include "support/specialfiles.h"
#include "support/testenv.h"

#include <QAction>
#include <QApplication>
#include <QCryptographicHash>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

QByteArray digest(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly)
        ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()
        : QByteArray("(cannot read)");
}

Project twoNodes()
{
    Project p;
    p.name = QStringLiteral("Shared map");
    for (int i = 0; i < 2; ++i) {
        Node n;
        n.id = newId();
        n.kind = i == 0 ? NodeKind::Api : NodeKind::Table;
        n.name = i == 0 ? QStringLiteral("POST /orders") : QStringLiteral("orders");
        n.x = 300.0 * i;
        n.y = 40;
        p.nodes << n;
    }
    return p;
}

// Closes every error dialog that opens while `action` runs and returns their texts.
QStringList errorsDuring(const std::function<void()> &action)
{
    QStringList seen;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, [&seen] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            seen << box->windowTitle() + QStringLiteral(": ") + box->text();
            box->accept();
        }
    });
    poll.start();
    action();
    QTest::qWait(50);
    return seen;
}

} // namespace

class TestReadOnlyWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { isolateSettings(QStringLiteral("tst_readonlywindow")); }

    void readOnlyProjectOpensReadOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shared.flowbench"));
        const Project project = twoNodes();
        QVERIFY(writeProjectFile(project, path).ok());
        const QByteArray before = digest(path);
        auto mark = std::make_unique<ReadOnlyMark>(path);
        FLOWBENCH_REQUIRE_SPECIAL(mark->errorString());

        MainWindow w;
        w.show();
        const Status opened = w.documents()->openProjectFile(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QVERIFY(w.document()->isReadOnly());
        QVERIFY2(w.windowTitle().contains(QStringLiteral("[read-only]")), qPrintable(w.windowTitle()));

        ReadOnlyBanner *banner = w.readOnlyBanner();
        QVERIFY(banner);
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("Read-only")), qPrintable(banner->text()));
        QVERIFY2(banner->text().contains(w.document()->readOnlyReason().toHtmlEscaped()),
            qPrintable(banner->text()));
        QVERIFY(!banner->text().contains(QStringLiteral("damaged")));

        for (const char *name : { "actionPaste", "actionDelete", "actionRename", "actionPin", "actionLayout",
                 "actionNewFlow", "actionAddTestCase" })
            QVERIFY2(!w.action(QString::fromLatin1(name))->isEnabled(), name);
        for (const char *name : { "actionSaveAs", "actionFind", "actionFit", "actionCopy" })
            QVERIFY2(w.action(QString::fromLatin1(name))->isEnabled(), name);
        w.mapScene()->selectNodes({ project.nodes.first().id });
        QVERIFY(!w.action(QStringLiteral("actionPin"))->isEnabled()); // selection does not turn it back on

        // An edit that gets through is refused with a message; the map stays as the file.
        const QStringList added = errorsDuring([&] { w.mapEditor()->addNode(NodeKind::Cache, QPointF(100, 300)); });
        QCOMPARE(added.size(), 1);
        QVERIFY2(added.first().contains(QStringLiteral("is read-only")), qPrintable(added.first()));
        QVERIFY2(!added.first().contains(QStringLiteral("damaged")), qPrintable(added.first()));
        QCOMPARE(w.document()->nodeCount(), 2);
        QCOMPARE(w.document()->undoStack()->count(), 0);

        // A dragged card goes back where the file has it.
        const Id id = project.nodes.first().id;
        NodeItem *item = w.mapScene()->nodeItem(id);
        QVERIFY(item);
        const QStringList moved = errorsDuring([&] {
            MapView *view = w.mapView();
            QWidget *vp = view->viewport();
            const QPointF a = view->mapFromScene(item->sceneBoundingRect().center());
            const QPointF b = a + QPointF(120, 80);
            QMouseEvent press(QEvent::MouseButtonPress, a, vp->mapToGlobal(a.toPoint()), Qt::LeftButton,
                Qt::LeftButton, {});
            QApplication::sendEvent(vp, &press);
            for (int i = 1; i <= 5; ++i) {
                const QPointF p = a + (b - a) * (i / 5.0);
                QMouseEvent move(
                    QEvent::MouseMove, p, vp->mapToGlobal(p.toPoint()), Qt::NoButton, Qt::LeftButton, {});
                QApplication::sendEvent(vp, &move);
            }
            QMouseEvent release(QEvent::MouseButtonRelease, b, vp->mapToGlobal(b.toPoint()), Qt::LeftButton,
                Qt::NoButton, {});
            QApplication::sendEvent(vp, &release);
        });
        QCOMPARE(moved.size(), 1);
        QVERIFY2(moved.first().contains(QStringLiteral("is read-only")), qPrintable(moved.first()));
        QCOMPARE(item->pos(), QPointF(project.nodes.first().x, project.nodes.first().y));

        w.documents()->closeProject();
        mark.reset();
        QCOMPARE(digest(path), before);

        // The same file, writable again: no banner, editing on.
        QVERIFY(w.documents()->openProjectFile(path).ok());
        QVERIFY(!w.document()->isReadOnly());
        QVERIFY(!banner->isVisible());
        QVERIFY(!w.windowTitle().contains(QStringLiteral("read-only")));
        QVERIFY(w.action(QStringLiteral("actionLayout"))->isEnabled());
    }
};

QTEST_MAIN(TestReadOnlyWindow)
#include "tst_readonlywindow.moc"
