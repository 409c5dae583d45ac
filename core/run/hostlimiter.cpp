#include "run/hostlimiter.h"

namespace flowbench {

bool HostLimiter::tryAcquire(const QString &host)
{
    if (host.isEmpty())
        return true;
    int &count = m_inFlight[host];
    if (count >= m_perHost)
        return false;
    ++count;
    return true;
}

void HostLimiter::release(const QString &host)
{
    if (host.isEmpty())
        return;
    auto it = m_inFlight.find(host);
    if (it == m_inFlight.end())
        return;
    if (--it.value() <= 0)
        m_inFlight.erase(it);
}

} // namespace flowbench
