// Two windows on one shared project (issue 14), as two people at two machines would have
// them, against a real PostgreSQL: a rename in one shows in the other live (its card and
// its properties panel), and the same field renamed in both brings up the conflict dialog
// in the second window with both values. Each case saves the two windows side by side as
// README's pictures (docs/images/shared-live-edit.png, shared-conflict-two-windows.png;
// FLOWBENCH_KEEP_SCREENSHOTS=1 keeps them).
#undef QT_NO_CAST_FROM_ASCII
#include "dialogs/editconflictdialog.h"
#include "panels/propertiespanel.h"
#include "store/projectstore.h"
#include "support/exampleproject.h"
#include "support/sharedprojectserver.h"
#include "support/testenv.h"
#include "ui/screenshots.h"
#include "ui/windowfixture.h"

#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
const QSize kWindowSize(960, 640);
constexpr int kLiveMs = 3000; // the bound is 1 s; a loaded test machine gets slack
constexpr int kGap = 16;
constexpr int kCaption = 28;

// Two grabs side by side on a light grey ground, top-aligned, each under a caption
// saying whose window it is and what happened there.
QImage sideBySide(
    const QImage &left, const QString &leftCaption, const QImage &right, const QString &rightCaption)
{
    const qreal ratio = left.devicePixelRatio();
    const QSizeF l = left.size() / ratio, r = right.size() / ratio;
    const QSize size(
        int(l.width() + r.width() + 3 * kGap), int(qMax(l.height(), r.height()) + kCaption + 2 * kGap));
    QImage out(size * ratio, QImage::Format_RGB32);
    out.setDevicePixelRatio(ratio);
    out.fill(QColor(0xd0, 0xd4, 0xda));
    QPainter p(&out);
    QFont font = QApplication::font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    font.setBold(true);
    p.setFont(font);
    p.setPen(QColor(0x20, 0x24, 0x2a));
    const QRectF leftCaptionRect(kGap, kGap, l.width(), kCaption);
    const QRectF rightCaptionRect(2 * kGap + l.width(), kGap, r.width(), kCaption);
    p.drawText(leftCaptionRect, Qt::AlignLeft | Qt::AlignVCenter, leftCaption);
    p.drawText(rightCaptionRect, Qt::AlignLeft | Qt::AlignVCenter, rightCaption);
    p.drawImage(QPointF(kGap, kGap + kCaption), left);
    p.drawImage(QPointF(2 * kGap + l.width(), kGap + kCaption), right);
    return out;
}

// The window's grab with `dialog` painted where it stands over the window (centred when
// the platform puts it elsewhere): a grab of the window alone leaves its dialogs out.
QImage withDialog(QWidget *window, QWidget *dialog)
{
    QImage image = window->grab().toImage();
    const QImage over = dialog->grab().toImage();
    QPoint at = dialog->frameGeometry().topLeft() - window->frameGeometry().topLeft();
    if (!QRect(QPoint(0, 0), window->size()).contains(QRect(at, dialog->size())))
        at = QPoint((window->width() - dialog->width()) / 2, (window->height() - dialog->height()) / 2);
    QPainter p(&image);
    p.setPen(QColor(0x80, 0x80, 0x80));
    p.drawImage(at, over);
    p.drawRect(QRect(at, dialog->size()).adjusted(-1, -1, 0, 0));
    return image;
}

QLineEdit *nameField(MainWindow *window)
{
    return window->propertiesPanel()->findChild<QLineEdit *>("nameEdit");
}
} // namespace

class TestSharedWindows : public QObject
{
    Q_OBJECT

private:
    SharedProjectServer m_pg;
    Project m_example;
    int m_projects = 0;
    std::unique_ptr<MainWindow> m_a, m_b;
    Id m_node; // "Payment gateway"

    // The example pushed as a new shared project, open in two windows side by side, the
    // payment gateway selected in both (its properties showing) and in view at 100 %.
    bool openTwoWindows(QString *error)
    {
        const QString project = QStringLiteral("team%1").arg(++m_projects);
        Project p = m_example;
        p.name = project;
        if (Status s = ProjectStore::writeShared(ProjectLocation::parse(m_pg.url(project)).value(), p, false);
            !s)
            return *error = s.error(), false;
        int x = 0;
        for (auto *w : { &m_a, &m_b }) {
            *w = std::make_unique<MainWindow>();
            (*w)->resize(kWindowSize);
            (*w)->move(x, 0);
            x += kWindowSize.width() + kGap;
            (*w)->show();
            if (!QTest::qWaitForWindowExposed(w->get()))
                return *error = "a window was not shown", false;
            if (!(*w)->documents()->openProject(m_pg.url(project)))
                return *error = "the window did not open " + m_pg.url(project), false;
            QTest::qWait(50); // the window fits the map once its docks settled
            (*w)->mapScene()->selectNodes({ m_node });
            (*w)->mapView()->setZoom(1.0, (*w)->mapScene()->nodeItem(m_node)->sceneBoundingRect().center());
            (*w)->mapView()->centreOnNode(m_node);
        }
        QTest::qWait(100); // docks and the map settle
        return true;
    }

