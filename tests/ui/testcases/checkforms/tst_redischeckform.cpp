// The Redis step's form keeps to the read-only allow-list and offers Redis connections only.
#include "testcases/checkforms/checkform.h"
#include "testcases/checkforms/committingtextedit.h"
#include "ui/screenshots.h"
#include "ui/testcases/testcasefixture.h"

#include <QJsonArray>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestRedisCheckForm : public QObject
{
    Q_OBJECT
private slots:
    void keepsToTheAllowList();
};

void TestRedisCheckForm::keepsToTheAllowList()
{
    TestCaseFixture f;
    Check redis = CheckFormFactory::instance().newCheck(QStringLiteral("redis"));
    redis.spec.insert(QStringLiteral("command"), QStringLiteral("DEL")); // e.g. from a hand-edited file
    redis.spec.insert(QStringLiteral("args"), QJsonArray { QStringLiteral("session:1") });
    f.testCase.checks = { redis };
    f.open({ f.testCase });
    TestCaseEditor editor;
    editor.resize(1000, 700);
    f.show(editor);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    CheckForm *form = editor.currentForm();
    QCOMPARE(form->type(), QStringLiteral("redis"));
    QVERIFY2(form->errors().join(u'|').contains(QStringLiteral("DEL is not on the read-only allow-list")),
        qPrintable(form->errors().join(u'|')));
    Screenshots shots;
    QVERIFY(countNear(shots.grab(form, QStringLiteral("checkform-redis-refused")), errorRed(), 40) > 20);
    auto *connection = form->findChild<QComboBox *>(QStringLiteral("connection"));
    QCOMPARE(connection->count(), 1);
    QCOMPARE(connection->itemText(0), QStringLiteral("cache")); // the Redis connection only
    choose(connection, QStringLiteral("cache"));
    choose(form->findChild<QComboBox *>(QStringLiteral("command")), QStringLiteral("LRANGE"));
    QVERIFY2(form->errors().join(u'|').contains(QStringLiteral("LRANGE takes: key start stop")),
        qPrintable(form->errors().join(u'|')));
    auto *args = form->findChild<CommittingTextEdit *>(QStringLiteral("args"));
    args->setFocus();
    args->selectAll();
    QTest::keyClicks(args, QStringLiteral("cart:{{user_id}}"));
    QTest::keyClick(args, Qt::Key_Return);
    QTest::keyClicks(args, QStringLiteral("0"));
    QTest::keyClick(args, Qt::Key_Return);
    QTest::keyClicks(args, QStringLiteral("-1"));
    form->findChild<QComboBox *>(QStringLiteral("command"))->setFocus();
    QTRY_VERIFY_WITH_TIMEOUT(form->errors().isEmpty(), 5000);
    const QJsonObject spec = editor.testCases().at(0).checks.at(0).spec;
    const QJsonObject expected { { QStringLiteral("connection"), QStringLiteral("cache") },
        { QStringLiteral("command"), QStringLiteral("LRANGE") },
        { QStringLiteral("args"),
            QJsonArray { QStringLiteral("cart:{{user_id}}"), QStringLiteral("0"), QStringLiteral("-1") } },
        { QStringLiteral("timeout_ms"), 5000 } };
    QCOMPARE(spec, expected);
    QCOMPARE(f.inFile(f.testCase.id).checks.at(0).spec, expected);
    // No error left to draw.
    QCOMPARE(countNear(shots.grab(form, QStringLiteral("checkform-redis")), errorRed(), 40), 0);
}

QTEST_MAIN(TestRedisCheckForm)
#include "tst_redischeckform.moc"
