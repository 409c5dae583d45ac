#include "dialogs/environmentdialog.h"

#include "dialogs/environmentauditpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#ifdef FLOWBENCH_HAVE_KEYCHAIN
#include <QEventLoop>
#include <qt6keychain/keychain.h>
#endif

namespace flowbench {

Status storeKeychainSecret(const QString &entry, const QString &secret)
{
#ifdef FLOWBENCH_HAVE_KEYCHAIN
    QKeychain::WritePasswordJob job(QStringLiteral("flowbench"));
    job.setAutoDelete(false);
    job.setKey(entry);
    job.setTextData(secret);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() != QKeychain::NoError)
        return Status::failure(
            QCoreApplication::translate("EnvironmentDialog", "The keychain refused entry \"%1\": %2")
                .arg(entry, job.errorString()));
    return success();
#else
    Q_UNUSED(secret);
    return Status::failure(QCoreApplication::translate("EnvironmentDialog",
        "This build has no keychain support, so \"%1\" was not stored. "
        "Use an environment variable reference: ${env:NAME}.")
                               .arg(entry));
#endif
}

namespace {

const QStringList kDrivers { QStringLiteral("QSQLITE"), QStringLiteral("QPSQL"), QStringLiteral("redis"), QStringLiteral("amqp") };
enum VariableColumn { VariableName, VariableValue };

bool looksSecret(const QString &name)
{
    static const QRegularExpression re(
        QStringLiteral("pass|secret|token|api_?key|credential"), QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

// Asks for an entry name and a secret; the secret stays in this dialog's memory only.
class SecretPrompt : public QDialog
{
public:
    SecretPrompt(const QString &entry, QWidget *parent)
        : QDialog(parent)
        , m_entry(new QLineEdit(entry, this))
        , m_secret(new QLineEdit(this))
    {
        setWindowTitle(EnvironmentDialog::tr("Set secret"));
        m_secret->setEchoMode(QLineEdit::Password);
        auto *form = new QFormLayout(this);
        auto *note = new QLabel(
            EnvironmentDialog::tr("The secret goes to the system keychain; the project keeps only "
                                  "the reference ${keychain:ENTRY}."),
            this);
        note->setWordWrap(true);
        form->addRow(note);
        form->addRow(EnvironmentDialog::tr("Keychain &entry:"), m_entry);
        form->addRow(EnvironmentDialog::tr("&Secret:"), m_secret);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
        form->addRow(buttons);
        connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        m_secret->setFocus();
    }
    QString entry() const { return m_entry->text().trimmed(); }
    QString secret() const { return m_secret->text(); }

private:
    QLineEdit *m_entry;
    QLineEdit *m_secret;
};

} // namespace

EnvironmentDialog::EnvironmentDialog(const QList<Environment> &environments, QWidget *parent)
    : QDialog(parent)
    , m_environments(environments)
    , m_store(&storeKeychainSecret)
    , m_list(new QListWidget(this))
    , m_editor(new QWidget(this))
    , m_emptyState(new QLabel(
          tr("No environments. Add one (e.g. local, staging) to hold variables and connections."), this))
    , m_protected(new QCheckBox(tr("&Protected: refuse writes and confirm every run"), this))
    , m_shared(new QCheckBox(tr("S&hared: others run against it too (one run at a time, audited)"), this))
    , m_auditButton(new QPushButton(tr("A&udit…"), this))
    , m_variables(new QTableWidget(0, 2, this))
    , m_connections(new QTableWidget(0, ConnectionColumnCount, this))
    , m_message(new QLabel(this))
{
    setWindowTitle(tr("Environments"));
    resize(1000, 600);

    m_list->setObjectName(QStringLiteral("environments"));
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    auto *add = new QPushButton(tr("&Add"), this);
    auto *rename = new QPushButton(tr("Re&name"), this);
    auto *remove = new QPushButton(tr("&Delete"), this);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    auto *leftButtons = new QHBoxLayout;
    leftButtons->addWidget(add);
    leftButtons->addWidget(rename);
    leftButtons->addWidget(remove);
    leftLayout->addLayout(leftButtons);

    m_protected->setObjectName(QStringLiteral("protected"));
    m_shared->setObjectName(QStringLiteral("shared"));
    m_shared->setToolTip(tr("A run against a shared or protected environment holds its lease while it runs: a "
                            "second run waits or is refused, naming who holds it. Every such run is audited."));
    m_auditButton->setObjectName(QStringLiteral("auditButton"));
    m_auditButton->setToolTip(tr("Every run against this environment: who, when, which test cases, whether "
                                 "writes and faults were allowed"));
    m_auditButton->setEnabled(false);
    connect(m_auditButton, &QPushButton::clicked, this, [this] { openAudit(); });
    m_variables->setObjectName(QStringLiteral("variables"));
    m_variables->setHorizontalHeaderLabels({ tr("Variable"), tr("Value or secret reference") });
    m_variables->horizontalHeader()->setStretchLastSection(true);
    m_variables->setColumnWidth(VariableName, 180);
    m_variables->verticalHeader()->setVisible(false);
    m_variables->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_connections->setObjectName(QStringLiteral("connections"));
    m_connections->setHorizontalHeaderLabels({ tr("Name"), tr("Driver"), tr("Host"), tr("Port"),
        tr("Database"), tr("User"), tr("Password reference") });
    m_connections->horizontalHeader()->setStretchLastSection(true);
    m_connections->verticalHeader()->setVisible(false);
    m_connections->setSelectionBehavior(QAbstractItemView::SelectRows);
    const int widths[] = { 80, 90, 110, 52, 110, 70 };
    m_connections->setWordWrap(false);
    for (int c = 0; c < PasswordColumn; ++c)
        m_connections->setColumnWidth(c, widths[c]);

    auto tableButtons = [this](QTableWidget *table, const QString &addText, std::function<void()> addRow,
                            bool forConnection) {
        auto *box = new QHBoxLayout;
        auto *addButton = new QPushButton(addText, this);
        auto *removeButton = new QPushButton(tr("Remove"), this);
        auto *secret = new QPushButton(tr("Set secret…"), this);
        secret->setToolTip(tr("Store a secret in the system keychain and keep only its reference here"));
        box->addWidget(addButton);
        box->addWidget(removeButton);
        box->addStretch();
        box->addWidget(secret);
        connect(addButton, &QPushButton::clicked, this, addRow);
        connect(removeButton, &QPushButton::clicked, this, [table] {
            if (table->currentRow() >= 0)
                table->removeRow(table->currentRow());
        });
        connect(secret, &QPushButton::clicked, this, [this, forConnection] { askSecret(forConnection); });
        return box;
    };
    auto *variablesBox = new QGroupBox(tr("Variables — used as {{name}} in checks"), this);
    auto *variablesLayout = new QVBoxLayout(variablesBox);
    variablesLayout->addWidget(m_variables);
    variablesLayout->addLayout(tableButtons(
        m_variables, tr("Add &variable"), [this] { addVariable(); }, false));
    auto *connectionsBox
        = new QGroupBox(tr("Connections — databases and Redis that checks refer to by name"), this);
    auto *connectionsLayout = new QVBoxLayout(connectionsBox);
    connectionsLayout->addWidget(m_connections);
    connectionsLayout->addLayout(tableButtons(
        m_connections, tr("Add &connection"), [this] { addConnection(); }, true));

    m_proxies = new QTableWidget(0, ProxyColumnCount, this);
    m_proxies->setObjectName(QStringLiteral("proxies"));
    m_proxies->setHorizontalHeaderLabels({ tr("For (node or edge)"), tr("Listen (loopback)"), tr("Upstream") });
    m_proxies->horizontalHeader()->setStretchLastSection(true);
    m_proxies->verticalHeader()->setVisible(false);
    m_proxies->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_proxies->setColumnWidth(ProxyTargetColumn, 240);
    m_proxies->setColumnWidth(ProxyListenColumn, 150);
    auto *proxiesBox = new QGroupBox(
        tr("Proxies — fault proxies the system under test is pointed at (its own configuration)"), this);
    proxiesBox->setToolTip(tr("During a run Flowbench listens on each Listen address and forwards to Upstream; "
                              "a test case's faults act there while it runs."));
    auto *proxiesLayout = new QVBoxLayout(proxiesBox);
    proxiesLayout->addWidget(m_proxies);
    auto *proxyButtons = new QHBoxLayout;
    auto *addProxy = new QPushButton(tr("Add p&roxy"), this);
    auto *removeProxy = new QPushButton(tr("Remove"), this);
    proxyButtons->addWidget(addProxy);
    proxyButtons->addWidget(removeProxy);
    proxyButtons->addStretch();
    proxiesLayout->addLayout(proxyButtons);
    connect(addProxy, &QPushButton::clicked, this, [this] {
        insertProxyRow(ProxyRoute { QString(), QStringLiteral("127.0.0.1:"), QString() });
        m_proxies->setCurrentCell(m_proxies->rowCount() - 1, ProxyListenColumn);
        m_proxies->editItem(m_proxies->item(m_proxies->rowCount() - 1, ProxyListenColumn));
    });
    connect(removeProxy, &QPushButton::clicked, this, [this] {
        if (m_proxies->currentRow() >= 0)
            m_proxies->removeRow(m_proxies->currentRow());
    });

    auto *editorLayout = new QVBoxLayout(m_editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    auto *flags = new QHBoxLayout;
    flags->addWidget(m_protected);
    flags->addWidget(m_shared);
    flags->addStretch();
    flags->addWidget(m_auditButton);
    editorLayout->addLayout(flags);
    editorLayout->addWidget(variablesBox, 1);
    editorLayout->addWidget(connectionsBox, 1);
    editorLayout->addWidget(proxiesBox, 1);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_editor, 1);
    rightLayout->addWidget(m_emptyState, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 160, 840 });
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &EnvironmentDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &EnvironmentDialog::reject);
    connect(add, &QPushButton::clicked, this, &EnvironmentDialog::addEnvironment);
    connect(rename, &QPushButton::clicked, this, &EnvironmentDialog::renameEnvironment);
    connect(remove, &QPushButton::clicked, this, &EnvironmentDialog::removeEnvironment);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_loading)
            return;
        // Saving would keep only one of two same-named variables: stay and say so.
        const QString duplicate = duplicateVariable();
        if (!duplicate.isEmpty()) {
            m_loading = true;
            m_list->setCurrentRow(m_current);
            m_loading = false;
            showMessage(tr("Variable \"%1\" is defined twice; rename or remove one first.").arg(duplicate));
            return;
        }
        save();
        load(row);
    });
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const int row = m_list->row(item);
        if (!m_loading && row >= 0 && row < m_environments.size())
            m_environments[row].name = item->text().trimmed();
    });
    connect(m_connections, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (!m_loading && item->column() == PasswordColumn)
            passwordEdited(item->row());
    });
    connect(m_variables, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_loading)
            return;
        const QString name = cellText(m_variables, item->row(), VariableName);
        const QString value = cellText(m_variables, item->row(), VariableValue);
        if (looksSecret(name) && !value.isEmpty() && !isSecretReference(value))
            showMessage(
                tr("Variable \"%1\" looks like a secret but holds plain text, which would be saved in the "
                   "project. Use Set secret… or ${env:NAME}.")
                    .arg(name));
    });

    m_loading = true;
    for (const Environment &e : std::as_const(m_environments)) {
        auto *item = new QListWidgetItem(e.name, m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    m_loading = false;
    if (!m_environments.isEmpty())
        m_list->setCurrentRow(0);
    else
        load(-1);
}

void EnvironmentDialog::setSecretStore(std::function<Status(const QString &, const QString &)> store)
{
    m_store = std::move(store);
}

void EnvironmentDialog::selectEnvironment(int index)
{
    m_list->setCurrentRow(index);
}

void EnvironmentDialog::insertConnectionRow(const Connection &c)
{
    const int row = m_connections->rowCount();
    m_connections->insertRow(row);
    auto *driver = new QComboBox(m_connections);
    driver->addItems(kDrivers);
    if (!kDrivers.contains(c.driver) && !c.driver.isEmpty())
        driver->addItem(c.driver);
    driver->setCurrentText(c.driver.isEmpty() ? kDrivers.first() : c.driver);
    m_connections->setItem(row, NameColumn, new QTableWidgetItem(c.name));
    m_connections->setCellWidget(row, DriverColumn, driver);
    m_connections->setItem(row, HostColumn, new QTableWidgetItem(c.host));
    m_connections->setItem(
        row, PortColumn, new QTableWidgetItem(c.port > 0 ? QString::number(c.port) : QString()));
    m_connections->setItem(row, DatabaseColumn, new QTableWidgetItem(c.database));
    m_connections->setItem(row, UserColumn, new QTableWidgetItem(c.user));
    auto *password = new QTableWidgetItem(c.passwordRef);
    password->setData(Qt::UserRole, c.passwordRef); // the last accepted value, restored on refusal
    password->setToolTip(tr("A reference: ${env:NAME} or ${keychain:ENTRY}. Never the password itself."));
    m_connections->setItem(row, PasswordColumn, password);
}

void EnvironmentDialog::setAuditSource(AuditSource source)
{
    m_auditSource = std::move(source);
    m_auditButton->setEnabled(bool(m_auditSource));
}

QDialog *EnvironmentDialog::openAudit()
{
    if (!m_auditSource || m_current < 0 || m_current >= m_environments.size())
        return nullptr;
    save();
    const Environment &e = m_environments.at(m_current);
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Audit of %1").arg(e.name));
    dialog->resize(900, 420);
    auto *panel = new EnvironmentAuditPanel(dialog);
    panel->setAudit(e, m_auditSource(e.id));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(panel, 1);
    layout->addWidget(buttons);
    dialog->show();
    return dialog;
}

void EnvironmentDialog::load(int index)
{
    m_loading = true;
    m_current = index;
    m_variables->setRowCount(0);
    m_connections->setRowCount(0);
    m_proxies->setRowCount(0);
    const bool valid = index >= 0 && index < m_environments.size();
    m_editor->setVisible(valid);
    m_emptyState->setVisible(!valid);
    if (valid) {
        const Environment &e = m_environments.at(index);
        m_protected->setChecked(e.isProtected);
        m_shared->setChecked(e.isShared);
        for (auto it = e.variables.begin(); it != e.variables.end(); ++it) {
            const int row = m_variables->rowCount();
            m_variables->insertRow(row);
            m_variables->setItem(row, VariableName, new QTableWidgetItem(it.key()));
            m_variables->setItem(row, VariableValue, new QTableWidgetItem(it.value()));
        }
        for (const Connection &c : e.connections)
            insertConnectionRow(c);
        for (const ProxyRoute &r : e.proxies)
            insertProxyRow(r);
    }
    m_loading = false;
}

void EnvironmentDialog::setProxyTargets(const QList<QPair<QString, QString>> &targets)
{
    save();
    m_proxyTargets = targets;
    load(m_current);
}

void EnvironmentDialog::insertProxyRow(const ProxyRoute &route)
{
    const int row = m_proxies->rowCount();
    m_proxies->insertRow(row);
    auto *target = new QComboBox(m_proxies);
    for (const auto &[label, id] : std::as_const(m_proxyTargets))
        target->addItem(label, id);
    if (!route.target.isEmpty() && target->findData(route.target) < 0)
        target->addItem(tr("(not on the map) %1").arg(route.target), route.target);
    target->setCurrentIndex(route.target.isEmpty() ? 0 : target->findData(route.target));
    m_proxies->setCellWidget(row, ProxyTargetColumn, target);
    m_proxies->setItem(row, ProxyListenColumn, new QTableWidgetItem(route.listen));
    m_proxies->setItem(row, ProxyUpstreamColumn, new QTableWidgetItem(route.upstream));
}

// Writes the widgets back into the current environment (the connection options, which
// have no column, are kept).
void EnvironmentDialog::save()
{
    if (m_current < 0 || m_current >= m_environments.size())
        return;
    Environment &e = m_environments[m_current];
    e.isProtected = m_protected->isChecked();
    e.isShared = m_shared->isChecked();
    e.variables.clear();
    for (int row = 0; row < m_variables->rowCount(); ++row) {
        const QString name = cellText(m_variables, row, VariableName);
        if (!name.isEmpty())
            e.variables.insert(name,
                m_variables->item(row, VariableValue) ? m_variables->item(row, VariableValue)->text()
                                                      : QString());
    }
    const QList<Connection> old = e.connections;
    e.connections.clear();
    for (int row = 0; row < m_connections->rowCount(); ++row) {
        Connection c;
        c.name = cellText(m_connections, row, NameColumn);
        if (c.name.isEmpty())
            continue;
        for (const Connection &o : old)
            if (o.name == c.name)
                c.options = o.options;
        c.driver = static_cast<QComboBox *>(m_connections->cellWidget(row, DriverColumn))->currentText();
        c.host = cellText(m_connections, row, HostColumn);
        c.port = cellText(m_connections, row, PortColumn).toInt();
        c.database = cellText(m_connections, row, DatabaseColumn);
        c.user = cellText(m_connections, row, UserColumn);
        c.passwordRef = m_connections->item(row, PasswordColumn)->data(Qt::UserRole).toString();
        e.connections.append(c);
    }
    e.proxies.clear();
    for (int row = 0; row < m_proxies->rowCount(); ++row) {
        ProxyRoute r;
        r.target = static_cast<QComboBox *>(m_proxies->cellWidget(row, ProxyTargetColumn))->currentData().toString();
        r.listen = cellText(m_proxies, row, ProxyListenColumn);
        r.upstream = cellText(m_proxies, row, ProxyUpstreamColumn);
        if (!r.listen.isEmpty() || !r.upstream.isEmpty() || !r.target.isEmpty())
            e.proxies.append(r);
    }
}

QList<Environment> EnvironmentDialog::environments() const
{
    const_cast<EnvironmentDialog *>(this)->save();
    return m_environments;
}

void EnvironmentDialog::passwordEdited(int row)
{
    QTableWidgetItem *item = m_connections->item(row, PasswordColumn);
    const QString text = item->text().trimmed();
    if (text.isEmpty() || isSecretReference(text)) {
        item->setData(Qt::UserRole, text);
        if (text != item->text()) {
            m_loading = true;
            item->setText(text);
            m_loading = false;
        }
        m_message->hide();
        return;
    }
    // A typed password is refused: put back the last reference and say what to do.
    m_loading = true;
    item->setText(item->data(Qt::UserRole).toString());
    m_loading = false;
    const QString name = cellText(m_connections, row, NameColumn);
    showMessage(tr("Connection \"%1\": passwords are not stored in the project. Enter a reference such as "
                   "${env:PGPASSWORD} or ${keychain:ENTRY}, or use Set secret… to put it in the keychain.")
                    .arg(name.isEmpty() ? tr("(unnamed)") : name));
}

void EnvironmentDialog::showMessage(const QString &text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString EnvironmentDialog::messageText() const
{
    return !m_message->isHidden() ? m_message->text() : QString();
}

void EnvironmentDialog::addEnvironment()
{
    save();
    QString name = tr("New environment");
    QSet<QString> names;
    for (const Environment &e : std::as_const(m_environments))
        names.insert(e.name);
    for (int n = 2; names.contains(name); ++n)
        name = tr("New environment %1").arg(n);
    Environment e;
    e.id = newId();
    e.name = name;
    m_environments.append(e);
    m_loading = true;
    auto *item = new QListWidgetItem(name, m_list);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_loading = false;
    m_list->setCurrentItem(item);
    m_list->editItem(item);
}

void EnvironmentDialog::renameEnvironment()
{
    if (QListWidgetItem *item = m_list->currentItem())
        m_list->editItem(item);
}

void EnvironmentDialog::removeEnvironment()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_loading = true;
    m_current = -1; // the removed environment is not saved back
    m_environments.removeAt(row);
    delete m_list->takeItem(row);
    m_loading = false;
    m_list->setCurrentRow(std::min(row, int(m_environments.size()) - 1));
    load(m_list->currentRow());
}

void EnvironmentDialog::addVariable()
{
    const int row = m_variables->rowCount();
    m_loading = true;
    m_variables->insertRow(row);
    m_variables->setItem(row, VariableName, new QTableWidgetItem);
    m_variables->setItem(row, VariableValue, new QTableWidgetItem);
    m_loading = false;
    m_variables->setCurrentCell(row, VariableName);
    m_variables->editItem(m_variables->item(row, VariableName));
}

void EnvironmentDialog::addConnection()
{
    m_loading = true;
    insertConnectionRow(Connection());
    m_loading = false;
    const int row = m_connections->rowCount() - 1;
    m_connections->setCurrentCell(row, NameColumn);
    m_connections->editItem(m_connections->item(row, NameColumn));
}

void EnvironmentDialog::askSecret(bool forConnection)
{
    QTableWidget *table = forConnection ? m_connections : m_variables;
    const int row = table->currentRow();
    if (row < 0 || m_current < 0) {
        showMessage(forConnection ? tr("Select the connection whose password to set.")
                                  : tr("Select the variable that should hold the secret."));
        return;
    }
    const QString env = m_environments.at(m_current).name;
    const QString what = cellText(table, row, 0);
    SecretPrompt prompt(
        QStringLiteral("%1/%2").arg(env, what.isEmpty() ? QStringLiteral("secret") : what), this);
    if (prompt.exec() != QDialog::Accepted)
        return;
    const Status status = applySecret(row, forConnection, prompt.entry(), prompt.secret());
    showMessage(status.ok()
            ? tr("Stored in the keychain; the project keeps only ${keychain:%1}.").arg(prompt.entry())
            : status.error(),
        !status.ok());
}

Status EnvironmentDialog::applySecret(
    int row, bool forConnection, const QString &entry, const QString &secret)
{
    if (entry.isEmpty() || entry.contains(QLatin1Char('}')))
        return Status::failure(tr("The keychain entry name must not be empty or contain '}'."));
    if (secret.isEmpty())
        return Status::failure(tr("The secret is empty; nothing was stored."));
    const Status stored = m_store(entry, secret);
    if (!stored.ok())
        return stored;
    const QString reference = QStringLiteral("${keychain:%1}").arg(entry);
    m_loading = true;
    if (forConnection) {
        QTableWidgetItem *item = m_connections->item(row, PasswordColumn);
        item->setText(reference);
        item->setData(Qt::UserRole, reference);
    } else {
        m_variables->item(row, VariableValue)->setText(reference);
    }
    m_loading = false;
    return success();
}

QString EnvironmentDialog::duplicateVariable() const
{
    QSet<QString> seen;
    for (int row = 0; row < m_variables->rowCount(); ++row) {
        const QString name = cellText(m_variables, row, VariableName);
        if (!name.isEmpty() && seen.contains(name))
            return name;
        seen.insert(name);
    }
    return QString();
}

QString EnvironmentDialog::validate() const
{
    QSet<QString> envNames;
    for (const Environment &e : m_environments) {
        if (e.name.isEmpty())
            return tr("An environment has no name.");
        if (envNames.contains(e.name))
            return tr("Two environments are named \"%1\".").arg(e.name);
        envNames.insert(e.name);
        QSet<QString> connectionNames;
        for (const Connection &c : e.connections) {
            if (connectionNames.contains(c.name))
                return tr("%1: two connections are named \"%2\".").arg(e.name, c.name);
            connectionNames.insert(c.name);
            if (c.port < 0 || c.port > 65535)
                return tr("%1: connection \"%2\" has port %3; use 1-65535 or leave it empty.")
                    .arg(e.name, c.name)
                    .arg(c.port);
            if (!c.passwordRef.isEmpty() && !isSecretReference(c.passwordRef))
                return tr("%1: connection \"%2\" holds a plain password; use a reference.")
                    .arg(e.name, c.name);
        }
        if (const QStringList problems = proxyRouteProblems(e); !problems.isEmpty())
            return problems.first();
    }
    return QString();
}

void EnvironmentDialog::accept()
{
    // Duplicate variable names collapse in the map: refuse instead of dropping one silently.
    const QString duplicate = duplicateVariable();
    if (!duplicate.isEmpty()) {
        showMessage(tr("Variable \"%1\" is defined twice.").arg(duplicate));
        return;
    }
    save();
    const QString error = validate();
    if (!error.isEmpty()) {
        showMessage(error);
        return;
    }
    QDialog::accept();
}

} // namespace flowbench
