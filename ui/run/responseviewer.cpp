#include "run/responseviewer.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace flowbench {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ResponseViewer", text);
}

QString statusWord(ResultStatus status)
{
    switch (status) {
    case ResultStatus::Pass:
        return tr("pass");
    case ResultStatus::Fail:
        return tr("fail");
    case ResultStatus::Error:
        return tr("error");
    case ResultStatus::Skipped:
        return tr("skipped");
    }
    return QString();
}

QString durationText(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    return tr("%1 s").arg(ms / 1000.0, 0, 'f', 1);
}

QString scalarText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact))
            .mid(1)
            .chopped(1);
    case QJsonValue::String:
        return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    case QJsonValue::Array:
        return tr("[%1 items]").arg(v.toArray().size());
    case QJsonValue::Object:
        return tr("{%1 keys}").arg(v.toObject().size());
    default:
        return QString();
    }
}

void addJson(QStandardItem *parent, const QString &key, const QJsonValue &value)
{
    auto *keyItem = new QStandardItem(key);
    auto *valueItem = new QStandardItem(scalarText(value));
    keyItem->setEditable(false);
    valueItem->setEditable(false);
    valueItem->setToolTip(value.isString() ? value.toString() : QString());
    parent->appendRow({ keyItem, valueItem });
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            addJson(keyItem, it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (int i = 0; i < a.size(); ++i)
            addJson(keyItem, QStringLiteral("[%1]").arg(i), a.at(i));
    }
}

QString cellText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isObject() || v.isArray())
        return QString::fromUtf8(QJsonDocument::fromVariant(v.toVariant()).toJson(QJsonDocument::Compact));
    return scalarText(v);
}

QPlainTextEdit *textPane(QWidget *parent, const char *name)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    return edit;
}

} // namespace

