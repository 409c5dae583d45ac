// Faults in the test case editor and proxies in the Environments dialog, edited through
// their widgets: each edit is one command on the document (undo takes it back), a bad
// fault text is refused with the parser's words, and the dialog refuses a proxy that would
// listen beyond loopback.
#include "dialogs/environmentdialog.h"
#include "testcases/faultssection.h"
#include "testcases/testcaseform.h"
#include "ui/screenshots.h"
#include "ui/testcases/testcasefixture.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestFaultsEditor : public QObject
{
    Q_OBJECT
private slots:
    void faultsAreEditedOneCommandEach();
    void badFaultTextIsRefused();
    void proxiesTableEditsTheEnvironment();
};

namespace {
// The fixture's node calls a "payment" node: the fault's target may be either, or the edge.
Id addPayment(TestCaseFixture &f, Id *edgeId)
{
    Node payment;
    payment.id = newId();
    payment.kind = NodeKind::External;
    payment.name = QStringLiteral("payment");
    f.project.nodes.append(payment);
    Edge e;
    e.id = newId();
    e.from = f.node;
    e.to = payment.id;
    e.kind = EdgeKind::Calls;
    f.project.edges.append(e);
    *edgeId = e.id;
    return payment.id;
}
} // namespace

void TestFaultsEditor::faultsAreEditedOneCommandEach()
{
    TestCaseFixture f;
    Id edge;
    addPayment(f, &edge);
    ProjectDocument *doc = f.open({ f.testCase });
    QUndoStack *stack = doc->undoStack();
    TestCaseEditor editor;
    editor.resize(1366, 768);
    f.show(editor);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto *faults = editor.form()->findChild<FaultsSection *>();
    QVERIFY(faults);
    // The node and its edge, by the names a person reads.
    QCOMPARE(faults->targetBox()->count(), 2);
    QCOMPARE(faults->targetBox()->itemText(0), QStringLiteral("POST /orders"));
    QCOMPARE(faults->targetBox()->itemText(1), QStringLiteral("POST /orders → payment"));
    QVERIFY(!faults->list()->isVisible()); // none yet

    choose(faults->targetBox(), edge);
    choose(faults->kindBox(), QStringLiteral("latency")); // fills in a typical value
    QCOMPARE(faults->valuesEdit()->text(), QStringLiteral("latency=3000,jitter=0"));
    faults->valuesEdit()->setText(QStringLiteral("latency=1500"));
    QTest::mouseClick(faults->addButton(), Qt::LeftButton);
    QCOMPARE(stack->count(), 1);
    QCOMPARE(f.stored(f.testCase.id).faults.size(), 1);
    QCOMPARE(f.inFile(f.testCase.id).faults.first().target, edge); // saved at once
    QCOMPARE(f.inFile(f.testCase.id).faults.first().fault.latencyMs, 1500);
    QCOMPARE(faults->list()->count(), 1);
    QCOMPARE(faults->list()->item(0)->text(), QStringLiteral("⚡ POST /orders → payment: latency=1500"));

    choose(faults->targetBox(), f.node);
    choose(faults->kindBox(), QStringLiteral("http_status"));
    QTest::mouseClick(faults->addButton(), Qt::LeftButton);
    QCOMPARE(stack->count(), 2);
    QCOMPARE(faults->list()->count(), 2);
    QCOMPARE(faults->list()->item(1)->text(), QStringLiteral("⚡ POST /orders: http_status=503,count=1"));

    Screenshots shots;
    const QImage shot = shots.grab(&editor, QStringLiteral("faults-editor"));
    QVERIFY(!shot.isNull());
    if (qEnvironmentVariableIsSet("FLOWBENCH_FAULTS_PNG"))
        shot.save(QStringLiteral("/tmp/faultrun-editor.png"));

    faults->list()->setCurrentRow(0);
    QTest::mouseClick(faults->removeButton(), Qt::LeftButton);
    QCOMPARE(stack->count(), 3);
    QCOMPARE(f.inFile(f.testCase.id).faults.size(), 1);
    QCOMPARE(f.inFile(f.testCase.id).faults.first().target, f.node);
    stack->undo();
    stack->undo();
    QCOMPARE(f.inFile(f.testCase.id).faults.size(), 1);
    QCOMPARE(faults->list()->count(), 1);
    stack->undo();
    QVERIFY(f.inFile(f.testCase.id).faults.isEmpty());
    QCOMPARE(f.stored(f.testCase.id), f.testCase);
}

