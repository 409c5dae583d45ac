#pragma once

#include "result.h"

#include <QJsonValue>
#include <QString>
#include <memory>

struct jq_state;

namespace flowbench {

// A compiled jq program (libjq). jq_compile costs ~20 ms (it rebuilds jq's builtins each
// time) while running a program costs microseconds, so programs are compiled once per
// distinct text for the life of the process and shared: get them with compiled(), and
// call it from CheckType::prepare() before requests go out.
//
// libjq 1.6 keeps non-atomic reference counts and some global state, so every call into
// it (compile and run) holds one process-wide mutex; a run takes microseconds.
class JqProgram
{
public:
    // The cached program for this text, compiling it on first use. A compile error is
    // cached too and names the expression: "jq .items | lenght: error: lenght/0 is not defined".
    static Result<std::shared_ptr<const JqProgram>> compiled(const QString &text);
    // How many times jq_compile has run in this process (for tests and benchmarks).
    static int compileCount();

    ~JqProgram();
    JqProgram(const JqProgram &) = delete;
    JqProgram &operator=(const JqProgram &) = delete;

    QString text() const { return m_text; }
    // The program's first output for this input. A runtime error, or no output at all,
    // is a failure in jq's words ("Cannot index number with \"a\""); the caller names
    // the expression.
    Result<QJsonValue> first(const QJsonValue &input) const;

private:
    explicit JqProgram(const QString &text);

    QString m_text;
    jq_state *m_state = nullptr;
    mutable QString m_reportedErrors; // jq's error callback writes here
    friend struct JqCallbacks;
};

} // namespace flowbench
