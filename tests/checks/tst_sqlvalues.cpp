// Column values become JSON as the database means them: typed by PostgreSQL's type OIDs
// (a real server started here) and by SQLite's storage classes.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/pgvalues.h"
#include "checks/sqlquery.h"
#include "support/checkharness.h"
#include "support/postgresserver.h"
#include "support/testenv.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
const char *kPassword = "values-pass";

// A JSON value from its text, scalars included ("7", "\"x\"", "null").
QJsonValue json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().first();
}

QString show(const QJsonValue &v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact));
}
} // namespace

class TestSqlValues : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PostgresServer m_pg;
    bool m_pgUp = false;
    QString m_pgProblem;

    Connection pgConnection() const
    {
        Connection c;
        c.name = "pg";
        c.driver = "QPSQL";
        c.host = "127.0.0.1";
        c.port = m_pg.port();
        c.database = "shop";
        c.user = "shop_user";
        c.passwordRef = "${env:FLOWBENCH_TEST_VALUES_PASSWORD}";
        // The connection's own options reach the server, beside the ones a check sets.
        c.options = "options='-c TimeZone=Europe/Berlin'";
        return c;
    }

    SqlResponse select(const Connection &c, const QString &expression, int timeoutMs = 3000)
    {
        SqlRequest request;
        request.connection = c;
        request.projectDir = m_dir.path();
        request.query = "SELECT " + expression + " AS v";
        request.timeoutMs = timeoutMs;
        return runSqlQuery(request);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("FLOWBENCH_TEST_VALUES_PASSWORD", kPassword);
        m_pgProblem = m_pg.startOrWhyNot("shop", "shop_user", kPassword);
        m_pgUp = m_pgProblem.isEmpty();
        if (!m_pgUp && serversRequired())
            QFAIL(qPrintable(m_pgProblem));
    }

    // The mapping itself, without a server: PostgreSQL's text output for each type.
    void mapping_data()
    {
        QTest::addColumn<uint>("oid");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QJsonValue>("expected");
        QTest::newRow("bool t") << 16u << QByteArray("t") << QJsonValue(true);
        QTest::newRow("bool f") << 16u << QByteArray("f") << QJsonValue(false);
        QTest::newRow("int2") << 21u << QByteArray("-32768") << QJsonValue(-32768);
        QTest::newRow("int4") << 23u << QByteArray("2147483647") << QJsonValue(2147483647.0);
        QTest::newRow("int8 2^53") << 20u << QByteArray("9007199254740992") << QJsonValue(9007199254740992.0);
        QTest::newRow("int8 -2^53") << 20u << QByteArray("-9007199254740992")
                                    << QJsonValue(-9007199254740992.0);
        QTest::newRow("int8 2^53+1") << 20u << QByteArray("9007199254740993")
                                     << QJsonValue("9007199254740993");
        QTest::newRow("int8 min") << 20u << QByteArray("-9223372036854775808")
                                  << QJsonValue("-9223372036854775808");
        QTest::newRow("float8") << 701u << QByteArray("1.5") << QJsonValue(1.5);
        QTest::newRow("float8 exponent") << 701u << QByteArray("1e+100") << QJsonValue(1e100);
        QTest::newRow("float8 NaN") << 701u << QByteArray("NaN") << QJsonValue("NaN");
        QTest::newRow("float4 Infinity") << 700u << QByteArray("Infinity") << QJsonValue("Infinity");
        QTest::newRow("float8 -Infinity") << 701u << QByteArray("-Infinity") << QJsonValue("-Infinity");
        QTest::newRow("numeric scale") << 1700u << QByteArray("27.00") << QJsonValue(27);
        QTest::newRow("numeric 0.1") << 1700u << QByteArray("0.1") << QJsonValue(0.1);
        QTest::newRow("numeric -0.00") << 1700u << QByteArray("-0.00") << QJsonValue(0);
        QTest::newRow("numeric tiny")
            << 1700u << QByteArray("0.000000000000000000000000000001") << QJsonValue(1e-30);
        QTest::newRow("numeric 17 digits")
            << 1700u << QByteArray("0.30000000000000004") << QJsonValue(0.30000000000000004);
        QTest::newRow("numeric too precise")
            << 1700u << QByteArray("12345678901234567890.12") << QJsonValue("12345678901234567890.12");
        QTest::newRow("numeric 18 digits")
            << 1700u << QByteArray("123456789012345678") << QJsonValue("123456789012345678");
        QTest::newRow("numeric 0.1 + tail")
            << 1700u << QByteArray("0.10000000000000000001") << QJsonValue("0.10000000000000000001");
        QTest::newRow("numeric NaN") << 1700u << QByteArray("NaN") << QJsonValue("NaN");
        QTest::newRow("numeric Infinity") << 1700u << QByteArray("Infinity") << QJsonValue("Infinity");
        QTest::newRow("jsonb object")
            << 3802u << QByteArray(R"({"a": {"b": [1, 2]}})") << json(R"({"a":{"b":[1,2]}})");
        QTest::newRow("json string") << 114u << QByteArray(R"("x")") << QJsonValue("x");
        QTest::newRow("jsonb number") << 3802u << QByteArray("7") << QJsonValue(7);
        QTest::newRow("jsonb null") << 3802u << QByteArray("null") << QJsonValue(QJsonValue::Null);
        QTest::newRow("bytea") << 17u << QByteArray("\\x00ff41") << QJsonValue("AP9B");
        QTest::newRow("bytea empty") << 17u << QByteArray("\\x") << QJsonValue("");
        QTest::newRow("timestamptz +01") << 1184u << QByteArray("2026-12-03 06:25:03.123+01")
                                         << QJsonValue("2026-12-03T06:25:03.123+01:00");
        QTest::newRow("timestamptz +05:30")
            << 1184u << QByteArray("2026-12-03 10:55:03+05:30") << QJsonValue("2026-12-03T10:55:03+05:30");
        QTest::newRow("timestamptz -03")
            << 1184u << QByteArray("2026-12-03 02:25:03-03") << QJsonValue("2026-12-03T02:25:03-03:00");
        QTest::newRow("timestamptz LMT") << 1184u << QByteArray("1850-01-01 00:00:00+00:53:28")
                                         << QJsonValue("1850-01-01T00:00:00+00:53:28");
        QTest::newRow("timestamptz infinity") << 1184u << QByteArray("infinity") << QJsonValue("infinity");
        QTest::newRow("timestamptz BC")
            << 1184u << QByteArray("0044-03-15 12:00:00+00 BC") << QJsonValue("0044-03-15 12:00:00+00 BC");
        QTest::newRow("timestamp") << 1114u << QByteArray("2026-12-03 06:25:03.5")
                                   << QJsonValue("2026-12-03T06:25:03.5");
        QTest::newRow("timetz") << 1266u << QByteArray("06:25:03+01") << QJsonValue("06:25:03+01:00");
        QTest::newRow("date") << 1082u << QByteArray("2026-12-03") << QJsonValue("2026-12-03");
        QTest::newRow("text") << 25u << QByteArray("ünï;code") << QJsonValue("ünï;code");
    }

    void mapping()
    {
        QFETCH(uint, oid);
        QFETCH(QByteArray, text);
        QFETCH(QJsonValue, expected);
        const QJsonValue actual = pgValueToJson(oid, text);
        QVERIFY2(actual == expected, qPrintable(show(actual) + " != " + show(expected)));
    }

    // What the server sends for each type, through a sql check's own connection.
    void postgres_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QJsonValue>("expected");
        QTest::newRow("bool") << "true" << QJsonValue(true);
        QTest::newRow("int2") << "42::int2" << QJsonValue(42);
        QTest::newRow("int4") << "-7" << QJsonValue(-7);
        QTest::newRow("int8 2^53") << "9007199254740992::int8" << QJsonValue(9007199254740992.0);
        QTest::newRow("int8 2^53+1") << "9007199254740993::int8" << QJsonValue("9007199254740993");
        QTest::newRow("count(*) is int8") << "(SELECT count(*) FROM generate_series(1, 3))" << QJsonValue(3);
        QTest::newRow("float8") << "0.1::float8" << QJsonValue(0.1);
        QTest::newRow("float4") << "0.1::float4" << QJsonValue(0.1);
        QTest::newRow("float8 NaN") << "'NaN'::float8" << QJsonValue("NaN");
        QTest::newRow("float4 -Infinity") << "'-Infinity'::float4" << QJsonValue("-Infinity");
        QTest::newRow("numeric(10,2)") << "27::numeric(10,2)" << QJsonValue(27);
        QTest::newRow("numeric 3.5") << "3.50::numeric" << QJsonValue(3.5);
        QTest::newRow("numeric keeps its digits")
            << "12345678901234567890.12::numeric" << QJsonValue("12345678901234567890.12");
        QTest::newRow("numeric NaN") << "'NaN'::numeric" << QJsonValue("NaN");
        QTest::newRow("numeric Infinity") << "'Infinity'::numeric" << QJsonValue("Infinity");
        QTest::newRow("jsonb") << R"('{"a": {"b": [1, 2]}, "c": null}'::jsonb)"
                               << json(R"({"a":{"b":[1,2]},"c":null})");
        QTest::newRow("json scalar") << R"('"x"'::json)" << QJsonValue("x");
        QTest::newRow("json array") << R"('[1, "a", true]'::json)" << json(R"([1,"a",true])");
        QTest::newRow("bytea") << R"('\x00ff41'::bytea)" << QJsonValue("AP9B");
        QTest::newRow("timestamptz winter")
            << "'2026-12-03 05:25:03.123Z'::timestamptz" << QJsonValue("2026-12-03T06:25:03.123+01:00");
        QTest::newRow("timestamptz summer")
            << "'2026-07-01 12:00:00Z'::timestamptz" << QJsonValue("2026-07-01T14:00:00+02:00");
        QTest::newRow("timestamptz infinity") << "'infinity'::timestamptz" << QJsonValue("infinity");
        QTest::newRow("timestamp") << "'2026-12-03 06:25:03.5'::timestamp"
                                   << QJsonValue("2026-12-03T06:25:03.5");
        QTest::newRow("date") << "'2026-12-03'::date" << QJsonValue("2026-12-03");
        QTest::newRow("time") << "'06:25:03'::time" << QJsonValue("06:25:03");
        QTest::newRow("timetz") << "'06:25:03+01'::timetz" << QJsonValue("06:25:03+01:00");
        QTest::newRow("interval") << "'1 day 2 hours'::interval" << QJsonValue("1 day 02:00:00");
        QTest::newRow("uuid") << "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid"
                              << QJsonValue("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        QTest::newRow("int array") << "ARRAY[1, 2]" << QJsonValue("{1,2}");
        QTest::newRow("text") << "'ünï'" << QJsonValue("ünï");
        QTest::newRow("null") << "NULL::int" << QJsonValue(QJsonValue::Null);
        // What a check sets on its session, beside the connection's own options.
        QTest::newRow("read-only default")
            << "current_setting('default_transaction_read_only')" << QJsonValue("on");
        QTest::newRow("read-only transaction")
            << "current_setting('transaction_read_only')" << QJsonValue("on");
        QTest::newRow("statement timeout") << "current_setting('statement_timeout')" << QJsonValue("3s");
        QTest::newRow("the connection's TimeZone")
            << "current_setting('TimeZone')" << QJsonValue("Europe/Berlin");
    }

    void postgres()
    {
        QFETCH(QString, expression);
        QFETCH(QJsonValue, expected);
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        const SqlResponse r = select(pgConnection(), expression);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.rows.size(), 1);
        const QJsonValue actual = r.rows.first().toObject().value("v");
        QVERIFY2(actual == expected, qPrintable(show(actual) + " != " + show(expected)));
    }

    // json_path and jq reach inside a jsonb column, as a user would write them.
    void jsonPathReachesIntoJsonb()
    {
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        Environment env;
        env.name = "staging";
        env.connections.append(pgConnection());
        CheckContext context;
        context.environment = &env;
        const CheckOutcome outcome = runCheck(
            makeCheck("sql",
                QJsonObject { { "connection", "pg" },
                    { "query",
                        R"(SELECT '{"items": [{"sku": "A-1", "qty": 2}]}'::jsonb AS doc, 12345678901234567890.5::numeric AS total)" } },
                { assertion("json_path", "[0].doc.items[0].sku", "==", "A-1"),
                    assertion("json_path", "[0].doc.items[0].qty", "==", 2),
                    assertion("jq", ".[0].total == \"12345678901234567890.5\"", "==", {}) }),
            context);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
    }

    void sqlite_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QJsonValue>("expected");
        QTest::newRow("blob") << "X'00FF41'" << QJsonValue("AP9B");
        QTest::newRow("integer 2^53") << "9007199254740992" << QJsonValue(9007199254740992.0);
        QTest::newRow("integer 2^53+1") << "9007199254740993" << QJsonValue("9007199254740993");
        QTest::newRow("real") << "1.5" << QJsonValue(1.5);
        QTest::newRow("real infinity") << "1e999" << QJsonValue("Infinity");
        QTest::newRow("text") << "'ünï'" << QJsonValue("ünï");
        QTest::newRow("null") << "NULL" << QJsonValue(QJsonValue::Null);
    }

    void sqlite()
    {
        QFETCH(QString, expression);
        QFETCH(QJsonValue, expected);
        const QString path = QDir(m_dir.path()).filePath("values.db");
        if (!QFile::exists(path)) {
            {
                QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "values-setup");
                db.setDatabaseName(path);
                QVERIFY(db.open());
                QSqlQuery q(db);
                QVERIFY2(q.exec("CREATE TABLE t (x)"), qPrintable(q.lastError().text()));
            }
            QSqlDatabase::removeDatabase("values-setup");
        }
        Connection c;
        c.name = "lite";
        c.driver = "QSQLITE";
        c.database = "values.db";
        const SqlResponse r = select(c, expression);
        QVERIFY2(r.ok, qPrintable(r.error));
        const QJsonValue actual = r.rows.first().toObject().value("v");
        QVERIFY2(actual == expected, qPrintable(show(actual) + " != " + show(expected)));
    }

    void cleanupTestCase() { QVERIFY2(m_pg.stop(), qPrintable(m_pg.errorString())); }
};

QTEST_GUILESS_MAIN(TestSqlValues)
#include "tst_sqlvalues.moc"
