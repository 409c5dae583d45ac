#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;

namespace flowbench {

// The empty state: what to do when no project is open.
class WelcomeWidget : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomeWidget(QWidget *parent = nullptr);
    void setRecentFiles(const QStringList &paths);
    void setExampleAvailable(bool available);

signals:
    void newRequested();
    void openRequested();
    void exampleRequested();
    void recentRequested(const QString &path);

private:
    QListWidget *m_recent;
    QPushButton *m_example;
};

} // namespace flowbench
