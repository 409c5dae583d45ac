#include "io/postman/postmanformat.h"

#include "io/postman/postmancollection.h"
#include "io/postman/postmanrequest.h"
#include "io/postman/postmanscript.h"
#include "io/projectimport.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

namespace flowbench {

namespace {

// Ids derived from the collection and the item, so a re-import meets the same entities.
Id stableId(const QString &collectionKey, const QString &what)
{
    static const QUuid ns = QUuid::fromString(QStringLiteral("6f1c7a52-8d1e-4e55-9a43-2b9f0c7d5e11"));
    return QUuid::createUuidV5(ns, collectionKey + QLatin1Char('\n') + what).toString(QUuid::WithoutBraces);
}

// A request with what it takes from the folders around it.
struct FlatRequest
{
    const PostmanItem *item = nullptr;
    QString group; // "Orders/Admin"
    const PostmanAuth *auth = nullptr;
    QString identity; // item id, else its pointer
};

void flatten(const PostmanItem &folder, const QString &group, const PostmanAuth *inherited,
    QList<FlatRequest> &out, QList<const PostmanItem *> &folders, QSet<QString> &identities)
{
    const PostmanAuth *auth = folder.auth.type == QLatin1String("inherit") ? inherited : &folder.auth;
    for (const PostmanItem &child : folder.children) {
        if (child.isFolder) {
            folders << &child;
            flatten(child, group.isEmpty() ? child.name : group + QLatin1Char('/') + child.name, auth, out,
                folders, identities);
            continue;
        }
        FlatRequest r;
        r.item = &child;
        r.group = group;
        r.auth = child.auth.type == QLatin1String("inherit") ? auth : &child.auth;
        r.identity = child.id.isEmpty() ? child.pointer : child.id;
        // A repeated item id (copied requests) keeps its place to stay one of a kind.
        if (identities.contains(r.identity))
            r.identity += QLatin1Char('@') + child.pointer;
        identities.insert(r.identity);
        out << r;
    }
}

// "{{base_url}}/orders/{{id}}?x=1" -> ("{{base_url}}", "/orders/{id}")
QPair<QString, QString> splitUrl(const QString &url)
{
    QString rest = url.section(QLatin1Char('?'), 0, 0).section(QLatin1Char('#'), 0, 0);
    QString base;
    static const QRegularExpression variableBase(QStringLiteral(R"(^(\{\{[^{}]+\}\}))"));
    static const QRegularExpression schemeBase(QStringLiteral(R"(^([A-Za-z][A-Za-z0-9+.-]*://[^/]*))"));
    if (const auto m = variableBase.match(rest); m.hasMatch()) {
        base = m.captured(1);
    } else if (const auto m = schemeBase.match(rest); m.hasMatch()) {
        base = m.captured(1);
    } else {
        base = rest.section(QLatin1Char('/'), 0, 0);
        rest = rest.mid(base.size());
        base.prepend(QStringLiteral("http://"));
        rest.prepend(base);
    }
    const QString path = rest.mid(base.size());
    QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    static const QRegularExpression variable(QStringLiteral(R"(^\{\{\s*([^{}\s]+)\s*\}\}$)"));
    for (QString &s : segments) {
        if (s.startsWith(QLatin1Char(':')) && s.size() > 1)
            s = QStringLiteral("{%1}").arg(s.mid(1));
        else if (const auto m = variable.match(s); m.hasMatch())
            s = QStringLiteral("{%1}").arg(m.captured(1));
    }
    return { base, QLatin1Char('/') + segments.join(QLatin1Char('/')) };
}

QSet<QString> variablesRead(const QJsonObject &spec)
{
    static const QRegularExpression re(QStringLiteral(R"(\{\{\s*([^{}\s]+)\s*\}\})"));
    QSet<QString> out;
    const QString text = QString::fromUtf8(QJsonDocument(spec).toJson(QJsonDocument::Compact));
    auto it = re.globalMatch(text);
    while (it.hasNext())
        out.insert(it.next().captured(1));
    return out;
}

// One request ready to become a step.
struct Step
{
    FlatRequest flat;
    Check check;
    Id nodeId;
    QList<PostmanScriptLine> untranslated;
    QStringList reviewReasons;
    QSet<QString> sets;
    QSet<QString> reads;
};

int findRoot(QList<int> &parent, int i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

} // namespace

Result<Import> PostmanImporter::read(const ImportSource &source, const Project &target) const
{
    using R = Result<Import>;
    const Result<PostmanCollection> read = readPostmanCollection(source.data, source.name);
    if (!read)
        return R::failure(read.error());
    const PostmanCollection &collection = *read;
    QList<PostmanVariableFile> globals;
    QList<PostmanVariableFile> environments;
    for (const QString &path : source.companionFiles) {
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly))
            return R::failure(QStringLiteral("%1: cannot read: %2").arg(path, in.errorString()));
        Result<PostmanVariableFile> file = readPostmanVariableFile(in.readAll(), path);
        if (!file)
            return R::failure(file.error());
        (file->scope == QLatin1String("globals") ? globals : environments).append(*file);
    }

