// docs/checks.md's reference part is what the registered check types declare
// (checkReferenceMarkdown): a kind, op, capture source, spec field or Redis command
// added, renamed or dropped in core shows up here until the docs say the same.
// To rewrite the part after a change: FLOWBENCH_UPDATE_DOCS=1 build/tests/tst_checkdocs
#include "checks/checkreference.h"
#include "checks/checkregistry.h"

#include <QFile>
#include <QTest>

using namespace flowbench;

namespace {

const QString kBegin
    = QStringLiteral("<!-- BEGIN check vocabulary: written by tst_checkdocs from core/checks; "
                     "do not edit by hand -->\n");
const QString kEnd = QStringLiteral("<!-- END check vocabulary -->");

QString docsPath()
{
    // tests/checks/ -> the source tree's docs/
    return QFINDTESTDATA("../../docs/checks.md");
}

} // namespace

class TestCheckDocs : public QObject
{
    Q_OBJECT

private slots:
    void referenceIsWhatCoreDeclares()
    {
        QFile file(docsPath());
        QVERIFY2(file.open(QIODevice::ReadOnly),
            qPrintable(docsPath() + QStringLiteral(": ") + file.errorString()));
        const QString text = QString::fromUtf8(file.readAll());
        file.close();
        const qsizetype begin = text.indexOf(kBegin);
        const qsizetype end = text.indexOf(kEnd);
        QVERIFY2(begin >= 0 && end > begin, "docs/checks.md has no generated check vocabulary part");
        const qsizetype from = begin + kBegin.size();
        const QString written = text.mid(from, end - from);
        const QString wanted = checkReferenceMarkdown();
        if (written != wanted && qEnvironmentVariableIsSet("FLOWBENCH_UPDATE_DOCS")) {
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write((text.left(from) + wanted + text.mid(end)).toUtf8());
            return;
        }
        QVERIFY2(written == wanted,
            "docs/checks.md's check vocabulary differs from core/checks; rewrite it with "
            "FLOWBENCH_UPDATE_DOCS=1 build/tests/tst_checkdocs and review the diff");
    }

    // Each registered type has its own section for people, with a worked example.
    void everyTypeHasASection()
    {
        QFile file(docsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        for (const QString &name : CheckRegistry::instance().names())
            QVERIFY2(text.contains(QStringLiteral("\n## %1\n").arg(name)),
                qPrintable(QStringLiteral("docs/checks.md has no \"## %1\" section").arg(name)));
    }
};

QTEST_GUILESS_MAIN(TestCheckDocs)
#include "tst_checkdocs.moc"
