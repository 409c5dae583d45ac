#pragma once

#include "checks/checkvocabulary.h"
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

class CaseWatch;
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
    // What the test case's checks set up when it started (CheckType::watch), by check id.
    QMap<Id, std::shared_ptr<CaseWatch>> watches;
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

// Something a check holds for the whole of its test case, set up before the test case's
// first step so the check sees what the steps before it cause (an AMQP queue bound to an
// exchange). The runner starts it, waits for ready() (bounded by the type), hands it to
// the check's executions through CheckContext::watches and drops it when the test case
// ends, also on cancel. A watch that could not be set up says why in error(); the check's
// step reports that when it is reached.
class CaseWatch : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~CaseWatch() override = default;
    // Emits ready() exactly once, on the thread that called start(), also on failure.
    virtual void start() = 0;
    virtual QString error() const = 0;

signals:
    void ready();
};

// A check type ("http", "sql", …): declares its vocabulary, validates
// checks by it and starts executions. One class per type in core/checks/, registered in
// checkregistry.cpp.
class CheckType
{
public:
    virtual ~CheckType() = default;
    virtual QString name() const = 0;
    // What this type's checks are made of: spec fields, assertion kinds with their ops,
    // capture sources (core/checks/checkvocabulary.h). Forms, validate(), the runner and
    // docs/checks.md read it; nothing else lists them. Built once, lives with the type.
    virtual const CheckVocabulary &vocabulary() const = 0;
    // The declared spec fields, then the type's own rules (validateRules), then the
    // assertions and captures against the declared kinds, ops and sources. Spec errors
    // name the field: "spec.url: must not be empty".
    Status validate(const Check &check) const;
    // Executions that are QObjects with sockets (http) run on the test case's network
    // thread; the others use thread-bound resources (SQL connections) and stay put.
    virtual bool runsOnNetworkThread() const { return false; }
    // Work done before any request goes out: compiles the check's jq programs once.
    virtual void prepare(const Check &check) const;
    // What the check holds while its test case runs; null (the default) for none.
    virtual std::shared_ptr<CaseWatch> watch(const Check &check, const CheckContext &context) const
    {
        Q_UNUSED(check);
        Q_UNUSED(context);
        return nullptr;
    }
    virtual std::unique_ptr<CheckExecution> create(const Check &check, const CheckContext &context) const = 0;

protected:
    // Rules beyond the declared fields, one at a time (a field that depends on another).
    virtual Status validateRules(const Check &check) const
    {
        Q_UNUSED(check);
        return success();
    }
};

} // namespace flowbench

Q_DECLARE_METATYPE(flowbench::CheckOutcome)
