#include "layout/layoutjob.h"
#include "layout/maplayout.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace flowbench {

LayoutJob::LayoutJob(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &LayoutJob::deliver);
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this, [this](int value) {
        emit progressChanged(value, m_watcher.progressMaximum());
    });
}

LayoutJob::~LayoutJob()
{
    // The worker owns copies of everything it reads, so it may finish after we are gone.
    m_watcher.disconnect(this);
    m_watcher.cancel();
}

void LayoutJob::start(const LayoutRequest &request)
{
    if (m_pending) {
        m_watcher.cancel();
        emit cancelled();
    }
    m_cancelRequested = false;
    m_pending = true;
    QFuture<LayoutOutcome> future =
        QtConcurrent::run([request](QPromise<LayoutOutcome> &promise) {
            LayoutControl control;
            control.isCancelled = [&promise] { return promise.isCanceled(); };
            control.progress = [&promise](int done, int total) {
                promise.setProgressRange(0, total);
                promise.setProgressValue(done);
            };
            Result<LayoutResult> r = layoutMap(request, control);
            LayoutOutcome outcome;
            outcome.cancelled = promise.isCanceled();
            if (r.ok())
                outcome.result = std::move(r).value();
            else
                outcome.error = r.error();
            promise.addResult(std::move(outcome));
        });
    m_watcher.setFuture(future);
}

void LayoutJob::cancel()
{
    // Also after the worker finished but before its result reached us.
    if (!m_pending)
        return;
    m_cancelRequested = true;
    m_watcher.cancel();
}

bool LayoutJob::isRunning() const { return m_pending; }

void LayoutJob::deliver()
{
    m_pending = false;
    // A cancelled future holds no result (results added after cancel are dropped).
    if (m_cancelRequested || m_watcher.isCanceled() || m_watcher.future().resultCount() == 0) {
        m_cancelRequested = false;
        emit cancelled();
        return;
    }
    const LayoutOutcome outcome = m_watcher.result();
    if (outcome.cancelled) {
        emit cancelled();
    } else if (outcome.result) {
        emit finished(*outcome.result);
    } else {
        emit failed(outcome.error);
    }
}

} // namespace flowbench
