#include "support/sharedprojectserver.h"

#include "support/testenv.h"

namespace flowbench::testing {

bool SharedProjectServer::start()
{
    qputenv("FB_TEST_PG", kPassword);
    m_whyNot
        = startOrWhyNot(QStringLiteral("flowbench"), QStringLiteral("team"), QString::fromLatin1(kPassword))
              .toUtf8();
    return started();
}

bool SharedProjectServer::isRequired()
{
    return serversRequired();
}

bool SharedProjectServer::stopIfRunning()
{
    return !isRunning() || stop();
}

QString SharedProjectServer::url(const QString &project, const QString &role) const
{
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/flowbench?project=%3&password_ref=${env:FB_TEST_PG}")
        .arg(role)
        .arg(port())
        .arg(project);
}

} // namespace flowbench::testing
