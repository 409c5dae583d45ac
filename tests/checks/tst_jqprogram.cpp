// libjq wrapper: compile once per text, errors naming the expression, values both ways.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/jqprogram.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QtConcurrent>

using namespace flowbench;

class TestJqProgram : public QObject
{
    Q_OBJECT

private slots:
    void compilesEachTextOnce()
    {
        const int before = JqProgram::compileCount();
        const auto a = JqProgram::compiled(".orders | length == 2 # once");
        const auto b = JqProgram::compiled(".orders | length == 2 # once");
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(JqProgram::compileCount(), before + 1);
        QCOMPARE(a->get(), b->get()); // the same compiled program is shared
        JqProgram::compiled(".orders | length == 3 # other");
        QCOMPARE(JqProgram::compileCount(), before + 2);
    }

    void compileErrorIsCachedAndNamesTheExpression()
    {
        const int before = JqProgram::compileCount();
        const auto bad = JqProgram::compiled(".items | lenght");
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().startsWith("jq .items | lenght: "), qPrintable(bad.error()));
        QVERIFY2(bad.error().contains("lenght/0 is not defined"), qPrintable(bad.error()));
        const auto again = JqProgram::compiled(".items | lenght");
        QCOMPARE(again.error(), bad.error());
        QCOMPARE(JqProgram::compileCount(), before + 1);
    }

    void syntaxError()
    {
        const auto bad = JqProgram::compiled(".a | [");
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().startsWith("jq .a | [: ") && bad.error().contains("syntax error"), qPrintable(bad.error()));
    }

    void runs_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("output");
        QTest::newRow("bool") << ".[0].amount == 27" << R"([{"amount":27}])" << "true";
        QTest::newRow("object") << "{n: (.items | length), first: .items[0]}" << R"({"items":["a","b"]})"
                                << R"({"first":"a","n":2})";
        QTest::newRow("unicode string") << ".name + \"!\"" << R"({"name":"Zoë"})" << R"("Zoë!")";
        QTest::newRow("null") << ".missing" << "{}" << "null";
        QTest::newRow("nested arrays") << "[.[] | [., . * 2]]" << "[1,2]" << "[[1,2],[2,4]]";
        QTest::newRow("first of many") << ".[]" << "[5,6]" << "5";
    }

    void runs()
    {
        QFETCH(QString, program);
        QFETCH(QString, input);
        QFETCH(QString, output);
        const auto p = JqProgram::compiled(program);
        QVERIFY2(p.ok(), qPrintable(p.error()));
        const QJsonValue in = QJsonDocument::fromJson("[" + input.toUtf8() + "]").array().at(0);
        const auto out = (*p)->first(in);
        QVERIFY2(out.ok(), qPrintable(out.error()));
        const QByteArray json = QJsonDocument(QJsonArray{*out}).toJson(QJsonDocument::Compact);
        QCOMPARE(QString::fromUtf8(json.mid(1, json.size() - 2)), output);
    }

    void runtimeErrorNamesTheExpression()
    {
        const auto p = JqProgram::compiled(".a.b");
        const auto out = (*p)->first(QJsonValue(5));
        QVERIFY(!out.ok());
        QCOMPARE(out.error(), QStringLiteral("Cannot index number with string \"a\""));
    }

    void noOutput()
    {
        const auto p = JqProgram::compiled("empty");
        const auto out = (*p)->first(QJsonValue(1));
        QVERIFY(!out.ok());
        QCOMPARE(out.error(), QStringLiteral("produced no output"));
    }

    void usableFromManyThreads()
    {
        const auto p = JqProgram::compiled("[.[] | . * 2] | add");
        QList<int> inputs;
        for (int i = 0; i < 200; ++i)
            inputs.append(i);
        const QList<double> sums = QtConcurrent::blockingMapped(inputs, [&](int n) {
            const auto out = (*p)->first(QJsonArray{n, n + 1});
            return out.ok() ? out->toDouble() : -1.0;
        });
        for (int i = 0; i < inputs.size(); ++i)
            QCOMPARE(sums.at(i), double(4 * i + 2));
    }
};

QTEST_GUILESS_MAIN(TestJqProgram)
#include "tst_jqprogram.moc"
