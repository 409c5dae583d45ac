#pragma once

#include "layout/layoutrequest.h"

#include <QRandomGenerator>
#include <QString>

namespace flowbench::testing {

inline LayoutNodeSpec layoutNode(const QString &id, const QString &group = QString())
{
    LayoutNodeSpec n;
    n.id = id;
    n.group = group;
    return n;
}

inline LayoutEdgeSpec layoutEdge(const QString &from, const QString &to)
{
    static int counter = 0;
    return {QStringLiteral("e%1").arg(++counter), from, to};
}

// A layered map like the ones QA engineers draw: per domain, screens call apis, apis call
// services, services read tables and publish to queues, with some calls across domains.
inline LayoutRequest layeredMap(int nodeCount, int domains, quint32 seed = 7)
{
    QRandomGenerator random(seed);
    LayoutRequest request;
    const char *kinds[] = {"screen", "api", "service", "store"};
    const int perDomain = std::max(4, nodeCount / std::max(1, domains));
    QList<QList<QStringList>> byDomainKind; // [domain][kind] -> ids
    for (int i = 0; i < nodeCount; ++i) {
        const int domain = std::min(i / perDomain, domains - 1);
        const int local = i - domain * perDomain;
        // 15% screens, 25% apis, 25% services, 35% tables/queues.
        const int percent = (local * 100) / perDomain;
        const int kind = percent < 15 ? 0 : percent < 40 ? 1 : percent < 65 ? 2 : 3;
        while (byDomainKind.size() <= domain)
            byDomainKind.append(QList<QStringList>(4));
        const QString id = QStringLiteral("%1-%2-%3").arg(QLatin1String(kinds[kind])).arg(domain).arg(i);
        byDomainKind[domain][kind].append(id);
        request.nodes.append(layoutNode(id, QStringLiteral("domain %1").arg(domain)));
    }
    int edge = 0;
    auto link = [&](const QString &from, const QString &to) {
        request.edges.append({QStringLiteral("edge-%1").arg(edge++), from, to});
    };
    for (int d = 0; d < byDomainKind.size(); ++d) {
        for (int k = 0; k < 3; ++k) {
            const QStringList &sources = byDomainKind[d][k];
            for (const QString &source : sources) {
                // Each part calls one or two parts of the next kind, now and then in another domain.
                const int calls = 1 + int(random.bounded(2));
                for (int c = 0; c < calls; ++c) {
                    int target = d;
                    if (byDomainKind.size() > 1 && random.bounded(10) == 0)
                        target = int(random.bounded(byDomainKind.size()));
                    const QStringList &next = byDomainKind[target][k + 1];
                    if (!next.isEmpty())
                        link(source, next[int(random.bounded(next.size()))]);
                }
            }
        }
        // Screens form a user flow: each leads to the next.
        const QStringList &screens = byDomainKind[d][0];
        for (int s = 1; s < screens.size(); ++s)
            if (random.bounded(2) == 0)
                link(screens[s - 1], screens[s]);
    }
    return request;
}

} // namespace flowbench::testing
