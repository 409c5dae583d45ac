#include "checks/jqprogram.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>

extern "C" {
#include <jq.h>
#include <jv.h>
}

namespace flowbench {

namespace {

// Guards every libjq call and the cache.
QMutex &jqMutex()
{
    static QMutex mutex;
    return mutex;
}

struct CacheEntry
{
    std::shared_ptr<const JqProgram> program;
    QString error;
};

QHash<QString, CacheEntry> &cache()
{
    static QHash<QString, CacheEntry> entries;
    return entries;
}

int g_compileCount = 0;

// jv ownership: functions consume their jv arguments unless they only read (jv_get_kind,
// jv_string_value, jv_number_value, jv_object_iter*); jv_copy adds a reference.
jv toJv(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return jv_bool(value.toBool());
    case QJsonValue::Double:
        return jv_number(value.toDouble());
    case QJsonValue::String: {
        const QByteArray utf8 = value.toString().toUtf8();
        return jv_string_sized(utf8.constData(), int(utf8.size()));
    }
    case QJsonValue::Array: {
        jv array = jv_array();
        for (const QJsonValue &item : value.toArray())
            array = jv_array_append(array, toJv(item));
        return array;
    }
    case QJsonValue::Object: {
        jv object = jv_object();
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QByteArray key = it.key().toUtf8();
            object = jv_object_set(object, jv_string_sized(key.constData(), int(key.size())),
                                   toJv(it.value()));
        }
        return object;
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return jv_null();
}

QString jvString(jv borrowed)
{
    return QString::fromUtf8(jv_string_value(borrowed), jv_string_length_bytes(jv_copy(borrowed)));
}

// Reads without consuming.
QJsonValue fromJv(jv v)
{
    switch (jv_get_kind(v)) {
    case JV_KIND_TRUE:
        return true;
    case JV_KIND_FALSE:
        return false;
    case JV_KIND_NUMBER:
        return jv_number_value(v);
    case JV_KIND_STRING:
        return jvString(v);
    case JV_KIND_ARRAY: {
        QJsonArray array;
        const int n = jv_array_length(jv_copy(v));
        for (int i = 0; i < n; ++i) {
            jv item = jv_array_get(jv_copy(v), i);
            array.append(fromJv(item));
            jv_free(item);
        }
        return array;
    }
    case JV_KIND_OBJECT: {
        QJsonObject object;
        for (int it = jv_object_iter(v); jv_object_iter_valid(v, it); it = jv_object_iter_next(v, it)) {
            jv key = jv_object_iter_key(v, it);
            jv value = jv_object_iter_value(v, it);
            object.insert(jvString(key), fromJv(value));
            jv_free(key);
            jv_free(value);
        }
        return object;
    }
    case JV_KIND_NULL:
    case JV_KIND_INVALID:
        break;
    }
    return QJsonValue(QJsonValue::Null);
}

// Consumes msg; returns jq's own wording of an error value.
QString messageText(jv msg)
{
    if (jv_get_kind(msg) == JV_KIND_STRING) {
        QString text = jvString(msg);
        jv_free(msg);
        return text;
    }
    jv dumped = jv_dump_string(msg, 0);
    QString text = jvString(dumped);
    jv_free(dumped);
    return text;
}

} // namespace

struct JqCallbacks
{
    static void onError(void *data, jv msg)
    {
        auto *program = static_cast<const JqProgram *>(data);
        jv formatted = jq_format_error(msg); // consumes msg
        const QString text = messageText(formatted).trimmed();
        if (!program->m_reportedErrors.isEmpty())
            program->m_reportedErrors += QLatin1String("; ");
        program->m_reportedErrors += text;
    }
};

JqProgram::JqProgram(const QString &text) : m_text(text), m_state(jq_init()) {}

JqProgram::~JqProgram()
{
    QMutexLocker lock(&jqMutex());
    if (m_state)
        jq_teardown(&m_state);
}

Result<std::shared_ptr<const JqProgram>> JqProgram::compiled(const QString &text)
{
    using R = Result<std::shared_ptr<const JqProgram>>;
    QMutexLocker lock(&jqMutex());
    auto found = cache().constFind(text);
    if (found != cache().constEnd()) {
        if (found->program)
            return found->program;
        return R::failure(found->error);
    }
    std::shared_ptr<JqProgram> program(new JqProgram(text));
    CacheEntry entry;
    if (!program->m_state) {
        entry.error = QStringLiteral("jq %1: could not initialise libjq (out of memory?)").arg(text);
    } else {
        jq_set_error_cb(program->m_state, &JqCallbacks::onError, program.get());
        const QByteArray utf8 = text.toUtf8();
        ++g_compileCount;
        if (!jq_compile(program->m_state, utf8.constData())) {
            QString detail = program->m_reportedErrors;
            if (detail.isEmpty())
                detail = QStringLiteral("does not compile");
            entry.error = QStringLiteral("jq %1: %2").arg(text, detail);
        } else {
            entry.program = program;
        }
        program->m_reportedErrors.clear();
    }
    cache().insert(text, entry);
    if (!entry.program) {
        lock.unlock();
        program.reset(); // tears the state down (takes the mutex)
        return R::failure(entry.error);
    }
    return entry.program;
}

int JqProgram::compileCount()
{
    QMutexLocker lock(&jqMutex());
    return g_compileCount;
}

Result<QJsonValue> JqProgram::first(const QJsonValue &input) const
{
    QMutexLocker lock(&jqMutex());
    m_reportedErrors.clear();
    jq_start(m_state, toJv(input), 0);
    jv out = jq_next(m_state);
    if (jv_is_valid(out)) {
        QJsonValue value = fromJv(out);
        jv_free(out);
        return value;
    }
    QString error;
    if (jv_invalid_has_msg(jv_copy(out)))
        error = messageText(jv_invalid_get_msg(out));
    else
        jv_free(out);
    if (error.isEmpty() && jq_halted(m_state))
        error = QStringLiteral("the program halted");
    if (error.isEmpty() && !m_reportedErrors.isEmpty())
        error = m_reportedErrors;
    if (error.isEmpty())
        return Result<QJsonValue>::failure(QStringLiteral("produced no output"));
    return Result<QJsonValue>::failure(error);
}

} // namespace flowbench
