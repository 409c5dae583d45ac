#pragma once
// The workbench window on a new, empty project file in a folder of its own, for tests that
// drive the window as a user would and check the file after each step (every edit is saved
// at once); and the gestures they use.

#include "document/projectdocument.h"
#include "map/mapeditor.h"
#include "map/mapscene.h"
#include "map/mapview.h"
#include "map/nodeitem.h"
#include "shell/documentcontroller.h"
#include "shell/mainwindow.h"
#include "shell/pluraltranslator.h"
#include "support/projectfile.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QMouseEvent>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <memory>

namespace flowbench::testing {

// Test-mode settings (recent files, window state stay out of $HOME) and "%n" plurals.
inline void setUpWindowTests(const QString &applicationName)
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("FlowbenchTest"));
    QApplication::setApplicationName(applicationName);
    QApplication::installTranslator(new PluralTranslator(qApp));
    QSettings().clear();
}

struct WindowFixture
{
    std::unique_ptr<QTemporaryDir> dir;
    QString path;
    std::unique_ptr<MainWindow> window;

    // Opens a window on a new project file; false (with the reason in `error`) if it failed.
    bool start(QString *error, bool activate = false)
    {
        dir = std::make_unique<QTemporaryDir>();
        path = dir->filePath(QStringLiteral("map.flowbench"));
        window = std::make_unique<MainWindow>();
        window->resize(1400, 900);
        window->show();
        if (activate) {
            window->activateWindow();
            if (!QTest::qWaitForWindowActive(window.get()))
                return *error = QStringLiteral("the window did not become active"), false;
        } else if (!QTest::qWaitForWindowExposed(window.get())) {
            return *error = QStringLiteral("the window was not shown"), false;
        }
        const Status s = window->documents()->newProjectFile(path);
        *error = s.ok() ? QString() : s.error();
        return s.ok();
    }
    void stop()
    {
        window.reset();
        dir.reset();
    }

    Project file() const { return reopenProject(path); }
    ProjectDocument *document() const { return window->document(); }
    MapScene *scene() const { return window->mapScene(); }
    MapView *view() const { return window->mapView(); }
    Id add(NodeKind kind, double x, double y) { return window->mapEditor()->addNode(kind, QPointF(x, y)); }
    QPointF centreOf(const Id &id) const { return scene()->nodeItem(id)->sceneBoundingRect().center(); }
    void trigger(const char *action) const { window->action(QString::fromLatin1(action))->trigger(); }
};

// Press, move and release in the view's viewport, as a mouse drag would.
inline void drag(MapView *view, const QPointF &fromScene, const QPointF &toScene, Qt::KeyboardModifiers mods = {})
{
    QWidget *vp = view->viewport();
    const QPointF a = view->mapFromScene(fromScene);
    const QPointF b = view->mapFromScene(toScene);
    QMouseEvent press(QEvent::MouseButtonPress, a, vp->mapToGlobal(a.toPoint()), Qt::LeftButton, Qt::LeftButton, mods);
    QApplication::sendEvent(vp, &press);
    for (int i = 1; i <= 5; ++i) {
        const QPointF p = a + (b - a) * (i / 5.0);
        QMouseEvent move(QEvent::MouseMove, p, vp->mapToGlobal(p.toPoint()), Qt::NoButton, Qt::LeftButton, mods);
        QApplication::sendEvent(vp, &move);
    }
    QMouseEvent release(
        QEvent::MouseButtonRelease, b, vp->mapToGlobal(b.toPoint()), Qt::LeftButton, Qt::NoButton, mods);
    QApplication::sendEvent(vp, &release);
}

// Answers the next modal message box by clicking the button with this text.
inline void clickInNextDialog(const QString &buttonText, QString *seenText = nullptr)
{
    QTimer::singleShot(0, [=] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        if (seenText)
            *seenText = box->text();
        for (QAbstractButton *b : box->buttons())
            if (b->text() == buttonText)
                b->click();
    });
}

template <typename W>
W *child(QObject *parent, const char *name)
{
    return parent->findChild<W *>(QString::fromLatin1(name));
}

} // namespace flowbench::testing
