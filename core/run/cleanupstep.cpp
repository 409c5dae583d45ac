#include "run/cleanupstep.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace flowbench {

namespace {

const QRegularExpression &variablePattern()
{
    // The same names VariableScope::interpolate replaces ({{ name }} with blanks too).
    static const QRegularExpression re(QStringLiteral(R"(\{\{\s*([^{}\s]+)\s*\}\})"));
    return re;
}

void collectNames(const QJsonValue &value, QStringList &names)
{
    if (value.isString()) {
        auto it = variablePattern().globalMatch(value.toString());
        while (it.hasNext()) {
            const QString name = it.next().captured(1);
            if (!names.contains(name))
                names << name;
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectNames(item, names);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collectNames(it.value(), names);
    }
}

QString stepName(const Check &check, int index)
{
    return check.name.isEmpty() ? QStringLiteral("step %1").arg(index + 1)
                                : QStringLiteral("step %1 (\"%2\")").arg(index + 1).arg(check.name);
}

// The raw target as written, variables left as {{name}}.
QString writtenTarget(const Check &check)
{
    const QString url = check.spec.value(QLatin1String("url")).toString();
    if (!url.isEmpty()) {
        const QString method = check.spec.value(QLatin1String("method")).toString(QStringLiteral("GET"));
        return method.toUpper() + QLatin1Char(' ') + url;
    }
    for (const char *field : { "query", "command" }) {
        const QString text = check.spec.value(QLatin1String(field)).toString().simplified();
        if (!text.isEmpty()) {
            const QString connection = check.spec.value(QLatin1String("connection")).toString();
            return connection.isEmpty() ? QStringLiteral("%1: %2").arg(check.type, text)
                                        : QStringLiteral("%1 on %2: %3").arg(check.type, connection, text);
        }
    }
    return check.type;
}

} // namespace

QStringList missingVariables(const Check &check, const VariableScope &variables)
{
    QStringList names;
    collectNames(QJsonValue(check.spec), names);
    QStringList missing;
    for (const QString &name : std::as_const(names))
        if (!variables.contains(name))
            missing << name;
    return missing;
}

QString cleanupTarget(const Check &check, const VariableScope &variables)
{
    const QString written = writtenTarget(check);
    const Result<QString> resolved = variables.interpolate(written);
    return resolved ? resolved.value() : written;
}

QString missingCaptureMessage(const TestCase &testCase, const Check &cleanup, const QStringList &missing)
{
    QStringList why;
    for (const QString &name : missing) {
        QStringList capturedBy;
        for (int i = 0; i < testCase.checks.size(); ++i)
            for (const Capture &capture : testCase.checks.at(i).captures)
                if (capture.name == name)
                    capturedBy << stepName(testCase.checks.at(i), i);
        why << (capturedBy.isEmpty()
                ? QStringLiteral("{{%1}}, which no step captures and the environment does not define")
                      .arg(name)
                : QStringLiteral("{{%1}}, which %2 never captured")
                      .arg(name, capturedBy.join(QStringLiteral(" or "))));
    }
    return QStringLiteral("cleanup not done: %1 needs %2")
        .arg(writtenTarget(cleanup), why.join(QStringLiteral("; ")));
}

QString leftBehindMessage(const Check &cleanup, const QString &target, const QString &cause)
{
    const QString title = cleanup.name.isEmpty() ? cleanup.type : QStringLiteral("\"%1\"").arg(cleanup.name);
    return QStringLiteral("left behind: %1 (%2): %3").arg(title, target, cause);
}

} // namespace flowbench
