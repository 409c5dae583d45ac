// The Environments dialog: secrets are references (never a plaintext password), the
// keychain gets the secret and the project only its name, everything validated on OK.
#include "dialogs/environmentauditpanel.h"
#include "dialogs/environmentdialog.h"

#include <QCheckBox>
#include <QListWidget>
#include <QTableWidget>
#include "ui/panelfixture.h"
#include "ui/screenshots.h"

#include <QLabel>
#include <QPushButton>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestEnvironmentDialog : public QObject
{
    Q_OBJECT
private slots:
    void environmentDialogRefusesPlaintextPasswords();
    void environmentDialogSecretGoesToKeychainOnly();
    void environmentDialogValidatesOnAccept();
    void sharedFlagAndAuditList();
};

// The shared flag is edited like the protected one; "Audit…" lists the environment's runs,
// newest first, read-only, with the writes/faults flags and unfinished runs said so.
void TestEnvironmentDialog::sharedFlagAndAuditList()
{
    PanelFixture f;
    EnvironmentDialog dialog(f.project.environments);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.auditButton()->isEnabled()); // no project store to read from
    dialog.selectEnvironment(1);
    QVERIFY(!dialog.sharedBox()->isChecked());
    dialog.sharedBox()->setChecked(true);
    dialog.selectEnvironment(0);
    dialog.selectEnvironment(1);
    QVERIFY(dialog.sharedBox()->isChecked());
    QVERIFY(dialog.environments().at(1).isShared);
    QVERIFY(!dialog.environments().at(0).isShared);

    QString askedFor;
    dialog.setAuditSource([&](const QString &id) {
        askedFor = id;
        AuditEntry older;
        older.who = QStringLiteral("ana");
        older.host = QStringLiteral("ci-runner-3");
        older.startedAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
        older.checks = QStringLiteral("place order (3 checks)");
        older.writesAllowed = false;
        older.faultsAllowed = false;
        AuditEntry newer = older;
        newer.who = QStringLiteral("bo (role qa)");
        newer.startedAt = older.startedAt.addSecs(600);
        newer.finishedAt = newer.startedAt.addSecs(42);
        newer.faultsAllowed = true;
        newer.outcome = QStringLiteral("failed");
        return Result<QList<AuditEntry>>(QList<AuditEntry>{ older, newer });
    });
    QVERIFY(dialog.auditButton()->isEnabled());
    QDialog *audit = dialog.openAudit();
    QVERIFY(audit);
    QVERIFY(QTest::qWaitForWindowExposed(audit));
    QCOMPARE(askedFor, f.project.environments.at(1).id);
    auto *panel = audit->findChild<EnvironmentAuditPanel *>();
    QVERIFY(panel);
    QTableWidget *table = panel->table();
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, EnvironmentAuditPanel::WhoColumn)->text(), QStringLiteral("bo (role qa)"));
    QCOMPARE(table->item(0, EnvironmentAuditPanel::OutcomeColumn)->text(), QStringLiteral("failed"));
    QCOMPARE(table->item(0, EnvironmentAuditPanel::FaultsColumn)->text(), QStringLiteral("allowed"));
    QCOMPARE(table->item(1, EnvironmentAuditPanel::OutcomeColumn)->text(), QStringLiteral("unfinished"));
    QCOMPARE(table->item(1, EnvironmentAuditPanel::WritesColumn)->text(), QStringLiteral("refused"));
    QVERIFY(table->editTriggers() == QAbstractItemView::NoEditTriggers);
    QVERIFY2(panel->summaryText().contains(QStringLiteral("2 run(s)")), qPrintable(panel->summaryText()));
    Screenshots shots;
    QVERIFY(!shots.grab(audit, QStringLiteral("environment-audit")).isNull());
    QVERIFY(!shots.grab(&dialog, QStringLiteral("environmentdialog-shared")).isNull());
    audit->close();
}

