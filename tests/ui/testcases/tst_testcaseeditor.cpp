#include "testcases/assertiontable.h"
#include "testcases/capturetable.h"
#include "testcases/checkforms/checkformfactory.h"
#include "testcases/checkforms/committingtextedit.h"
#include "testcases/checkforms/expressionsupport.h"
#include "testcases/checkforms/httpcheckform.h"
#include "testcases/checkforms/logcheckform.h"
#include "testcases/checkforms/sqlcheckform.h"
#include "testcases/testcaseeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

using namespace flowbench;

Q_DECLARE_METATYPE(flowbench::TestCase)

namespace {

struct Fixture
{
    Project project;
    Id node;
    TestCase testCase;

    Fixture()
    {
        Node n;
        n.id = newId();
        n.name = QStringLiteral("POST /orders");
        n.kind = NodeKind::Api;
        node = n.id;
        project.nodes.append(n);
        Flow f;
        f.id = newId();
        f.name = QStringLiteral("Checkout");
        f.nodeIds = { n.id };
        project.flows.append(f);
        Environment env;
        env.id = newId();
        env.name = QStringLiteral("local");
        env.connections = { Connection { QStringLiteral("shop"), QStringLiteral("QSQLITE"), {}, 0,
                                QStringLiteral("shop.db"), {}, {}, {} },
            Connection { QStringLiteral("cache"), QStringLiteral("redis"), QStringLiteral("127.0.0.1"), 6379,
                {}, {}, {}, {} } };
        project.environments.append(env);

        testCase.id = newId();
        testCase.nodeId = node;
        testCase.title = QStringLiteral("Order is stored");
        testCase.automated = true;
        Check c = CheckFormFactory::instance().newCheck(QStringLiteral("http"));
        c.name = QStringLiteral("create order");
        c.spec.insert(QStringLiteral("url"), QStringLiteral("http://127.0.0.1:1/old"));
        testCase.checks.append(c);
        project.testCases.append(testCase);
    }

    TestCase second() const
    {
        TestCase t;
        t.id = newId();
        t.nodeId = node;
        t.title = QStringLiteral("Refund is recorded");
        t.position = 1;
        return t;
    }
};

// Picks an entry the way a keyboard or mouse choice does: current index, then activated.
void choose(QComboBox *combo, const QVariant &data)
{
    int index = combo->findData(data);
    if (index < 0)
        index = combo->findText(data.toString());
    QVERIFY2(index >= 0, qPrintable(data.toString()));
    combo->setCurrentIndex(index);
    emit combo->activated(index);
}

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Backspace);
    else
        QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

void grab(QWidget *widget, const QString &name)
{
    QDir().mkpath(QStringLiteral("/tmp/flowbench-panels"));
    QCoreApplication::processEvents(); // pending layout requests, as a shown window would have had
    QVERIFY(widget->grab().save(QStringLiteral("/tmp/flowbench-panels/%1.png").arg(name)));
}

} // namespace

class TestTestCaseEditor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<TestCase>(); }
    void editHttpCheckThroughWidgets();
    void inlineValidation();
    void tryItEvaluatesAgainstTheLastResponse();
    void sqlFormWritesSpecAndWarnsAboutWrites();
    void redisFormKeepsToTheAllowList();
    void httpHeadersAndFormBody();
    void pendingEditIsKeptWhenAddingAStep();
    void testCaseListOperations();
    void refreshKeepsSelection();
    void emptyStates();
    void expectedValuesAreTyped_data();
    void expectedValuesAreTyped();
    void jqValidation_data();
    void jqValidation();
};

