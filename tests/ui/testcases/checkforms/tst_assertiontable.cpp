// A step's assertions table: rows validated inline (regex, jq) and "Try it" against the
// last response of the check.
#include "testcases/checkforms/assertiontable.h"
#include "testcases/checkforms/checkform.h"
#include "ui/screenshots.h"
#include "ui/testcases/testcasefixture.h"

#include <QPushButton>
#include <QScrollBar>
#include <QTableWidget>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestAssertionTable : public QObject
{
    Q_OBJECT
private slots:
    void rowsAreValidatedInline();
    void tryItEvaluatesAgainstTheLastResponse();
    void fitsANarrowDockWithoutScrollingSideways();
};

// Docked at 1366x768 the editor is ~400 px wide: every column stays in view, Target and
// Expected share the width, and no horizontal scrollbar appears.
void TestAssertionTable::fitsANarrowDockWithoutScrollingSideways()
{
    TestCaseFixture f;
    f.open({ f.testCase });
    TestCaseEditor editor;
    editor.resize(400, 900);
    f.show(editor);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    AssertionTable *assertions = editor.currentForm()->assertionTable();
    assertions->addAssertion();
    QTableWidget *grid = assertions->table();
    QTRY_VERIFY(grid->viewport()->width() > 0);
    QVERIFY(!grid->horizontalScrollBar()->isVisible());
    int used = 0;
    for (int c = 0; c < grid->columnCount(); ++c)
        used += grid->columnWidth(c);
    QVERIFY2(used <= grid->viewport()->width() + 1,
        qPrintable(
            QStringLiteral("columns %1 px in a %2 px viewport").arg(used).arg(grid->viewport()->width())));
    QVERIFY(grid->columnWidth(AssertionTable::TargetColumn) >= 40);
    QVERIFY(grid->columnWidth(AssertionTable::ExpectedColumn) >= 40);
}

void TestAssertionTable::rowsAreValidatedInline()
{
    TestCaseFixture f;
    f.open({ f.testCase });
    TestCaseEditor editor;
    editor.resize(1100, 900);
    f.show(editor);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));

    // A bad regex in a body_regex assertion is flagged on its row.
    AssertionTable *assertions = editor.currentForm()->assertionTable();
    assertions->addAssertion();
    choose(static_cast<QComboBox *>(assertions->table()->cellWidget(0, AssertionTable::KindColumn)),
        QStringLiteral("body_regex"));
    assertions->table()->item(0, AssertionTable::ExpectedColumn)->setText(QStringLiteral("order ([0-9]+"));
    QCOMPARE(assertions->errorCount(), 1);
    QVERIFY2(assertions->errors().first().contains(QStringLiteral("invalid regular expression")),
        qPrintable(assertions->errors().first()));
    Screenshots shots;
    QVERIFY(countNear(shots.grab(assertions, QStringLiteral("assertiontable-invalid")), errorRed(), 40) > 20);
    assertions->table()->item(0, AssertionTable::ExpectedColumn)->setText(QStringLiteral("order ([0-9]+)"));
    QCOMPARE(assertions->errorCount(), 0);
    // jq text that cannot compile.
    choose(static_cast<QComboBox *>(assertions->table()->cellWidget(0, AssertionTable::KindColumn)),
        QStringLiteral("jq"));
    assertions->table()->item(0, AssertionTable::TargetColumn)->setText(QStringLiteral(".items | map(.id"));
    QCOMPARE(assertions->errorCount(), 1);
    // In jq's own words, naming the program.
    QVERIFY2(assertions->errors().first().contains(QStringLiteral("map(.id")),
        qPrintable(assertions->errors().first()));
    QVERIFY2(assertions->errors().first().contains(QStringLiteral("error")),
        qPrintable(assertions->errors().first()));
    // A program that parses but calls an unknown function fails to compile too.
    assertions->table()->item(0, AssertionTable::TargetColumn)->setText(QStringLiteral(".items | lenght"));
    QCOMPARE(assertions->errorCount(), 1);
    QVERIFY2(assertions->errors().first().contains(QStringLiteral("lenght")),
        qPrintable(assertions->errors().first()));
    assertions->table()
        ->item(0, AssertionTable::TargetColumn)
        ->setText(QStringLiteral(".items | length == 3"));
    QCOMPARE(assertions->errorCount(), 0);
    QCOMPARE(countNear(shots.grab(assertions, QStringLiteral("assertiontable-valid")), errorRed(), 40), 0);
    const QList<Assertion> stored = f.inFile(f.testCase.id).checks.at(0).assertions;
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.first().kind, QStringLiteral("jq"));
    QCOMPARE(stored.first().target, QStringLiteral(".items | length == 3"));
}

void TestAssertionTable::tryItEvaluatesAgainstTheLastResponse()
{
    TestCaseFixture f;
    Check &c = f.testCase.checks[0];
    c.assertions = { Assertion { QStringLiteral("json_path"), QStringLiteral("data.items[1].id"),
                         QStringLiteral("=="), 7 },
        Assertion {
            QStringLiteral("json_path"), QStringLiteral("data.missing"), QStringLiteral("exists"), {} } };
    f.open({ f.testCase });
    TestCaseEditor editor;
    f.show(editor);
    AssertionTable *table = editor.currentForm()->assertionTable();

    table->tryRow(0);
    QVERIFY(table->tryResultText().contains(QStringLiteral("run this check once")));

    editor.setLastEvidence(c.id, R"({"data":{"items":[{"id":3},{"id":7,"name":"pen"}]}})");
    auto *tryButton = qobject_cast<QPushButton *>(table->table()->cellWidget(0, AssertionTable::TryColumn));
    QVERIFY(tryButton && tryButton->isEnabled());
    QTest::mouseClick(tryButton, Qt::LeftButton);
    QCOMPARE(table->tryResultText(), QStringLiteral("data.items[1].id → 7"));
    table->tryRow(1);
    QCOMPARE(
        table->tryResultText(), QStringLiteral("data.missing: nothing at data.missing in the last response"));
    // jq rows evaluate with jq.
    table->table()
        ->item(1, AssertionTable::TargetColumn)
        ->setText(QStringLiteral("[.data.items[].id] | add"));
    choose(static_cast<QComboBox *>(table->table()->cellWidget(1, AssertionTable::KindColumn)),
        QStringLiteral("jq"));
    table->table()
        ->item(1, AssertionTable::TargetColumn)
        ->setText(QStringLiteral("[.data.items[].id] | add"));
    table->tryRow(1);
    QCOMPARE(table->tryResultText(), QStringLiteral("[.data.items[].id] | add → 10"));
    table->table()->item(1, AssertionTable::TargetColumn)->setText(QStringLiteral(".data.items[0].id.x"));
    table->tryRow(1);
    QVERIFY2(table->tryResultText().contains(QStringLiteral("Cannot index number")),
        qPrintable(table->tryResultText()));

    editor.setLastEvidence(c.id, "<html>not json</html>");
    table->tryRow(0);
    QVERIFY(table->tryResultText().contains(QStringLiteral("not JSON")));
}

QTEST_MAIN(TestAssertionTable)
#include "tst_assertiontable.moc"
