#include "testcases/checkforms/httpcheckform.h"
#include "checks/httpcheck.h"
#include "checks/httpmultipart.h"
#include "testcases/checkforms/committingtextedit.h"
#include "testcases/checkforms/keyvaluetable.h"
#include "testcases/checkforms/timeoutbox.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStackedWidget>

namespace flowbench {

namespace {

enum BodyPage { NoBody, RawBody, JsonBody, FormBody, MultipartBody };

KeyValueTable::Pairs pairsOf(const QJsonObject &object)
{
    KeyValueTable::Pairs pairs;
    for (auto it = object.begin(); it != object.end(); ++it)
        pairs.append({ it.key(), it.value().toVariant().toString() });
    return pairs;
}

QJsonObject objectOf(const KeyValueTable::Pairs &pairs)
{
    QJsonObject object;
    for (const auto &p : pairs)
        object.insert(p.first, p.second);
    return object;
}

// Parses the JSON body text; an empty text is an error too, as the mode asks for JSON.
QJsonDocument parseBody(const QString &text, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text.toUtf8() + "]", &parseError);
    if (parseError.error != QJsonParseError::NoError || doc.array().size() != 1) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                  : QStringLiteral("empty");
        return QJsonDocument();
    }
    return doc;
}

} // namespace

HttpCheckForm::HttpCheckForm(QWidget *parent)
    : CheckForm(QStringLiteral("http"), parent)
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_headers(new KeyValueTable(tr("Header"), tr("Value"), this))
    , m_bodyMode(new QComboBox(this))
    , m_bodyPages(new QStackedWidget(this))
    , m_raw(new CommittingTextEdit(this))
    , m_json(new CommittingTextEdit(this))
    , m_form(new KeyValueTable(tr("Field"), tr("Value"), this))
    , m_multipart(new CommittingTextEdit(this))
    , m_authUser(new QLineEdit(this))
    , m_authPassword(new QLineEdit(this))
    , m_timeout(new TimeoutBox(field(QStringLiteral("timeout_ms")), 1000, this))
{
    m_method->setObjectName(QStringLiteral("method"));
    m_method->addItems(field(QStringLiteral("method")).choiceValues());
    m_method->setToolTip(field(QStringLiteral("method")).description);
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setPlaceholderText(tr("{{base_url}}/orders/{{order_id}}"));
    m_url->setToolTip(field(QStringLiteral("url")).description);
    m_bodyMode->setObjectName(QStringLiteral("bodyMode"));
    m_bodyMode->addItem(tr("No body"), QString());
    m_bodyMode->addItem(tr("Raw text"), QStringLiteral("raw"));
    m_bodyMode->addItem(tr("JSON"), QStringLiteral("json"));
    m_bodyMode->addItem(tr("Form fields"), QStringLiteral("form"));
    m_bodyMode->addItem(tr("Multipart (form-data)"), QStringLiteral("multipart"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_raw->setFont(mono);
    m_json->setFont(mono);
    m_json->setObjectName(QStringLiteral("bodyJson"));
    m_json->setPlaceholderText(tr("{\"sku\": \"A-1\", \"quantity\": 2}"));
    auto *none = new QLabel(tr("The request has no body."), this);
    none->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_bodyPages->addWidget(none);
    m_bodyPages->addWidget(m_raw);
    m_bodyPages->addWidget(m_json);
    m_bodyPages->addWidget(m_form);
    m_bodyPages->addWidget(m_multipart);
    m_multipart->setFont(mono);
    m_multipart->setObjectName(QStringLiteral("bodyMultipart"));
    m_multipart->setPlaceholderText(
        tr("[{\"name\": \"title\", \"value\": \"{{title}}\"}, {\"name\": \"photo\", \"file\": "
           "\"fixtures/photo.png\", \"content_type\": \"image/png\"}]"));
    m_authUser->setObjectName(QStringLiteral("authUser"));
    m_authUser->setPlaceholderText(tr("basic-auth user (empty: no auth)"));
    m_authUser->setToolTip(field(QStringLiteral("auth")).description);
    m_authPassword->setObjectName(QStringLiteral("authPassword"));
    m_authPassword->setPlaceholderText(tr("${env:API_PASSWORD} or {{api_password}}"));
    m_authPassword->setToolTip(field(QStringLiteral("auth")).description);
    m_bodyPages->setMaximumHeight(130);
    showBodyPage(NoBody);

    addRow(tr("&Method:"), m_method);
    m_urlError = addField(tr("&URL:"), m_url);
    addRow(tr("&Headers:"), m_headers);
    addRow(tr("&Body:"), m_bodyMode);
    m_bodyError = addField(QString(), m_bodyPages);
    addRow(tr("Basic &auth user:"), m_authUser);
    m_authError = addField(tr("Pass&word ref:"), m_authPassword);
    addRow(tr("&Timeout:"), m_timeout);

    connect(m_method, QOverload<int>::of(&QComboBox::activated), this, &HttpCheckForm::commit);
    connect(m_url, &QLineEdit::editingFinished, this, &HttpCheckForm::commit);
    connect(
        m_url, &QLineEdit::textEdited, this, &HttpCheckForm::validateSpec); // clear the error as one types
    connect(m_headers, &KeyValueTable::edited, this, &HttpCheckForm::commit);
    connect(m_bodyMode, QOverload<int>::of(&QComboBox::activated), this, [this](int index) {
        showBodyPage(index);
        commit();
    });
    connect(m_raw, &CommittingTextEdit::editingFinished, this, &HttpCheckForm::commit);
    connect(m_json, &CommittingTextEdit::editingFinished, this, &HttpCheckForm::commit);
    connect(m_form, &KeyValueTable::edited, this, &HttpCheckForm::commit);
    connect(m_multipart, &CommittingTextEdit::editingFinished, this, &HttpCheckForm::commit);
    connect(m_authUser, &QLineEdit::editingFinished, this, &HttpCheckForm::commit);
    connect(m_authPassword, &QLineEdit::editingFinished, this, &HttpCheckForm::commit);
    connect(m_timeout, &QSpinBox::editingFinished, this, &HttpCheckForm::commit);
}

void HttpCheckForm::loadSpec(const QJsonObject &spec)
{
    const QString method = spec.value(QStringLiteral("method"))
                               .toString(field(QStringLiteral("method")).defaultValue.toString())
                               .toUpper();
    if (m_method->findText(method) < 0)
        m_method->addItem(method);
    m_method->setCurrentText(method);
    m_url->setText(spec.value(QStringLiteral("url")).toString());
    m_headers->setPairs(pairsOf(spec.value(QStringLiteral("headers")).toObject()));

    const QJsonObject body = spec.value(QStringLiteral("body")).toObject();
    const QString mode = body.value(QStringLiteral("mode")).toString();
    const int page = mode == QLatin1String("raw") ? RawBody
        : mode == QLatin1String("json")           ? JsonBody
        : mode == QLatin1String("form")           ? FormBody
        : mode == QLatin1String("multipart")      ? MultipartBody
                                                  : NoBody;
    m_bodyMode->setCurrentIndex(page);
    showBodyPage(page);
    m_raw->setTextQuietly(body.value(QStringLiteral("raw")).toString());
    const QJsonValue json = body.value(QStringLiteral("json"));
    m_json->setTextQuietly(json.isUndefined() ? QString()
            : json.isObject()                 ? QString::fromUtf8(QJsonDocument(json.toObject()).toJson())
            : json.isArray()
            ? QString::fromUtf8(QJsonDocument(json.toArray()).toJson())
            : QString::fromUtf8(QJsonDocument(QJsonArray { json }).toJson(QJsonDocument::Compact))
                  .mid(1)
                  .chopped(1));
    m_form->setPairs(pairsOf(body.value(QStringLiteral("form")).toObject()));
    const QJsonArray parts = body.value(QStringLiteral("multipart")).toArray();
    m_multipart->setTextQuietly(
        parts.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(parts).toJson()));
    const QJsonObject auth = spec.value(QStringLiteral("auth")).toObject();
    m_authUser->setText(auth.value(QStringLiteral("user")).toString());
    m_authPassword->setText(auth.value(QStringLiteral("password")).toString());
    m_timeout->load(spec);
}

// A stacked widget is as tall as its tallest page; the hidden pages are made to not count.
void HttpCheckForm::showBodyPage(int page)
{
    for (int i = 0; i < m_bodyPages->count(); ++i)
        m_bodyPages->widget(i)->setSizePolicy(
            QSizePolicy::Preferred, i == page ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    m_bodyPages->setCurrentIndex(page);
    m_bodyPages->adjustSize();
}

QJsonObject HttpCheckForm::writeSpec(QJsonObject spec) const
{
    spec.insert(QStringLiteral("method"), m_method->currentText());
    spec.insert(QStringLiteral("url"), m_url->text().trimmed());
    const QJsonObject headers = objectOf(m_headers->pairs());
    if (headers.isEmpty())
        spec.remove(QStringLiteral("headers"));
    else
        spec.insert(QStringLiteral("headers"), headers);

    const QJsonObject oldBody = spec.value(QStringLiteral("body")).toObject();
    const QString mode = m_bodyMode->currentData().toString();
    if (mode.isEmpty()) {
        spec.remove(QStringLiteral("body"));
    } else if (mode == QLatin1String("raw")) {
        spec.insert(QStringLiteral("body"),
            QJsonObject {
                { QStringLiteral("mode"), mode }, { QStringLiteral("raw"), m_raw->toPlainText() } });
    } else if (mode == QLatin1String("multipart")) {
        // Parts that do not parse are not saved: the last valid list stays.
        const QJsonDocument doc = QJsonDocument::fromJson(m_multipart->toPlainText().toUtf8());
        const QJsonArray parts
            = doc.isArray() ? doc.array() : oldBody.value(QStringLiteral("multipart")).toArray();
        spec.insert(QStringLiteral("body"),
            QJsonObject { { QStringLiteral("mode"), mode }, { QStringLiteral("multipart"), parts } });
    } else if (mode == QLatin1String("form")) {
        spec.insert(QStringLiteral("body"),
            QJsonObject {
                { QStringLiteral("mode"), mode }, { QStringLiteral("form"), objectOf(m_form->pairs()) } });
    } else {
        // Invalid JSON is not saved: the last valid body stays until the text parses.
        const QJsonDocument doc = parseBody(m_json->toPlainText(), nullptr);
        const QJsonValue json = doc.isNull() ? oldBody.value(QStringLiteral("json")) : doc.array().first();
        QJsonObject body { { QStringLiteral("mode"), mode } };
        if (!json.isUndefined())
            body.insert(QStringLiteral("json"), json);
        spec.insert(QStringLiteral("body"), body);
    }
    const QString user = m_authUser->text().trimmed();
    const QJsonObject auth { { QStringLiteral("type"), QStringLiteral("basic") },
        { QStringLiteral("user"), user }, { QStringLiteral("password"), m_authPassword->text().trimmed() } };
    if (user.isEmpty())
        spec.remove(QStringLiteral("auth"));
    else if (field(QStringLiteral("auth")).check(auth))
        spec.insert(QStringLiteral("auth"), auth);
    // else: a typed password is never saved; the last valid auth stays until it is a reference.
    m_timeout->write(spec);
    return spec;
}

void HttpCheckForm::validateSpec()
{
    // The rule validate() applies (HttpCheck::urlProblem), in the form's words.
    const QString url = m_url->text().trimmed();
    const QString problem = HttpCheck::urlProblem(url);
    const QString urlError = url.isEmpty() ? tr("The URL is empty.")
        : problem.isEmpty()                ? QString()
                                           : tr("The URL %1.").arg(problem);
    showError(m_urlError, urlError);

    QString bodyError;
    if (m_bodyMode->currentData().toString() == QLatin1String("json")) {
        QString parseError;
        if (parseBody(m_json->toPlainText(), &parseError).isNull())
            bodyError = tr("The body is not valid JSON (%1); it is saved once it parses. "
                           "Put {{variables}} inside strings.")
                            .arg(parseError);
    }
    if (m_bodyMode->currentData().toString() == QLatin1String("multipart")) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(m_multipart->toPlainText().toUtf8(), &parseError);
        if (!doc.isArray())
            bodyError = tr("The parts are not a JSON list (%1); they are saved once they parse.")
                            .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                              : tr("not a list"));
        else if (const Status s = HttpMultipartBody::check(doc.array()); !s)
            bodyError = s.error();
    }
    showError(m_bodyError, bodyError);

    // The rule validate() applies to spec.auth, in its words.
    QString authError;
    if (!m_authUser->text().trimmed().isEmpty()) {
        const QJsonObject auth { { QStringLiteral("type"), QStringLiteral("basic") },
            { QStringLiteral("user"), m_authUser->text().trimmed() },
            { QStringLiteral("password"), m_authPassword->text().trimmed() } };
        if (const Status s = field(QStringLiteral("auth")).check(auth); !s)
            authError = s.error();
    }
    showError(m_authError, authError);
}

} // namespace flowbench
