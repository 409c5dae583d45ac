// The Test Cases dock: a node's test cases and the selected one's fields and steps, edited
// through widgets as a user would. Every edit is a command on the document, saved to the
// file at once; the editor shows what the document holds.
#include "analysis/testlevels.h"
#include "document/changevalue.h"
#include "testcases/checkforms/assertiontable.h"
#include "testcases/checkforms/committingtextedit.h"
#include "testcases/checkforms/httpcheckform.h"
#include "testcases/testcaseform.h"
#include "ui/screenshots.h"
#include "ui/testcases/testcasefixture.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestTestCaseEditor : public QObject
{
    Q_OBJECT

private slots:
    void editHttpCheckThroughWidgets();
    void pendingEditIsKeptWhenAddingAStep();
    void testCaseListOperations();
    void tagsAndPriorityAreTheModelsRules();
    void levelIsChosenOrDerived();
    void refreshKeepsSelection();
    void typingIsNotInterruptedByTheDocument();
    void emptyStates();
};

void TestTestCaseEditor::editHttpCheckThroughWidgets()
{
    TestCaseFixture f;
    ProjectDocument *doc = f.open({ f.testCase });
    QUndoStack *stack = doc->undoStack();
    const Id id = f.testCase.id;
    TestCaseEditor editor;
    editor.resize(1100, 760);
    f.show(editor);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));

    auto *form = qobject_cast<HttpCheckForm *>(editor.currentForm());
    QVERIFY(form);
    QCOMPARE(form->urlEdit()->text(), QStringLiteral("http://127.0.0.1:1/old"));

    // 1. Type a URL: one change on Return, none per keystroke.
    typeInto(form->urlEdit(), QStringLiteral("{{base_url}}/orders"));
    QCOMPARE(stack->count(), 1);
    {
        const QJsonObject expected { { QStringLiteral("method"), QStringLiteral("GET") },
            { QStringLiteral("url"), QStringLiteral("{{base_url}}/orders") },
            { QStringLiteral("timeout_ms"), 10000 } };
        QCOMPARE(f.stored(id).checks.at(0).spec, expected);
        QCOMPARE(f.inFile(id).checks.at(0).spec, expected); // saved at once
        stack->undo();
        QCOMPARE(f.stored(id), f.testCase); // the step before it is the test case as stored
        stack->redo();
        QCOMPARE(f.stored(id).checks.at(0).spec, expected);
    }

    // Method and JSON body.
    choose(form->methodBox(), QStringLiteral("POST"));
    choose(form->bodyModeBox(), QStringLiteral("json"));
    form->bodyJsonEdit()->setFocus();
    QTest::keyClicks(form->bodyJsonEdit(), QStringLiteral("{\"sku\": \"A-1\", \"quantity\": 2}"));
    form->urlEdit()->setFocus(); // leaving the body commits it
    QTRY_COMPARE_WITH_TIMEOUT(
        editor.testCases().at(0).checks.at(0).spec.value(QStringLiteral("body")).toObject(),
        (QJsonObject { { QStringLiteral("mode"), QStringLiteral("json") },
            { QStringLiteral("json"),
                QJsonObject { { QStringLiteral("sku"), QStringLiteral("A-1") },
                    { QStringLiteral("quantity"), 2 } } } }),
        5000);

    // 2. Add an assertion: status == 201.
    AssertionTable *assertions = form->assertionTable();
    const int beforeAdd = stack->count();
    QTest::mouseClick(assertions->findChild<QPushButton *>(QStringLiteral("addAssertion")), Qt::LeftButton);
    QCOMPARE(stack->count(), beforeAdd + 1);
    QTableWidget *table = assertions->table();
    QCOMPARE(table->rowCount(), 1);
    table->item(0, AssertionTable::ExpectedColumn)->setText(QStringLiteral("201"));
    // And a JSON path assertion: data.id exists.
    QTest::mouseClick(assertions->findChild<QPushButton *>(QStringLiteral("addAssertion")), Qt::LeftButton);
    choose(static_cast<QComboBox *>(table->cellWidget(1, AssertionTable::KindColumn)),
        QStringLiteral("json_path"));
    table->item(1, AssertionTable::TargetColumn)->setText(QStringLiteral("data.id"));
    choose(
        static_cast<QComboBox *>(table->cellWidget(1, AssertionTable::OpColumn)), QStringLiteral("exists"));

    // 3. Eventually: enable, give up after 3000 ms.
    form->eventuallyBox()->setChecked(true);
    auto *timeout = form->findChild<QSpinBox *>(QStringLiteral("eventuallyTimeout"));
    timeout->setFocus();
    timeout->selectAll();
    QTest::keyClicks(timeout, QStringLiteral("3000"));
    QTest::keyClick(timeout, Qt::Key_Return);

    const TestCase last = f.stored(id);
    const Check &check = last.checks.at(0);
    QCOMPARE(check.spec.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(check.spec.value(QStringLiteral("url")).toString(), QStringLiteral("{{base_url}}/orders"));
    const QList<Assertion> expectedAssertions {
        Assertion { QStringLiteral("status"), QString(), QStringLiteral("=="), QJsonValue(201) },
        Assertion {
            QStringLiteral("json_path"), QStringLiteral("data.id"), QStringLiteral("exists"), QJsonValue() },
    };
    QCOMPARE(check.assertions, expectedAssertions);
    QCOMPARE(check.eventually.timeoutMs, 3000);
    QCOMPARE(check.eventually.intervalMs, 500);
    QVERIFY(form->errors().isEmpty());
    QCOMPARE(f.inFile(id), last);

    // Each committed edit is one undo step that changed something, and undoing them all
    // gives back the test case as it was stored: no edit is lost between them.
    QList<TestCase> states { last };
    while (stack->canUndo()) {
        stack->undo();
        states.prepend(f.stored(id));
    }
    QCOMPARE(states.first(), f.testCase);
    for (int i = 1; i < states.size(); ++i)
        QVERIFY2(states.at(i) != states.at(i - 1), qPrintable(QString::number(i)));
    QCOMPARE(qobject_cast<HttpCheckForm *>(editor.currentForm())->urlEdit()->text(),
        QStringLiteral("http://127.0.0.1:1/old")); // the form follows the document
    while (stack->canRedo())
        stack->redo();
    QCOMPARE(editor.testCases().at(0), last);
    QCOMPARE(form->urlEdit()->text(), QStringLiteral("{{base_url}}/orders"));

    Screenshots shots;
    const QImage shot = shots.grab(&editor, QStringLiteral("testcaseeditor"));
    QVERIFY(!shot.isNull());
    // The selected test case is highlighted in the list; the form shows no error.
    auto *list = editor.findChild<QListWidget *>(QStringLiteral("testCaseList"));
    const QRect row
        = list->visualItemRect(list->currentItem()).translated(areaOf(list->viewport(), &editor).topLeft());
    QVERIFY(
        countNear(shot, list->palette().color(QPalette::Highlight), 8, row) > row.width() * row.height() / 3);
    QCOMPARE(countNear(shots.grab(form, QStringLiteral("checkform-http")), errorRed(), 40), 0);
}

