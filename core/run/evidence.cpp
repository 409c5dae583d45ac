#include "run/evidence.h"

#include "checks/checktype.h"
#include "checks/secretresolver.h"
#include "model/environment.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <algorithm>

namespace flowbench {

namespace {
const QString kTruncated = QStringLiteral("\n… (truncated");
// A shorter tail before a truncation mark is too common to say it was the secret.
constexpr int kMinMaskedPrefix = 4;
} // namespace

QString truncateEvidence(const QString &evidence, int maxBytes)
{
    const QByteArray utf8 = evidence.toUtf8();
    if (maxBytes <= 0 || utf8.size() <= maxBytes)
        return evidence;
    int cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(utf8.at(cut)) & 0xC0) == 0x80)
        --cut; // back to the start of a UTF-8 sequence
    return QString::fromUtf8(utf8.left(cut))
        + QStringLiteral("\n… (truncated, %1 of %2 bytes shown)").arg(cut).arg(utf8.size());
}

SecretMask SecretMask::forEnvironment(
    const Environment &environment, const QMap<QString, QString> &resolved, int keychainTimeoutMs)
{
    SecretMask mask;
    for (auto it = environment.variables.begin(); it != environment.variables.end(); ++it)
        if (isSecretReference(it.value()))
            mask.add(it.key(), resolved.value(it.key()));
    for (const Connection &c : environment.connections) {
        if (c.passwordRef.isEmpty() || !isSecretReference(c.passwordRef))
            continue;
        if (const Result<QString> value = SecretResolver::resolve(c.passwordRef, keychainTimeoutMs))
            mask.add(c.name + QStringLiteral(".password"), *value);
    }
    return mask;
}

void SecretMask::add(const QString &name, const QString &value)
{
    if (value.isEmpty())
        return;
    const QString mask = QStringLiteral("${secret:%1}").arg(name);
    QStringList forms { value };
    const QString percent = QString::fromLatin1(QUrl::toPercentEncoding(value));
    forms << percent;
    const QByteArray json = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    forms << QString::fromUtf8(json.mid(2, json.size() - 4)); // ["…"] -> …
    forms.removeDuplicates();
    for (const QString &form : std::as_const(forms))
        m_entries.append({ form, mask });
    std::stable_sort(m_entries.begin(), m_entries.end(),
        [](const Entry &a, const Entry &b) { return a.value.size() > b.value.size(); });
}

void SecretMask::addBasicAuth(const QJsonObject &auth, const VariableScope &scope, int keychainTimeoutMs)
{
    if (auth.value(QLatin1String("type")).toString() != QLatin1String("basic"))
        return;
    const QString passwordText = auth.value(QLatin1String("password")).toString();
    const Result<QString> password = isSecretReference(passwordText)
        ? SecretResolver::resolve(passwordText, keychainTimeoutMs)
        : scope.interpolate(passwordText);
    if (!password || password->isEmpty())
        return; // the check fails without ever holding it
    add(QStringLiteral("auth.password"), *password);
    const Result<QString> user = scope.interpolate(auth.value(QLatin1String("user")).toString());
    if (user)
        add(QStringLiteral("auth.basic"),
            QString::fromLatin1((user->toUtf8() + ':' + password->toUtf8()).toBase64()));
}

QString SecretMask::apply(QString text) const
{
    if (m_entries.isEmpty() || text.isEmpty())
        return text;
    for (const Entry &e : m_entries)
        text.replace(e.value, e.mask);
    // Evidence cut inside a secret ends with its first characters before the mark.
    const qsizetype mark = text.indexOf(kTruncated);
    if (mark > 0) {
        for (const Entry &e : m_entries) {
            for (qsizetype n = qMin(e.value.size() - 1, mark); n >= kMinMaskedPrefix; --n) {
                if (QStringView(text).mid(mark - n, n) == QStringView(e.value).left(n)) {
                    text.replace(mark - n, n, e.mask);
                    return text;
                }
            }
        }
    }
    return text;
}

QStringList SecretMask::apply(QStringList texts) const
{
    for (QString &t : texts)
        t = apply(t);
    return texts;
}

} // namespace flowbench
