#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace flowbench {

struct Environment;
class VariableScope;

// Cuts evidence to at most maxBytes of UTF-8 (never inside a character) and says so.
QString truncateEvidence(const QString &evidence, int maxBytes);

// The resolved secret values of a run and what replaces them in everything a person or a
// file sees (messages, evidence, warnings): "${secret:NAME}". The runner applies it once,
// where a result is made, so no writer (JSON, JUnit, CSV, HTML, the store, the results
// panel) ever receives the plaintext. Besides the value as is, its forms on the wire are
// masked too: percent-encoded (URLs, forms) and JSON-escaped; and a value cut off by
// evidence truncation ("…(truncated") is masked from its first four characters on.
class SecretMask
{
public:
    // The variables whose stored value is a secret reference, with their values as
    // resolved in `resolved`; and connection passwords, resolved here (a keychain read is
    // bounded by keychainTimeoutMs). A password that does not resolve is left out: the
    // check that needs it fails without ever holding the value.
    static SecretMask forEnvironment(
        const Environment &environment, const QMap<QString, QString> &resolved, int keychainTimeoutMs = 1000);

    void add(const QString &name, const QString &value);
    // An http check's {"type": "basic", "user", "password"} resolved in `scope` (a
    // ${env:}/${keychain:} password read here): the password and "user:password" in base64.
    void addBasicAuth(const QJsonObject &auth, const VariableScope &scope, int keychainTimeoutMs = 1000);
    bool isEmpty() const { return m_entries.isEmpty(); }
    QString apply(QString text) const;
    QStringList apply(QStringList texts) const;

private:
    struct Entry
    {
        QString value; // one form of a secret
        QString mask;
    };
    QList<Entry> m_entries; // longest first: a secret containing another is masked whole
};

} // namespace flowbench