void TestTestCaseEditor::pendingEditIsKeptWhenAddingAStep()
{
    TestCaseFixture f;
    f.open({ f.testCase });
    TestCaseEditor editor;
    f.show(editor);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto *form = qobject_cast<HttpCheckForm *>(editor.currentForm());
    form->urlEdit()->setFocus();
    form->urlEdit()->selectAll();
    QTest::keyClicks(form->urlEdit(), QStringLiteral("http://127.0.0.1:9/typed"));
    // No Return, no focus change: the Add step menu does not take focus.
    editor.addStep(QStringLiteral("sql"));
    const QList<Check> checks = editor.testCases().at(0).checks;
    QCOMPARE(checks.size(), 2);
    QCOMPARE(checks.at(0).spec.value(QStringLiteral("url")).toString(),
        QStringLiteral("http://127.0.0.1:9/typed"));
    QCOMPARE(f.inFile(f.testCase.id).checks, checks);
    QCOMPARE(editor.currentForm()->type(), QStringLiteral("sql")); // the new step is shown
}

void TestTestCaseEditor::testCaseListOperations()
{
    TestCaseFixture f;
    ProjectDocument *doc = f.open({ f.testCase });
    QUndoStack *stack = doc->undoStack();
    TestCaseEditor editor;
    f.show(editor);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto file = [&f] { return reopenProject(f.path).testCases; };

    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("addTestCase")), Qt::LeftButton);
    QCOMPARE(editor.testCases().size(), 2);
    QCOMPARE(file().size(), 2);
    const TestCase fresh = editor.testCases().at(1);
    QCOMPARE(fresh.nodeId, f.node);
    QVERIFY(isValidId(fresh.id));
    QCOMPARE(fresh.position, 1);
    QCOMPARE(editor.currentTestCaseId(), fresh.id);
    QVERIFY(editor.findChild<QLineEdit *>(QStringLiteral("title"))->hasFocus()); // ready to type over

    // Title, priority, tags, flow, automated: each a committed change.
    const int steps = stack->count();
    typeInto(editor.findChild<QLineEdit *>(QStringLiteral("title")), QStringLiteral("Stock is reserved"));
    choose(editor.findChild<QComboBox *>(QStringLiteral("priority")), toString(Priority::Critical));
    typeInto(editor.findChild<QLineEdit *>(QStringLiteral("tags")), QStringLiteral(" smoke, stock ,, smoke"));
    choose(editor.findChild<QComboBox *>(QStringLiteral("flow")), f.project.flows.first().id);
    editor.findChild<QCheckBox *>(QStringLiteral("automated"))->setChecked(true);
    QCOMPARE(stack->count(), steps + 5);
    const TestCase after = f.inFile(fresh.id);
    QCOMPARE(after.title, QStringLiteral("Stock is reserved"));
    QVERIFY(after.priority == Priority::Critical);
    QCOMPARE(after.tags, (QStringList { QStringLiteral("smoke"), QStringLiteral("stock") }));
    QCOMPARE(after.flowId, f.project.flows.first().id);
    QVERIFY(after.automated);
    // An empty title is refused, not committed, and says why.
    typeInto(editor.findChild<QLineEdit *>(QStringLiteral("title")), QString());
    QCOMPARE(stack->count(), steps + 5);
    QCOMPARE(f.stored(fresh.id).title, QStringLiteral("Stock is reserved"));
    bool refusal = false;
    for (QLabel *label : editor.findChildren<QLabel *>())
        refusal |= label->isVisible() && label->text() == QStringLiteral("A test case needs a title.");
    QVERIFY(refusal);

    // Duplicate gets new ids for itself and its steps.
    editor.selectTestCase(f.testCase.id);
    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("duplicateTestCase")), Qt::LeftButton);
    QCOMPARE(editor.testCases().size(), 3);
    const TestCase copy = editor.testCases().at(2);
    QCOMPARE(editor.currentTestCaseId(), copy.id);
    QVERIFY(copy.id != f.testCase.id);
    QCOMPARE(copy.title, QStringLiteral("Order is stored (copy)"));
    QCOMPARE(copy.checks.size(), 1);
    QVERIFY(copy.checks.at(0).id != f.testCase.checks.at(0).id);
    QCOMPARE(copy.checks.at(0).spec, f.testCase.checks.at(0).spec);
    QCOMPARE(file().size(), 3);

    // Move the first test case down with the keyboard: one undo step.
    auto *list = editor.findChild<QListWidget *>(QStringLiteral("testCaseList"));
    editor.selectTestCase(f.testCase.id);
    list->setFocus();
    const int beforeMove = stack->count();
    QTest::keyClick(list, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(stack->count(), beforeMove + 1);
    QList<Id> order;
    for (const TestCase &t : editor.testCases())
        order << t.id;
    QCOMPARE(order, (QList<Id> { fresh.id, f.testCase.id, copy.id }));
    QCOMPARE(list->item(1)->data(Qt::UserRole).toString(), f.testCase.id);
    QCOMPARE(editor.currentTestCaseId(), f.testCase.id); // it stays selected
    QCOMPARE(f.inFile(fresh.id).position, 0);
    QCOMPARE(f.inFile(f.testCase.id).position, 1);

    // Delete removes the selected one.
    editor.selectTestCase(fresh.id);
    QTest::keyClick(list, Qt::Key_Delete);
    QCOMPARE(editor.testCases().size(), 2);
    QCOMPARE(file().size(), 2);
    for (const TestCase &t : file())
        QVERIFY(t.id != fresh.id);
    QVERIFY(!editor.currentTestCaseId().isEmpty());
    stack->undo();
    QCOMPARE(editor.testCases().size(), 3);
    QCOMPARE(f.inFile(fresh.id).title, QStringLiteral("Stock is reserved"));
}