    Import result;
    ImportReport &report = result.report;
    report.source = source.name;
    PostmanSecrets secrets;
    const QString key = collection.root.id.isEmpty() ? collection.name : collection.root.id;

    QList<FlatRequest> flat;
    QList<const PostmanItem *> folders;
    QSet<QString> identities;
    flatten(collection.root, QString(), nullptr, flat, folders, identities);

    Project imported = target; // what the source does not own stays as it is
    imported.name = target.name.isEmpty() ? collection.name : target.name;
    QHash<Id, int> nodeIndex;
    for (int i = 0; i < imported.nodes.size(); ++i)
        nodeIndex.insert(imported.nodes[i].id, i);
    auto upsertNode = [&](const Id &id, NodeKind kind, const QString &name, const QString &group,
                          const QJsonObject &props) {
        result.described.insert(id);
        Node n;
        if (const auto it = nodeIndex.constFind(id); it != nodeIndex.constEnd())
            n = imported.nodes[*it];
        n.id = id;
        n.kind = kind;
        n.name = name;
        if (!group.isEmpty() || n.group.isEmpty())
            n.group = group;
        n.properties = props;
        if (const auto it = nodeIndex.constFind(id); it != nodeIndex.constEnd()) {
            imported.nodes[*it] = n;
        } else {
            nodeIndex.insert(id, int(imported.nodes.size()));
            imported.nodes.append(n);
        }
    };
    QSet<QString> edgeKeys;
    for (const Edge &e : imported.edges)
        edgeKeys.insert(e.from + e.to);

    QSet<QString> describedEdges; // from + to of each edge the collection describes

    // Requests -> steps, nodes and edges.
    QList<Step> steps;
    int assertionCount = 0;
    int captureCount = 0;
    for (const FlatRequest &f : flat) {
        const PostmanItem &item = *f.item;
        PostmanRequestContext context;
        context.auth = f.auth;
        context.baseDirectory = source.baseDirectory;
        context.secrets = &secrets;
        context.report = &report;
        const Result<QJsonObject> spec = postmanHttpSpec(item, context);
        if (!spec)
            return R::failure(QStringLiteral("%1: %2").arg(source.name, spec.error()));
        // The node is the path template as written (":id" and "{{id}}" both become "{id}").
        const auto [base, path] = splitUrl(item.url.trimmed());
        const Id serviceId = stableId(key, QStringLiteral("service ") + base);
        upsertNode(serviceId, NodeKind::Service, base, QString(), {});
        const QString apiName = item.method + QLatin1Char(' ') + path;
        const Id apiId = stableId(key, QStringLiteral("api ") + base + QLatin1Char(' ') + apiName);
        const bool firstTime = !nodeIndex.contains(apiId);
        upsertNode(apiId, NodeKind::Api, apiName,
            firstTime ? f.group : imported.nodes[nodeIndex.value(apiId)].group,
            QJsonObject { { QStringLiteral("method"), item.method }, { QStringLiteral("path"), path } });
        describedEdges.insert(serviceId + apiId);
        if (!edgeKeys.contains(serviceId + apiId)) {
            edgeKeys.insert(serviceId + apiId);
            Edge e;
            e.id = stableId(key, QStringLiteral("edge ") + serviceId + apiId);
            e.from = serviceId;
            e.to = apiId;
            e.kind = EdgeKind::Calls;
            imported.edges.append(e);
        }

        Step step;
        step.flat = f;
        step.nodeId = apiId;
        step.check.id = stableId(key, QStringLiteral("check ") + f.identity);
        step.check.type = QStringLiteral("http");
        step.check.name = item.name;
        step.check.spec = *spec;
        const PostmanScriptTranslation tests = translatePostmanTests(item.tests);
        step.check.assertions = tests.assertions;
        step.check.captures = tests.captures;
        assertionCount += tests.assertions.size();
        captureCount += tests.captures.size();
        step.untranslated = tests.untranslated;
        for (const PostmanScriptLine &line : item.prerequest)
            if (!line.text.trimmed().isEmpty() && !line.text.trimmed().startsWith(QLatin1String("//")))
                step.untranslated << line;
        step.reviewReasons = context.reviewReasons;
        for (const Capture &c : tests.captures)
            step.sets.insert(c.name);
        for (const QString &name : tests.setVariables + postmanScriptSets(item.prerequest))
            step.sets.insert(name);
        step.reads = variablesRead(*spec);
        for (const PostmanScriptLine &line : step.untranslated)
            report.leaveOut(0, line.pointer,
                QStringLiteral("script line not translated (kept for review): %1").arg(line.text.trimmed()));
        steps << step;
    }

