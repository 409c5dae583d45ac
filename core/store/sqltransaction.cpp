#include "store/sqltransaction.h"

#include "store/sqldialect.h"
#include "store/sqliteerror.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace flowbench {

namespace {
QString execute(const QString &connectionName, const QString &statement)
{
    const QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    QSqlQuery q(db);
    if (!q.exec(statement))
        return describeSqlError(q.lastError(), &db);
    return QString();
}
} // namespace

SqlTransaction::SqlTransaction(QString connectionName, TransactionState &state)
    : m_connectionName(std::move(connectionName)), m_state(state)
{
}

SqlTransaction::~SqlTransaction()
{
    if (!m_active)
        return;
    if (m_outermost)
        execute(m_connectionName, QStringLiteral("ROLLBACK"));
    else
        m_state.innerFailed = true;
    end();
}

Status SqlTransaction::begin()
{
    m_outermost = m_state.depth == 0;
    if (m_outermost) {
        const QString begin = SqlDialect::of(QSqlDatabase::database(m_connectionName, false)).beginWrite();
        const QString error = execute(m_connectionName, begin);
        if (!error.isEmpty())
            return Status::failure(QStringLiteral("could not start a transaction: %1").arg(error));
        m_state.innerFailed = false;
    }
    ++m_state.depth;
    m_active = true;
    return success();
}

Status SqlTransaction::commit()
{
    if (!m_active)
        return Status::failure(QStringLiteral("no transaction to commit"));
    if (m_outermost) {
        if (m_state.innerFailed)
            return Status::failure(QStringLiteral("an edit inside the transaction failed; nothing was saved"));
        const QString error = execute(m_connectionName, QStringLiteral("COMMIT"));
        if (!error.isEmpty())
            return Status::failure(QStringLiteral("could not commit: %1").arg(error));
    }
    end();
    return success();
}

void SqlTransaction::end()
{
    m_active = false;
    --m_state.depth;
}

} // namespace flowbench