    // Renames the node in the window's map as a person does: F2-style in-place editor,
    // new text, Enter.
    static void renameInPlace(MainWindow *window, const Id &node, const QString &to)
    {
        window->mapView()->beginRename(node);
        auto *editor = window->mapView()->findChild<QLineEdit *>("renameEditor");
        QVERIFY(editor && editor->isVisible());
        editor->setText(to);
        QTest::keyClick(editor, Qt::Key_Return);
    }

private slots:
    void initTestCase()
    {
        setUpWindowTests("tst_sharedwindows");
        const auto example = exampleProject();
        QVERIFY2(example, qPrintable(example.error()));
        m_example = example.value();
        for (const Node &n : std::as_const(m_example.nodes))
            if (n.name == "Payment gateway")
                m_node = n.id;
        QVERIFY(!m_node.isEmpty());
        if (!m_pg.start() && m_pg.isRequired())
            QFAIL(m_pg.whyNot());
    }
    void init()
    {
        if (!m_pg.started())
            QSKIP(m_pg.whyNot());
    }
    void cleanup()
    {
        m_a.reset();
        m_b.reset();
    }
    void cleanupTestCase() { QVERIFY2(m_pg.stopIfRunning(), qPrintable(m_pg.errorString())); }

    // A renames the payment gateway; B, which did nothing, shows the new name on the card
    // (its tooltip and its pixels) and in its properties panel, without a reload.
    void renameShowsLiveInTheOtherWindow()
    {
        QString error;
        QVERIFY2(openTwoWindows(&error), qPrintable(error));
        QCOMPARE(nameField(m_b.get())->text(), QStringLiteral("Payment gateway"));
        MapView *viewB = m_b->mapView();
        const QRect cardB = viewB->mapFromScene(m_b->mapScene()->nodeItem(m_node)->sceneBoundingRect())
                                .boundingRect()
                                .intersected(viewB->viewport()->rect());
        QVERIFY(!cardB.isEmpty());
        const QImage before = viewB->viewport()->grab(cardB).toImage();

        const QString renamed = "Payment gateway (Stripe)";
        renameInPlace(m_a.get(), m_node, renamed);
        QCOMPARE(m_a->document()->node(m_node)->name, renamed);
        QTRY_COMPARE_WITH_TIMEOUT(nameField(m_b.get())->text(), renamed, kLiveMs);
        QVERIFY2(m_b->mapScene()->nodeItem(m_node)->toolTip().startsWith(renamed),
            qPrintable(m_b->mapScene()->nodeItem(m_node)->toolTip()));
        QTest::qWait(50); // the card repaints
        const QImage after = viewB->viewport()->grab(cardB).toImage();
        QVERIFY2(after != before, "the card in the other window looks as before the rename");
        // Nothing for B to undo: the rename is A's.
        QCOMPARE(m_b->document()->undoStack()->count(), 0);
        QCOMPARE(m_a->document()->undoStack()->count(), 1);

        Screenshots shots;
        const QImage both = sideBySide(m_a->grab().toImage(), "Ana renames “Payment gateway”",
            m_b->grab().toImage(), "Ben’s window: the new name arrives live");
        QVERIFY(shots.save(both, "shared-live-edit"));
    }

    // A and B rename the same node at once (B has not seen A's name yet): A's lands, B gets
    // the dialog naming the node and the field, theirs and mine; Keep Theirs leaves A's.
    void sameFieldInBothShowsTheConflictDialog()
    {
        QString error;
        QVERIFY2(openTwoWindows(&error), qPrintable(error));
        const QString theirs = "Payment gateway v2", mine = "Payments (Adyen)";
        QString message, shownTheirs, shownMine;
        QImage pictured;
        bool asked = false;
        // The dialog runs its own event loop: a timer looks for it, pictures it, answers.
        QTimer look;
        look.setInterval(20);
        connect(&look, &QTimer::timeout, this, [&] {
            auto *dialog = qobject_cast<EditConflictDialog *>(QApplication::activeModalWidget());
            if (asked || !dialog || !dialog->isVisible())
                return;
            asked = true;
            look.stop();
            QTest::qWait(50); // painted, and A shows its own rename
            message = dialog->findChild<QLabel *>("conflictMessage")->text();
            shownTheirs = dialog->theirsLabel()->text();
            shownMine = dialog->mineLabel()->text();
            pictured = sideBySide(m_a->grab().toImage(), "Ana renamed it first: “" + theirs + "”",
                withDialog(m_b.get(), dialog), "Ben’s rename to “" + mine + "” is refused: he chooses");
            dialog->keepTheirsButton()->click();
        });
        look.start();
        // A renames; B renames too before its event loop took A's commit in.
        renameInPlace(m_a.get(), m_node, theirs);
        renameInPlace(m_b.get(), m_node, mine);
        QTRY_VERIFY_WITH_TIMEOUT(asked, kLiveMs);
        QTRY_VERIFY_WITH_TIMEOUT(!QApplication::activeModalWidget(), kLiveMs);

        QVERIFY2(message.contains("name") && message.contains("Payment gateway"), qPrintable(message));
        QCOMPARE(shownTheirs, theirs);
        QCOMPARE(shownMine, mine);
        // Keep Theirs: both windows and the store hold A's name; B has nothing to undo.
        QTRY_COMPARE_WITH_TIMEOUT(nameField(m_b.get())->text(), theirs, kLiveMs);
        QCOMPARE(m_b->document()->node(m_node)->name, theirs);
        QCOMPARE(m_a->document()->node(m_node)->name, theirs);
        QCOMPARE(m_b->document()->undoStack()->count(), 0);
        auto stored = ProjectStore::open(m_pg.url(QStringLiteral("team%1").arg(m_projects)));
        QVERIFY2(stored, qPrintable(stored.error()));
        QCOMPARE(stored.value()->node(m_node).value().name, theirs);

        Screenshots shots;
        QVERIFY(shots.save(pictured, "shared-conflict-two-windows"));
    }
};

QTEST_MAIN(TestSharedWindows)
#include "tst_sharedwindows.moc"
