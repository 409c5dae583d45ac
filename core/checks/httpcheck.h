#pragma once

#include "checks/checktype.h"

namespace flowbench {

// "http": one HTTP/1.1 request (HttpExecution) on the thread of CheckContext::network,
// read incrementally and cut off past CheckContext::maxResponseBytes. Redirects are
// followed only with spec.follow_redirects (up to spec.max_redirects, default 10);
// otherwise a status assertion sees what the endpoint answered. Spec: docs/checks.md.
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
