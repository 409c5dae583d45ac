// The SQL step's form: the connection offered from the environment, the query and the
// write warning, written into the step's spec in the document.
#include "testcases/checkforms/committingtextedit.h"
#include "testcases/checkforms/sqlcheckform.h"
#include "ui/screenshots.h"
#include "ui/testcases/testcasefixture.h"

#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestSqlCheckForm : public QObject
{
    Q_OBJECT
private slots:
    void writesSpecAndWarnsAboutWrites();
};

void TestSqlCheckForm::writesSpecAndWarnsAboutWrites()
{
    TestCaseFixture f;
    Check sql = CheckFormFactory::instance().newCheck(QStringLiteral("sql"));
    f.testCase.checks = { sql };
    f.open({ f.testCase });
    TestCaseEditor editor;
    editor.resize(1100, 800);
    f.show(editor);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto *form = qobject_cast<SqlCheckForm *>(editor.currentForm());
    QVERIFY(form);

    auto *connection = form->findChild<QComboBox *>(QStringLiteral("connection"));
    QCOMPARE(connection->count(), 1); // the SQLite connection, not the Redis one
    choose(connection, QStringLiteral("shop"));
    form->queryEdit()->setFocus();
    QTest::keyClicks(form->queryEdit(), QStringLiteral("SELECT status FROM orders WHERE id = :order_id"));
    form->allowWritesBox()->setFocus(); // commits the query
    QTRY_VERIFY_WITH_TIMEOUT(form->errors().join(u'|').contains(QStringLiteral(":order_id")), 5000);

    auto *warning = form->findChild<QLabel *>(QStringLiteral("writeWarning"));
    QVERIFY(warning->isHidden());
    Screenshots shots;
    const QImage before = shots.grab(form, QStringLiteral("checkform-sql-read-only"));
    QTest::keyClick(form->allowWritesBox(), Qt::Key_Space);
    QVERIFY(form->allowWritesBox()->isChecked());
    QVERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(QStringLiteral("protected")));
    // The warning is drawn in red where its label is.
    const QImage after = shots.grab(form, QStringLiteral("checkform-sql"));
    QCOMPARE(countNear(before, errorRed(), 40, areaOf(warning, form)), 0);
    QVERIFY(countNear(after, errorRed(), 40, areaOf(warning, form)) > 20);
    // In the whole editor the typed query is drawn in its field (dark text on the field).
    const QImage whole = shots.grab(&editor, QStringLiteral("testcaseeditor-sql"));
    const QRect queryArea = areaOf(form->queryEdit(), &editor)
                                .adjusted(4, 4, -4, -4)
                                .intersected(editor.rect()); // inside its frame
    QVERIFY(!queryArea.isEmpty());
    QVERIFY(countPixels(
                whole, [](const QColor &c) { return c.lightness() < 100; }, queryArea)
        > 50);

    const QJsonObject spec = editor.testCases().at(0).checks.at(0).spec;
    const QJsonObject expected { { QStringLiteral("connection"), QStringLiteral("shop") },
        { QStringLiteral("query"), QStringLiteral("SELECT status FROM orders WHERE id = :order_id") },
        { QStringLiteral("allow_writes"), true }, { QStringLiteral("timeout_ms"), 10000 } };
    QCOMPARE(spec, expected);
    QCOMPARE(f.inFile(f.testCase.id).checks.at(0).spec, expected);
}

QTEST_MAIN(TestSqlCheckForm)
#include "tst_sqlcheckform.moc"
