// OutputFile: every report and export is written through it. Special files are made in
// the test's own temporary folder (a private device node, a FIFO); the machine's
// /dev/null is never touched. /dev/full is only written to, in place.
#include "files/outputfile.h"
#include "support/specialfiles.h"
#include "support/testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamWriter>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(cannot read)");
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

// The names in a folder, so that a left-behind temporary file shows.
QStringList entries(const QString &folder)
{
    return QDir(folder).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

// Reads a FIFO to its end on another thread (opening it blocks until a writer comes).

// A report bigger than a pipe's buffer, so a FIFO reader must really keep reading.
QByteArray bigReport()
{
    QByteArray data;
    for (int i = 0; i < 20000; ++i)
        data += "<testcase name=\"case " + QByteArray::number(i) + "\"/>\n";
    return data;
}

} // namespace

class TestOutputFile : public QObject
{
    Q_OBJECT

private slots:
    void newFileIsWrittenWithoutLeftovers()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.xml"));
        const Status s = writeOutput(path, "<testsuites/>\n");
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(readAll(path), QByteArray("<testsuites/>\n"));
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("report.xml") });
    }

    void regularFileIsReplacedWholeAndKeepsItsPermissions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.json"));
        writeFile(path, "old report, longer than the new one\n");
        QVERIFY(QFile::setPermissions(
            path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        struct stat before;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &before), 0);

        OutputFile file(path);
        QVERIFY2(file.openOutput().ok(), qPrintable(file.status().error()));
        QCOMPARE(file.mode(), OutputFile::Mode::ReplaceFile);
        file.write("{\"new\": ");
        // Until commit() the old file is what readers see.
        QCOMPARE(readAll(path), QByteArray("old report, longer than the new one\n"));
        file.write("true}\n");
        const Status s = file.commit();
        QVERIFY2(s.ok(), qPrintable(s.error()));

        QCOMPARE(readAll(path), QByteArray("{\"new\": true}\n"));
        struct stat after;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &after), 0);
        QVERIFY(after.st_ino != before.st_ino); // a new file renamed into place
        QCOMPARE(after.st_mode & 07777, before.st_mode & 07777);
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("report.json") });
    }

    void abandonedWriteLeavesTheOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.xml"));
        writeFile(path, "old\n");
        {
            OutputFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QXmlStreamWriter xml(&file); // a streaming writer uses it as a QIODevice
            xml.writeStartDocument();
            xml.writeStartElement(QStringLiteral("testsuites"));
            // no commit(): interrupted
        }
        QCOMPARE(readAll(path), QByteArray("old\n"));
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("report.xml") });
    }

    // A report file this user may not write is not replaced behind its back.
    void readOnlyFileIsNotReplaced()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("signed-off.xml"));
        writeFile(path, "signed off\n");
        ReadOnlyMark mark(path);
        FLOWBENCH_REQUIRE_SPECIAL(mark.errorString());
        const Status s = writeOutput(path, "new\n");
        QVERIFY(!s.ok());
        QVERIFY2(s.error().startsWith(path + QStringLiteral(": cannot write: ")), qPrintable(s.error()));
        QCOMPARE(readAll(path), QByteArray("signed off\n"));
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("signed-off.xml")});
    }

    void symbolicLinkToAFileStaysALink()
    {
        QTemporaryDir dir;
        const QString real = dir.filePath(QStringLiteral("real.json"));
        const QString link = dir.filePath(QStringLiteral("link.json"));
        writeFile(real, "old\n");
        QVERIFY(QFile::link(real, link));
        const Status s = writeOutput(link, "new\n");
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(fileKind(link), QStringLiteral("symbolic link"));
        QCOMPARE(readAll(real), QByteArray("new\n"));
        QCOMPARE(
            entries(dir.path()), (QStringList { QStringLiteral("link.json"), QStringLiteral("real.json") }));
    }

    void refusesWhatCannotHoldAReport_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("folder") << "folder"
                                << "is a folder";
        QTest::newRow("socket") << "socket"
                                << "is a socket";
        QTest::newRow("dangling link") << "dangling link"
                                       << "is a symbolic link to";
        QTest::newRow("missing folder") << "missing folder"
                                        << "does not exist";
        QTest::newRow("no name") << "no name"
                                 << "no file name given";
    }

    void refusesWhatCannotHoldAReport()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QString path = dir.filePath(QStringLiteral("target"));
        QLocalServer socket;
        if (kind == QLatin1String("folder")) {
            QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("target")));
        } else if (kind == QLatin1String("socket")) {
            QVERIFY2(socket.listen(path), qPrintable(socket.errorString()));
        } else if (kind == QLatin1String("dangling link")) {
            QVERIFY(QFile::link(dir.filePath(QStringLiteral("gone")), path));
        } else if (kind == QLatin1String("missing folder")) {
            path = dir.filePath(QStringLiteral("no/such/folder/report.xml"));
        } else {
            path.clear();
        }
        const QString before = fileKind(path);
        const Status s = writeOutput(path, "report\n");
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(message), qPrintable(s.error()));
        QVERIFY2(s.error().startsWith(path + QLatin1Char(':')), qPrintable(s.error()));
        QCOMPARE(fileKind(path), before); // left as it was
    }

    void deviceIsWrittenInPlaceAndStaysADevice()
    {
        QTemporaryDir dir;
        const QString node = dir.filePath(QStringLiteral("null"));
        FLOWBENCH_REQUIRE_SPECIAL(makeNullDevice(node));
        QCOMPARE(fileKind(node), QStringLiteral("character device 1:3"));
        OutputFile file(node);
        QVERIFY2(file.openOutput().ok(), qPrintable(file.status().error()));
        QCOMPARE(file.mode(), OutputFile::Mode::InPlace);
        QCOMPARE(file.write(bigReport()), qint64(bigReport().size())); // null takes every byte
        const Status s = file.commit();
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(fileKind(node), QStringLiteral("character device 1:3"));
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("null") });
    }

    void fifoIsWrittenInPlaceToItsReader()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("reports.fifo"));
        FLOWBENCH_REQUIRE_SPECIAL(makeFifo(fifo));
        FifoReader reader(fifo);
        const QByteArray report = bigReport();
        const Status s = writeOutput(fifo, report);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(reader.result(20000), report);
        QCOMPARE(fileKind(fifo), QStringLiteral("FIFO"));
        QCOMPARE(entries(dir.path()), QStringList { QStringLiteral("reports.fifo") });
    }

    void fullDeviceSaysDiskFull()
    {
        if (fileKind(QStringLiteral("/dev/full")) != QLatin1String("character device 1:7"))
            QSKIP("this machine has no /dev/full");
        const Status s = writeOutput(QStringLiteral("/dev/full"), "<testsuites/>\n");
        QVERIFY(!s.ok());
        QVERIFY2(s.error().startsWith(QStringLiteral("/dev/full: ")), qPrintable(s.error()));
        QVERIFY2(s.error().contains(QStringLiteral("disk full")), qPrintable(s.error()));
        QCOMPARE(fileKind(QStringLiteral("/dev/full")), QStringLiteral("character device 1:7"));
    }

    // A real full file system (a 64 KiB tmpfs mounted in the test's folder, as root): the
    // report does not fit, the message says so, and the old report is still whole.
    void fullFileSystemKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const QString mountPoint = dir.filePath(QStringLiteral("small"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("small")));
        if (::geteuid() != 0)
            QSKIP("mounting a small file system needs root");
        QProcess mount;
        mount.start(QStringLiteral("mount"),
            { QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"), QStringLiteral("size=64k"),
                QStringLiteral("flowbench-test"), mountPoint });
        if (!mount.waitForFinished(10000) || mount.exitCode() != 0)
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here: %1")
                                 .arg(QString::fromLocal8Bit(mount.readAllStandardError()))));
        struct Unmount
        {
            QString path;
            ~Unmount() { QProcess::execute(QStringLiteral("umount"), { path }); }
        } unmount { mountPoint };

        const QString path = QDir(mountPoint).filePath(QStringLiteral("report.xml"));
        writeFile(path, "<testsuites tests=\"1\"/>\n");
        QByteArray huge(1024 * 1024, 'x');
        const Status s = writeOutput(path, huge);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().startsWith(path + QStringLiteral(": ")), qPrintable(s.error()));
        QVERIFY2(s.error().contains(QStringLiteral("disk full")), qPrintable(s.error()));
        QVERIFY2(
            s.error().contains(QStringLiteral("the old file was left as it was")), qPrintable(s.error()));
        QCOMPARE(readAll(path), QByteArray("<testsuites tests=\"1\"/>\n"));
        QCOMPARE(entries(mountPoint), QStringList { QStringLiteral("report.xml") });
    }

    void specialFileKindNamesWhatIsThere()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("f"));
        QVERIFY(makeFifo(fifo).isEmpty());
        QCOMPARE(specialFileKind(fifo), QStringLiteral("a FIFO"));
        QCOMPARE(specialFileKind(dir.path()), QStringLiteral("a folder"));
        QCOMPARE(specialFileKind(dir.filePath(QStringLiteral("nothing"))), QString());
        writeFile(dir.filePath(QStringLiteral("plain")), "x");
        QCOMPARE(specialFileKind(dir.filePath(QStringLiteral("plain"))), QString());
    }
};

QTEST_GUILESS_MAIN(TestOutputFile)
#include "tst_outputfile.moc"
