// The log step's form: an invalid regex is flagged next to the field; a regex capture
// needs a group; the capture is stored with the step.
#include "testcases/checkforms/capturetable.h"
#include "testcases/checkforms/logcheckform.h"
#include "ui/screenshots.h"
#include "ui/testcases/testcasefixture.h"

#include <QTableWidget>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestLogCheckForm : public QObject
{
    Q_OBJECT
private slots:
    void regexAndCaptures();
};

void TestLogCheckForm::regexAndCaptures()
{
    TestCaseFixture f;
    f.open({ f.testCase });
    TestCaseEditor editor;
    editor.resize(1100, 900);
    f.show(editor);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));

    // Log step: an invalid regex shows next to the field.
    editor.addStep(QStringLiteral("log"));
    auto *log = qobject_cast<LogCheckForm *>(editor.currentForm());
    QVERIFY(log);
    QCOMPARE(editor.testCases().at(0).checks.size(), 2);
    typeInto(log->regexEdit(), QStringLiteral("order (\\d+ confirmed"));
    QVERIFY2(log->errors().join(u'|').contains(QStringLiteral("Invalid regex")),
        qPrintable(log->errors().join(u'|')));
    Screenshots shots;
    QVERIFY(countNear(shots.grab(log, QStringLiteral("checkform-log-invalid")), errorRed(), 40) > 20);
    const QImage inEditor = shots.grab(&editor, QStringLiteral("testcaseeditor-validation"));
    QVERIFY(!inEditor.isNull());
    QVERIFY(countNear(inEditor, errorRed(), 40, areaOf(log, &editor)) > 20); // and in the editor
    typeInto(log->regexEdit(), QStringLiteral("order (\\d+) confirmed"));
    QVERIFY(!log->errors().join(u'|').contains(QStringLiteral("regex")));
    // Captures: a regex capture needs a group.
    CaptureTable *captures = log->captureTable();
    captures->addCapture();
    captures->table()->item(0, CaptureTable::NameColumn)->setText(QStringLiteral("order_id"));
    captures->table()->item(0, CaptureTable::ExpressionColumn)->setText(QStringLiteral("order \\d+"));
    QCOMPARE(captures->errorCount(), 1);
    captures->table()->item(0, CaptureTable::ExpressionColumn)->setText(QStringLiteral("order (\\d+)"));
    QCOMPARE(captures->errorCount(), 0);
    const Check logCheck = editor.testCases().at(0).checks.at(1);
    const QList<Capture> expected { Capture {
        QStringLiteral("order_id"), QStringLiteral("regex"), QStringLiteral("order (\\d+)") } };
    QCOMPARE(logCheck.captures, expected);
    QCOMPARE(f.inFile(f.testCase.id).checks.at(1).captures, expected);
}

QTEST_MAIN(TestLogCheckForm)
#include "tst_logcheckform.moc"
