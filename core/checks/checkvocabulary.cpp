#include "checks/checkvocabulary.h"

#include <QJsonArray>

namespace flowbench {

QString operandName(Operand operand)
{
    switch (operand) {
    case Operand::None:
        return QStringLiteral("—");
    case Operand::Text:
        return QStringLiteral("text");
    case Operand::Number:
        return QStringLiteral("number");
    case Operand::Bool:
        return QStringLiteral("true or false");
    case Operand::Value:
        return QStringLiteral("any JSON value");
    case Operand::Regex:
        return QStringLiteral("regex");
    case Operand::JsonPath:
        return QStringLiteral("JSON path");
    case Operand::Jq:
        return QStringLiteral("jq program");
    case Operand::JsonSchema:
        return QStringLiteral("JSON Schema");
    }
    return QString();
}

const AssertionOp *AssertionKind::op(const QString &name) const
{
    for (const AssertionOp &o : ops)
        if (o.name == name)
            return &o;
    return nullptr;
}

QStringList AssertionKind::opNames() const
{
    QStringList names;
    for (const AssertionOp &o : ops)
        names.append(o.name);
    return names;
}

Operand AssertionKind::expectedWith(const QString &opName) const
{
    const AssertionOp *o = op(opName);
    return o && o->expected ? *o->expected : expected;
}

QStringList SpecField::choiceValues() const
{
    QStringList values;
    for (const SpecChoice &c : choices)
        values.append(c.value);
    return values;
}

QString SpecField::kindName() const
{
    switch (kind) {
    case Kind::Text:
        return QStringLiteral("text");
    case Kind::Number:
        return whole ? QStringLiteral("whole number") : QStringLiteral("number");
    case Kind::Duration:
        return QStringLiteral("milliseconds");
    case Kind::Bool:
        return QStringLiteral("true/false");
    case Kind::Object:
        return QStringLiteral("object");
    case Kind::List:
        return QStringLiteral("list");
    case Kind::Enum:
        return QStringLiteral("one of");
    case Kind::Connection:
        return QStringLiteral("connection");
    }
    return QString();
}

Status SpecField::validate(const QJsonValue &value) const
{
    const QString where = QStringLiteral("spec.%1: ").arg(name);
    if (value.isUndefined()) {
        if (!required)
            return success();
        return Status::failure(
            where + (whenMissing.isEmpty() ? QStringLiteral("must not be empty") : whenMissing));
    }
    if (check)
        return check(value);
    const auto must = [&](const QString &shape) {
        return Status::failure(where + QStringLiteral("must be ") + (expects.isEmpty() ? shape : expects));
    };
    switch (kind) {
    case Kind::Text:
    case Kind::Connection:
        // A required text that is not one is as good as missing.
        if (required && (!value.isString() || value.toString().trimmed().isEmpty()))
            return Status::failure(
                where + (whenMissing.isEmpty() ? QStringLiteral("must not be empty") : whenMissing));
        return value.isString() ? success() : must(QStringLiteral("text"));
    case Kind::Number: {
        const double n = value.toDouble();
        const bool ok
            = value.isDouble() && (!whole || n == double(qint64(n))) && n >= minimum && n <= maximum;
        if (!ok)
            return must(QStringLiteral("a %1 from %2 to %3")
                            .arg(whole ? QStringLiteral("whole number") : QStringLiteral("number"))
                            .arg(minimum)
                            .arg(maximum));
        return success();
    }
    case Kind::Duration:
        if (!value.isDouble() || value.toDouble() <= 0)
            return must(QStringLiteral("a positive number of milliseconds"));
        return success();
    case Kind::Bool:
        return value.isBool() ? success() : must(QStringLiteral("true or false"));
    case Kind::Object:
        return value.isObject() ? success() : must(QStringLiteral("an object"));
    case Kind::List:
        return value.isArray() ? success() : must(QStringLiteral("a list"));
    case Kind::Enum:
        if (!value.isString() || !choiceValues().contains(value.toString()))
            return must(QStringLiteral("one of: %1").arg(choiceValues().join(QStringLiteral(", "))));
        return success();
    }
    return success();
}

const SpecField *CheckVocabulary::field(const QString &name) const
{
    for (const SpecField &f : fields)
        if (f.name == name)
            return &f;
    return nullptr;
}

const AssertionKind *CheckVocabulary::assertion(const QString &name) const
{
    for (const AssertionKind &k : assertions)
        if (k.name == name)
            return &k;
    return nullptr;
}

const CaptureSource *CheckVocabulary::capture(const QString &name) const
{
    for (const CaptureSource &s : captures)
        if (s.name == name)
            return &s;
    return nullptr;
}

QStringList CheckVocabulary::fieldNames() const
{
    QStringList names;
    for (const SpecField &f : fields)
        names.append(f.name);
    return names;
}

QStringList CheckVocabulary::assertionNames() const
{
    QStringList names;
    for (const AssertionKind &k : assertions)
        names.append(k.name);
    return names;
}

QStringList CheckVocabulary::captureNames() const
{
    QStringList names;
    for (const CaptureSource &s : captures)
        names.append(s.name);
    return names;
}

QJsonObject CheckVocabulary::newSpec() const
{
    QJsonObject spec;
    for (const SpecField &f : fields) {
        if (!f.inNewCheck)
            continue;
        if (!f.defaultValue.isUndefined()) {
            spec.insert(f.name, f.defaultValue);
            continue;
        }
        switch (f.kind) {
        case SpecField::Kind::Bool:
            spec.insert(f.name, false);
            break;
        case SpecField::Kind::Object:
            spec.insert(f.name, QJsonObject());
            break;
        case SpecField::Kind::List:
            spec.insert(f.name, QJsonArray());
            break;
        case SpecField::Kind::Enum:
            spec.insert(f.name, f.choices.isEmpty() ? QString() : f.choices.first().value);
            break;
        case SpecField::Kind::Number:
        case SpecField::Kind::Duration:
            break; // no number is "empty": a field without a default starts absent
        case SpecField::Kind::Text:
        case SpecField::Kind::Connection:
            spec.insert(f.name, QString());
            break;
        }
    }
    return spec;
}

Status CheckVocabulary::validateSpec(const QJsonObject &spec) const
{
    for (const SpecField &f : fields)
        if (const Status s = f.validate(spec.value(f.name)); !s)
            return s;
    return success();
}

} // namespace flowbench
