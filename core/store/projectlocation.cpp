#include "store/projectlocation.h"

#include "model/environment.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace flowbench {

namespace {

const QString kShape = QStringLiteral("postgresql://user@host:port/database?project=NAME");

const QStringList &sslModes()
{
    static const QStringList modes
        = { QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"),
              QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full") };
    return modes;
}

// The URL for an error message: a password someone wrote into it is masked, never echoed.
QString masked(const QString &text)
{
    static const QRegularExpression password(
        QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*://[^:@/?#]*):[^@/?#]*@"));
    QString out = text;
    static const QRegularExpression parameter(QStringLiteral("([?&]password=)[^&#]*"));
    out.replace(password, QStringLiteral("\\1:***@"));
    out.replace(parameter, QStringLiteral("\\1***"));
    return out;
}

Result<ProjectLocation> bad(const QString &text, const QString &part, const QString &problem)
{
    return Result<ProjectLocation>::failure(QStringLiteral("%1: %2: %3").arg(masked(text), part, problem));
}

// Values go into libpq's connection string through the QPSQL driver, which splits its
// options at ';' and does not quote them: refuse what would change their meaning.
bool safeOptionValue(const QString &value)
{
    static const QRegularExpression unsafe(QStringLiteral("[;'\"\\\\\\s]"));
    return !value.contains(unsafe);
}

} // namespace

ProjectLocation ProjectLocation::file(const QString &path)
{
    ProjectLocation l;
    l.m_kind = Kind::File;
    l.m_path = path;
    return l;
}

bool ProjectLocation::looksLikeUrl(const QString &text)
{
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"));
    return scheme.match(text).hasMatch();
}

Result<ProjectLocation> ProjectLocation::parse(const QString &text)
{
    if (!looksLikeUrl(text))
        return file(text);

    const QString scheme = text.left(text.indexOf(QLatin1Char(':'))).toLower();
    if (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres"))
        return bad(text, QStringLiteral("scheme"),
            QStringLiteral("\"%1\" is not supported; a shared project is %2").arg(scheme, kShape));

    // The query is split by hand: QUrl would re-encode ${env:NAME} references.
    const int hash = text.indexOf(QLatin1Char('#'));
    if (hash >= 0)
        return bad(text, QStringLiteral("fragment"),
            QStringLiteral("\"#%1\" has no meaning here; remove it").arg(text.mid(hash + 1)));
    const int question = text.indexOf(QLatin1Char('?'));
    const QString head = question < 0 ? text : text.left(question);
    const QString query = question < 0 ? QString() : text.mid(question + 1);

    const QUrl url(head, QUrl::StrictMode);
    if (!url.isValid()) {
        // QUrl's message repeats the URL (password and all) after "; source was".
        const QString why = url.errorString().section(QStringLiteral("; source was"), 0, 0);
        return bad(text, QStringLiteral("URL"), QStringLiteral("%1 (expected %2)").arg(why, kShape));
    }

    ProjectLocation l;
    l.m_kind = Kind::Shared;
    if (!url.password().isEmpty()
        || head.contains(QRegularExpression(QStringLiteral("^[^/]*//[^/@]*:[^/@]*@"))))
        return bad(text, QStringLiteral("password"),
            QStringLiteral("a project URL must not hold the password; keep it in the keychain or an "
                           "environment variable and name it with password_ref=${keychain:ENTRY} or "
                           "password_ref=${env:NAME} (or let libpq read PGPASSWORD or ~/.pgpass)"));
    l.m_user = url.userName();
    l.m_host = url.host();
    if (l.m_host.isEmpty())
        return bad(text, QStringLiteral("host"), QStringLiteral("missing (expected %1)").arg(kShape));
    const int port = url.port(5432);
    if (port < 1 || port > 65535)
        return bad(text, QStringLiteral("port"), QStringLiteral("%1 is not a port (1-65535)").arg(port));
    l.m_port = port;
    QString database = url.path();
    if (database.startsWith(QLatin1Char('/')))
        database.remove(0, 1);
    if (database.isEmpty())
        return bad(text, QStringLiteral("database"), QStringLiteral("missing (expected %1)").arg(kShape));
    if (database.contains(QLatin1Char('/')))
        return bad(text, QStringLiteral("database"),
            QStringLiteral("\"%1\" is not one database name (expected %2)").arg(database, kShape));
    l.m_database = database;

    for (const QString &pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const int eq = pair.indexOf(QLatin1Char('='));
        const QString key = QUrl::fromPercentEncoding((eq < 0 ? pair : pair.left(eq)).toUtf8());
        const QString value = eq < 0 ? QString() : QUrl::fromPercentEncoding(pair.mid(eq + 1).toUtf8());
        if (key == QLatin1String("project")) {
            static const QRegularExpression name(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,59}$"));
            if (!name.match(value).hasMatch())
                return bad(text, QStringLiteral("project"),
                    QStringLiteral("\"%1\" is not a project name: 1-60 lower-case letters, digits, _ or -, "
                                   "starting with a letter or digit")
                        .arg(value));
            l.m_project = value;
        } else if (key == QLatin1String("sslmode")) {
            if (!sslModes().contains(value))
                return bad(text, QStringLiteral("sslmode"),
                    QStringLiteral("\"%1\" is not one of %2")
                        .arg(value, sslModes().join(QStringLiteral(", "))));
            l.m_sslMode = value;
        } else if (key == QLatin1String("sslrootcert")) {
            if (value.isEmpty() || !safeOptionValue(value))
                return bad(text, QStringLiteral("sslrootcert"),
                    QStringLiteral("\"%1\" is not a usable file name (no spaces, quotes or ';')").arg(value));
            l.m_sslRootCert = value;
        } else if (key == QLatin1String("password_ref")) {
            if (!isSecretReference(value))
                return bad(text, QStringLiteral("password_ref"),
                    QStringLiteral("must be ${env:NAME} or ${keychain:ENTRY}, never the password itself"));
            l.m_passwordRef = value;
        } else if (key == QLatin1String("password")) {
            return bad(text, QStringLiteral("password"),
                QStringLiteral("a project URL must not hold the password; use password_ref=${env:NAME} or "
                               "password_ref=${keychain:ENTRY}"));
        } else {
            return bad(text, key.isEmpty() ? QStringLiteral("query") : key,
                QStringLiteral("unknown parameter; known: project, sslmode, sslrootcert, password_ref"));
        }
    }
    if (l.m_project.isEmpty())
        return bad(text, QStringLiteral("project"),
            QStringLiteral("missing: add ?project=NAME (one database holds many projects)"));
    if (!safeOptionValue(l.m_user) || !safeOptionValue(l.m_database))
        return bad(
            text, QStringLiteral("user or database"), QStringLiteral("must not hold spaces, quotes or ';'"));
    return l;
}

QString ProjectLocation::sslMode() const
{
    if (!m_sslMode.isEmpty())
        return m_sslMode;
    return isLoopback() ? QStringLiteral("prefer") : QStringLiteral("verify-full");
}

bool ProjectLocation::isLoopback() const
{
    if (m_host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(m_host);
    return !address.isNull() && address.isLoopback();
}

QString ProjectLocation::schemaName() const
{
    return QStringLiteral("fb_") + m_project;
}

namespace {
QString urlOf(const ProjectLocation &l, bool withPasswordRef)
{
    QString host = l.host();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    QString out = QStringLiteral("postgresql://");
    if (!l.user().isEmpty())
        out += QString::fromUtf8(QUrl::toPercentEncoding(l.user())) + QLatin1Char('@');
    out += host + QLatin1Char(':') + QString::number(l.port()) + QLatin1Char('/')
        + QString::fromUtf8(QUrl::toPercentEncoding(l.database())) + QStringLiteral("?project=")
        + l.project();
    if (l.sslModeGiven())
        out += QStringLiteral("&sslmode=") + l.sslMode();
    if (!l.sslRootCert().isEmpty())
        out += QStringLiteral("&sslrootcert=")
            + QString::fromUtf8(QUrl::toPercentEncoding(l.sslRootCert(), "/"));
    if (withPasswordRef && !l.passwordRef().isEmpty())
        out += QStringLiteral("&password_ref=") + l.passwordRef();
    return out;
}
} // namespace

QString ProjectLocation::toString() const
{
    return isShared() ? urlOf(*this, true) : m_path;
}

QString ProjectLocation::displayString() const
{
    return isShared() ? urlOf(*this, false) : m_path;
}

} // namespace flowbench