void TestTestCaseEditor::tagsAndPriorityAreTheModelsRules()
{
    TestCaseFixture f;
    f.open({ f.testCase });
    TestCaseEditor editor;
    f.show(editor);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto *tags = editor.findChild<QLineEdit *>(QStringLiteral("tags"));
    typeInto(tags, QStringLiteral("checkout,  slow path ,checkout,"));
    QCOMPARE(f.inFile(f.testCase.id).tags, tagsFromText(QStringLiteral("checkout,  slow path ,checkout,")));
    QCOMPARE(f.stored(f.testCase.id).tags,
        (QStringList { QStringLiteral("checkout"), QStringLiteral("slow path") }));
    // Tags typed differently but the same are no edit.
    const int steps = f.doc->undoStack()->count();
    typeInto(tags, QStringLiteral("checkout, slow path"));
    QCOMPARE(f.doc->undoStack()->count(), steps);

    // The priority list is the model's, each entry parsed with priorityFromString.
    auto *priority = editor.findChild<QComboBox *>(QStringLiteral("priority"));
    QCOMPARE(priority->count(), int(allPriorities().size()));
    for (int i = 0; i < priority->count(); ++i) {
        choose(priority, priority->itemData(i));
        QVERIFY(f.inFile(f.testCase.id).priority == allPriorities().at(i));
    }
    // Set elsewhere (an undo, another panel): the combo follows.
    f.doc->undoStack()->push(new ChangeValue<TestCase, Priority>(
        f.doc.get(), f.testCase.id, &TestCase::priority, Priority::Low, QStringLiteral("priority")));
    QCOMPARE(priority->currentData().toString(), toString(Priority::Low));
}

