#include "support/testenv.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QtGlobal>

namespace flowbench::testing {

QString helperPath(const QString &name)
{
#ifdef FLOWBENCH_TEST_HELPER_DIR
    return QDir(QStringLiteral(FLOWBENCH_TEST_HELPER_DIR)).filePath(name);
#else
    return QDir(qEnvironmentVariable("FLOWBENCH_TEST_HELPER_DIR")).filePath(name);
#endif
}

QString cliPath() { return qEnvironmentVariable("FLOWBENCH_CLI"); }

bool serversRequired() { return !qEnvironmentVariableIsEmpty("CI"); }

void isolateSettings(const QString &applicationName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FlowbenchTest"));
    QCoreApplication::setApplicationName(applicationName);
    QSettings().clear();
}

} // namespace flowbench::testing
