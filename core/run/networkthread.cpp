#include "run/networkthread.h"

#include <QNetworkAccessManager>

namespace flowbench {

NetworkThread::NetworkThread()
{
    m_thread.setObjectName(QStringLiteral("flowbench-network"));
    m_thread.start();
    m_anchor = new QObject;
    m_anchor->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_anchor, [this] { m_network = new QNetworkAccessManager(m_anchor); }, Qt::BlockingQueuedConnection);
}

NetworkThread::~NetworkThread()
{
    // Executions handed back with deleteLater() are deleted before the loop ends.
    m_anchor->deleteLater();
    m_thread.quit();
    m_thread.wait();
}

} // namespace flowbench