// The level combo: "auto" says what the checks amount to; a chosen level is one undo step.
void TestTestCaseEditor::levelIsChosenOrDerived()
{
    TestCaseFixture f;
    f.open({ f.testCase });
    TestCaseEditor editor;
    f.show(editor);
    editor.resize(400, 700); // as docked at 1366x768
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto *level = editor.findChild<QComboBox *>(QStringLiteral("level"));
    QVERIFY(level && level->isVisible());
    QCOMPARE(level->currentIndex(), 0);
    const QString derived = toString(effectiveLevel(f.testCase));
    QCOMPARE(level->currentText(), QStringLiteral("auto (%1)").arg(derived));
    // The whole text shows: the combo is not squeezed below what its longest entry needs.
    QVERIFY(level->width() >= level->sizeHint().width());
    QVERIFY(level->sizeHint().width() > level->fontMetrics().horizontalAdvance(level->currentText()));

    const int steps = f.doc->undoStack()->count();
    choose(level, toString(TestLevel::Database));
    QCOMPARE(f.doc->undoStack()->count(), steps + 1);
    QVERIFY(f.inFile(f.testCase.id).level == TestLevel::Database);
    QVERIFY(f.stored(f.testCase.id).level == TestLevel::Database);
    f.doc->undoStack()->undo();
    QVERIFY(!f.stored(f.testCase.id).level.has_value());
    QCOMPARE(level->currentIndex(), 0);
}