void TestTestCaseEditor::editHttpCheckThroughWidgets()
{
    Fixture f;
    TestCaseEditor editor;
    editor.resize(1100, 760);
    editor.setTestCases(f.node, { f.testCase }, f.project);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy changed(&editor, &TestCaseEditor::testCaseChanged);

    auto *form = qobject_cast<HttpCheckForm *>(editor.currentForm());
    QVERIFY(form);
    QCOMPARE(form->urlEdit()->text(), QStringLiteral("http://127.0.0.1:1/old"));

    // 1. Type a URL: one change on Return, none per keystroke.
    typeInto(form->urlEdit(), QStringLiteral("{{base_url}}/orders"));
    QCOMPARE(changed.count(), 1);
    {
        const auto before = changed.at(0).at(0).value<TestCase>();
        const auto after = changed.at(0).at(1).value<TestCase>();
        QCOMPARE(before, f.testCase);
        const QJsonObject expected { { QStringLiteral("method"), QStringLiteral("GET") },
            { QStringLiteral("url"), QStringLiteral("{{base_url}}/orders") },
            { QStringLiteral("timeout_ms"), 10000 } };
        QCOMPARE(after.checks.at(0).spec, expected);
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
    const int beforeAdd = changed.count();
    QTest::mouseClick(assertions->findChild<QPushButton *>(QStringLiteral("addAssertion")), Qt::LeftButton);
    QCOMPARE(changed.count(), beforeAdd + 1);
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

    const auto last = changed.last().at(1).value<TestCase>();
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
    // The previous signal's "after" is the next one's "before": no edit is lost between them.
    for (int i = 1; i < changed.count(); ++i)
        QCOMPARE(changed.at(i).at(0).value<TestCase>(), changed.at(i - 1).at(1).value<TestCase>());
    QCOMPARE(editor.testCases().at(0), last);
    grab(&editor, QStringLiteral("testcaseeditor"));
    grab(form, QStringLiteral("checkform-http"));
}

void TestTestCaseEditor::inlineValidation()
{
    Fixture f;
    TestCaseEditor editor;
    editor.resize(1100, 900);
    editor.setTestCases(f.node, { f.testCase }, f.project);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));

    auto *http = qobject_cast<HttpCheckForm *>(editor.currentForm());
    QVERIFY(http);
    QVERIFY(http->errors().isEmpty());
    typeInto(http->urlEdit(), QString());
    QVERIFY2(
        http->errors().contains(QStringLiteral("The URL is empty.")), qPrintable(http->errors().join(u'|')));
    typeInto(http->urlEdit(), QStringLiteral("localhost/orders"));
    QCOMPARE(http->errors().size(), 1);
    QVERIFY(http->errors().first().contains(QStringLiteral("http://")));
    typeInto(http->urlEdit(), QStringLiteral("http://127.0.0.1:8080/orders"));
    QVERIFY(http->errors().isEmpty());

    // A bad regex in a body_regex assertion is flagged on its row.
    AssertionTable *assertions = http->assertionTable();
    assertions->addAssertion();
    choose(static_cast<QComboBox *>(assertions->table()->cellWidget(0, AssertionTable::KindColumn)),
        QStringLiteral("body_regex"));
    assertions->table()->item(0, AssertionTable::ExpectedColumn)->setText(QStringLiteral("order ([0-9]+"));
    QCOMPARE(assertions->errorCount(), 1);
    QVERIFY2(assertions->errors().first().contains(QStringLiteral("invalid regular expression")),
        qPrintable(assertions->errors().first()));
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

    // Log step: an invalid regex shows next to the field.
    editor.addStep(QStringLiteral("log"));
    auto *log = qobject_cast<LogCheckForm *>(editor.currentForm());
    QVERIFY(log);
    QCOMPARE(editor.testCases().at(0).checks.size(), 2);
    typeInto(log->regexEdit(), QStringLiteral("order (\\d+ confirmed"));
    QVERIFY2(log->errors().join(u'|').contains(QStringLiteral("Invalid regex")),
        qPrintable(log->errors().join(u'|')));
    grab(&editor, QStringLiteral("testcaseeditor-validation"));
    grab(log, QStringLiteral("checkform-log-invalid"));
    grab(http, QStringLiteral("checkform-http-invalid"));
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
    QCOMPARE(logCheck.captures,
        (QList<Capture> { Capture {
            QStringLiteral("order_id"), QStringLiteral("regex"), QStringLiteral("order (\\d+)") } }));
}

