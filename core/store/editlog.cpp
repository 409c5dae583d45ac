#include "store/editlog.h"

#include <QRegularExpression>
#include <QSettings>

namespace flowbench {

namespace {

// Values are short text: enough to recognise a change, never a whole document.
constexpr int kMaxValueLength = 200;

QString shortText(const QString &value)
{
    QString flat = value;
    flat.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (flat.size() <= kMaxValueLength)
        return flat;
    return flat.left(kMaxValueLength - 1) + QChar(0x2026);
}

class Diff
{
public:
    Diff(const QString &kind, const Id &id, const QString &name, const Id &nodeId)
    {
        m_base.entityKind = kind;
        m_base.entityId = id;
        m_base.entityName = name;
        m_base.nodeId = nodeId;
    }
    // A field whose old and new values are worth showing.
    void value(const QString &field, const QString &before, const QString &after)
    {
        if (before == after)
            return;
        EditLogEntry e = m_base;
        e.field = field;
        e.oldValue = shortText(before);
        e.newValue = shortText(after);
        m_entries.append(e);
    }
    // A field that changed, without its values (a list of steps, a secret).
    void changed(const QString &field, bool differs)
    {
        if (!differs)
            return;
        EditLogEntry e = m_base;
        e.field = field;
        m_entries.append(e);
    }
    QList<EditLogEntry> entries() const { return m_entries; }

private:
    EditLogEntry m_base;
    QList<EditLogEntry> m_entries;
};

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QString riskText(const Risk &r)
{
    return QStringLiteral("%1×%2").arg(r.likelihood).arg(r.impact);
}

} // namespace

QString toString(EditLogEntry::Change change)
{
    switch (change) {
    case EditLogEntry::Change::Added:
        return QStringLiteral("added");
    case EditLogEntry::Change::Removed:
        return QStringLiteral("removed");
    case EditLogEntry::Change::Changed:
        break;
    }
    return QStringLiteral("changed");
}

std::optional<EditLogEntry::Change> editChangeFromString(const QString &text)
{
    for (auto c :
        { EditLogEntry::Change::Added, EditLogEntry::Change::Changed, EditLogEntry::Change::Removed })
        if (toString(c) == text)
            return c;
    return std::nullopt;
}

QString EditLogEntry::summary() const
{
    if (change != Change::Changed)
        return toString(change);
    QString name = field;
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    if (oldValue.isEmpty() && newValue.isEmpty())
        return QStringLiteral("%1 changed").arg(name);
    return QStringLiteral("%1: '%2' → '%3'").arg(name, oldValue, newValue);
}

bool isSecretVariable(const QString &name, const QString &value)
{
    static const QRegularExpression secretName(
        QStringLiteral("pass|secret|token|key|credential|auth|cookie|session|private"),
        QRegularExpression::CaseInsensitiveOption);
    return isSecretReference(value) || secretName.match(name).hasMatch();
}

QString defaultAuthorName(const QString &role)
{
    const QString chosen = QSettings().value(QStringLiteral("user/displayName")).toString().trimmed();
    if (!chosen.isEmpty())
        return chosen;
    if (!role.isEmpty())
        return role;
    for (const char *variable : { "USER", "USERNAME", "LOGNAME" })
        if (const QString name = qEnvironmentVariable(variable); !name.isEmpty())
            return name;
    return QString();
}

QList<EditLogEntry> fieldChanges(const Node &before, const Node &after)
{
    Diff d(QStringLiteral("node"), after.id, after.name, Id());
    d.value(QStringLiteral("name"), before.name, after.name);
    d.value(QStringLiteral("kind"), toString(before.kind), toString(after.kind));
    d.value(QStringLiteral("group"), before.group, after.group);
    d.value(QStringLiteral("owner"), before.owner, after.owner);
    d.value(QStringLiteral("description"), before.description, after.description);
    d.value(QStringLiteral("risk"), riskText(before.risk), riskText(after.risk));
    d.value(QStringLiteral("pinned"), yesNo(before.pinned), yesNo(after.pinned));
    QStringList keys = before.properties.keys() + after.properties.keys();
    keys.removeDuplicates();
    keys.sort();
    for (const QString &key : keys) {
        const QString was = before.properties.value(key).toVariant().toString();
        const QString now = after.properties.value(key).toVariant().toString();
        if (isSecretVariable(key, was) || isSecretVariable(key, now))
            d.changed(key, was != now);
        else
            d.value(key, was, now);
    }
    return d.entries();
}

QList<EditLogEntry> fieldChanges(const Edge &before, const Edge &after)
{
    Diff d(QStringLiteral("edge"), after.id, after.label, after.from);
    d.value(QStringLiteral("label"), before.label, after.label);
    d.value(QStringLiteral("kind"), toString(before.kind), toString(after.kind));
    d.value(QStringLiteral("from"), before.from, after.from);
    d.value(QStringLiteral("to"), before.to, after.to);
    return d.entries();
}

QList<EditLogEntry> fieldChanges(const Flow &before, const Flow &after)
{
    Diff d(QStringLiteral("flow"), after.id, after.name, Id());
    d.value(QStringLiteral("name"), before.name, after.name);
    d.value(QStringLiteral("description"), before.description, after.description);
    d.value(QStringLiteral("risk"), riskText(before.risk), riskText(after.risk));
    d.value(QStringLiteral("steps"), QString::number(before.nodeIds.size()),
        QString::number(after.nodeIds.size()));
    if (before.nodeIds.size() == after.nodeIds.size())
        d.changed(QStringLiteral("path"), before.nodeIds != after.nodeIds);
    return d.entries();
}

QList<EditLogEntry> fieldChanges(const TestCase &before, const TestCase &after)
{
    Diff d(QStringLiteral("test case"), after.id, after.title, after.nodeId);
    d.value(QStringLiteral("title"), before.title, after.title);
    d.value(QStringLiteral("description"), before.description, after.description);
    d.value(QStringLiteral("priority"), toString(before.priority), toString(after.priority));
    d.value(QStringLiteral("tags"), tagsToText(before.tags), tagsToText(after.tags));
    d.value(QStringLiteral("automated"), yesNo(before.automated), yesNo(after.automated));
    d.value(QStringLiteral("node"), before.nodeId, after.nodeId);
    d.value(QStringLiteral("flow"), before.flowId, after.flowId);
    d.value(QStringLiteral("level"), before.level ? toString(*before.level) : QString(),
        after.level ? toString(*after.level) : QString());
    d.value(QStringLiteral("review note"), before.reviewNote, after.reviewNote);
    d.changed(QStringLiteral("steps"), before.checks != after.checks);
    d.changed(QStringLiteral("cleanup"), before.cleanup != after.cleanup);
    d.changed(QStringLiteral("faults"), before.faults != after.faults);
    return d.entries();
}

QList<EditLogEntry> fieldChanges(const Environment &before, const Environment &after)
{
    Diff d(QStringLiteral("environment"), after.id, after.name, Id());
    d.value(QStringLiteral("name"), before.name, after.name);
    d.value(QStringLiteral("protected"), yesNo(before.isProtected), yesNo(after.isProtected));
    d.value(QStringLiteral("shared"), yesNo(before.isShared), yesNo(after.isShared));
    QStringList names = before.variables.keys() + after.variables.keys();
    names.removeDuplicates();
    names.sort();
    for (const QString &name : names) {
        const QString was = before.variables.value(name), now = after.variables.value(name);
        const bool had = before.variables.contains(name), has = after.variables.contains(name);
        if (had == has && was == now)
            continue;
        const QString field = QStringLiteral("variable %1").arg(name);
        if (isSecretVariable(name, was) || isSecretVariable(name, now))
            d.changed(field, true); // never the value of a secret
        else
            d.value(field, had ? was : QStringLiteral("(none)"), has ? now : QStringLiteral("(none)"));
    }
    d.changed(QStringLiteral("connections"), before.connections != after.connections);
    d.changed(QStringLiteral("proxies"), before.proxies != after.proxies);
    return d.entries();
}

QList<EditLogEntry> fieldChanges(const Comment &before, const Comment &after)
{
    Diff d(QStringLiteral("comment"), after.id, after.author, after.nodeId);
    d.value(QStringLiteral("text"), before.text, after.text);
    d.value(QStringLiteral("resolved"), yesNo(before.resolved), yesNo(after.resolved));
    return d.entries();
}

} // namespace flowbench