void TestFaultsEditor::badFaultTextIsRefused()
{
    TestCaseFixture f;
    ProjectDocument *doc = f.open({ f.testCase });
    TestCaseEditor editor;
    f.show(editor);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto *faults = editor.form()->findChild<FaultsSection *>();
    QVERIFY(faults);
    faults->valuesEdit()->setText(QStringLiteral("latency=soon"));
    QTest::mouseClick(faults->addButton(), Qt::LeftButton);
    QCOMPARE(doc->undoStack()->count(), 0);
    QVERIFY(faults->problemLabel()->isVisible());
    QCOMPARE(faults->problemLabel()->text(),
        QStringLiteral("fault \"latency=soon\": latency must be a number (got \"soon\")"));
    // The same name twice on one target would clash on its proxy.
    faults->valuesEdit()->setText(QStringLiteral("down"));
    QTest::mouseClick(faults->addButton(), Qt::LeftButton);
    QCOMPARE(doc->undoStack()->count(), 1);
    faults->valuesEdit()->setText(QStringLiteral("down"));
    QTest::mouseClick(faults->addButton(), Qt::LeftButton);
    QCOMPARE(doc->undoStack()->count(), 1);
    QVERIFY(faults->problemLabel()->text().contains(QStringLiteral("has a fault named \"down\" already")));
}

void TestFaultsEditor::proxiesTableEditsTheEnvironment()
{
    TestCaseFixture f;
    Id edge;
    addPayment(f, &edge);
    EnvironmentDialog dialog(f.project.environments);
    dialog.resize(1366, 768);
    dialog.setProxyTargets({ { QStringLiteral("POST /orders → payment"), edge },
        { QStringLiteral("payment"), f.project.nodes.last().id } });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTableWidget *proxies = dialog.proxiesTable();
    QCOMPARE(proxies->rowCount(), 0);
    const auto buttons = dialog.findChildren<QPushButton *>();
    QPushButton *add = nullptr;
    for (QPushButton *b : buttons)
        if (b->text() == QStringLiteral("Add p&roxy"))
            add = b;
    QVERIFY(add);
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(proxies->rowCount(), 1);
    proxies->item(0, EnvironmentDialog::ProxyListenColumn)->setText(QStringLiteral("0.0.0.0:18091"));
    proxies->setItem(
        0, EnvironmentDialog::ProxyUpstreamColumn, new QTableWidgetItem(QStringLiteral("127.0.0.1:18090")));
    dialog.accept();
    QVERIFY(dialog.isVisible()); // refused: not loopback
    QVERIFY2(dialog.messageText().contains(
                 QStringLiteral("proxies[0].listen: \"0.0.0.0:18091\" is not a loopback address")),
        qPrintable(dialog.messageText()));
    proxies->item(0, EnvironmentDialog::ProxyListenColumn)->setText(QStringLiteral("127.0.0.1:18091"));
    Screenshots shots;
    const QImage shot = shots.grab(&dialog, QStringLiteral("proxies"));
    QVERIFY(!shot.isNull());
    if (qEnvironmentVariableIsSet("FLOWBENCH_FAULTS_PNG"))
        shot.save(QStringLiteral("/tmp/faultrun-proxies.png"));
    dialog.accept();
    QVERIFY(!dialog.isVisible());
    const QList<ProxyRoute> expected { ProxyRoute {
        edge, QStringLiteral("127.0.0.1:18091"), QStringLiteral("127.0.0.1:18090") } };
    QCOMPARE(dialog.environments().first().proxies, expected);
}

QTEST_MAIN(TestFaultsEditor)
#include "tst_faultseditor.moc"
