#include "commandline.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flowbench-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOWBENCH_VERSION));
    return flowbench::cli::runCommandLine(QCoreApplication::arguments());
}
