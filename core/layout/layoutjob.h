#pragma once

#include "layout/layoutrequest.h"
#include "layout/layoutresult.h"

#include <QFutureWatcher>
#include <QMetaType>
#include <QObject>
#include <optional>

namespace flowbench {

// What a finished worker hands back; Result<T> is not default-constructible, QFuture
// wants values that are.
struct LayoutOutcome
{
    std::optional<LayoutResult> result;
    QString error;
    bool cancelled = false;
};

// Runs layoutMap on a worker thread (QtConcurrent) and reports back on the thread that
// owns the job. Graphviz cannot be interrupted inside a call, so cancel() means: the
// result is discarded and, on the layered path, groups not yet laid out are skipped.
// Apply `finished`'s result as one undo command.
class LayoutJob : public QObject
{
    Q_OBJECT
public:
    explicit LayoutJob(QObject *parent = nullptr);
    ~LayoutJob() override;

    // Starts a layout; a layout still running is cancelled first.
    void start(const LayoutRequest &request);
    void cancel();
    // True from start() until finished, failed or cancelled is emitted.
    bool isRunning() const;

signals:
    void progressChanged(int done, int total);
    void finished(const flowbench::LayoutResult &result);
    void failed(const QString &message);
    void cancelled();

private:
    void deliver();

    QFutureWatcher<LayoutOutcome> m_watcher;
    bool m_cancelRequested = false;
    bool m_pending = false;
};

} // namespace flowbench

Q_DECLARE_METATYPE(flowbench::LayoutResult)
