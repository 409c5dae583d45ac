#include "store/projectstore.h"
#include "support/testenv.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;

class TestDurability : public QObject
{
    Q_OBJECT
private slots:
    void acknowledgedEditsSurviveSigkill();
};

void TestDurability::acknowledgedEditsSurviveSigkill()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("crash.flowbench"));
    {
        auto store = ProjectStore::create(path, QStringLiteral("Crash test"));
        QVERIFY2(store.ok(), qPrintable(store.error()));
    }

    QProcess helper;
    helper.setProgram(testing::helperPath(QStringLiteral("helper_durability")));
    helper.setArguments({path, QStringLiteral("1000")});
    helper.start();
    QVERIFY2(helper.waitForStarted(10000), qPrintable(helper.errorString()));

    // Wait (bounded) for about 300 acknowledgements, then kill without warning.
    QByteArray out;
    QElapsedTimer waited;
    waited.start();
    while (out.count('\n') < 300 && helper.state() == QProcess::Running && waited.elapsed() < 120000) {
        helper.waitForReadyRead(1000);
        out += helper.readAllStandardOutput();
    }
    const bool killedMidway = helper.state() == QProcess::Running;
    helper.kill();
    QVERIFY(helper.waitForFinished(10000));
    out += helper.readAllStandardOutput();
    QVERIFY2(out.count('\n') >= 300, helper.readAllStandardError().constData());

    // Every complete "ack N" line is an edit the program was told is saved.
    int lastAck = -1;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.startsWith("ack "))
            continue;
        const int n = line.mid(4).toInt();
        QCOMPARE(n, lastAck + 1);
        lastAck = n;
    }
    if (!out.endsWith('\n'))
        --lastAck; // the cut-off last line was not a complete acknowledgement
    QVERIFY(lastAck >= 298);
    if (!killedMidway)
        qWarning("the helper finished all edits before it could be killed; the crash was not mid-stream");

    auto store = ProjectStore::open(path);
    QVERIFY2(store.ok(), qPrintable(store.error()));
    QSqlQuery q(QSqlDatabase::database((*store)->connectionName()));
    QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
    q.finish();

    const auto nodes = (*store)->nodes();
    QVERIFY2(nodes.ok(), qPrintable(nodes.error()));
    QSet<QString> names;
    for (const Node &n : nodes.value())
        names.insert(n.name);
    for (int i = 0; i <= lastAck; ++i)
        QVERIFY2(names.contains(QStringLiteral("edit-%1").arg(i)), qPrintable(QStringLiteral("edit-%1 was acknowledged but is lost").arg(i)));
    // At most the edit in flight when the kill came is there beyond the acknowledged ones.
    QVERIFY(nodes->size() <= lastAck + 2);
    qInfo("%d edits acknowledged, %lld stored, killed mid-stream: %s", lastAck + 1, qlonglong(nodes->size()),
          killedMidway ? "yes" : "no");
}

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
