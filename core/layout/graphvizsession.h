#pragma once

#include <QByteArray>
#include <QString>
#include <memory>
#include <mutex>

// Forward declarations keep Graphviz's macros (TRUE, MIN, ...) out of our headers.
struct GVC_s;
struct Agraph_s;

namespace flowbench {

struct GvcDeleter
{
    void operator()(GVC_s *gvc) const;
};
struct GraphDeleter
{
    void operator()(Agraph_s *graph) const;
};
using GvcPtr = std::unique_ptr<GVC_s, GvcDeleter>;
using GraphPtr = std::unique_ptr<Agraph_s, GraphDeleter>;

// Exclusive access to Graphviz for one piece of work. Graphviz keeps global state (error
// handler, lexer, symbol tables), so every call into it happens while one session holds
// the process-wide lock. The session also captures Graphviz's messages instead of letting
// them go to stderr.
class GraphvizSession
{
public:
    GraphvizSession();
    ~GraphvizSession();
    GraphvizSession(const GraphvizSession &) = delete;
    GraphvizSession &operator=(const GraphvizSession &) = delete;

    // The context is created on first use and shared by every session of the process
    // (loading the plugin configuration costs more than a small layout).
    GVC_s *context();

    // True when Graphviz reported an error (not a warning) during this session.
    bool hadError() const;
    // Everything Graphviz printed during this session, trimmed ("Error: syntax error in
    // line 3 near 'x'").
    QString messages() const;

private:
    std::unique_lock<std::mutex> m_lock;
    int (*m_previousHandler)(char *) = nullptr;
    int m_previousLevel = 0;
};

// Calls gvFreeLayout when the scope ends, so a layout is freed on every return path.
class GraphvizLayoutGuard
{
public:
    GraphvizLayoutGuard(GVC_s *gvc, Agraph_s *graph) : m_gvc(gvc), m_graph(graph) {}
    ~GraphvizLayoutGuard();
    GraphvizLayoutGuard(const GraphvizLayoutGuard &) = delete;
    GraphvizLayoutGuard &operator=(const GraphvizLayoutGuard &) = delete;

private:
    GVC_s *m_gvc;
    Agraph_s *m_graph;
};

} // namespace flowbench