ResponseViewer::ResponseViewer(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_message(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_bodyPages(new QStackedWidget(this))
    , m_tree(new QTreeView(this))
    , m_treeModel(new QStandardItemModel(this))
    , m_bodyText(textPane(this, "bodyText"))
    , m_headers(new QTableWidget(this))
    , m_rows(new QTableWidget(this))
    , m_lines(new QListWidget(this))
    , m_raw(textPane(this, "details"))
    , m_openInWindow(new QToolButton(this))
{
    m_heading->setObjectName(QStringLiteral("responseHeading"));
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setWordWrap(true);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_message->setObjectName(QStringLiteral("responseMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tree->setObjectName(QStringLiteral("jsonTree"));
    m_tree->setModel(m_treeModel);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tree->header()->setStretchLastSection(true);
    m_bodyPages->addWidget(m_tree);
    m_bodyPages->addWidget(m_bodyText);

    m_headers->setObjectName(QStringLiteral("headersTable"));
    m_headers->setColumnCount(2);
    m_headers->setHorizontalHeaderLabels({ tr("Header"), tr("Value") });
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->setVisible(false);
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rows->setObjectName(QStringLiteral("rowsTable"));
    m_rows->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rows->setAlternatingRowColors(true);
    m_lines->setObjectName(QStringLiteral("linesList"));
    m_lines->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_tabs->setObjectName(QStringLiteral("responseTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_bodyPages, tr("Body"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_rows, tr("Rows"));
    m_tabs->addTab(m_lines, tr("Lines"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_openInWindow->setObjectName(QStringLiteral("openResponseInWindow"));
    m_openInWindow->setText(tr("Open in Window"));
    m_openInWindow->setToolTip(tr("Show this result in a window of its own"));
    m_openInWindow->setAutoRaise(true);
    m_tabs->setCornerWidget(m_openInWindow, Qt::TopRightCorner);
    connect(m_openInWindow, &QToolButton::clicked, this, [this] { openInWindow(); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_heading);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);
    clear();
}

void ResponseViewer::clear(const QString &placeholder)
{
    m_parts = ResponseParts();
    m_hasResult = false;
    m_openInWindow->setEnabled(false);
    m_heading->setText(
        placeholder.isEmpty() ? tr("Select a result to see its message and evidence.") : placeholder);
    m_heading->setFont([this] {
        QFont f = m_heading->font();
        f.setBold(false);
        return f;
    }());
    m_message->clear();
    m_message->hide();
    m_raw->clear();
    m_raw->setPlaceholderText(m_heading->text());
    showParts();
}

void ResponseViewer::showResult(const CheckResult &result, const QString &checkType, const QString &title)
{
    m_result = result;
    m_checkType = checkType;
    m_title = title;
    m_hasResult = true;
    m_openInWindow->setEnabled(true);
    m_parts = ResponseParts::parse(checkType, result.evidence);
    QString heading = tr("%1 · %2").arg(statusWord(result.status), durationText(result.durationMs));
    if (result.attempts > 1)
        heading += tr(" · %1 tries").arg(result.attempts);
    if (m_parts.httpStatus)
        heading += QStringLiteral(" · ") + m_parts.heading;
    if (!title.isEmpty())
        heading = title + QLatin1Char('\n') + heading;
    m_heading->setText(heading);
    m_heading->setFont([this] {
        QFont f = m_heading->font();
        f.setBold(true);
        return f;
    }());
    m_message->setText(result.message);
    m_message->setVisible(!result.message.isEmpty());

    QString raw = title.isEmpty() ? QString() : title + QLatin1Char('\n');
    raw += tr("Status: %1, %2, %3 attempt(s)\n")
               .arg(statusWord(result.status), durationText(result.durationMs))
               .arg(result.attempts);
    raw += QLatin1Char('\n') + tr("Message:") + QLatin1Char('\n')
        + (result.message.isEmpty() ? tr("(none)") : result.message);
    raw += QLatin1String("\n\n") + tr("Evidence:") + QLatin1Char('\n');
    if (result.evidence.isEmpty()) {
        raw += tr("(none)");
    } else {
        // The evidence as it came, with a JSON body indented.
        const QString body = QString::fromUtf8(m_parts.body);
        const int at
            = m_parts.hasJson && !body.trimmed().isEmpty() ? result.evidence.lastIndexOf(body.trimmed()) : -1;
        raw += at >= 0 ? result.evidence.left(at) + m_parts.readableBody()
                + result.evidence.mid(at + body.trimmed().size())
                       : result.evidence;
    }
    m_raw->setPlainText(raw);
    showParts();
}

ResponseViewer *ResponseViewer::openInWindow()
{
    if (!m_hasResult)
        return nullptr;
    // A window of the same kind, over the main window and closed with it; not part of the
    // dock: it stays when the selection moves on, so two results can be read side by side.
    auto *window = new ResponseViewer(this->window());
    window->setWindowFlag(Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setObjectName(QStringLiteral("responseWindow"));
    window->m_openInWindow->hide();
    window->layout()->setContentsMargins(8, 8, 8, 8);
    window->setWindowTitle(m_title.isEmpty() ? tr("Result") : m_title);
    window->showResult(m_result, m_checkType, m_title);
    window->m_tabs->setCurrentIndex(m_tabs->currentIndex());
    if (QWidget *top = this->window())
        window->resize(qMax(720, top->width() / 2), qMax(540, top->height() * 2 / 3));
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

QString ResponseViewer::rawText() const
{
    return m_raw->toPlainText();
}

void ResponseViewer::setTabShown(Tab tab, bool shown)
{
    m_tabs->setTabVisible(tab, shown);
}

bool ResponseViewer::isTabShown(Tab tab) const
{
    return m_tabs->isTabVisible(tab);
}

void ResponseViewer::showParts()
{
    const ResponseParts &p = m_parts;
    m_treeModel->clear();
    m_treeModel->setHorizontalHeaderLabels({ tr("Key"), tr("Value") });
    if (p.hasJson) {
        if (p.json.isObject()) {
            const QJsonObject o = p.json.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                addJson(m_treeModel->invisibleRootItem(), it.key(), it.value());
        } else if (p.json.isArray()) {
            const QJsonArray a = p.json.toArray();
            for (int i = 0; i < a.size(); ++i)
                addJson(m_treeModel->invisibleRootItem(), QStringLiteral("[%1]").arg(i), a.at(i));
        } else {
            addJson(m_treeModel->invisibleRootItem(), QString(), p.json);
        }
        m_tree->expandToDepth(1);
        m_tree->resizeColumnToContents(0);
        m_bodyPages->setCurrentWidget(m_tree);
    } else {
        QString text = QString::fromUtf8(p.body);
        if (!p.truncation.isEmpty())
            text += QLatin1Char('\n') + p.truncation;
        m_bodyText->setPlainText(text);
        m_bodyPages->setCurrentWidget(m_bodyText);
    }

    m_headers->setRowCount(0);
    m_headers->setRowCount(p.headers.size() + p.redirects.size());
    int row = 0;
    for (const QString &hop : p.redirects) {
        m_headers->setItem(row, 0, new QTableWidgetItem(tr("(redirected)")));
        m_headers->setItem(row++, 1, new QTableWidgetItem(hop));
    }
    for (const auto &h : p.headers) {
        m_headers->setItem(row, 0, new QTableWidgetItem(h.first));
        m_headers->setItem(row++, 1, new QTableWidgetItem(h.second));
    }
    m_headers->resizeColumnToContents(0);

    // SQL rows (an array of objects): one column per key, in the order they first appear.
    const bool rows = p.type == QLatin1String("sql") && p.hasJson && p.json.isArray();
    m_rows->clear();
    m_rows->setRowCount(0);
    m_rows->setColumnCount(0);
    if (rows) {
        const QJsonArray a = p.json.toArray();
        QStringList columns;
        for (const QJsonValue &r : a)
            for (const QString &k : r.toObject().keys())
                if (!columns.contains(k))
                    columns << k;
        m_rows->setColumnCount(columns.size());
        m_rows->setHorizontalHeaderLabels(columns);
        m_rows->setRowCount(a.size());
        for (int r = 0; r < a.size(); ++r)
            for (int c = 0; c < columns.size(); ++c)
                m_rows->setItem(
                    r, c, new QTableWidgetItem(cellText(a.at(r).toObject().value(columns.at(c)))));
        m_rows->resizeColumnsToContents();
    }
    m_lines->clear();
    m_lines->addItems(p.lines);

    const bool any = !p.raw.isEmpty();
    setTabShown(BodyTab, any && !rows && p.lines.isEmpty());
    setTabShown(HeadersTab, !p.headers.isEmpty() || !p.redirects.isEmpty());
    setTabShown(RowsTab, rows);
    setTabShown(LinesTab, !p.lines.isEmpty());
    setTabShown(RawTab, true);
    if (!m_tabs->isTabVisible(m_tabs->currentIndex()))
        for (int i = 0; i < m_tabs->count(); ++i)
            if (m_tabs->isTabVisible(i)) {
                m_tabs->setCurrentIndex(i);
                break;
            }
    if (!any)
        m_tabs->setCurrentIndex(RawTab);
    else if (m_tabs->currentIndex() == RawTab)
        m_tabs->setCurrentIndex(rows ? RowsTab : !p.lines.isEmpty() ? LinesTab : BodyTab);
}

} // namespace flowbench
