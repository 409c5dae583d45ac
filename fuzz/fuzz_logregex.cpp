// The log check's regex handling: line 1 is the check's regex (it may use {{v}}), line 2
// the value of the variable v (inserted into the regex escaped, as literal text), the
// rest the log file. The check is validated, then run to its end against that file the
// way the runner runs it (CheckType::create + start, finished() on the event loop), with
// the run begun at 2020-01-01T00:00:00Z so lines are judged by their leading times. The
// regex also captures. Any input gives one outcome with a message, never a crash or a
// hang.
#include "fuzzsupport.h"

#include "checks/checkregistry.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>

using namespace flowbench;

namespace {

QTemporaryDir *folder = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQtMessages();
    fuzz::ensureApplication();
    qRegisterMetaType<flowbench::CheckOutcome>();
    folder = new QTemporaryDir(QDir::tempPath() + QStringLiteral("/flowbench-fuzz-XXXXXX"));
    if (!folder->isValid()) {
        std::fprintf(stderr, "cannot create a temporary folder\n");
        std::abort();
    }
    std::atexit([] { delete folder; });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto [regexLine, afterRegex]
        = fuzz::splitFirstLine(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    const auto [valueLine, log] = fuzz::splitFirstLine(afterRegex);
    const QString regex = QString::fromUtf8(regexLine);

    Check check;
    check.id = QStringLiteral("00000000-0000-4000-8000-000000000001");
    check.type = QStringLiteral("log");
    check.name = QStringLiteral("fuzz");
    check.spec = QJsonObject { { QStringLiteral("file"), QStringLiteral("fuzz.log") },
        { QStringLiteral("regex"), regex } };
    if (!regex.contains(QLatin1String("{{"))) {
        Capture capture;
        capture.name = QStringLiteral("matched");
        capture.source = QStringLiteral("regex");
        capture.expression = regex;
        check.captures << capture;
    }
    const CheckType *type = CheckRegistry::instance().type(check.type);
    if (!type)
        fuzz::broken("no log check type", QString());
    const Status valid = type->validate(check);
    if (!valid) {
        if (fuzz::verbose())
            std::fprintf(stderr, "invalid: %s\n", qPrintable(valid.error()));
        if (valid.error().isEmpty())
            fuzz::broken("a validation error without a message", regex);
        return 0;
    }

    {
        QFile file(folder->filePath(QStringLiteral("fuzz.log")));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(log) != log.size())
            fuzz::broken("cannot write the log file", file.errorString());
    }
    CheckContext context;
    context.projectDir = folder->path();
    context.variables.set(QStringLiteral("v"), QString::fromUtf8(valueLine));
    context.variables.setRunId(QStringLiteral("run-1"));
    context.runStartedAt = QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    context.maxResponseBytes = 64 * 1024;
    type->prepare(check);
    std::unique_ptr<CheckExecution> execution = type->create(check, context);

    int finished = 0;
    CheckOutcome outcome;
    QEventLoop loop;
    QObject::connect(execution.get(), &CheckExecution::finished, &loop, [&](const CheckOutcome &o) {
        ++finished;
        outcome = o;
        loop.quit();
    });
    QTimer bound;
    bound.setSingleShot(true);
    QObject::connect(&bound, &QTimer::timeout, &loop, &QEventLoop::quit);
    bound.start(20000);
    execution->start();
    if (finished == 0)
        loop.exec();
    if (finished != 1)
        fuzz::broken("the log check did not finish within 20 s", regex);
    if (outcome.message.isEmpty())
        fuzz::broken("an outcome without a message", regex);
    if (fuzz::verbose())
        std::fprintf(stderr, "%s: %s\n", qPrintable(toString(outcome.status)), qPrintable(outcome.message));
    return 0;
}