    // Chains: a request reading a variable an earlier request sets joins its test case.
    QList<int> parent;
    for (int i = 0; i < steps.size(); ++i)
        parent << i;
    QHash<QString, int> lastSetter;
    for (int i = 0; i < steps.size(); ++i) {
        for (const QString &name : steps[i].reads)
            if (const auto it = lastSetter.constFind(name); it != lastSetter.constEnd())
                parent[findRoot(parent, i)] = findRoot(parent, *it);
        for (const QString &name : steps[i].sets)
            lastSetter.insert(name, i);
    }
    QList<QList<int>> chains;
    QHash<int, int> chainOf;
    for (int i = 0; i < steps.size(); ++i) {
        const int root = findRoot(parent, i);
        if (!chainOf.contains(root)) {
            chainOf.insert(root, int(chains.size()));
            chains.append(QList<int>());
        }
        chains[chainOf.value(root)].append(i);
    }

    QHash<Id, int> testCaseIndex;
    for (int i = 0; i < imported.testCases.size(); ++i)
        testCaseIndex.insert(imported.testCases[i].id, i);
    QHash<Id, int> positions;
    for (const QList<int> &chain : chains) {
        const Step &first = steps[chain.first()];
        const Step &last = steps[chain.last()];
        TestCase tc;
        const Id id = stableId(key, QStringLiteral("test case ") + first.flat.identity);
        const bool existing = testCaseIndex.contains(id);
        if (existing)
            tc = imported.testCases[testCaseIndex.value(id)];
        const QList<Check> before = tc.checks;
        tc.id = id;
        tc.nodeId = first.nodeId;
        tc.automated = true;
        // A request without a name is called by its method and path, as its node is.
        auto title = [&](const Step &step) {
            const QString name = step.flat.item->name.trimmed();
            return name.isEmpty() ? imported.nodes[nodeIndex.value(step.nodeId)].name : name;
        };
        tc.title
            = chain.size() == 1 ? title(first) : QStringLiteral("%1 → %2").arg(title(first), title(last));
        tc.description
            = chain.size() == 1 ? QString() : QStringLiteral("Chained Postman requests: %1").arg([&] {
                  QStringList names;
                  for (int i : chain)
                      names << steps[i].flat.item->name;
                  return names.join(QStringLiteral(" → "));
              }());
        tc.source = QStringLiteral("postman:") + first.flat.identity;
        result.described.insert(id);
        tc.checks.clear();
        QStringList review;
        for (int i : chain) {
            Check check = steps[i].check;
            // Assertions added in Flowbench to an earlier import of this step survive.
            for (const Check &old : before)
                if (old.id == check.id)
                    check.assertions = mergeHandAssertions(check.assertions, old.assertions);
            tc.checks << check;
            review += steps[i].reviewReasons;
            if (!steps[i].untranslated.isEmpty()) {
                review
                    << QStringLiteral("Untranslated script lines of \"%1\":").arg(steps[i].flat.item->name);
                for (const PostmanScriptLine &line : steps[i].untranslated)
                    review << QStringLiteral("  %1  [%2]").arg(line.text.trimmed(), line.pointer);
            }
        }
        tc.reviewNote = review.join(QLatin1Char('\n'));
        if (!existing)
            tc.position = positions[tc.nodeId]++;
        if (existing)
            imported.testCases[testCaseIndex.value(id)] = tc;
        else
            imported.testCases.append(tc);
    }

