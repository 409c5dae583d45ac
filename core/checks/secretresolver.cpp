#include "checks/secretresolver.h"

#include "model/environment.h"

#include <QRegularExpression>
#include <QtGlobal>

#ifdef FLOWBENCH_HAVE_KEYCHAIN
#include <QEventLoop>
#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>
#endif

namespace flowbench {

namespace {

Result<QString> readKeychain(const QString &entry, int timeoutMs)
{
#ifdef FLOWBENCH_HAVE_KEYCHAIN
    // QtKeychain is asynchronous; wait for it in a local loop with a bound. The job
    // deletes itself when it finishes, even if we gave up waiting.
    auto *job = new QKeychain::ReadPasswordJob(SecretResolver::keychainService());
    job->setAutoDelete(true);
    job->setKey(entry);
    QPointer<QKeychain::ReadPasswordJob> guard(job);
    QEventLoop loop;
    bool done = false;
    QString secret;
    QString error;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job *) {
        done = true;
        switch (job->error()) {
        case QKeychain::NoError:
            secret = job->textData();
            break;
        case QKeychain::EntryNotFound:
            error = QStringLiteral("there is no such entry for service \"%1\"").arg(SecretResolver::keychainService());
            break;
        case QKeychain::AccessDenied:
        case QKeychain::AccessDeniedByUser:
            error = QStringLiteral("access was denied");
            break;
        case QKeychain::NoBackendAvailable:
        case QKeychain::NotImplemented:
            error = QStringLiteral("no keychain service is available (gnome-keyring or KWallet over D-Bus); "
                                   "use ${env:NAME} instead");
            break;
        default:
            error = job->errorString();
            if (error.isEmpty() || error == QLatin1String("Unknown error"))
                error = QStringLiteral("the keychain service gave no reason (is one running on D-Bus?)");
        }
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job->start();
    if (!done)
        loop.exec();
    if (!done) {
        if (guard)
            QObject::disconnect(guard, nullptr, &loop, nullptr);
        return Result<QString>::failure(
            QStringLiteral("keychain entry \"%1\": no answer from the keychain service within %2 ms "
                           "(is a keychain service such as gnome-keyring or KWallet running?)")
                .arg(entry)
                .arg(timeoutMs));
    }
    if (!error.isEmpty())
        return Result<QString>::failure(
            QStringLiteral("keychain entry \"%1\" could not be read: %2").arg(entry, error));
    return secret;
#else
    Q_UNUSED(timeoutMs);
    return Result<QString>::failure(
        QStringLiteral("keychain entry \"%1\": this build has no keychain support "
                       "(use ${env:NAME} instead)")
            .arg(entry));
#endif
}

} // namespace

Result<QString> SecretResolver::resolve(const QString &value, int keychainTimeoutMs)
{
    if (!isSecretReference(value))
        return value;
    static const QRegularExpression re(QStringLiteral(R"(^\$\{(env|keychain):([^}]+)\}$)"));
    const QRegularExpressionMatch m = re.match(value);
    const QString scheme = m.captured(1);
    const QString name = m.captured(2);
    if (scheme == QLatin1String("env")) {
        const QByteArray key = name.toLocal8Bit();
        if (!qEnvironmentVariableIsSet(key.constData()))
            return Result<QString>::failure(
                QStringLiteral("environment variable %1 is not set (referenced as ${env:%1})").arg(name));
        return qEnvironmentVariable(key.constData());
    }
    return readKeychain(name, keychainTimeoutMs);
}

Status SecretResolver::addVariables(const Environment &environment, VariableScope &scope, int keychainTimeoutMs)
{
    for (auto it = environment.variables.begin(); it != environment.variables.end(); ++it) {
        const auto value = resolve(it.value(), keychainTimeoutMs);
        if (!value)
            return Status::failure(QStringLiteral("environment %1, variable %2: %3")
                                       .arg(environment.name, it.key(), value.error()));
        scope.set(it.key(), *value);
    }
    return success();
}

} // namespace flowbench
