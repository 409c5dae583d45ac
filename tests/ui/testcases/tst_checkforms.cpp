// Every registered check type has a form, and the form offers exactly what the type
// declares in core: its assertion kinds (and each kind's ops), its capture sources, the
// choices of its choice fields, its label and a new step's spec. Nothing is listed twice.
#include "checks/checkregistry.h"
#include "checks/tcpcheck.h"
#include "testcases/checkforms/assertiontable.h"
#include "testcases/checkforms/capturetable.h"
#include "testcases/checkforms/checkform.h"
#include "testcases/checkforms/checkformfactory.h"
#include "testcases/checkforms/tcpcheckform.h"

#include <QComboBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>
#include <memory>

using namespace flowbench;

namespace {

QStringList itemData(const QComboBox *combo)
{
    QStringList values;
    for (int i = 0; i < combo->count(); ++i)
        values.append(combo->itemData(i).toString());
    return values;
}

QStringList itemTexts(const QComboBox *combo)
{
    QStringList values;
    for (int i = 0; i < combo->count(); ++i)
        values.append(combo->itemText(i));
    return values;
}

void choose(QComboBox *combo, int index)
{
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

} // namespace

class TestCheckForms : public QObject
{
    Q_OBJECT

private slots:
    void everyTypeHasAForm_data();
    void everyTypeHasAForm();
    void formOffersWhatCoreDeclares_data() { everyTypeHasAForm_data(); }
    void formOffersWhatCoreDeclares();
    void tcpFormEditsTheSpec();
};

void TestCheckForms::everyTypeHasAForm_data()
{
    QTest::addColumn<QString>("type");
    const QStringList names = CheckRegistry::instance().names();
    QVERIFY(names.contains(QStringLiteral("tcp")));
    for (const QString &name : names)
        QTest::newRow(qPrintable(name)) << name;
}

void TestCheckForms::everyTypeHasAForm()
{
    QFETCH(QString, type);
    const CheckFormFactory &factory = CheckFormFactory::instance();
    QVERIFY2(factory.types().contains(type), qPrintable(type + QStringLiteral(" has no form")));
    const CheckVocabulary &vocabulary = CheckRegistry::instance().type(type)->vocabulary();
    QCOMPARE(factory.label(type), vocabulary.title);
    const Check fresh = factory.newCheck(type);
    QCOMPARE(fresh.type, type);
    QCOMPARE(fresh.spec, vocabulary.newSpec());
    // A new step holds its fields' defaults or empty values, never null.
    for (auto it = fresh.spec.begin(); it != fresh.spec.end(); ++it)
        QVERIFY2(!it.value().isNull() && !it.value().isUndefined(),
            qPrintable(QStringLiteral("spec.%1").arg(it.key())));
}

void TestCheckForms::formOffersWhatCoreDeclares()
{
    QFETCH(QString, type);
    const CheckVocabulary &vocabulary = CheckRegistry::instance().type(type)->vocabulary();
    std::unique_ptr<CheckForm> form(CheckFormFactory::instance().create(type, nullptr));
    QVERIFY(form);
    QCOMPARE(form->type(), type);
    form->setCheck(CheckFormFactory::instance().newCheck(type));
    form->show();

    // Assertion kinds, in the declared order, each with exactly its ops.
    AssertionTable *assertions = form->assertionTable();
    assertions->addAssertion();
    auto *kindBox = static_cast<QComboBox *>(assertions->table()->cellWidget(0, AssertionTable::KindColumn));
    auto *opBox = static_cast<QComboBox *>(assertions->table()->cellWidget(0, AssertionTable::OpColumn));
    QCOMPARE(itemData(kindBox), vocabulary.assertionNames());
    // A new assertion starts as the first kind declares it.
    QVERIFY(!vocabulary.assertions.isEmpty());
    const AssertionKind &first = vocabulary.assertions.first();
    const Assertion added = assertions->assertions().value(0);
    QCOMPARE(added.kind, first.name);
    QCOMPARE(added.op,
        first.ops.isEmpty() ? first.newOp : (first.op(first.newOp) ? first.newOp : first.ops.first().name));
    if (first.expectedWith(added.op) != Operand::None)
        QCOMPARE(added.expected, first.newExpected);
    for (int i = 0; i < kindBox->count(); ++i) {
        choose(kindBox, i);
        const AssertionKind &kind = vocabulary.assertions.at(i);
        QCOMPARE(kindBox->itemText(i), kind.label);
        if (kind.ops.isEmpty()) {
            QVERIFY2(!opBox->isEnabled(), qPrintable(kind.name));
        } else {
            QVERIFY2(opBox->isEnabled(), qPrintable(kind.name));
            QCOMPARE(itemData(opBox), kind.opNames());
        }
        QCOMPARE(
            assertions->table()->item(0, AssertionTable::TargetColumn)->flags().testFlag(Qt::ItemIsEditable),
            kind.target != Operand::None);
    }
    // Whatever the form makes of a fresh assertion of each kind, core knows it.
    Check check = form->check();
    for (const Assertion &a : assertions->assertions())
        QVERIFY2(vocabulary.assertion(a.kind) != nullptr, qPrintable(a.kind));

    // Capture sources, in the declared order; a type without any offers no captures.
    CaptureTable *captures = form->captureTable();
    QCOMPARE(form->capturesBox()->isVisibleTo(form.get()), !vocabulary.captures.isEmpty());
    if (!vocabulary.captures.isEmpty()) {
        captures->addCapture();
        auto *sourceBox
            = static_cast<QComboBox *>(captures->table()->cellWidget(0, CaptureTable::SourceColumn));
        QCOMPARE(itemTexts(sourceBox), vocabulary.captureNames());
    }

    // A field with choices is a combo offering exactly them (http method, redis command).
    for (const SpecField &field : vocabulary.fields) {
        if (field.choices.isEmpty() || field.kind == SpecField::Kind::Connection)
            continue;
        auto *combo = form->findChild<QComboBox *>(field.name);
        QVERIFY2(combo, qPrintable(QStringLiteral("no combo for spec.%1").arg(field.name)));
        QCOMPARE(itemTexts(combo), field.choiceValues());
    }

    // The form writes only fields the type declares.
    check = form->check();
    for (auto it = check.spec.begin(); it != check.spec.end(); ++it)
        QVERIFY2(
            vocabulary.field(it.key()), qPrintable(QStringLiteral("spec.%1 is not declared").arg(it.key())));
}

void TestCheckForms::tcpFormEditsTheSpec()
{
    TcpCheckForm form;
    Check check = CheckFormFactory::instance().newCheck(QStringLiteral("tcp"));
    form.setCheck(check);
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    // A new step names neither host nor port, and says so.
    QCOMPARE(form.errors(),
        (QStringList {
            QStringLiteral("The host is empty."), QStringLiteral("Choose the port to connect to.") }));
    QVERIFY(!CheckRegistry::instance().validate(form.check()).ok());

    QSignalSpy edited(&form, &CheckForm::checkEdited);
    typeInto(form.hostEdit(), QStringLiteral("{{queue_host}}"));
    form.portBox()->setValue(5672);
    emit form.portBox()->editingFinished();
    QVERIFY(edited.count() >= 2);
    QVERIFY2(form.errors().isEmpty(), qPrintable(form.errors().join(u'|')));
    const Check edited_ = form.check();
    QCOMPARE(edited_.spec.value(QStringLiteral("host")).toString(), QStringLiteral("{{queue_host}}"));
    QCOMPARE(edited_.spec.value(QStringLiteral("port")).toInt(), 5672);
    QCOMPARE(edited_.spec.value(QStringLiteral("timeout_ms")).toInt(),
        TcpCheck().vocabulary().field(QStringLiteral("timeout_ms"))->defaultValue.toInt());
    const Status valid = CheckRegistry::instance().validate(edited_);
    QVERIFY2(valid.ok(), qPrintable(valid.error()));

    // Reloading shows what was saved.
    TcpCheckForm again;
    again.setCheck(edited_);
    QCOMPARE(again.hostEdit()->text(), QStringLiteral("{{queue_host}}"));
    QCOMPARE(again.portBox()->value(), 5672);
    QCOMPARE(again.check().spec, edited_.spec);
}

QTEST_MAIN(TestCheckForms)
#include "tst_checkforms.moc"
