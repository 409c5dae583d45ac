#pragma once

#include "checks/checktype.h"

namespace flowbench {

// "http": one HTTP/1.1 request (HttpExecution) on the thread of CheckContext::network,
// read incrementally and cut off past CheckContext::maxResponseBytes. Redirects are
// followed only with spec.follow_redirects (up to spec.max_redirects, default 10);
// otherwise a status assertion sees what the endpoint answered. Spec: vocabulary().
class HttpCheck : public CheckType
{
public:
    QString name() const override { return QStringLiteral("http"); }
    const CheckVocabulary &vocabulary() const override;
    bool runsOnNetworkThread() const override { return true; }
    std::unique_ptr<CheckExecution> create(const Check &check, const CheckContext &context) const override;

    // Why a spec.url text cannot be an http check's URL, or an empty string. validate()
    // and the form ask the same: not empty; http:// or https:// with a host, or a text
    // starting with a {{variable}} (which then supplies the scheme at run time).
    static QString urlProblem(const QString &url);

protected:
    Status validateRules(const Check &check) const override;
};

} // namespace flowbench
