#include "shell/helppages.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QMenu>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace flowbench {

HelpPages::HelpPages(
    QWidget *window, std::function<QAction *(const QString &)> action, std::function<void()> openExample)
    : QObject(window)
    , m_window(window)
    , m_action(std::move(action))
    , m_openExample(std::move(openExample))
{
}

void HelpPages::addTo(QMenu *help)
{
    QAction *start = help->addAction(tr("&Getting Started"), this, [this] { showGettingStarted(); });
    start->setObjectName(QStringLiteral("actionGettingStarted"));
    start->setShortcut(QKeySequence::HelpContents);
    start->setShortcutContext(Qt::WindowShortcut);
    QAction *example = help->addAction(tr("Open &Example Project"), this, [this] { m_openExample(); });
    example->setObjectName(QStringLiteral("actionOpenExample"));
    QAction *reference = help->addAction(tr("&Check Reference"), this, [this] { showCheckReference(); });
    reference->setObjectName(QStringLiteral("actionCheckReference"));
}

QString HelpPages::keysOf(const QString &actionName) const
{
    QAction *a = m_action ? m_action(actionName) : nullptr;
    const QString keys = a ? a->shortcut().toString(QKeySequence::NativeText) : QString();
    return keys.isEmpty() ? QString() : QStringLiteral(" (**%1**)").arg(keys);
}

QString HelpPages::gettingStartedMarkdown() const
{
    return tr("# Getting started\n\n"
              "Five things to do first:\n\n"
              "1. **Open the example and run it.** Help ▸ Open Example Project opens a copy of a small "
              "shop (your edits never touch the shipped one). Pick the *local* environment in the run bar, "
              "start the demo backend if you have not (`flowbench-demo-backend`), and choose Run ▸ Run "
              "Everything%1. Each card turns pass or fail; the Results dock lists every check.\n\n"
              "2. **Read a result.** Click a row in Results: the response viewer shows the status, timing, "
              "headers and the JSON body as a tree you can fold (SQL rows as a table, log lines as a list). "
              "Double-click jumps to the node on the map.\n\n"
              "3. **Map your own system.** File ▸ New%2, then add cards from the palette or Map ▸ Add Node "
              "(screen, api, service, table, queue, cache, job, external). Drag from a card's handle (or "
              "Shift+drag) onto another to connect them, and choose the kind of edge. Name a card with "
              "Rename%3.\n\n"
              "4. **Write a test case with a check.** Select a node, Add Test Case%4, give it a title, "
              "Add step ▸ HTTP request: method, URL (`{{base_url}}/orders`), assertions (status == 200, a "
              "JSON path). **Run Step** runs it up to that step and shows the response under the form; "
              "**Try it** evaluates an assertion against it.\n\n"
              "5. **Draw the journey and run it headless.** New Flow%5 and click the cards of a user "
              "journey in order (Enter finishes); Run ▸ Run Highlighted Flow runs its test cases. In CI: "
              "`flowbench-cli run PROJECT --env NAME --junit results.xml` (exit code 0 all passed, 1 a "
              "check failed, 2 an error).\n\n"
              "Environments marked *protected* ask before every run. Help ▸ Check Reference lists what "
              "each check type accepts; Help ▸ Keyboard Shortcuts lists every key.\n")
        .arg(keysOf(QStringLiteral("actionRunAll")), keysOf(QStringLiteral("actionNew")),
            keysOf(QStringLiteral("actionRename")), keysOf(QStringLiteral("actionAddTestCase")),
            keysOf(QStringLiteral("actionNewFlow")));
}

QString HelpPages::checkReferenceMarkdown()
{
    QFile file(QStringLiteral(":/docs/checks.md"));
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll());
}

QDialog *HelpPages::page(
    QDialog *&existing, const char *objectName, const QString &title, const QString &markdown)
{
    if (!existing) {
        existing = new QDialog(m_window);
        existing->setObjectName(QLatin1String(objectName));
        existing->setWindowTitle(title);
        auto *text = new QTextBrowser(existing);
        text->setObjectName(QStringLiteral("helpText"));
        text->setOpenExternalLinks(true);
        text->setMarkdown(markdown);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, existing);
        connect(buttons, &QDialogButtonBox::rejected, existing, &QDialog::reject);
        auto *layout = new QVBoxLayout(existing);
        layout->addWidget(text, 1);
        layout->addWidget(buttons);
        existing->resize(720, 620);
        if (&existing == &m_gettingStarted) {
            QPushButton *example
                = buttons->addButton(tr("Open Example Project"), QDialogButtonBox::ActionRole);
            example->setObjectName(QStringLiteral("openExampleButton"));
            connect(example, &QPushButton::clicked, this, [this] {
                m_gettingStarted->hide();
                m_openExample();
            });
        }
    }
    existing->show();
    existing->raise();
    existing->activateWindow();
    return existing;
}

QDialog *HelpPages::showGettingStarted()
{
    return page(m_gettingStarted, "gettingStartedDialog", tr("Getting Started"), gettingStartedMarkdown());
}

QDialog *HelpPages::showCheckReference()
{
    QString markdown = checkReferenceMarkdown();
    if (markdown.isEmpty())
        markdown = tr("The check reference (docs/checks.md) is missing from this build.");
    return page(m_reference, "checkReferenceDialog", tr("Check Reference"), markdown);
}

} // namespace flowbench