void TestTestCaseEditor::tryItEvaluatesAgainstTheLastResponse()
{
    Fixture f;
    Check &c = f.testCase.checks[0];
    c.assertions = { Assertion { QStringLiteral("json_path"), QStringLiteral("data.items[1].id"),
                         QStringLiteral("=="), 7 },
        Assertion {
            QStringLiteral("json_path"), QStringLiteral("data.missing"), QStringLiteral("exists"), {} } };
    TestCaseEditor editor;
    editor.setTestCases(f.node, { f.testCase }, f.project);
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

void TestTestCaseEditor::sqlFormWritesSpecAndWarnsAboutWrites()
{
    Fixture f;
    Check sql = CheckFormFactory::instance().newCheck(QStringLiteral("sql"));
    f.testCase.checks = { sql };
    TestCaseEditor editor;
    editor.resize(1100, 800);
    editor.setTestCases(f.node, { f.testCase }, f.project);
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
    QTest::keyClick(form->allowWritesBox(), Qt::Key_Space);
    QVERIFY(form->allowWritesBox()->isChecked());
    QVERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(QStringLiteral("protected")));
    grab(&editor, QStringLiteral("testcaseeditor-sql"));
    grab(form, QStringLiteral("checkform-sql"));

    const QJsonObject spec = editor.testCases().at(0).checks.at(0).spec;
    const QJsonObject expected { { QStringLiteral("connection"), QStringLiteral("shop") },
        { QStringLiteral("query"), QStringLiteral("SELECT status FROM orders WHERE id = :order_id") },
        { QStringLiteral("allow_writes"), true }, { QStringLiteral("timeout_ms"), 10000 } };
    QCOMPARE(spec, expected);
}

void TestTestCaseEditor::redisFormKeepsToTheAllowList()
{
    Fixture f;
    Check redis = CheckFormFactory::instance().newCheck(QStringLiteral("redis"));
    redis.spec.insert(QStringLiteral("command"), QStringLiteral("DEL")); // e.g. from a hand-edited file
    redis.spec.insert(QStringLiteral("args"), QJsonArray { QStringLiteral("session:1") });
    f.testCase.checks = { redis };
    TestCaseEditor editor;
    editor.resize(1000, 700);
    editor.setTestCases(f.node, { f.testCase }, f.project);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    CheckForm *form = editor.currentForm();
    QCOMPARE(form->type(), QStringLiteral("redis"));
    QVERIFY2(form->errors().join(u'|').contains(QStringLiteral("DEL is not on the read-only allow-list")),
        qPrintable(form->errors().join(u'|')));
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
    QCOMPARE(spec,
        (QJsonObject { { QStringLiteral("connection"), QStringLiteral("cache") },
            { QStringLiteral("command"), QStringLiteral("LRANGE") },
            { QStringLiteral("args"),
                QJsonArray {
                    QStringLiteral("cart:{{user_id}}"), QStringLiteral("0"), QStringLiteral("-1") } },
            { QStringLiteral("timeout_ms"), 5000 } }));
    grab(form, QStringLiteral("checkform-redis"));
}

void TestTestCaseEditor::httpHeadersAndFormBody()
{
    Fixture f;
    TestCaseEditor editor;
    editor.setTestCases(f.node, { f.testCase }, f.project);
    auto *form = qobject_cast<HttpCheckForm *>(editor.currentForm());
    QVERIFY(form);
    auto tables = form->findChildren<QTableWidget *>();
    // Headers: the first key/value table of the form.
    QTableWidget *headers = nullptr;
    QTableWidget *fields = nullptr;
    for (QTableWidget *t : tables) {
        const QString key = t->horizontalHeaderItem(0)->text();
        if (key == QStringLiteral("Header"))
            headers = t;
        else if (key == QStringLiteral("Field"))
            fields = t;
    }
    QVERIFY(headers && fields);
    QTest::mouseClick(
        headers->parentWidget()->findChild<QPushButton *>(QStringLiteral("add")), Qt::LeftButton);
    headers->item(0, 0)->setText(QStringLiteral("Authorization"));
    headers->item(0, 1)->setText(QStringLiteral("Bearer {{api_token}}"));
    choose(form->bodyModeBox(), QStringLiteral("form"));
    QTest::mouseClick(
        fields->parentWidget()->findChild<QPushButton *>(QStringLiteral("add")), Qt::LeftButton);
    fields->item(0, 0)->setText(QStringLiteral("sku"));
    fields->item(0, 1)->setText(QStringLiteral("A-1"));
    const QJsonObject spec = editor.testCases().at(0).checks.at(0).spec;
    QCOMPARE(spec.value(QStringLiteral("headers")).toObject(),
        (QJsonObject { { QStringLiteral("Authorization"), QStringLiteral("Bearer {{api_token}}") } }));
    QCOMPARE(spec.value(QStringLiteral("body")).toObject(),
        (QJsonObject { { QStringLiteral("mode"), QStringLiteral("form") },
            { QStringLiteral("form"), QJsonObject { { QStringLiteral("sku"), QStringLiteral("A-1") } } } }));
    // Back to no body: the key goes away rather than lingering.
    choose(form->bodyModeBox(), QString());
    QVERIFY(!editor.testCases().at(0).checks.at(0).spec.contains(QStringLiteral("body")));
}

