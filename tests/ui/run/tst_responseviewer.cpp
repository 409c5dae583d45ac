// The response viewer: evidence text split back into status, headers, body, rows and
// lines as the checks write it, and shown as a JSON tree that folds, a headers table, a
// rows table and a lines list.
#include "run/responseparts.h"
#include "run/responseviewer.h"

#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace flowbench;

class TestResponseViewer : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void jsonBodyIsATreeThatFolds();
    void sqlRowsAreATable();
    void logLinesAreAList();
    void truncatedBodyStaysText();
    void opensInAWindowOfItsOwn();
};

namespace {

const QString kHttp
    = QStringLiteral("redirected: http://127.0.0.1:1/old\n"
                     "HTTP 200 OK\nContent-Type: application/json\nX-Request-Id: req-123\n\n"
                     "{\"data\":{\"items\":[{\"id\":7},{\"id\":8}],\"total\":2},\"status\":\"ok\"}");
const QString kSql = QStringLiteral("2 row(s): id, state\n[\n    {\"id\": 1, \"state\": \"paid\"},\n    "
                                    "{\"id\": 2, \"state\": \"new\", \"note\": {\"a\": 1}}\n]\n");
const QString kLog
    = QStringLiteral("2 new matching line(s) of /paid/ in /tmp/app.log\norder 1 paid\norder 2 paid\n");

CheckResult result(const QString &evidence, ResultStatus status = ResultStatus::Pass)
{
    CheckResult r;
    r.status = status;
    r.durationMs = 42;
    r.attempts = 1;
    r.message = QStringLiteral("1 assertion held");
    r.evidence = evidence;
    return r;
}

} // namespace

void TestResponseViewer::parse_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("evidence");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<int>("headers");
    QTest::addColumn<QString>("heading");
    QTest::addColumn<bool>("json");
    QTest::addColumn<int>("lines");
    QTest::addColumn<bool>("truncated");

    QTest::newRow("http json") << "http" << kHttp << 200 << 2 << "HTTP 200 OK" << true << 0 << false;
    QTest::newRow("http text") << "http"
                               << QStringLiteral("HTTP 500 Internal Server Error\nServer: x\n\noops") << 500
                               << 1 << "HTTP 500 Internal Server Error" << false << 0 << false;
    QTest::newRow("http no body") << "http" << QStringLiteral("HTTP 204 No Content\n\n") << 204 << 0
                                  << "HTTP 204 No Content" << false << 0 << false;
    QTest::newRow("http cut") << "http"
                              << QStringLiteral("HTTP 200 OK\n\n{\"a\": [1, 2\n… (812 more bytes not shown)")
                              << 200 << 0 << "HTTP 200 OK" << false << 0 << true;
    QTest::newRow("sql") << "sql" << kSql << 0 << 0 << "2 row(s): id, state" << true << 0 << false;
    QTest::newRow("log") << "log" << kLog << 0 << 0 << "2 new matching line(s) of /paid/ in /tmp/app.log"
                         << false << 2 << false;
    QTest::newRow("redis") << "redis" << QStringLiteral("GET cart:1\n\"3 items\"") << 0 << 0 << "GET cart:1"
                           << true << 0 << false;
    QTest::newRow("tcp") << "tcp" << QStringLiteral("connected in 3 ms") << 0 << 0 << "" << false << 0
                         << false;
    QTest::newRow("sql cut") << "sql"
                             << QStringLiteral(
                                    "9 row(s)\n[{\"id\": 1},\n… (truncated, 20 of 900 bytes shown)")
                             << 0 << 0 << "9 row(s)" << false << 0 << true;
}

void TestResponseViewer::parse()
{
    QFETCH(QString, type);
    QFETCH(QString, evidence);
    QFETCH(int, httpStatus);
    QFETCH(int, headers);
    QFETCH(QString, heading);
    QFETCH(bool, json);
    QFETCH(int, lines);
    QFETCH(bool, truncated);
    const ResponseParts p = ResponseParts::parse(type, evidence);
    QCOMPARE(p.httpStatus, httpStatus);
    QCOMPARE(p.headers.size(), headers);
    QCOMPARE(p.heading, heading);
    QCOMPARE(p.hasJson, json);
    QCOMPARE(p.lines.size(), lines);
    QCOMPARE(!p.truncation.isEmpty(), truncated);
    QCOMPARE(p.raw, evidence);
    QVERIFY(!p.body.contains("more bytes not shown") && !p.body.contains("(truncated"));
}

