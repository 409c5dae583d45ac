#pragma once

#include "model/check.h"
#include "model/environment.h"
#include "model/run.h"
#include "result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

class QNetworkAccessManager;

namespace flowbench {

class LogBaseline;
class PgRoleVerdicts;

// Variables a step sees: environment variables (secret references already resolved),
// captures of earlier steps of the same test case, and built-ins ($uuid, $timestamp,
// $runId). `{{name}}` in a spec is replaced from here; an unknown name is an error
// that names it.
class VariableScope
{
public:
    void set(const QString &name, const QString &value) { m_values.insert(name, value); }
    bool contains(const QString &name) const;
    QString value(const QString &name) const;
    const QMap<QString, QString> &values() const { return m_values; }
    void setRunId(const QString &runId) { m_runId = runId; }
    QString runId() const { return m_runId; }
    // Replaces every {{name}}; fails naming the first unknown variable.
    Result<QString> interpolate(const QString &text) const;
    // The same, naming the spec field in the error: "unknown variable {{x}} in spec.url".
    Result<QString> interpolate(const QString &text, const QString &field) const;
    // Every string inside a JSON value (keys stay as they are); field names the spot:
    // "unknown variable {{x}} in spec.body.json.customer".
    Result<QJsonValue> interpolateJson(const QJsonValue &value, const QString &field) const;

private:
    QMap<QString, QString> m_values;
    QString m_runId;
};

// What a check execution needs from the run. Owned by the runner; outlives executions.
struct CheckContext
{
    const Environment *environment = nullptr;
    // Relative SQLite paths and log globs resolve against the project file's folder.
    QString projectDir;
    VariableScope variables;
    QDateTime runStartedAt;          // log checks read only lines written since then
    // The log files as they were when the run began (LogBaseline::take), held open for the
    // run; log checks read what was written since, through rotation.
    std::shared_ptr<const LogBaseline> logBaseline;
    // What each PostgreSQL role may do, asked once per run and connection by sql checks.
    std::shared_ptr<PgRoleVerdicts> pgRoleVerdicts;
    // Injected and shared by the http checks of one thread: executions must be created and
    // started on the thread the QNetworkAccessManager lives in.
    QNetworkAccessManager *network = nullptr;
    int maxEvidenceBytes = 4096;
    qint64 maxResponseBytes = 10 * 1024 * 1024; // larger bodies are an error, never buffered
};

// The outcome of one try of one check.
struct CheckOutcome
{
    ResultStatus status = ResultStatus::Error;
    QString message;  // names the target and the cause
    QString evidence; // truncated excerpt: response, rows, matched lines
    QMap<QString, QString> captures;
    qint64 durationMs = 0;
    // About the run rather than this check (e.g. a database role that could write on an
    // unprotected environment); the runner reports each text once per run.
    QStringList warnings;
};

// One try of one check, started by the runner. Asynchronous: emits finished() exactly
// once, on the thread that created it, also after cancel().
class CheckExecution : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~CheckExecution() override = default;
    virtual void start() = 0;
    virtual void cancel() = 0;
    // Hosts are bounded per host by the runner ("127.0.0.1:8080"); empty if not networked.
    virtual QString target() const { return QString(); }

signals:
    void finished(const flowbench::CheckOutcome &outcome);
};

// spec.timeout_ms, shared by the networked check types: absent, or a positive number.
Status validateTimeoutSpec(const QJsonObject &spec);

// A check type ("http", "sql", "redis", "log"): parses and validates its spec and
// starts executions. One class per type in core/checks/, registered in checkregistry.cpp.
class CheckType
{
public:
    virtual ~CheckType() = default;
    virtual QString name() const = 0;
    // Spec errors name the field: "spec.url: must not be empty".
    virtual Status validate(const Check &check) const = 0;
    // Work done before any request goes out (e.g. compiling jq programs once).
    virtual void prepare(const Check &check) const { Q_UNUSED(check); }
    virtual std::unique_ptr<CheckExecution> create(const Check &check, const CheckContext &context) const = 0;
};

} // namespace flowbench

Q_DECLARE_METATYPE(flowbench::CheckOutcome)
