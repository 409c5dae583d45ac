#pragma once

#include "checks/checktype.h"
#include "result.h"

#include <QString>

namespace flowbench {

// Turns a secret reference into the secret for the moment it is needed:
// "${env:NAME}" reads the process environment, "${keychain:ENTRY}" reads the system
// keychain (service "flowbench"). Anything that is not a reference is returned as is.
// The plaintext lives only in the returned value; it is never logged or stored.
class SecretResolver
{
public:
    // Keychain reads are bounded: without a keychain service the read fails with a
    // message instead of waiting forever.
    static Result<QString> resolve(const QString &value, int keychainTimeoutMs = 5000);
    static QString keychainService() { return QStringLiteral("flowbench"); }
    // Puts an environment's variables into a scope, secret references resolved. Fails
    // naming the variable: "environment staging, variable api_token: environment
    // variable API_TOKEN is not set (referenced as ${env:API_TOKEN})".
    static Status addVariables(const Environment &environment, VariableScope &scope,
                               int keychainTimeoutMs = 5000);
};

} // namespace flowbench