void TestTestCaseEditor::refreshKeepsSelection()
{
    TestCaseFixture f;
    TestCase second = f.second();
    second.checks = { CheckFormFactory::instance().newCheck(QStringLiteral("redis")),
        CheckFormFactory::instance().newCheck(QStringLiteral("log")) };
    ProjectDocument *doc = f.open({ f.testCase, second });
    TestCaseEditor editor;
    f.show(editor);
    editor.selectTestCase(second.id);
    editor.selectCheck(second.checks.at(1).id);
    QCOMPARE(editor.currentForm()->type(), QStringLiteral("log"));

    // Another test case of the node is edited (elsewhere, or by an undo): the selection stays.
    doc->undoStack()->push(new ChangeValue<TestCase, QString>(
        doc, f.testCase.id, &TestCase::title, QStringLiteral("Renamed elsewhere"), QStringLiteral("rename")));
    QCOMPARE(editor.currentTestCaseId(), second.id);
    QCOMPARE(editor.currentCheckId(), second.checks.at(1).id);
    auto *list = editor.findChild<QListWidget *>(QStringLiteral("testCaseList"));
    QCOMPARE(list->item(0)->text(), QStringLiteral("Renamed elsewhere"));
    // The selected test case changes in the document: the fields show the stored values.
    doc->undoStack()->push(new ChangeValue<TestCase, QString>(
        doc, second.id, &TestCase::title, QStringLiteral("Refund (undone)"), QStringLiteral("rename")));
    QCOMPARE(
        editor.findChild<QLineEdit *>(QStringLiteral("title"))->text(), QStringLiteral("Refund (undone)"));
    QCOMPARE(editor.currentCheckId(), second.checks.at(1).id);
    doc->undoStack()->undo();
    QCOMPARE(
        editor.findChild<QLineEdit *>(QStringLiteral("title"))->text(), QStringLiteral("Refund is recorded"));
    // Another node: its first test case is selected (it has none).
    Node other;
    other.name = QStringLiteral("orders table");
    QList<Node> nodes { other };
    QList<Edge> edges;
    QVERIFY(doc->addNodes(nodes, edges).ok());
    editor.setNode(nodes.first().id);
    QVERIFY(editor.currentTestCaseId().isEmpty());
    editor.setNode(f.node);
    QCOMPARE(editor.currentTestCaseId(), f.testCase.id);
    // The node goes: nothing is shown.
    QVERIFY(doc->removeNodes({ f.node }, nullptr).ok());
    QVERIFY(editor.nodeId().isEmpty());
    QVERIFY(editor.currentTestCaseId().isEmpty());
}

