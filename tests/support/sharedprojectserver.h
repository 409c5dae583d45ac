#pragma once

#include "support/postgresserver.h"

#include <QByteArray>
#include <QString>

namespace flowbench::testing {

// The PostgreSQL a shared-project test case starts in initTestCase: database "flowbench"
// owned by role "team" with kPassword, which start() also puts in FB_TEST_PG so that url()
// names it by password_ref and never holds it. The PostgresServer calls (exec, stop,
// startAgain, port) stay available for tests that take the server away.
//
// QFAIL and QSKIP only end the function they are written in, so the test writes them:
//     if (!m_pg.start() && m_pg.isRequired()) QFAIL(m_pg.whyNot());   // initTestCase
//     if (!m_pg.started()) QSKIP(m_pg.whyNot());                       // a shared case
class SharedProjectServer : public PostgresServer
{
public:
    static constexpr char kPassword[] = "team-pw";

    // False when it did not start; whyNot() says why (binaries missing, or the failure).
    bool start();
    bool started() const { return m_whyNot.isEmpty(); }
    // "" once started; for QFAIL/QSKIP.
    const char *whyNot() const { return m_whyNot.constData(); }
    // Under CI (serversRequired()) a server that did not start fails the test case;
    // elsewhere the cases that need it skip.
    static bool isRequired();
    // Stops it if it runs; false with errorString() when stopping failed.
    bool stopIfRunning();

    // The project `project` on this server as `role`, the password by reference.
    QString url(const QString &project, const QString &role = QStringLiteral("team")) const;

private:
    QByteArray m_whyNot = "not started";
};

} // namespace flowbench::testing
