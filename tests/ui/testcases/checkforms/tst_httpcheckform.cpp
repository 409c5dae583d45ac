// The HTTP step's form in the Test Cases dock: URL validation, headers and a form body,
// written into the step's spec in the document.
#include "testcases/checkforms/httpcheckform.h"
#include "ui/screenshots.h"
#include "ui/testcases/testcasefixture.h"

#include <QComboBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestHttpCheckForm : public QObject
{
    Q_OBJECT
private slots:
    void urlValidation();
    void headersAndFormBody();
    void multipartBodyAndBasicAuthSurviveAnEdit();
};

void TestHttpCheckForm::urlValidation()
{
    TestCaseFixture f;
    f.open({ f.testCase });
    TestCaseEditor editor;
    editor.resize(1100, 900);
    f.show(editor);
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
    Screenshots shots;
    // The error is written in red under the field.
    QVERIFY(countNear(shots.grab(http, QStringLiteral("checkform-http-invalid")), errorRed(), 40) > 20);
    typeInto(http->urlEdit(), QStringLiteral("http://127.0.0.1:8080/orders"));
    QVERIFY(http->errors().isEmpty());
    QCOMPARE(countNear(shots.grab(http, QStringLiteral("checkform-http-valid")), errorRed(), 40), 0);
    QCOMPARE(f.inFile(f.testCase.id).checks.at(0).spec.value(QStringLiteral("url")).toString(),
        QStringLiteral("http://127.0.0.1:8080/orders"));
}

void TestHttpCheckForm::headersAndFormBody()
{
    TestCaseFixture f;
    f.open({ f.testCase });
    TestCaseEditor editor;
    f.show(editor);
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
    QCOMPARE(f.inFile(f.testCase.id).checks.at(0).spec, spec);
    // Back to no body: the key goes away rather than lingering.
    choose(form->bodyModeBox(), QString());
    QVERIFY(!editor.testCases().at(0).checks.at(0).spec.contains(QStringLiteral("body")));
}

// A step an import made with a multipart body and basic auth: editing another field keeps
// both; the auth fields write spec.auth and say what validate() says of a typed password.
void TestHttpCheckForm::multipartBodyAndBasicAuthSurviveAnEdit()
{
    TestCaseFixture f;
    const QJsonArray parts { QJsonObject { { QStringLiteral("name"), QStringLiteral("kind") },
                                 { QStringLiteral("value"), QStringLiteral("csv") } },
        QJsonObject { { QStringLiteral("name"), QStringLiteral("file") },
            { QStringLiteral("file"), QStringLiteral("files/products.csv") } } };
    f.testCase.checks[0].spec.insert(QStringLiteral("body"),
        QJsonObject { { QStringLiteral("mode"), QStringLiteral("multipart") },
            { QStringLiteral("multipart"), parts } });
    f.testCase.checks[0].spec.insert(QStringLiteral("auth"),
        QJsonObject { { QStringLiteral("type"), QStringLiteral("basic") },
            { QStringLiteral("user"), QStringLiteral("qa") },
            { QStringLiteral("password"), QStringLiteral("{{qa_password}}") } });
    f.open({ f.testCase });
    TestCaseEditor editor;
    f.show(editor);
    auto *form = qobject_cast<HttpCheckForm *>(editor.currentForm());
    QVERIFY(form);
    QCOMPARE(form->bodyModeBox()->currentData().toString(), QStringLiteral("multipart"));
    QCOMPARE(form->authUserEdit()->text(), QStringLiteral("qa"));
    typeInto(form->urlEdit(), QStringLiteral("http://127.0.0.1:8080/import"));
    QJsonObject spec = f.inFile(f.testCase.id).checks.at(0).spec;
    QCOMPARE(
        spec.value(QStringLiteral("body")).toObject().value(QStringLiteral("multipart")).toArray(), parts);
    QCOMPARE(spec.value(QStringLiteral("auth")).toObject().value(QStringLiteral("password")).toString(),
        QStringLiteral("{{qa_password}}"));
    QVERIFY(form->errors().isEmpty());

    typeInto(form->authPasswordEdit(), QStringLiteral("hunter2"));
    QVERIFY2(
        form->errors().join(u'|').contains(QStringLiteral("spec.auth.password: must be a secret reference")),
        qPrintable(form->errors().join(u'|')));
    // Never saved: the project keeps the last valid auth.
    QCOMPARE(f.inFile(f.testCase.id)
                 .checks.at(0)
                 .spec.value(QStringLiteral("auth"))
                 .toObject()
                 .value(QStringLiteral("password"))
                 .toString(),
        QStringLiteral("{{qa_password}}"));
    typeInto(form->authPasswordEdit(), QStringLiteral("${env:QA_PASSWORD}"));
    QVERIFY(form->errors().isEmpty());
    spec = f.inFile(f.testCase.id).checks.at(0).spec;
    QCOMPARE(spec.value(QStringLiteral("auth")).toObject().value(QStringLiteral("password")).toString(),
        QStringLiteral("${env:QA_PASSWORD}"));
    typeInto(form->authUserEdit(), QString());
    QVERIFY(!f.inFile(f.testCase.id).checks.at(0).spec.contains(QStringLiteral("auth")));
}

QTEST_MAIN(TestHttpCheckForm)
#include "tst_httpcheckform.moc"
