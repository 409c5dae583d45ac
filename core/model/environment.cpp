#include "model/environment.h"

#include <QRegularExpression>

namespace flowbench {

bool isSecretReference(const QString &value)
{
    static const QRegularExpression re(QStringLiteral(R"(^\$\{(env|keychain):[^}]+\}$)"));
    return re.match(value).hasMatch();
}

} // namespace flowbench
