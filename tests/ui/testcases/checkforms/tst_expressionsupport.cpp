// How the forms read an expected value typed in a cell, and which jq programs they accept.
#include "testcases/checkforms/expressionsupport.h"

#include <QJsonArray>
#include <QtTest>

using namespace flowbench;

class TestExpressionSupport : public QObject
{
    Q_OBJECT
private slots:
    void expectedValuesAreTyped_data();
    void expectedValuesAreTyped();
    void jqValidation_data();
    void jqValidation();
};

void TestExpressionSupport::expectedValuesAreTyped_data()
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

void TestExpressionSupport::expectedValuesAreTyped()
{
    QFETCH(QString, text);
    QFETCH(QJsonValue, value);
    QCOMPARE(expectedFromText(text), value);
    // What the cell shows reads back as the same value.
    QCOMPARE(expectedFromText(expectedToText(value)), value);
}

void TestExpressionSupport::jqValidation_data()
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

void TestExpressionSupport::jqValidation()
{
    QFETCH(QString, program);
    QFETCH(bool, ok);
    QCOMPARE(ExpressionSupport::validateJq(program).isEmpty(), ok);
}

QTEST_MAIN(TestExpressionSupport)
#include "tst_expressionsupport.moc"
