#include "layout/graphvizsession.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

namespace flowbench {

namespace {

std::mutex &graphvizMutex()
{
    static std::mutex mutex;
    return mutex;
}

// Only touched while graphvizMutex() is held.
QByteArray &capturedText()
{
    static QByteArray text;
    return text;
}

int captureMessage(char *text)
{
    capturedText().append(text);
    return 0;
}

GvcPtr &sharedContext()
{
    static GvcPtr context;
    return context;
}

} // namespace

void GvcDeleter::operator()(GVC_s *gvc) const
{
    if (gvc)
        gvFreeContext(gvc);
}

void GraphDeleter::operator()(Agraph_s *graph) const
{
    if (graph)
        agclose(graph);
}

GraphvizSession::GraphvizSession() : m_lock(graphvizMutex())
{
    capturedText().clear();
    agreseterrors();
    m_previousLevel = agseterr(AGWARN);
    m_previousHandler = agseterrf(&captureMessage);
}

GraphvizSession::~GraphvizSession()
{
    agseterrf(m_previousHandler);
    agseterr(agerrlevel_t(m_previousLevel));
    agreseterrors();
}

GVC_s *GraphvizSession::context()
{
    GvcPtr &context = sharedContext();
    if (!context)
        context.reset(gvContext());
    return context.get();
}

bool GraphvizSession::hadError() const
{
    // agerrors() is the highest level reported since agreseterrors().
    return agerrors() >= AGERR;
}

QString GraphvizSession::messages() const
{
    return QString::fromUtf8(capturedText()).trimmed();
}

GraphvizLayoutGuard::~GraphvizLayoutGuard()
{
    if (m_gvc && m_graph)
        gvFreeLayout(m_gvc, m_graph);
}

} // namespace flowbench