    // Variables: globals < collection < folder < environment file, secrets as references.
    QMap<QString, QString> base;
    auto put = [&](QMap<QString, QString> &into, const PostmanKeyValue &v, const QString &where,
                   const QString &file = QString()) {
        if (v.disabled) {
            report.notTaken.append(ImportNote { file.isEmpty() ? source.name : file, 0, v.pointer,
                QStringLiteral("disabled variable \"%1\" in %2 left out").arg(v.key, where) });
            return;
        }
        if (v.type == QLatin1String("secret") || isPostmanSecretName(v.key))
            into.insert(v.key,
                secrets.referenceFor(v.key,
                    QStringLiteral("Postman variable \"%1\" from %2%3")
                        .arg(v.key, where,
                            v.type == QLatin1String("secret") ? QStringLiteral(", marked secret")
                                                              : QString())));
        else
            into.insert(v.key, v.value);
    };
    for (const PostmanVariableFile &g : globals)
        for (const PostmanKeyValue &v : g.values)
            put(base, v, QFileInfo(g.fileName).fileName(), g.fileName);
    for (const PostmanKeyValue &v : collection.root.variables)
        put(base, v, QStringLiteral("the collection"));
    for (const PostmanItem *folder : folders)
        for (const PostmanKeyValue &v : folder->variables) {
            QMap<QString, QString> one;
            put(one, v, QStringLiteral("folder \"%1\"").arg(folder->name));
            if (one.isEmpty())
                continue;
            if (base.contains(v.key) && base.value(v.key) != one.first())
                report.leaveOut(0, v.pointer,
                    QStringLiteral("folder \"%1\" variable \"%2\" overrides the collection's value for the "
                                   "whole project")
                        .arg(folder->name, v.key));
            base.insert(v.key, one.first());
        }
    // Secrets found in auth and headers: their variables hold references too.
    for (auto it = secrets.references.constBegin(); it != secrets.references.constEnd(); ++it)
        base.insert(it.key(), it.value());
    QList<QPair<QString, QMap<QString, QString>>> envs;
    if (environments.isEmpty())
        envs.append({ collection.name.isEmpty() ? QStringLiteral("postman") : collection.name, base });
    for (const PostmanVariableFile &e : environments) {
        QMap<QString, QString> vars = base;
        for (const PostmanKeyValue &v : e.values)
            put(vars, v, QFileInfo(e.fileName).fileName(), e.fileName);
        for (auto it = secrets.references.constBegin(); it != secrets.references.constEnd(); ++it)
            if (vars.contains(it.key()))
                vars.insert(it.key(), it.value());
        envs.append({ e.name.isEmpty() ? QFileInfo(e.fileName).completeBaseName() : e.name, vars });
    }
    int variableCount = 0;
    for (const auto &[name, vars] : envs) {
        Environment env;
        if (const Environment *existing = target.environmentByName(name))
            env = *existing;
        else
            env.id = stableId(key, QStringLiteral("environment ") + name);
        env.name = name;
        for (auto it = vars.constBegin(); it != vars.constEnd(); ++it)
            env.variables.insert(it.key(), it.value());
        variableCount += int(vars.size());
        result.described.insert(env.id);
        bool replaced = false;
        for (Environment &e : imported.environments)
            if (e.id == env.id) {
                e = env;
                replaced = true;
            }
        if (!replaced)
            imported.environments.append(env);
    }

    for (const Edge &e : imported.edges)
        if (describedEdges.contains(e.from + e.to))
            result.described.insert(e.id);
    // This collection's test cases from an earlier import: their ids derive from its id.
    QSet<Id> earlier;
    for (const TestCase &t : target.testCases)
        if (t.source.startsWith(QLatin1String("postman:"))
            && t.id == stableId(key, QStringLiteral("test case ") + t.source.mid(8)))
            earlier.insert(t.id);
    result.earlier = earlier;
    result.changes = ProjectChangeSet::between(target, imported);
    result.changes.name = imported.name;
    const ImportReport summary = summarizeImport(source.name, result.changes);
    report.taken = summary.taken;
    report.counts = summary.counts;
    report.taken << QStringLiteral(
        "%1 requests: %2 assertions, %3 captures, %4 variables in %5 environment(s)")
                        .arg(steps.size())
                        .arg(assertionCount)
                        .arg(captureCount)
                        .arg(variableCount)
                        .arg(envs.size());
    for (const QString &s : secrets.toSet)
        report.leaveOut(0, QStringLiteral("secrets"),
            QStringLiteral("not written into the project: set the environment variable %1").arg(s));
    return result;
}

} // namespace flowbench
