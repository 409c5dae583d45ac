// The assertion evaluator: the first line is a JSON array of checks in the project's
// form (store/checkjson: type, spec, assertions, captures), the rest what a check saw,
// written like an HTTP response:
//     201                      status (anything else: no status)
//     Content-Type: text/json  headers, up to an empty line
//
//     {"id": 7}                body (JSON when it parses; its line count is the count)
// Every check is validated by its type and then judged against that observation. Any
// input gives an outcome with a message, never a crash.
// jq assertions and captures are left out: libjq's parser is not ours, compiling costs
// ~20 ms each, and the process-wide cache of compiled programs would grow with every
// new text.
#include "fuzzsupport.h"

#include "checks/assertionevaluator.h"
#include "checks/checkregistry.h"
#include "store/checkjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>

using namespace flowbench;

namespace {

Observation observationFrom(const QByteArray &text)
{
    Observation o;
    qsizetype at = 0;
    auto nextLine = [&](QByteArray &line) {
        if (at >= text.size())
            return false;
        qsizetype end = text.indexOf('\n', at);
        if (end < 0)
            end = text.size();
        line = text.mid(at, end - at);
        at = end + 1;
        return true;
    };
    QByteArray line;
    if (nextLine(line)) {
        bool ok = false;
        const int status = line.trimmed().toInt(&ok);
        o.status = ok ? status : -1;
    }
    while (nextLine(line) && !line.trimmed().isEmpty()) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            o.headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
    }
    o.body = at < text.size() ? text.mid(at) : QByteArray();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(o.body, &error);
    if (error.error == QJsonParseError::NoError)
        o.json = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    else
        o.jsonError = QStringLiteral("the body is not JSON: %1").arg(error.errorString());
    o.count = o.body.count('\n');
    o.latencyMs = o.status < 0 ? 0 : o.status % 1000;
    return o;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto [specLine, rest]
        = fuzz::splitFirstLine(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    const QJsonDocument spec = QJsonDocument::fromJson(specLine);
    if (!spec.isArray())
        return 0;
    Result<QList<Check>> checks = checksFromJson(spec.array(), QStringLiteral("checks"));
    if (!checks) {
        if (fuzz::verbose())
            std::fprintf(stderr, "not checks: %s\n", qPrintable(checks.error()));
        return 0;
    }
    const Observation observation = observationFrom(rest);
    VariableScope scope;
    scope.set(QStringLiteral("id"), QStringLiteral("7"));
    scope.set(QStringLiteral("name"), QStringLiteral("Ada"));
    scope.setRunId(QStringLiteral("run-1"));
    for (Check check : *checks) {
        check.assertions.erase(std::remove_if(check.assertions.begin(), check.assertions.end(),
                                   [](const Assertion &a) { return a.kind == QLatin1String("jq"); }),
            check.assertions.end());
        check.captures.erase(std::remove_if(check.captures.begin(), check.captures.end(),
                                 [](const Capture &c) { return c.source == QLatin1String("jq"); }),
            check.captures.end());
        const Status valid = CheckRegistry::instance().validate(check);
        if (!valid && valid.error().isEmpty())
            fuzz::broken("a validation error without a message", QString());
        // Judged also when invalid: a project edited by hand may hold such a check, and
        // judging must then fail with a message, not crash.
        const CheckOutcome outcome = AssertionEvaluator::judge(check, observation, scope);
        if (fuzz::verbose())
            std::fprintf(stderr, "%s (%s): %s\n", qPrintable(toString(outcome.status)),
                valid ? "valid" : qPrintable(valid.error()), qPrintable(outcome.message));
        if (outcome.message.isEmpty())
            fuzz::broken("an outcome without a message", QString::fromUtf8(specLine));
        if (valid && outcome.status == ResultStatus::Pass
            && outcome.captures.size() != check.captures.size()) {
            // Captures with one name count once.
            QSet<QString> names;
            for (const Capture &c : check.captures)
                names.insert(c.name);
            if (outcome.captures.size() != names.size())
                fuzz::broken("a pass without every capture", QString::fromUtf8(specLine));
        }
    }
    return 0;
}
