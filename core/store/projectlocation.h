#pragma once

#include "result.h"

#include <QMetaType>
#include <QString>

namespace flowbench {

// Where a project lives: a project file (*.flowbench) or a project in a shared PostgreSQL
// database, addressed as
//   postgresql://user@host:port/database?project=NAME[&sslmode=MODE][&sslrootcert=FILE]
//                                       [&password_ref=${env:VAR}|${keychain:ENTRY}]
// The password itself is never part of a location (a URL holding one is refused): it comes
// from password_ref, or from what libpq reads itself (PGPASSWORD, ~/.pgpass).
class ProjectLocation
{
public:
    enum class Kind { File, Shared };

    ProjectLocation() = default;
    static ProjectLocation file(const QString &path);
    // A file path, or a URL when the text starts with "scheme://". A bad URL is an error
    // naming the part: "postgresql://db.example/?project=x: database: missing (...)".
    static Result<ProjectLocation> parse(const QString &text);
    // True when `text` is meant as a URL (starts with "scheme://"), good or bad.
    static bool looksLikeUrl(const QString &text);

    Kind kind() const { return m_kind; }
    bool isShared() const { return m_kind == Kind::Shared; }
    bool isEmpty() const { return m_kind == Kind::File && m_path.isEmpty(); }

    QString filePath() const { return m_path; } // File only
    // Shared only.
    QString user() const { return m_user; }
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString database() const { return m_database; }
    QString project() const { return m_project; }
    QString passwordRef() const { return m_passwordRef; }
    QString sslRootCert() const { return m_sslRootCert; }
    // sslmode as given, or the default: verify-full for a host other than this machine
    // (TLS and the server's name checked against its certificate), prefer for loopback.
    QString sslMode() const;
    bool sslModeGiven() const { return !m_sslMode.isEmpty(); }
    bool isLoopback() const;
    // The PostgreSQL schema that holds the project's tables: fb_<project>.
    QString schemaName() const;

    // The path, or the URL in a canonical form (parse(toString()) gives the same location).
    QString toString() const;
    // For messages and the title bar: the path, or the URL without password_ref.
    QString displayString() const;

    void setPasswordRef(const QString &reference) { m_passwordRef = reference; }

    bool operator==(const ProjectLocation &other) const { return toString() == other.toString(); }
    bool operator!=(const ProjectLocation &other) const { return !(*this == other); }

private:
    Kind m_kind = Kind::File;
    QString m_path;
    QString m_user;
    QString m_host;
    int m_port = 5432;
    QString m_database;
    QString m_project;
    QString m_sslMode;
    QString m_sslRootCert;
    QString m_passwordRef;
};

} // namespace flowbench

Q_DECLARE_METATYPE(flowbench::ProjectLocation)
