#include "io/postman/postmanscript.h"

#include "checks/assertionevaluator.h"
#include "checks/checkregistry.h"
#include "checks/checktype.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <optional>

namespace flowbench {

namespace {

using Re = QRegularExpression;

const QString kIdent = QStringLiteral(R"([A-Za-z_$][\w$]*)");
// Property accessors after a JSON value: .a, [0], ["a"], ['a'].
const QString kAccess
    = QStringLiteral(R"(((?:\s*\.\s*[A-Za-z_$][\w$]*|\[\s*\d+\s*\]|\[\s*"[^"]*"\s*\]|\[\s*'[^']*'\s*\])*))");
const QString kSetter = QStringLiteral(
    R"(^(?:pm\.(?:environment|collectionVariables|variables|globals)\.set|postman\.set(?:Environment|Global)Variable)\s*\(\s*(["'])([^"']+)\1\s*,\s*(.+)\)$)");

struct Subject
{
    enum Kind { Json, Status, Latency, Header, Body } kind = Json;
    QString path; // Json: "a.b[0]", empty for the whole body; Header: the name
};

// ".a[0]['b c']" -> "a[0].b c"; std::nullopt when a key is not a plain name the JSON path
// syntax can say.
std::optional<QString> pathOf(const QString &access)
{
    static const Re part(
        QStringLiteral(R"(\.\s*([A-Za-z_$][\w$]*)|\[\s*(\d+)\s*\]|\[\s*["']([^"']*)["']\s*\])"));
    QString out;
    auto it = part.globalMatch(access);
    while (it.hasNext()) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty()) {
            out += (out.isEmpty() ? QString() : QStringLiteral(".")) + m.captured(1);
        } else if (!m.captured(2).isEmpty()) {
            out += QLatin1Char('[') + m.captured(2) + QLatin1Char(']');
        } else {
            static const Re plain(QStringLiteral(R"(^[A-Za-z_][\w-]*$)"));
            if (!plain.match(m.captured(3)).hasMatch())
                return std::nullopt;
            out += (out.isEmpty() ? QString() : QStringLiteral(".")) + m.captured(3);
        }
    }
    return out;
}

