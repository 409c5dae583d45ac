#pragma once

#include "support/shopproject.h"

namespace flowbench::testing {

// `cases` test cases of `steps` checks each, every check a GET {{base_url}}/slow/<sleepMs>
// (HttpTestServer answers it after sleepMs) expecting 200: runs of a known length.
inline Project slowProject(const QString &baseUrl, int cases, int steps, int sleepMs)
{
    Project p;
    p.name = QStringLiteral("slow");
    const Node node = makeNode(NodeKind::Api, QStringLiteral("GET /slow"));
    p.nodes << node;
    Environment env;
    env.id = newId();
    env.name = QStringLiteral("local");
    env.variables.insert(QStringLiteral("base_url"), baseUrl);
    p.environments << env;
    for (int i = 0; i < cases; ++i) {
        QList<Check> checks;
        for (int s = 0; s < steps; ++s) {
            Check c = httpCheck(QStringLiteral("slow %1.%2").arg(i).arg(s), QStringLiteral("GET"),
                QStringLiteral("{{base_url}}/slow/%1").arg(sleepMs));
            c.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 200);
            checks << c;
        }
        TestCase t = makeCase(node.id, QStringLiteral("case %1").arg(i, 3, 10, QLatin1Char('0')), {}, checks);
        t.position = i;
        p.testCases << t;
    }
    return p;
}

} // namespace flowbench::testing