void TestTestCaseEditor::pendingEditIsKeptWhenAddingAStep()
{
    Fixture f;
    TestCaseEditor editor;
    editor.setTestCases(f.node, { f.testCase }, f.project);
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
}

void TestTestCaseEditor::testCaseListOperations()
{
    Fixture f;
    TestCaseEditor editor;
    editor.setTestCases(f.node, { f.testCase }, f.project);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy added(&editor, &TestCaseEditor::testCaseAdded);
    QSignalSpy removed(&editor, &TestCaseEditor::testCaseRemoved);
    QSignalSpy reordered(&editor, &TestCaseEditor::testCasesReordered);
    QSignalSpy changed(&editor, &TestCaseEditor::testCaseChanged);

    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("addTestCase")), Qt::LeftButton);
    QCOMPARE(added.count(), 1);
    const auto fresh = added.at(0).at(0).value<TestCase>();
    QCOMPARE(fresh.nodeId, f.node);
    QVERIFY(isValidId(fresh.id));
    QCOMPARE(fresh.position, 1);
    QCOMPARE(editor.currentTestCaseId(), fresh.id);

    // Title, priority, tags, flow, automated: each a committed change.
    typeInto(editor.findChild<QLineEdit *>(QStringLiteral("title")), QStringLiteral("Stock is reserved"));
    choose(editor.findChild<QComboBox *>(QStringLiteral("priority")), static_cast<int>(Priority::Critical));
    typeInto(editor.findChild<QLineEdit *>(QStringLiteral("tags")), QStringLiteral(" smoke, stock ,, smoke"));
    choose(editor.findChild<QComboBox *>(QStringLiteral("flow")), f.project.flows.first().id);
    editor.findChild<QCheckBox *>(QStringLiteral("automated"))->setChecked(true);
    QCOMPARE(changed.count(), 5);
    const auto after = changed.last().at(1).value<TestCase>();
    QCOMPARE(after.title, QStringLiteral("Stock is reserved"));
    QVERIFY(after.priority == Priority::Critical);
    QCOMPARE(after.tags, (QStringList { QStringLiteral("smoke"), QStringLiteral("stock") }));
    QCOMPARE(after.flowId, f.project.flows.first().id);
    QVERIFY(after.automated);
    // An empty title is refused, not committed.
    typeInto(editor.findChild<QLineEdit *>(QStringLiteral("title")), QString());
    QCOMPARE(changed.count(), 5);

    // Duplicate gets new ids for itself and its steps.
    editor.selectTestCase(f.testCase.id);
    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("duplicateTestCase")), Qt::LeftButton);
    QCOMPARE(added.count(), 2);
    const auto copy = added.at(1).at(0).value<TestCase>();
    QVERIFY(copy.id != f.testCase.id);
    QCOMPARE(copy.checks.size(), 1);
    QVERIFY(copy.checks.at(0).id != f.testCase.checks.at(0).id);
    QCOMPARE(copy.checks.at(0).spec, f.testCase.checks.at(0).spec);

    // Move the first test case down with the keyboard.
    auto *list = editor.findChild<QListWidget *>(QStringLiteral("testCaseList"));
    editor.selectTestCase(f.testCase.id);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(reordered.count(), 1);
    QCOMPARE(reordered.at(0).at(0).value<QList<Id>>(), (QList<Id> { fresh.id, f.testCase.id, copy.id }));

    // Delete removes the selected one.
    editor.selectTestCase(fresh.id);
    QTest::keyClick(list, Qt::Key_Delete);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).value<Id>(), fresh.id);
    QCOMPARE(editor.testCases().size(), 2);
}

