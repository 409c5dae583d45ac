#include "checkforms/expressionsupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace flowbench {

namespace {

QString trText(const char *text) { return QCoreApplication::translate("ExpressionSupport", text); }

ExpressionSupport::JqValidator &jqValidator()
{
    static ExpressionSupport::JqValidator validator;
    return validator;
}

ExpressionSupport::Evaluator &evaluator()
{
    static ExpressionSupport::Evaluator e;
    return e;
}

} // namespace

void ExpressionSupport::setJqValidator(JqValidator validator) { jqValidator() = std::move(validator); }
void ExpressionSupport::setEvaluator(Evaluator e) { evaluator() = std::move(e); }

QString ExpressionSupport::validateJq(const QString &program)
{
    if (program.trimmed().isEmpty())
        return trText("the jq program is empty");
    if (jqValidator())
        return jqValidator()(program);
    return checkBrackets(program);
}

QString ExpressionSupport::checkBrackets(const QString &text)
{
    QString open;
    bool inString = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inString) {
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        if (c == QLatin1Char('"')) {
            inString = true;
        } else if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{')) {
            open.append(c);
        } else if (c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}')) {
            const QChar expected = c == QLatin1Char(')') ? QLatin1Char('(')
                : c == QLatin1Char(']')                 ? QLatin1Char('[')
                                                         : QLatin1Char('{');
            if (open.isEmpty() || open.back() != expected)
                return trText("unexpected '%1' at column %2").arg(c).arg(i + 1);
            open.chop(1);
        }
    }
    if (inString)
        return trText("unterminated string");
    if (!open.isEmpty())
        return trText("'%1' is never closed").arg(open.back());
    return QString();
}

namespace {

struct PathStep
{
    QString key; // empty for an index step
    int index = -1;
};

// Dots and [index], leading "$." optional: "data.items[0].id", "[0].status".
QString parsePath(const QString &path, QList<PathStep> &steps)
{
    static const QRegularExpression token(QStringLiteral(R"(\G(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]))"));
    QString rest = path.trimmed();
    if (rest.startsWith(QLatin1String("$.")))
        rest = rest.mid(2);
    else if (rest == QLatin1String("$"))
        rest.clear();
    if (rest.startsWith(QLatin1Char('.')))
        return trText("syntax error in JSON path at column 1");
    int pos = 0;
    while (pos < rest.size()) {
        const QRegularExpressionMatch m = token.match(rest, pos);
        if (!m.hasMatch() || m.capturedLength() == 0)
            return trText("syntax error in JSON path at column %1").arg(pos + 1);
        steps.append(m.capturedLength(1) ? PathStep{m.captured(1), -1} : PathStep{QString(), m.captured(2).toInt()});
        pos += m.capturedLength();
    }
    return QString();
}

} // namespace

QString ExpressionSupport::validateJsonPath(const QString &path)
{
    if (path.trimmed().isEmpty())
        return trText("the JSON path is empty");
    QList<PathStep> steps;
    return parsePath(path, steps);
}

Result<QJsonValue> ExpressionSupport::evaluateJsonPath(const QString &path, const QJsonValue &root)
{
    QList<PathStep> steps;
    const QString syntax = parsePath(path, steps);
    if (!syntax.isEmpty())
        return Result<QJsonValue>::failure(syntax);
    QJsonValue current = root;
    QString walked = QStringLiteral("$");
    for (const PathStep &s : steps) {
        if (s.index < 0) {
            walked += QLatin1Char('.') + s.key;
            if (!current.isObject() || !current.toObject().contains(s.key))
                return Result<QJsonValue>::failure(trText("%1 does not exist").arg(walked));
            current = current.toObject().value(s.key);
        } else {
            walked += QStringLiteral("[%1]").arg(s.index);
            if (!current.isArray() || s.index >= current.toArray().size())
                return Result<QJsonValue>::failure(trText("%1 does not exist").arg(walked));
            current = current.toArray().at(s.index);
        }
    }
    return current;
}

Result<QJsonValue> ExpressionSupport::evaluate(const QString &kind, const QString &expression, const QByteArray &body)
{
    if (evaluator())
        return evaluator()(kind, expression, body);
    QJsonParseError error;
    // Wrapping lets scalars ("42", "\"OK\"") through as well as objects and arrays.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + body + "]", &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return Result<QJsonValue>::failure(trText("the last response is not JSON: %1").arg(error.errorString()));
    if (kind == QLatin1String("jq"))
        return Result<QJsonValue>::failure(
            trText("jq cannot be tried in this build (the jq engine is not connected to the editor)"));
    return evaluateJsonPath(expression, doc.array().first());
}

QJsonValue expectedFromText(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return QJsonValue();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + t.toUtf8() + "]", &error);
    if (error.error == QJsonParseError::NoError && doc.array().size() == 1)
        return doc.array().first();
    return text;
}

QString expectedToText(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return QString();
    if (value.isString()) {
        // Text that would read back as another type keeps its quotes.
        const QString s = value.toString();
        if (expectedFromText(s).isString() && s.trimmed() == s)
            return s;
        return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    }
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

} // namespace flowbench
