#pragma once

#include "io/importreport.h"
#include "io/postman/postmancollection.h"
#include "result.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace flowbench {

// Secret values of a collection become references, never plaintext in the project.
struct PostmanSecrets
{
    // Variable name -> "${env:NAME}" for every variable the project must not hold.
    QMap<QString, QString> references;
    // "TOKEN (Postman variable \"token\", marked secret)" for the report.
    QStringList toSet;

    // "${env:NAME}" for Postman variable `name`, recorded with why.
    QString referenceFor(const QString &name, const QString &why);
};

// Whether a variable or auth parameter of this name holds a secret (token, password, api key…).
bool isPostmanSecretName(const QString &name);
// "{{name}}" when `value` is exactly one variable reference, else empty.
QString postmanVariableOnly(const QString &value);

// A request with its auth resolved and its body converted: the http check's spec
// ({method, url, headers, body}). Disabled headers, params and fields are left out and
// noted in `report`; form-data files resolve against `baseDirectory`.
struct PostmanRequestContext
{
    const PostmanAuth *auth = nullptr; // the effective auth (collection -> folder -> request)
    QString baseDirectory;
    PostmanSecrets *secrets = nullptr;
    ImportReport *report = nullptr;
    bool needsReview = false; // set when something could not be carried over exactly
    QStringList reviewReasons;
};
Result<QJsonObject> postmanHttpSpec(const PostmanItem &request, PostmanRequestContext &context);

} // namespace flowbench
