// ProjectLocation: a project file or a shared project URL. Good URLs parse and format
// back the same; bad ones are refused with a message naming the part that is wrong, and
// a password written into a URL is refused without being echoed.
#undef QT_NO_CAST_FROM_ASCII
#include "store/projectlocation.h"

#include <QTest>

using namespace flowbench;

class TestProjectLocation : public QObject
{
    Q_OBJECT

private slots:
    void filePathsAreFiles_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("relative") << "shop.flowbench";
        QTest::newRow("absolute") << "/home/qa/shop.flowbench";
        QTest::newRow("json") << "shop.json";
        QTest::newRow("colon in name") << "postgresql:shop.flowbench";
    }
    void filePathsAreFiles()
    {
        QFETCH(QString, text);
        const auto l = ProjectLocation::parse(text);
        QVERIFY2(l, qPrintable(l.error()));
        QVERIFY(!l->isShared());
        QCOMPARE(l->filePath(), text);
        QCOMPARE(l->toString(), text);
    }

    void urlsParse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("sslmode");
        QTest::newRow("full") << "postgresql://qa@db.example.com:5433/teams?project=shop"
                              << "postgresql://qa@db.example.com:5433/teams?project=shop"
                              << "db.example.com" << 5433 << "verify-full";
        QTest::newRow("default port, loopback") << "postgresql://qa@127.0.0.1/teams?project=shop"
                                                << "postgresql://qa@127.0.0.1:5432/teams?project=shop"
                                                << "127.0.0.1" << 5432 << "prefer";
        QTest::newRow("postgres scheme, localhost") << "postgres://qa@localhost:5432/teams?project=shop-2"
                                                    << "postgresql://qa@localhost:5432/teams?project=shop-2"
                                                    << "localhost" << 5432 << "prefer";
        QTest::newRow("ipv6") << "postgresql://qa@[::1]:6000/teams?project=a_b"
                              << "postgresql://qa@[::1]:6000/teams?project=a_b"
                              << "::1" << 6000 << "prefer";
        QTest::newRow("options")
            << "postgresql://qa@db:5432/teams?sslmode=require&project=x&password_ref=${env:PG_PW}"
            << "postgresql://qa@db:5432/teams?project=x&sslmode=require&password_ref=${env:PG_PW}"
            << "db" << 5432 << "require";
        QTest::newRow("root certificate") << "postgresql://qa@db:5432/teams?project=x&sslrootcert=/etc/ssl/"
                                             "team-ca.pem&password_ref=${keychain:pg-team}"
                                          << "postgresql://qa@db:5432/teams?project=x&sslrootcert=/etc/ssl/"
                                             "team-ca.pem&password_ref=${keychain:pg-team}"
                                          << "db" << 5432 << "verify-full";
        QTest::newRow("no user") << "postgresql://db:5432/teams?project=x"
                                 << "postgresql://db:5432/teams?project=x"
                                 << "db" << 5432 << "verify-full";
    }
    void urlsParse()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, sslmode);
        const auto l = ProjectLocation::parse(text);
        QVERIFY2(l, qPrintable(l.error()));
        QVERIFY(l->isShared());
        QCOMPARE(l->toString(), canonical);
        QCOMPARE(l->host(), host);
        QCOMPARE(l->port(), port);
        QCOMPARE(l->sslMode(), sslmode);
        QVERIFY(!l->displayString().contains("password_ref"));
        const auto again = ProjectLocation::parse(l->toString());
        QVERIFY(again);
        QCOMPARE(again.value(), l.value());
    }

    void badUrlsNameThePart_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        const QString shape = "(expected postgresql://user@host:port/database?project=NAME)";
        QTest::newRow("scheme")
            << "mysql://qa@db/teams?project=x"
            << "mysql://qa@db/teams?project=x: scheme: \"mysql\" is not supported; a shared "
               "project is postgresql://user@host:port/database?project=NAME";
        QTest::newRow("no host") << "postgresql:///teams?project=x"
                                 << "postgresql:///teams?project=x: host: missing " + shape;
        QTest::newRow("no database") << "postgresql://qa@db:5432?project=x"
                                     << "postgresql://qa@db:5432?project=x: database: missing " + shape;
        QTest::newRow("database path")
            << "postgresql://qa@db/teams/more?project=x"
            << "postgresql://qa@db/teams/more?project=x: database: \"teams/more\" is not "
               "one database name "
                + shape;
        QTest::newRow("bad port")
            << "postgresql://qa@db:99999/teams?project=x"
            << "postgresql://qa@db:99999/teams?project=x: URL: Invalid port or port number "
               "out of range "
                + shape;
        QTest::newRow("no project")
            << "postgresql://qa@db/teams"
            << "postgresql://qa@db/teams: project: missing: add ?project=NAME (one database "
               "holds many projects)";
        QTest::newRow("bad project")
            << "postgresql://qa@db/teams?project=Shop Team"
            << "postgresql://qa@db/teams?project=Shop Team: project: \"Shop Team\" is not a "
               "project name: 1-60 lower-case letters, digits, _ or -, starting with a "
               "letter or digit";
        QTest::newRow("sslmode")
            << "postgresql://qa@db/teams?project=x&sslmode=yes"
            << "postgresql://qa@db/teams?project=x&sslmode=yes: sslmode: \"yes\" is not one of "
               "disable, allow, prefer, require, verify-ca, verify-full";
        QTest::newRow("unknown parameter")
            << "postgresql://qa@db/teams?project=x&schema=public"
            << "postgresql://qa@db/teams?project=x&schema=public: schema: unknown "
               "parameter; known: project, sslmode, sslrootcert, password_ref";
        QTest::newRow("password_ref not a reference")
            << "postgresql://qa@db/teams?project=x&password_ref=hunter2"
            << "postgresql://qa@db/teams?project=x&password_ref=hunter2: password_ref: must be ${env:NAME} "
               "or "
               "${keychain:ENTRY}, never the password itself";
        QTest::newRow("fragment")
            << "postgresql://qa@db/teams?project=x#top"
            << "postgresql://qa@db/teams?project=x#top: fragment: \"#top\" has no meaning "
               "here; remove it";
    }
    void badUrlsNameThePart()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const auto l = ProjectLocation::parse(text);
        QVERIFY(!l);
        QCOMPARE(l.error(), message);
    }

    void passwordsAreRefusedAndNeverEchoed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("in the authority") << "postgresql://qa:hunter2@db:5432/teams?project=x";
        QTest::newRow("empty user") << "postgresql://:hunter2@db/teams?project=x";
        QTest::newRow("as a parameter") << "postgresql://qa@db/teams?project=x&password=hunter2";
    }
    void passwordsAreRefusedAndNeverEchoed()
    {
        QFETCH(QString, text);
        const auto l = ProjectLocation::parse(text);
        QVERIFY(!l);
        QVERIFY2(l.error().contains(": password: a project URL must not hold the password"),
            qPrintable(l.error()));
        QVERIFY2(!l.error().contains("hunter2"), qPrintable(l.error()));
        QVERIFY2(l.error().contains("***"), qPrintable(l.error()));
    }
};

QTEST_GUILESS_MAIN(TestProjectLocation)
#include "tst_projectlocation.moc"
