#pragma once

#include "model/casefault.h"
#include "model/ids.h"

#include <QList>
#include <QMap>
#include <QString>

namespace flowbench {

// A named database or Redis endpoint that checks refer to by name.
// driver: "QSQLITE", "QPSQL", "redis" or "amqp" (database: the virtual host). The password is a secret reference
// ("${env:NAME}" or "${keychain:ENTRY}"), never the secret itself.
struct Connection
{
    QString name;
    QString driver;
    QString host;
    int port = 0;
    QString database; // SQLite: file path; PostgreSQL: database name; Redis: db index
    QString user;
    QString passwordRef;
    QString options;

    bool operator==(const Connection &o) const
    {
        return name == o.name && driver == o.driver && host == o.host && port == o.port
            && database == o.database && user == o.user && passwordRef == o.passwordRef
            && options == o.options;
    }
};

// Variables may hold secret references ("${env:NAME}", "${keychain:ENTRY}") that are
// resolved at run time; plaintext secrets are never written to the project.
struct Environment
{
    Id id;
    QString name;
    bool isProtected = false; // writes refused, runs confirmed
    // Others run against it too: a run takes its lease (one run at a time) and is audited,
    // as on a protected one (run/environmentlease.h).
    bool isShared = false;
    QMap<QString, QString> variables;
    QList<Connection> connections;
    int revision = 0;
    // Fault proxies the system under test is pointed at (its own configuration); every
    // route carries traffic for the whole of a run, faults act on it per test case.
    QList<ProxyRoute> proxies;

    const ProxyRoute *proxyFor(const QString &target) const
    {
        for (const ProxyRoute &r : proxies)
            if (r.target == target)
                return &r;
        return nullptr;
    }

    const Connection *connection(const QString &name) const
    {
        for (const Connection &c : connections)
            if (c.name == name)
                return &c;
        return nullptr;
    }

    bool operator==(const Environment &o) const
    {
        return id == o.id && name == o.name && isProtected == o.isProtected && isShared == o.isShared
            && variables == o.variables && connections == o.connections
            && proxies == o.proxies;
    }
    bool operator!=(const Environment &o) const { return !(*this == o); }
};

bool isSecretReference(const QString &value);

} // namespace flowbench
