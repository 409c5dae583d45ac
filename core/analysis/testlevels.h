#pragma once

#include "model/testcase.h"

#include <QString>
#include <array>

namespace flowbench {

// The level a test case reaches: the one a person set, else judged by its checks — the
// deepest level among them (each check type declares its own: http and tcp the API;
// redis, log and amqp a service's effects; sql the database). A manual test case with no
// level set is end to end: a person going through the product.
TestLevel effectiveLevel(const TestCase &testCase);

// How many test cases reach each level: where a team has only shallow API checks.
class LevelMix
{
public:
    void add(TestLevel level) { ++m_counts[size_t(level)]; }
    int count(TestLevel level) const { return m_counts[size_t(level)]; }
    int total() const;
    // "api 3, database 1" in level order, levels without test cases left out; "" for none.
    QString text() const;
    // Only API-level test cases (and at least one).
    bool onlyApi() const { return total() > 0 && total() == count(TestLevel::Api); }
    bool operator==(const LevelMix &o) const { return m_counts == o.m_counts; }

private:
    std::array<int, 4> m_counts {};
};

} // namespace flowbench
