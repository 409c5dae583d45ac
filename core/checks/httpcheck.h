#pragma once

#include "checks/checktype.h"

namespace flowbench {

// "http": one request through the runner's QNetworkAccessManager (CheckContext::network),
// read incrementally and cut off past CheckContext::maxResponseBytes. Redirects are not
// followed, so a status assertion sees what the endpoint answered. Spec and semantics:
// notes/CHECK_SPECS.md.
class HttpCheck : public CheckType
{
public:
    QString name() const override { return QStringLiteral("http"); }
    Status validate(const Check &check) const override;
    void prepare(const Check &check) const override;
    std::unique_ptr<CheckExecution> create(const Check &check, const CheckContext &context) const override;

    static QStringList assertionKinds();
    static QStringList captureSources();
};

} // namespace flowbench