void TestTestCaseEditor::refreshKeepsSelection()
{
    Fixture f;
    TestCase second = f.second();
    second.checks = { CheckFormFactory::instance().newCheck(QStringLiteral("redis")),
        CheckFormFactory::instance().newCheck(QStringLiteral("log")) };
    TestCaseEditor editor;
    editor.setTestCases(f.node, { f.testCase, second }, f.project);
    editor.selectTestCase(second.id);
    editor.selectCheck(second.checks.at(1).id);
    QCOMPARE(editor.currentForm()->type(), QStringLiteral("log"));

    // The store echoes an edit of the other test case: the selection stays.
    TestCase renamed = f.testCase;
    renamed.title = QStringLiteral("Renamed elsewhere");
    editor.setTestCases(f.node, { renamed, second }, f.project);
    QCOMPARE(editor.currentTestCaseId(), second.id);
    QCOMPARE(editor.currentCheckId(), second.checks.at(1).id);
    // Undo changed the selected test case: the fields show the stored values.
    TestCase undone = second;
    undone.title = QStringLiteral("Refund (undone)");
    editor.setTestCases(f.node, { renamed, undone }, f.project);
    QCOMPARE(
        editor.findChild<QLineEdit *>(QStringLiteral("title"))->text(), QStringLiteral("Refund (undone)"));
    QCOMPARE(editor.currentCheckId(), second.checks.at(1).id);
    // Another node: its first test case is selected.
    editor.setTestCases(newId(), {}, f.project);
    QVERIFY(editor.currentTestCaseId().isEmpty());
}

void TestTestCaseEditor::emptyStates()
{
    Fixture f;
    TestCaseEditor editor;
    editor.resize(900, 500);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    grab(&editor, QStringLiteral("testcaseeditor-no-node"));
    editor.setTestCases(f.node, {}, f.project);
    QVERIFY(!editor.findChild<QListWidget *>(QStringLiteral("testCaseList"))->isVisible());
    grab(&editor, QStringLiteral("testcaseeditor-no-testcases"));
    TestCase manual = f.second();
    editor.setTestCases(f.node, { manual }, f.project);
    QVERIFY(!editor.currentForm());
    grab(&editor, QStringLiteral("testcaseeditor-no-steps"));
}

void TestTestCaseEditor::expectedValuesAreTyped_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("integer") << QStringLiteral("201") << QJsonValue(201);
    QTest::newRow("decimal") << QStringLiteral("2.5") << QJsonValue(2.5);
    QTest::newRow("boolean") << QStringLiteral("true") << QJsonValue(true);
    QTest::newRow("quoted number is text") << QStringLiteral("\"201\"") << QJsonValue(QStringLiteral("201"));
    QTest::newRow("plain text") << QStringLiteral("PAID") << QJsonValue(QStringLiteral("PAID"));
    QTest::newRow("variable") << QStringLiteral("{{order_id}}") << QJsonValue(QStringLiteral("{{order_id}}"));
    QTest::newRow("array") << QStringLiteral("[1,2]") << QJsonValue(QJsonArray { 1, 2 });
}

void TestTestCaseEditor::expectedValuesAreTyped()
{
    QFETCH(QString, text);
    QFETCH(QJsonValue, value);
    QCOMPARE(expectedFromText(text), value);
    // What the cell shows reads back as the same value.
    QCOMPARE(expectedFromText(expectedToText(value)), value);
}

void TestTestCaseEditor::jqValidation_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<bool>("ok");
    QTest::newRow("simple") << QStringLiteral(".items | length == 3") << true;
    QTest::newRow("nested") << QStringLiteral("[.[] | select(.a == \"x)\")] | length") << true;
    QTest::newRow("unclosed paren") << QStringLiteral(".items | map(.id") << false;
    QTest::newRow("unknown function") << QStringLiteral(".items | lenght") << false;
    QTest::newRow("stray bracket") << QStringLiteral(".a]") << false;
    QTest::newRow("unterminated string") << QStringLiteral(".a == \"x") << false;
    QTest::newRow("empty") << QStringLiteral("  ") << false;
}

void TestTestCaseEditor::jqValidation()
{
    QFETCH(QString, program);
    QFETCH(bool, ok);
    QCOMPARE(ExpressionSupport::validateJq(program).isEmpty(), ok);
}

QTEST_MAIN(TestTestCaseEditor)
#include "tst_testcaseeditor.moc"
