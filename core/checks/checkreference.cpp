#include "checks/checkreference.h"

#include "checks/assertionevaluator.h"
#include "checks/checkregistry.h"
#include "checks/commonvocabulary.h"

#include <QStringList>

namespace flowbench {

namespace {

QString code(const QString &text)
{
    return QStringLiteral("`%1`").arg(text);
}

QString cell(QString text)
{
    return text.replace(QLatin1Char('|'), QStringLiteral("\\|"));
}

QString codes(const QStringList &names)
{
    QStringList quoted;
    for (const QString &n : names)
        quoted.append(code(n));
    return quoted.join(QLatin1Char(' '));
}

QString valueText(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull() ? QStringLiteral("—")
                                                 : code(AssertionEvaluator::describe(value));
}

QString fieldsTable(const CheckVocabulary &v)
{
    QString out = QStringLiteral("| spec field | kind | default | what it is |\n|---|---|---|---|\n");
    for (const SpecField &f : v.fields) {
        QString kind = f.kindName();
        if (f.kind == SpecField::Kind::Number)
            kind += QStringLiteral(" %1–%2").arg(f.minimum).arg(f.maximum);
        if (f.kind == SpecField::Kind::Connection && !f.choices.isEmpty())
            kind += QStringLiteral(" (%1)").arg(f.choiceValues().join(QStringLiteral(", ")));
        out += QStringLiteral("| %1%2 | %3 | %4 | %5 |\n")
                   .arg(code(f.name), f.required ? QStringLiteral(" (required)") : QString(), cell(kind),
                       valueText(f.defaultValue), cell(f.description));
    }
    for (const SpecField &f : v.fields) {
        if (f.choices.isEmpty() || f.kind == SpecField::Kind::Connection)
            continue;
        QStringList choices;
        for (const SpecChoice &c : f.choices)
            choices.append(
                c.note.isEmpty() ? code(c.value) : QStringLiteral("%1 (%2)").arg(code(c.value), c.note));
        out += QStringLiteral("\n%1 %2: %3.\n")
                   .arg(code(f.name),
                       f.kind == SpecField::Kind::Enum ? QStringLiteral("is one of")
                                                       : QStringLiteral("offers"),
                       choices.join(QStringLiteral(", ")));
    }
    return out;
}

QString assertionsTable(const CheckVocabulary &v)
{
    QString out
        = QStringLiteral("| assertion | target | ops | expected | what it reads |\n|---|---|---|---|---|\n");
    for (const AssertionKind &k : v.assertions) {
        QString expected = operandName(k.expected);
        QStringList special;
        for (const AssertionOp &op : k.ops)
            if (op.expected && *op.expected != k.expected)
                special.append(*op.expected == Operand::None
                        ? QStringLiteral("none with %1").arg(code(op.name))
                        : QStringLiteral("%1 with %2").arg(operandName(*op.expected), code(op.name)));
        if (!special.isEmpty())
            expected += QStringLiteral(" (") + special.join(QStringLiteral(", ")) + QLatin1Char(')');
        out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
                   .arg(code(k.name), k.target == Operand::None ? QStringLiteral("—") : operandName(k.target),
                       k.ops.isEmpty() ? QStringLiteral("—") : codes(k.opNames()), cell(expected),
                       cell(k.description));
    }
    if (!v.impliedAssertions.isEmpty()) {
        QStringList implied;
        for (const Assertion &a : v.impliedAssertions)
            implied.append(
                code(QStringLiteral("%1 %2 %3").arg(a.kind, a.op, AssertionEvaluator::describe(a.expected))));
        out += QStringLiteral("\nWith no assertion: %1.\n").arg(implied.join(QStringLiteral(", ")));
    }
    return out;
}

QString capturesTable(const CheckVocabulary &v)
{
    if (v.captures.isEmpty())
        return QStringLiteral("No captures.\n");
    QString out
        = QStringLiteral("| capture source | expression | example | what it takes |\n|---|---|---|---|\n");
    for (const CaptureSource &s : v.captures)
        out += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                   .arg(code(s.name), operandName(s.expression), code(cell(s.hint)), cell(s.description));
    return out;
}

} // namespace

QString checkReferenceMarkdown()
{
    const CheckRegistry &registry = CheckRegistry::instance();
    QString out;
    out += QStringLiteral("### Ops\n\n| op | meaning |\n|---|---|\n");
    for (const AssertionOp &op : CommonVocabulary::allOps())
        out += QStringLiteral("| %1 | %2 |\n").arg(code(op.name), cell(op.description));
    for (const QString &name : registry.names()) {
        const CheckVocabulary &v = registry.type(name)->vocabulary();
        out += QStringLiteral("\n### %1: %2\n\n%3\n\n").arg(code(name), v.title, v.summary);
        out += fieldsTable(v) + QLatin1Char('\n');
        out += assertionsTable(v) + QLatin1Char('\n');
        out += capturesTable(v);
    }
    return out;
}

} // namespace flowbench