// A JavaScript literal that is also JSON (numbers, quoted text, true/false/null, JSON
// objects and lists).
std::optional<QJsonValue> literal(QString text)
{
    text = text.trimmed();
    if (text.size() >= 2 && text.startsWith(QLatin1Char('\'')) && text.endsWith(QLatin1Char('\''))) {
        const QString inner = text.mid(1, text.size() - 2);
        if (inner.contains(QLatin1Char('\'')) || inner.contains(QLatin1Char('\\')))
            return std::nullopt;
        return QJsonValue(inner);
    }
    const QJsonDocument doc = QJsonDocument::fromJson(QStringLiteral("[%1]").arg(text).toUtf8());
    if (!doc.isArray() || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().at(0);
}

class LineTranslator
{
public:
    explicit LineTranslator(PostmanScriptTranslation &out)
        : m_out(out)
    {
    }

    // Whether `statement` was understood (translated or needing no translation).
    bool translate(const QString &statement)
    {
        const QString s = statement.trimmed();
        if (s.isEmpty() || s.startsWith(QLatin1String("//")) || s == QLatin1String("}")
            || s == QLatin1String("})"))
            return true;
        static const Re alias(QStringLiteral(
            R"(^(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:pm\.response\.json\(\)|JSON\.parse\(\s*responseBody\s*\))$)"));
        if (const auto m = alias.match(s); m.hasMatch()) {
            m_aliases << m.captured(1);
            m_json = jsonSubject(m_aliases);
            return true;
        }
        static const Re setter(kSetter);
        if (const auto m = setter.match(s); m.hasMatch())
            return capture(m.captured(2), m.captured(3).trimmed());
        if (direct(s))
            return true;
        static const Re legacy(QStringLiteral(R"(^tests\s*\[\s*(["']).*\1\s*\]\s*=\s*(.+)$)"));
        if (const auto m = legacy.match(s); m.hasMatch())
            return legacyTest(m.captured(2).trimmed());
        static const Re expect(QStringLiteral(
            R"(^pm\.expect\s*\((.+?)\)\s*\.((?:to|not|be|been|is|that|which|and|has|have|with|at|of|same|deep|does|still|an?\b)[\w.]*?)\s*(?:\((.*)\))?$)"));
        if (const auto m = expect.match(s); m.hasMatch())
            return expectation(m.captured(1).trimmed(), m.captured(2), m.captured(3));
        return false;
    }

private:
    std::optional<Subject> subject(const QString &text) const
    {
        static const Re status(QStringLiteral(R"(^(?:pm\.response\.code|responseCode\.code)$)"));
        static const Re latency(QStringLiteral(R"(^(?:pm\.response\.responseTime|responseTime)$)"));
        static const Re header(QStringLiteral(
            R"(^(?:pm\.response\.headers\.get|postman\.getResponseHeader)\s*\(\s*(["'])([^"']+)\1\s*\)$)"));
        static const Re body(QStringLiteral(R"(^(?:pm\.response\.text\(\)|responseBody)$)"));
        if (status.match(text).hasMatch())
            return Subject { Subject::Status, {} };
        if (latency.match(text).hasMatch())
            return Subject { Subject::Latency, {} };
        if (const auto m = header.match(text); m.hasMatch())
            return Subject { Subject::Header, m.captured(2) };
        if (body.match(text).hasMatch())
            return Subject { Subject::Body, {} };
        if (const auto m = m_json.match(text); m.hasMatch()) {
            const auto path = pathOf(m.captured(1));
            if (path)
                return Subject { Subject::Json, *path };
        }
        return std::nullopt;
    }

    bool capture(const QString &name, const QString &expression)
    {
        const auto s = subject(expression);
        if (s && s->kind == Subject::Json && !s->path.isEmpty()) {
            m_out.captures.append(Capture { name, QStringLiteral("path"), s->path });
            return true;
        }
        if (s && s->kind == Subject::Header) {
            m_out.captures.append(Capture { name, QStringLiteral("header"), s->path });
            return true;
        }
        m_out.setVariables << name;
        return false;
    }

    void add(const QString &kind, const QString &target, const QString &op, const QJsonValue &expected = {})
    {
        m_out.assertions.append(Assertion { kind, target, op, expected });
    }

    bool direct(const QString &s)
    {
        static const Re status(
            QStringLiteral(R"(^pm\.response\.to\.(?:have\.)?status\s*\(\s*(\d{3})\s*\)$)"));
        static const Re ok(QStringLiteral(
            R"(^pm\.response\.to\.(?:be|have)\.(ok|success|created|accepted|notFound|badRequest|unauthorized|forbidden)$)"));
        static const Re header(QStringLiteral(
            R"(^pm\.response\.to\.(?:have|be)\.header\s*\(\s*(["'])([^"']+)\1\s*(?:,\s*(.+))?\)$)"));
        static const Re body(QStringLiteral(R"(^pm\.response\.to\.have\.body\s*\(\s*(["'])(.*)\1\s*\)$)"));
        if (const auto m = status.match(s); m.hasMatch()) {
            add(QStringLiteral("status"), {}, QStringLiteral("=="), m.captured(1).toInt());
            return true;
        }
        if (const auto m = ok.match(s); m.hasMatch()) {
            const QString what = m.captured(1);
            static const QMap<QString, int> codes { { QStringLiteral("ok"), 200 },
                { QStringLiteral("created"), 201 }, { QStringLiteral("accepted"), 202 },
                { QStringLiteral("badRequest"), 400 }, { QStringLiteral("unauthorized"), 401 },
                { QStringLiteral("forbidden"), 403 }, { QStringLiteral("notFound"), 404 } };
            if (what == QLatin1String("success")) {
                add(QStringLiteral("status"), {}, QStringLiteral(">="), 200);
                add(QStringLiteral("status"), {}, QStringLiteral("<"), 300);
            } else {
                add(QStringLiteral("status"), {}, QStringLiteral("=="), codes.value(what));
            }
            return true;
        }
        if (const auto m = header.match(s); m.hasMatch()) {
            if (m.captured(3).isEmpty()) {
                add(QStringLiteral("header"), m.captured(2), QStringLiteral("exists"));
                return true;
            }
            const auto v = literal(m.captured(3));
            if (!v)
                return false;
            add(QStringLiteral("header"), m.captured(2), QStringLiteral("=="), *v);
            return true;
        }
        if (const auto m = body.match(s); m.hasMatch()) {
            // to.have.body(text) is equality with the whole body.
            add(QStringLiteral("body_regex"), {}, QStringLiteral("=="),
                QStringLiteral("^%1$").arg(Re::escape(m.captured(2))));
            return true;
        }
        return false;
    }

    bool legacyTest(const QString &expression)
    {
        static const Re compare(QStringLiteral(R"(^(.+?)\s*(===|==|!==|!=|<=|>=|<|>)\s*(.+?)$)"));
        static const Re has(QStringLiteral(
            R"(^responseBody\.(?:has|indexOf)\s*\(\s*(["'])(.*)\1\s*\)(\s*(?:!==|>=|>)\s*-?[01])?$)"));
        if (const auto m = has.match(expression); m.hasMatch()) {
            add(QStringLiteral("body_contains"), {}, QStringLiteral("=="), m.captured(2));
            return true;
        }
        const auto m = compare.match(expression);
        if (!m.hasMatch())
            return false;
        const auto s = subject(m.captured(1).trimmed());
        const auto v = literal(m.captured(3));
        if (!s || !v)
            return false;
        QString op = m.captured(2);
        if (op == QLatin1String("==="))
            op = QStringLiteral("==");
        if (op == QLatin1String("!=="))
            op = QStringLiteral("!=");
        return compareAssertion(*s, op, *v);
    }

    bool compareAssertion(const Subject &s, const QString &op, const QJsonValue &v)
    {
        switch (s.kind) {
        case Subject::Status:
            if (!v.isDouble())
                return false;
            add(QStringLiteral("status"), {}, op, v);
            return true;
        case Subject::Latency:
            if (!v.isDouble() || (op != QLatin1String("<") && op != QLatin1String("<=")))
                return false;
            add(QStringLiteral("latency_ms"), {}, op, v);
            return true;
        case Subject::Header:
            if (op != QLatin1String("==") && op != QLatin1String("!="))
                return false;
            add(QStringLiteral("header"), s.path, op, v);
            return true;
        case Subject::Json:
            if (s.path.isEmpty())
                return false;
            add(QStringLiteral("json_path"), s.path, op, v);
            return true;
        case Subject::Body:
            return false;
        }
        return false;
    }

    bool expectation(const QString &subjectText, QString chain, const QString &argText)
    {
        const auto s = subject(subjectText);
        if (!s)
            return false;
        const bool negated = chain.contains(QLatin1String("not."));
        chain.remove(QLatin1String("not."));
        const QString word = chain.section(QLatin1Char('.'), -1);
        static const QMap<QString, QString> compareOps { { QStringLiteral("eql"), QStringLiteral("==") },
            { QStringLiteral("equal"), QStringLiteral("==") },
            { QStringLiteral("equals"), QStringLiteral("==") },
            { QStringLiteral("eq"), QStringLiteral("==") }, { QStringLiteral("above"), QStringLiteral(">") },
            { QStringLiteral("greaterThan"), QStringLiteral(">") },
            { QStringLiteral("gt"), QStringLiteral(">") }, { QStringLiteral("below"), QStringLiteral("<") },
            { QStringLiteral("lessThan"), QStringLiteral("<") },
            { QStringLiteral("lt"), QStringLiteral("<") }, { QStringLiteral("least"), QStringLiteral(">=") },
            { QStringLiteral("most"), QStringLiteral("<=") } };
        const std::optional<QJsonValue> arg
            = argText.isNull() ? std::optional<QJsonValue>(QJsonValue()) : literal(argText);
        if (compareOps.contains(word)) {
            if (!arg)
                return false;
            QString op = compareOps.value(word);
            if (negated) {
                if (op != QLatin1String("=="))
                    return false;
                op = QStringLiteral("!=");
            }
            return compareAssertion(*s, op, *arg);
        }
        if (negated)
            return false;
        if ((word == QLatin1String("include") || word == QLatin1String("contain")
                || word == QLatin1String("string") || word == QLatin1String("includes")
                || word == QLatin1String("contains"))
            && arg) {
            if (s->kind == Subject::Body && arg->isString()) {
                add(QStringLiteral("body_contains"), {}, QStringLiteral("=="), *arg);
                return true;
            }
            if (s->kind == Subject::Header) {
                add(QStringLiteral("header"), s->path, QStringLiteral("contains"), *arg);
                return true;
            }
            if (s->kind == Subject::Json && !s->path.isEmpty()) {
                add(QStringLiteral("json_path"), s->path, QStringLiteral("contains"), *arg);
                return true;
            }
            return false;
        }
        if (s->kind != Subject::Json && s->kind != Subject::Header)
            return false;
        if (word == QLatin1String("property") && s->kind == Subject::Json) {
            // have.property("k") or have.property("k", value)
            static const Re args(QStringLiteral(R"(^\s*(["'])([A-Za-z_][\w-]*)\1\s*(?:,\s*(.+))?$)"));
            const auto m = args.match(argText);
            if (!m.hasMatch())
                return false;
            const QString path
                = s->path.isEmpty() ? m.captured(2) : s->path + QLatin1Char('.') + m.captured(2);
            if (m.captured(3).isEmpty()) {
                add(QStringLiteral("json_path"), path, QStringLiteral("exists"));
                return true;
            }
            const auto v = literal(m.captured(3));
            if (!v)
                return false;
            add(QStringLiteral("json_path"), path, QStringLiteral("=="), *v);
            return true;
        }
        if (s->path.isEmpty())
            return false;
        const QString kind
            = s->kind == Subject::Header ? QStringLiteral("header") : QStringLiteral("json_path");
        if ((word == QLatin1String("lengthOf") || word == QLatin1String("length")) && arg && arg->isDouble()
            && s->kind == Subject::Json) {
            add(kind, s->path, QStringLiteral("length"), *arg);
            return true;
        }
        if ((word == QLatin1String("a") || word == QLatin1String("an")) && arg && arg->isString()
            && s->kind == Subject::Json) {
            static const QStringList types { QStringLiteral("string"), QStringLiteral("number"),
                QStringLiteral("boolean"), QStringLiteral("object"), QStringLiteral("array"),
                QStringLiteral("null") };
            const QString type = arg->toString().toLower();
            if (!types.contains(type))
                return false;
            add(QStringLiteral("jq"), QStringLiteral(".%1 | type == \"%2\"").arg(s->path, type),
                QStringLiteral("=="), true);
            return true;
        }
        if (argText.isNull() && (word == QLatin1String("exist") || word == QLatin1String("ok"))) {
            add(kind, s->path, QStringLiteral("exists"));
            return true;
        }
        if (argText.isNull() && (word == QLatin1String("true") || word == QLatin1String("false"))
            && s->kind == Subject::Json) {
            add(kind, s->path, QStringLiteral("=="), word == QLatin1String("true"));
            return true;
        }
        if (argText.isNull() && word == QLatin1String("null") && s->kind == Subject::Json) {
            add(kind, s->path, QStringLiteral("=="), QJsonValue::Null);
            return true;
        }
        if (word == QLatin1String("match")) {
            static const Re regex(QStringLiteral(R"(^\s*/(.*)/\s*$)"));
            const auto m = regex.match(argText);
            if (!m.hasMatch())
                return false;
            add(kind, s->path, QStringLiteral("matches"), m.captured(1));
            return true;
        }
        return false;
    }

    // The response's JSON and the names it was given (`var jsonData = pm.response.json()`),
    // followed by property accessors.
    static Re jsonSubject(const QStringList &aliases)
    {
        // Compiled once per set of names: collections name it `jsonData` nearly always.
        static QHash<QString, Re> cache;
        const QString key = aliases.join(QLatin1Char(','));
        if (const auto it = cache.constFind(key); it != cache.constEnd())
            return *it;
        if (cache.size() > 256)
            cache.clear();
        QString roots = QStringLiteral(R"(pm\.response\.json\(\)|JSON\.parse\(\s*responseBody\s*\))");
        for (const QString &a : aliases)
            roots += QLatin1Char('|') + Re::escape(a);
        const Re re(QStringLiteral("^(?:%1)%2$").arg(roots, kAccess));
        cache.insert(key, re);
        return re;
    }

    PostmanScriptTranslation &m_out;
    QStringList m_aliases;
    Re m_json = jsonSubject({});
};

// The statements of a line, split at semicolons outside quotes, with the pm.test(...)
// wrapper and closing braces taken off.
QStringList statements(QString line)
{
    static const Re open(
        QStringLiteral(R"(^\s*pm\.test\s*\(\s*(["'`]).*?\1\s*,\s*(?:function\s*\(\s*\)|\(\s*\)\s*=>)\s*\{)"));
    static const Re close(QStringLiteral(R"(\}\s*\)\s*;?\s*$)"));
    bool wrapped = false;
    if (const auto m = open.match(line); m.hasMatch()) {
        line = line.mid(m.capturedEnd());
        wrapped = true;
    }
    if (wrapped || !line.trimmed().startsWith(QLatin1String("pm.")))
        line.remove(close);
    QStringList out;
    QString current;
    QChar quote;
    int depth = 0;
    for (const QChar c : line) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('`')) {
            quote = c;
        } else if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{')) {
            ++depth;
        } else if (c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}')) {
            --depth;
        } else if (c == QLatin1Char(';') && depth <= 0) {
            out << current;
            current.clear();
            continue;
        }
        current += c;
    }
    out << current;
    return out;
}

} // namespace

PostmanScriptTranslation translatePostmanTests(const QList<PostmanScriptLine> &lines)
{
    PostmanScriptTranslation out;
    LineTranslator translator(out);
    const CheckType *http = CheckRegistry::instance().type(QStringLiteral("http"));
    for (const PostmanScriptLine &line : lines) {
        const qsizetype assertions = out.assertions.size();
        const qsizetype captures = out.captures.size();
        bool understood = true;
        for (const QString &statement : statements(line.text))
            understood = translator.translate(statement) && understood;
        // What the line became must be what an http check accepts (a JavaScript regex
        // PCRE cannot read, an empty text, a path the JSON path syntax cannot say):
        // otherwise the line stays untranslated.
        if (understood && http) {
            Check trial;
            trial.type = http->name();
            trial.assertions = out.assertions.mid(assertions);
            trial.captures = out.captures.mid(captures);
            understood = AssertionEvaluator::validate(trial, http->vocabulary()).ok();
        }
        if (!understood) {
            out.assertions.resize(assertions);
            out.captures.resize(captures);
            out.untranslated.append(line);
        }
    }
    return out;
}

QStringList postmanScriptSets(const QList<PostmanScriptLine> &lines)
{
    static const Re setter(QStringLiteral(
        R"((?:pm\.(?:environment|collectionVariables|variables|globals)\.set|postman\.set(?:Environment|Global)Variable)\s*\(\s*(["'])([^"']+)\1)"));
    QStringList out;
    for (const PostmanScriptLine &line : lines) {
        auto it = setter.globalMatch(line.text);
        while (it.hasNext())
            out << it.next().captured(2);
    }
    return out;
}

} // namespace flowbench
