// `flowbench-cli export --format png --scale N` on a map too big for N: the PNG is written
// at the scale that stays under the pixel cap, and stderr says which scale that was.
#include "io/canonicaljson.h"
#include "support/cliprocess.h"
#include "support/shopproject.h"
#include "support/testenv.h"

#include <QFile>
#include <QImageReader>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class PngScaleCapTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(!cliPath().isEmpty());
        QVERIFY(m_dir.isValid());
        // Two cards 1,600 × 1,000 points apart: about 1.7 million pixels at scale 1, past
        // the 64-million cap at scale 8 (64 times as many).
        Project p;
        p.name = QStringLiteral("Far apart");
        Node a = makeNode(NodeKind::Api, QStringLiteral("POST /orders"));
        Node b = makeNode(NodeKind::Table, QStringLiteral("orders"));
        b.x = 1600;
        b.y = 1000;
        p.nodes << a << b;
        m_project = m_dir.filePath(QStringLiteral("far.json"));
        QFile f(m_project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(toCanonicalJson(p));
    }

    void scaleUnderTheCapIsNotMentioned()
    {
        const QString png = m_dir.filePath(QStringLiteral("one.png"));
        const CliOutcome out
            = runCli({ QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("png"),
                QStringLiteral("--scale"), QStringLiteral("1"), m_project, QStringLiteral("-o"), png });
        QVERIFY2(out.exitCode == 0, qPrintable(out.err));
        QVERIFY2(!out.err.contains(QLatin1String("scale")), qPrintable(out.err));
        m_oneSize = QImageReader(png).size();
        QVERIFY(m_oneSize.width() > 1600 && m_oneSize.height() > 1000);
    }

    void scaleOverTheCapIsLoweredAndSaid()
    {
        const QString png = m_dir.filePath(QStringLiteral("eight.png"));
        const CliOutcome out = runCli(
            { QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("png"),
                QStringLiteral("--scale"), QStringLiteral("8"), m_project, QStringLiteral("-o"), png },
            QString(), 120000);
        QVERIFY2(out.exitCode == 0, qPrintable(out.err)); // still written
        const QRegularExpression said(QStringLiteral("PNG scale 8 .*written at scale (\\d+\\.\\d+)"));
        const QRegularExpressionMatch m = said.match(out.err);
        QVERIFY2(m.hasMatch(), qPrintable(out.err));
        const double used = m.captured(1).toDouble();
        QVERIFY2(used > 1 && used < 8, qPrintable(out.err));
        // The file is at the scale named: scale 1's size times it, under the cap.
        const QSize size = QImageReader(png).size();
        QVERIFY(size.width() * double(size.height()) <= 64e6 * 1.001); // sides rounded
        QVERIFY2(qAbs(size.width() - m_oneSize.width() * used) <= m_oneSize.width() * 0.01 + 1,
            qPrintable(QStringLiteral("%1 px wide at scale %2; %3 at 1")
                           .arg(size.width())
                           .arg(used)
                           .arg(m_oneSize.width())));
    }

private:
    QTemporaryDir m_dir;
    QString m_project;
    QSize m_oneSize;
};

QTEST_GUILESS_MAIN(PngScaleCapTest)
#include "tst_pngscalecap.moc"