void TestTestCaseEditor::typingIsNotInterruptedByTheDocument()
{
    TestCaseFixture f;
    TestCase second = f.second();
    ProjectDocument *doc = f.open({ f.testCase, second });
    TestCaseEditor editor;
    f.show(editor);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));

    // Committing a field leaves its widget, text, focus and cursor as they were.
    auto *form = qobject_cast<HttpCheckForm *>(editor.currentForm());
    QLineEdit *url = form->urlEdit();
    url->setFocus();
    url->selectAll();
    QTest::keyClicks(url, QStringLiteral("http://127.0.0.1:2/orders"));
    url->setCursorPosition(7);
    QTest::keyClick(url, Qt::Key_Return);
    QCOMPARE(f.stored(f.testCase.id).checks.at(0).spec.value(QStringLiteral("url")).toString(),
        QStringLiteral("http://127.0.0.1:2/orders"));
    QCOMPARE(editor.currentForm(), form);
    QCOMPARE(form->urlEdit(), url);
    QVERIFY(url->hasFocus());
    QCOMPARE(url->cursorPosition(), 7);

    auto *title = editor.findChild<QLineEdit *>(QStringLiteral("title"));
    title->setFocus();
    title->setCursorPosition(5);
    QTest::keyClicks(title, QStringLiteral("X"));
    QTest::keyClick(title, Qt::Key_Return);
    QCOMPARE(f.stored(f.testCase.id).title, QStringLiteral("OrderX is stored"));
    QCOMPARE(title->text(), QStringLiteral("OrderX is stored"));
    QCOMPARE(title->cursorPosition(), 6);
    QVERIFY(title->hasFocus());

    // While a title is being typed, a change elsewhere in the document keeps what is typed.
    QTest::keyClicks(title, QStringLiteral("Y"));
    doc->undoStack()->push(new ChangeValue<TestCase, QString>(
        doc, second.id, &TestCase::title, QStringLiteral("Refund"), QStringLiteral("rename")));
    QCOMPARE(title->text(), QStringLiteral("OrderXY is stored"));
    QCOMPARE(title->cursorPosition(), 7);
    QTest::keyClick(title, Qt::Key_Return);
    QCOMPARE(f.inFile(f.testCase.id).title, QStringLiteral("OrderXY is stored"));
}

void TestTestCaseEditor::emptyStates()
{
    TestCaseFixture f;
    TestCase manual = f.second();
    ProjectDocument *doc = f.open({});
    Screenshots shots;
    TestCaseEditor editor;
    editor.resize(900, 500);
    editor.setDocument(doc);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto visibleText = [&editor](const QString &text) {
        for (QLabel *label : editor.findChildren<QLabel *>())
            if (label->isVisible() && label->text() == text)
                return label;
        return static_cast<QLabel *>(nullptr);
    };
    // No node: one line saying what to do, drawn in the middle of the dock.
    QLabel *noNode = visibleText(QStringLiteral("Select a node on the map to see and edit its test cases."));
    QVERIFY(noNode);
    QImage shot = shots.grab(&editor, QStringLiteral("testcaseeditor-no-node"));
    const QColor background = pixelAt(shot, QPoint(2, 2));
    QVERIFY(countPixels(
                shot, [&](const QColor &c) { return !near(c, background, 12); }, areaOf(noNode, &editor))
        > 50);
    QVERIFY(!editor.findChild<QPushButton *>(QStringLiteral("addTestCase"))->isVisible());

    editor.setNode(f.node);
    QVERIFY(!editor.findChild<QListWidget *>(QStringLiteral("testCaseList"))->isVisible());
    QLabel *noTests
        = visibleText(QStringLiteral("No test cases on this node yet.\nAdd one to say how it is verified."));
    QVERIFY(noTests);
    QVERIFY(editor.findChild<QPushButton *>(QStringLiteral("addTestCase"))->isEnabled());
    QVERIFY(!editor.findChild<QPushButton *>(QStringLiteral("removeTestCase"))->isEnabled());
    shot = shots.grab(&editor, QStringLiteral("testcaseeditor-no-testcases"));
    QVERIFY(!shot.isNull());
    QVERIFY(countPixels(
                shot, [&](const QColor &c) { return !near(c, background, 12); }, areaOf(noTests, &editor))
        > 50);

    QVERIFY(doc->addTestCase(manual).ok());
    QVERIFY(!editor.currentForm());
    QCOMPARE(editor.currentTestCaseId(), manual.id);
    QLabel *noSteps = visibleText(QStringLiteral(
        "No steps yet. Add a step: an HTTP request, a SQL query, a Redis command or log lines."));
    QVERIFY(noSteps);
    shot = shots.grab(&editor, QStringLiteral("testcaseeditor-no-steps"));
    QVERIFY(!shot.isNull());
    QVERIFY(countPixels(
                shot, [&](const QColor &c) { return !near(c, background, 12); }, areaOf(noSteps, &editor))
        > 50);
}

QTEST_MAIN(TestTestCaseEditor)
#include "tst_testcaseeditor.moc"
