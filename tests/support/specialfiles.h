#pragma once

#include <QByteArray>
#include <QString>
#include <QTest>

#include "support/testenv.h"

#include <future>

// What the machine cannot do for a test (`problem` non-empty): a failure under CI (env CI
// set, as .ci/run runs as root), else a skip that says what is missing.
#define FLOWBENCH_REQUIRE_SPECIAL(problem)                                                                   \
    do {                                                                                                     \
        const QString flowbenchProblem = (problem);                                                          \
        if (!flowbenchProblem.isEmpty()) {                                                                   \
            if (flowbench::testing::serversRequired())                                                       \
                QFAIL(qPrintable(flowbenchProblem));                                                         \
            QSKIP(qPrintable(flowbenchProblem + QStringLiteral(" (set CI to make this a failure)")));        \
        }                                                                                                    \
    } while (false)

namespace flowbench::testing {

// Special files a test makes in its own temporary folder — never the machine's /dev/null.
// Each returns an empty string on success, else why not (FLOWBENCH_REQUIRE_SPECIAL).
QString makeNullDevice(const QString &path); // mknod c 1 3: a private /dev/null (root only)
QString makeFifo(const QString &path);

// Reads a FIFO to its end on a thread of its own (opening a FIFO waits for a writer).
// Destroyed before a writer came (the code under test failed), it opens the FIFO for
// writing itself, so the thread ends and the test fails instead of hanging.
class FifoReader
{
public:
    explicit FifoReader(const QString &path);
    ~FifoReader();
    FifoReader(const FifoReader &) = delete;
    FifoReader &operator=(const FifoReader &) = delete;
    // What was read, once the writer closed; "(no writer within N ms)" otherwise.
    QByteArray result(int timeoutMs);

private:
    QString m_path;
    int m_handle = -1; // O_PATH on the FIFO
    std::future<QByteArray> m_data;
};

// "character device 1:3", "FIFO", "regular file", "symbolic link", "missing"...
QString fileKind(const QString &path);

// Makes a file or folder read-only for this process for the object's life, the way a
// user meets one: without write permission (chmod a-w) when not root; as root, which
// ignores permissions, the immutable attribute (FS_IOC_SETFLAGS, what `chattr +i` sets).
// The destructor undoes it, so the temporary folder can be removed.
class ReadOnlyMark
{
public:
    explicit ReadOnlyMark(const QString &path);
    ~ReadOnlyMark();
    ReadOnlyMark(const ReadOnlyMark &) = delete;
    ReadOnlyMark &operator=(const ReadOnlyMark &) = delete;

    bool ok() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // "immutable" (as root) or "chmod a-w".
    QString how() const { return m_immutable ? QStringLiteral("immutable") : QStringLiteral("chmod a-w"); }

private:
    QString m_path;
    QString m_error;
    bool m_immutable = false;
    unsigned m_mode = 0;
};

} // namespace flowbench::testing
