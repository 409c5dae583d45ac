#pragma once
// Shared by the libFuzzer targets in this folder (header-only; one per target binary).

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace flowbench::fuzz {

// A QCoreApplication for what needs one (event loops, plugin paths of the SQL drivers),
// created once per process with its own argv: libFuzzer's flags are not Qt's. It lives
// until the process ends, so LeakSanitizer sees it as reachable.
inline void ensureApplication()
{
    static int argc = 1;
    static char name[] = "flowbench-fuzz";
    static char *argv[] = { name, nullptr };
    if (!QCoreApplication::instance())
        new QCoreApplication(argc, argv);
}

// Qt's warnings for bad input are expected by the thousand; a fatal one still aborts.
inline void quietQtMessages()
{
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
        if (type == QtFatalMsg) {
            std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
            std::abort();
        }
    });
}

// The input up to the first '\n' and the rest after it (the rest is empty without one).
inline std::pair<QByteArray, QByteArray> splitFirstLine(const QByteArray &data)
{
    const qsizetype newline = data.indexOf('\n');
    if (newline < 0)
        return { data, QByteArray() };
    return { data.left(newline), data.mid(newline + 1) };
}

// FLOWBENCH_FUZZ_VERBOSE=1: a target says what an input did (to check a seed reaches
// the code it is meant for).
inline bool verbose()
{
    static const bool on = qEnvironmentVariableIntValue("FLOWBENCH_FUZZ_VERBOSE") != 0;
    return on;
}

// An invariant a parser promises did not hold: report it as a crash the fuzzer keeps.
[[noreturn]] inline void broken(const char *what, const QString &detail)
{
    std::fprintf(stderr, "fuzz invariant broken: %s\n%s\n", what, qPrintable(detail));
    std::abort();
}

} // namespace flowbench::fuzz