void TestResponseViewer::jsonBodyIsATreeThatFolds()
{
    ResponseViewer viewer;
    viewer.resize(600, 400);
    viewer.showResult(result(kHttp), QStringLiteral("http"), QStringLiteral("orders — Pay / POST (http)"));
    QVERIFY(viewer.isTabShown(ResponseViewer::BodyTab));
    QVERIFY(viewer.isTabShown(ResponseViewer::HeadersTab));
    QVERIFY(!viewer.isTabShown(ResponseViewer::RowsTab));
    QCOMPARE(viewer.tabs()->currentIndex(), int(ResponseViewer::BodyTab));
    QStandardItemModel *model = viewer.jsonModel();
    QCOMPARE(model->rowCount(), 2); // data, status
    const QModelIndex data = model->index(0, 0);
    QCOMPARE(data.data().toString(), QStringLiteral("data"));
    QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("{2 keys}"));
    const QModelIndex items = model->index(0, 0, data);
    QCOMPARE(items.data().toString(), QStringLiteral("items"));
    QCOMPARE(model->rowCount(items), 2);
    QCOMPARE(model->index(0, 1, model->index(0, 0, items)).data().toString(), QStringLiteral("7"));
    QCOMPARE(model->index(1, 1).data().toString(), QStringLiteral("\"ok\""));
    // Open to the second level: the top objects unfolded, deeper ones folded.
    QVERIFY(viewer.jsonTree()->isExpanded(data));
    viewer.jsonTree()->collapse(data);
    QVERIFY(!viewer.jsonTree()->isExpanded(data));
    QCOMPARE(viewer.headersTable()->rowCount(), 3); // the redirect and two headers
    QCOMPARE(viewer.headersTable()->item(2, 0)->text(), QStringLiteral("X-Request-Id"));
    QCOMPARE(viewer.headersTable()->item(2, 1)->text(), QStringLiteral("req-123"));
    QVERIFY(viewer.rawText().contains(QStringLiteral("HTTP 200 OK")));
    QVERIFY(viewer.rawText().contains(QStringLiteral("{\n    \"data\"")));
}

void TestResponseViewer::sqlRowsAreATable()
{
    ResponseViewer viewer;
    viewer.showResult(result(kSql), QStringLiteral("sql"), QString());
    QVERIFY(viewer.isTabShown(ResponseViewer::RowsTab));
    QVERIFY(!viewer.isTabShown(ResponseViewer::HeadersTab));
    QCOMPARE(viewer.tabs()->currentIndex(), int(ResponseViewer::RowsTab));
    QTableWidget *rows = viewer.rowsTable();
    QCOMPARE(rows->rowCount(), 2);
    QCOMPARE(rows->columnCount(), 3); // id, state, note (first seen in row 2)
    QCOMPARE(rows->horizontalHeaderItem(1)->text(), QStringLiteral("state"));
    QCOMPARE(rows->item(0, 1)->text(), QStringLiteral("paid"));
    QCOMPARE(rows->item(1, 2)->text(), QStringLiteral("{\"a\":1}"));
}

void TestResponseViewer::logLinesAreAList()
{
    ResponseViewer viewer;
    viewer.showResult(result(kLog), QStringLiteral("log"), QString());
    QVERIFY(viewer.isTabShown(ResponseViewer::LinesTab));
    QVERIFY(!viewer.isTabShown(ResponseViewer::BodyTab));
    QCOMPARE(viewer.linesList()->count(), 2);
    QCOMPARE(viewer.linesList()->item(1)->text(), QStringLiteral("order 2 paid"));
    viewer.clear();
    QCOMPARE(viewer.linesList()->count(), 0);
    QVERIFY(!viewer.isTabShown(ResponseViewer::LinesTab));
}

void TestResponseViewer::truncatedBodyStaysText()
{
    ResponseViewer viewer;
    viewer.showResult(result(QStringLiteral("HTTP 200 OK\n\n{\"a\": [1, 2\n… (812 more bytes not shown)")),
        QStringLiteral("http"), QString());
    QCOMPARE(viewer.jsonModel()->rowCount(), 0);
    auto *text = viewer.findChild<QPlainTextEdit *>(QStringLiteral("bodyText"));
    QVERIFY(text);
    QVERIFY(text->toPlainText().contains(QStringLiteral("812 more bytes not shown"))); // said, not hidden
}

// Docked at 1366 × 768 the viewer is about 170 px high: a result opens in a window of its
// own, with the same content, and the window goes when closed.
void TestResponseViewer::opensInAWindowOfItsOwn()
{
    QWidget main;
    main.resize(1366, 768);
    auto *viewer = new ResponseViewer(&main);
    viewer->setGeometry(0, 598, 600, 170);
    main.show();
    QVERIFY(QTest::qWaitForWindowExposed(&main));
    QVERIFY(!viewer->openInWindowButton()->isEnabled()); // nothing to open yet
    QVERIFY(!viewer->openInWindow());

    viewer->showResult(result(kHttp), QStringLiteral("http"), QStringLiteral("orders — Pay / POST (http)"));
    viewer->tabs()->setCurrentIndex(ResponseViewer::HeadersTab);
    QVERIFY(viewer->openInWindowButton()->isEnabled());
    QTest::mouseClick(viewer->openInWindowButton(), Qt::LeftButton);
    QPointer<ResponseViewer> window = main.findChild<ResponseViewer *>(QStringLiteral("responseWindow"));
    QVERIFY(window);
    QVERIFY(window->isWindow() && window->isVisible());
    QCOMPARE(window->windowTitle(), QStringLiteral("orders — Pay / POST (http)"));
    QCOMPARE(window->rawText(), viewer->rawText());
    QCOMPARE(window->parts().httpStatus, viewer->parts().httpStatus);
    QCOMPARE(window->jsonModel()->rowCount(), viewer->jsonModel()->rowCount());
    QCOMPARE(window->tabs()->currentIndex(), int(ResponseViewer::HeadersTab)); // where the person was
    QVERIFY(!window->openInWindowButton()->isVisible());
    QVERIFY(window->height() >= 3 * viewer->height());

    // The docked viewer moves on; the window keeps its result.
    viewer->clear();
    QVERIFY(!window->rawText().isEmpty());
    window->close();
    QTRY_VERIFY_WITH_TIMEOUT(window.isNull(), 2000);
}

QTEST_MAIN(TestResponseViewer)
#include "tst_responseviewer.moc"