void TestEnvironmentDialog::environmentDialogRefusesPlaintextPasswords()
{
    PanelFixture f;
    EnvironmentDialog dialog(f.project.environments);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.selectEnvironment(1);
    QVERIFY(dialog.protectedBox()->isChecked());
    QTableWidget *connections = dialog.connectionsTable();
    QCOMPARE(connections->rowCount(), 1);
    QTableWidgetItem *password = connections->item(0, EnvironmentDialog::PasswordColumn);
    QCOMPARE(password->text(), QStringLiteral("${env:PG_PASSWORD}"));

    password->setText(QStringLiteral("hunter2"));
    QCOMPARE(password->text(), QStringLiteral("${env:PG_PASSWORD}"));
    QVERIFY2(dialog.messageText().contains(QStringLiteral("reference")), qPrintable(dialog.messageText()));
    // The refusal is written in red in the dialog.
    Screenshots shots;
    const QImage refused = shots.grab(&dialog, QStringLiteral("environmentdialog-refused"));
    QVERIFY(countNear(refused, errorRed(), 40) > 20);
    password->setText(QStringLiteral("${keychain:shop-prod}"));
    QVERIFY(dialog.messageText().isEmpty());
    QVERIFY(countNear(shots.grab(&dialog, QStringLiteral("environmentdialog-accepted")), errorRed(), 40)
        < countNear(refused, errorRed(), 40));

    // A variable holding an ${env:X} reference is kept as typed.
    QTableWidget *variables = dialog.variablesTable();
    dialog.addVariable();
    const int row = variables->rowCount() - 1;
    variables->item(row, 0)->setText(QStringLiteral("admin_password"));
    variables->item(row, 1)->setText(QStringLiteral("${env:ADMIN_PW}"));

    const QList<Environment> edited = dialog.environments();
    QCOMPARE(edited.size(), 2);
    QCOMPARE(edited.at(1).connections.at(0).passwordRef, QStringLiteral("${keychain:shop-prod}"));
    QCOMPARE(
        edited.at(1).variables.value(QStringLiteral("admin_password")), QStringLiteral("${env:ADMIN_PW}"));
    QCOMPARE(edited.at(1).variables.value(QStringLiteral("api_token")), QStringLiteral("${env:SHOP_TOKEN}"));
    QCOMPARE(edited.at(0), f.project.environments.at(0)); // untouched environment unchanged
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestEnvironmentDialog::environmentDialogSecretGoesToKeychainOnly()
{
    PanelFixture f;
    EnvironmentDialog dialog(f.project.environments);
    QHash<QString, QString> keychain;
    dialog.setSecretStore([&keychain](const QString &entry, const QString &secret) {
        keychain.insert(entry, secret);
        return success();
    });
    dialog.selectEnvironment(1);
    const int tokenRow = [&] {
        for (int r = 0; r < dialog.variablesTable()->rowCount(); ++r)
            if (dialog.variablesTable()->item(r, 0)->text() == QStringLiteral("api_token"))
                return r;
        return -1;
    }();
    QVERIFY(tokenRow >= 0);
    QVERIFY(dialog
                .applySecret(
                    tokenRow, false, QStringLiteral("production/api_token"), QStringLiteral("s3cr3t-token"))
                .ok());
    QVERIFY(dialog.applySecret(0, true, QStringLiteral("production/shop"), QStringLiteral("pg-pass")).ok());
    QCOMPARE(keychain.value(QStringLiteral("production/api_token")), QStringLiteral("s3cr3t-token"));

    const QList<Environment> edited = dialog.environments();
    QCOMPARE(edited.at(1).variables.value(QStringLiteral("api_token")),
        QStringLiteral("${keychain:production/api_token}"));
    QCOMPARE(edited.at(1).connections.at(0).passwordRef, QStringLiteral("${keychain:production/shop}"));
    for (const Environment &e : edited) {
        for (const QString &value : e.variables)
            QVERIFY(!value.contains(QStringLiteral("s3cr3t")) && !value.contains(QStringLiteral("pg-pass")));
    }

    // A keychain failure changes nothing and says why.
    dialog.setSecretStore(
        [](const QString &, const QString &) { return Status::failure(QStringLiteral("locked")); });
    const Status failed = dialog.applySecret(tokenRow, false, QStringLiteral("x"), QStringLiteral("y"));
    QVERIFY(!failed.ok());
    QCOMPARE(dialog.environments().at(1).variables.value(QStringLiteral("api_token")),
        QStringLiteral("${keychain:production/api_token}"));
#ifndef FLOWBENCH_HAVE_KEYCHAIN
    QVERIFY(storeKeychainSecret(QStringLiteral("e"), QStringLiteral("s"))
                .error()
                .contains(QStringLiteral("${env:")));
#endif
}

void TestEnvironmentDialog::environmentDialogValidatesOnAccept()
{
    PanelFixture f;
    EnvironmentDialog dialog(f.project.environments);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.selectEnvironment(1);
    Screenshots shots;
    const QImage fine = shots.grab(&dialog, QStringLiteral("environmentdialog"));
    // Two variables with one name: neither switching away nor OK drops one silently.
    dialog.addVariable();
    const int row = dialog.variablesTable()->rowCount() - 1;
    dialog.variablesTable()->item(row, 0)->setText(QStringLiteral("base_url"));
    dialog.variablesTable()->item(row, 1)->setText(QStringLiteral("http://127.0.0.1:9090"));
    dialog.selectEnvironment(0);
    QCOMPARE(dialog.environmentList()->currentRow(), 1);
    QVERIFY(dialog.messageText().contains(QStringLiteral("\"base_url\" is defined twice")));
    QVERIFY(countNear(shots.grab(&dialog, QStringLiteral("environmentdialog-twice")), errorRed(), 40)
        > countNear(fine, errorRed(), 40) + 20);
    dialog.accept();
    QVERIFY(dialog.isVisible());
    dialog.variablesTable()->item(row, 0)->setText(QStringLiteral("admin_url"));
    dialog.selectEnvironment(0);
    QCOMPARE(dialog.environmentList()->currentRow(), 0);
    QCOMPARE(dialog.environments().at(1).variables.value(QStringLiteral("admin_url")),
        QStringLiteral("http://127.0.0.1:9090"));
    QCOMPARE(dialog.environments().at(1).variables.value(QStringLiteral("base_url")),
        QStringLiteral("http://127.0.0.1:8080"));

    dialog.environmentList()->item(1)->setText(QStringLiteral("local")); // a duplicate name
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.messageText().contains(QStringLiteral("\"local\"")));
    dialog.removeEnvironment();
    QCOMPARE(dialog.environments().size(), 1);
    dialog.removeEnvironment();
    QCOMPARE(dialog.environments().size(), 0);
    // Empty: one line saying what to do, drawn where its label is.
    const QImage none = shots.grab(&dialog, QStringLiteral("environmentdialog-empty"));
    QVERIFY(!none.isNull());
    QLabel *emptyState = nullptr;
    for (QLabel *label : dialog.findChildren<QLabel *>())
        if (label->isVisible() && label->text().startsWith(QStringLiteral("No environments.")))
            emptyState = label;
    QVERIFY(emptyState);
    const QColor background = pixelAt(none, areaOf(emptyState, &dialog).topLeft() + QPoint(1, 1));
    QVERIFY(countPixels(
                none, [&](const QColor &c) { return !near(c, background, 12); }, areaOf(emptyState, &dialog))
        > 50);
    dialog.accept();
    QVERIFY(!dialog.isVisible());
}

QTEST_MAIN(TestEnvironmentDialog)
#include "tst_environmentdialog.moc"
