#include "streamdialog.h"

#include "curlcommand.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {

enum HeaderColumn { NameColumn, ValueColumn, SecretColumn };

/** Masks the values of secret headers, in the table and while editing. */
class SecretValueDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    /** Checked, or secret by its name (the one rule, sse::isSecretHeaderName()). */
    static bool isSecret(const QModelIndex &index)
    {
        return index.siblingAtColumn(SecretColumn).data(Qt::CheckStateRole).toInt() == Qt::Checked
            || sse::isSecretHeaderName(index.siblingAtColumn(NameColumn).data().toString().toLatin1());
    }
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (isSecret(index) && !option->text.isEmpty())
            option->text = QString(8, QChar(0x2022));
    }
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *line = qobject_cast<QLineEdit *>(editor); line && isSecret(index))
            line->setEchoMode(QLineEdit::Password);
        return editor;
    }
};

QSpinBox *spin(int min, int max, int step, const QString &suffix, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(min, max);
    box->setSingleStep(step);
    box->setSuffix(suffix);
    box->setAccelerated(true);
    return box;
}

bool isIdentityEncoding(const sse::Header &h)
{
    return h.name.compare("Accept-Encoding", Qt::CaseInsensitive) == 0
        && h.value.trimmed().compare("identity", Qt::CaseInsensitive) == 0;
}

} // namespace

StreamDialog::StreamDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_method(new QComboBox(this))
    , m_headers(new QTableWidget(0, 3, this))
    , m_body(new QPlainTextEdit(this))
    , m_lastEventId(new QLineEdit(this))
    , m_ignoreTlsErrors(new QCheckBox(tr("Ignore TLS certificate errors (insecure)"), this))
    , m_uncompressed(new QCheckBox(tr("Ask for an uncompressed stream (Accept-Encoding: identity)"), this))
    , m_http2PriorKnowledge(new QCheckBox(tr("Speak HTTP/2 from the start (cleartext, prior knowledge)"), this))
    , m_mode(new QComboBox(this))
    , m_initialDelay(spin(0, 3600000, 500, tr(" ms"), this))
    , m_maxDelay(spin(0, 86400000, 1000, tr(" ms"), this))
    , m_jitter(new QCheckBox(tr("Randomise delays (full jitter)"), this))
    , m_maxRetries(spin(-1, 1000000, 1, QString(), this))
    , m_idleTimeout(spin(0, 86400000, 1000, tr(" ms"), this))
    , m_connectTimeout(spin(0, 86400000, 1000, tr(" ms"), this))
    , m_silentAfter(spin(0, 86400000, 1000, tr(" ms"), this))
    , m_maxEventMiB(spin(1, 1024, 1, tr(" MiB"), this))
    , m_autoConnect(new QCheckBox(tr("Connect when SSE Monitor starts"), this))
    , m_notes(new QLabel(this))
{
    setWindowTitle(tr("Stream"));
    m_url->setFocus(); // the URL is what a new stream starts with
    QWidget::setTabOrder(m_url, m_name);
    // A curl command pasted into the URL field fills the whole dialog, as the button does.
    connect(m_url, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (text.trimmed().startsWith(QStringLiteral("curl ")) && applyCurlCommand(text).isEmpty())
            m_url->setCursorPosition(0);
    });
    m_url->setPlaceholderText(QStringLiteral("https://api.example.com/events"));
    m_name->setPlaceholderText(tr("Shown on the tab"));
    m_method->setEditable(true);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH")});
    m_headers->setHorizontalHeaderLabels({tr("Name"), tr("Value"), tr("Secret")});
    m_headers->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    m_headers->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_headers->horizontalHeader()->setSectionResizeMode(SecretColumn, QHeaderView::ResizeToContents);
    m_headers->verticalHeader()->hide();
    m_headers->setItemDelegateForColumn(ValueColumn, new SecretValueDelegate(m_headers));
    // A name that is secret by rule (X-Api-Key ...) ticks its box as it is typed, as the same
    // header from a pasted curl command arrives ticked.
    connect(m_headers, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        QTableWidgetItem *secret = m_headers->item(item->row(), SecretColumn);
        if (item->column() == NameColumn && secret
            && sse::isSecretHeaderName(item->text().trimmed().toLatin1()))
            secret->setCheckState(Qt::Checked);
    });
    m_headers->setAccessibleName(tr("Request headers"));
    m_headers->setMinimumHeight(110);
    m_body->setPlaceholderText(tr("Request body (for POST streams), e.g. JSON"));
    m_body->setTabChangesFocus(true);
    m_body->setMaximumHeight(90);
    m_lastEventId->setPlaceholderText(tr("Sent as Last-Event-ID on the first connection"));
    m_ignoreTlsErrors->setObjectName(QStringLiteral("ignoreTlsErrors"));
    // clicked, not toggled: only the user's own click asks; setConfig() restores silently.
    connect(m_ignoreTlsErrors, &QCheckBox::clicked, this, [this](bool checked) {
        if (checked)
            confirmIgnoreTlsErrors();
    });
    connect(m_url, &QLineEdit::textChanged, this, &StreamDialog::updateTlsOption);
    m_http2PriorKnowledge->setObjectName(QStringLiteral("http2PriorKnowledge"));
    // Disabled, the box shows what is sent (nothing), not the choice: see updateHttp2Option().
    connect(m_http2PriorKnowledge, &QCheckBox::toggled, this, [this](bool checked) {
        if (m_http2PriorKnowledge->isEnabled())
            m_http2Wanted = checked;
    });
    connect(m_url, &QLineEdit::textChanged, this, &StreamDialog::updateHttp2Option);
    m_mode->addItem(tr("Monitor: retry transient HTTP errors with backoff"));
    m_mode->addItem(tr("Spec-strict: exactly like a browser's EventSource"));
    m_maxRetries->setSpecialValueText(tr("Unlimited"));
    m_idleTimeout->setSpecialValueText(tr("Off"));
    m_connectTimeout->setSpecialValueText(tr("System default"));
    m_silentAfter->setSpecialValueText(tr("Learned from the stream"));
    m_silentAfter->setToolTip(tr("An open stream that sends nothing (no event, no comment) for this "
                                 "long reads Silent. By default the monitor learns it from the "
                                 "stream's own rhythm."));
    m_connectTimeout->setToolTip(tr("How long an attempt may take to connect (TCP, TLS handshake) "
                                    "and send its request before it counts as failed and is "
                                    "retried. After that the monitor waits for the response as "
                                    "long as the connection lives, as browsers and curl do."));
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::PlainText);
    m_notes->hide();

    auto *addHeader = new QPushButton(tr("Add header"), this);
    auto *removeHeader = new QPushButton(tr("Remove header"), this);
    connect(addHeader, &QPushButton::clicked, this, [this] {
        addHeaderRow({});
        m_headers->editItem(m_headers->item(m_headers->rowCount() - 1, NameColumn));
    });
    connect(removeHeader, &QPushButton::clicked, this, [this] {
        if (m_headers->currentRow() >= 0)
            m_headers->removeRow(m_headers->currentRow());
    });
    auto *headerButtons = new QHBoxLayout;
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(removeHeader);
    headerButtons->addStretch();

    auto *pasteCurl = new QPushButton(tr("Paste a curl command…"), this);
    connect(pasteCurl, &QPushButton::clicked, this, &StreamDialog::pasteCurl);

    auto *request = new QFormLayout;
    request->addRow(tr("&URL:"), m_url);
    request->addRow(tr("&Name:"), m_name);
    request->addRow(tr("&Method:"), m_method);
    request->addRow(tr("&Headers:"), m_headers);
    request->addRow(QString(), headerButtons);
    request->addRow(tr("&Body:"), m_body);
    request->addRow(tr("&Last-Event-ID:"), m_lastEventId);
    request->addRow(QString(), m_uncompressed);
    request->addRow(QString(), m_http2PriorKnowledge);
    request->addRow(QString(), m_ignoreTlsErrors);
    m_uncompressed->setToolTip(tr("Like browsers, the monitor offers gzip, deflate, br and zstd, "
                                  "which invites a proxy to compress the stream; a compressor "
                                  "that is not flushed after each event holds events back. "
                                  "Turn this on to see whether compression is the cause."));

    auto *policyBox = new QGroupBox(tr("Reconnecting"), this);
    auto *policy = new QFormLayout(policyBox);
    policy->addRow(tr("&Policy:"), m_mode);
    policy->addRow(tr("&Initial delay:"), m_initialDelay);
    policy->addRow(tr("Ma&ximum delay:"), m_maxDelay);
    policy->addRow(QString(), m_jitter);
    policy->addRow(tr("Max &retries:"), m_maxRetries);
    policy->addRow(tr("I&dle timeout:"), m_idleTimeout);
    policy->addRow(tr("&Connect timeout:"), m_connectTimeout);
    policy->addRow(tr("Silent &after:"), m_silentAfter);
    policy->addRow(tr("Max event &size:"), m_maxEventMiB);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) {
        const bool monitor = index == 0;
        m_maxDelay->setEnabled(monitor);
        m_jitter->setEnabled(monitor);
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &StreamDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &StreamDialog::reject);

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addStretch();
    top->addWidget(pasteCurl);
    layout->addLayout(top);
    layout->addLayout(request);
    layout->addWidget(policyBox);
    layout->addWidget(m_autoConnect);
    layout->addWidget(m_notes);
    layout->addWidget(buttons);

    setConfig(sse::StreamConfig{});
    resize(640, sizeHint().height());
}

void StreamDialog::addHeaderRow(const sse::Header &header)
{
    const int row = m_headers->rowCount();
    m_headers->insertRow(row);
    m_headers->setItem(row, NameColumn, new QTableWidgetItem(QString::fromUtf8(header.name)));
    m_headers->setItem(row, ValueColumn, new QTableWidgetItem(QString::fromUtf8(header.value)));
    auto *secret = new QTableWidgetItem;
    secret->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    secret->setCheckState(header.isSecret() ? Qt::Checked : Qt::Unchecked);
    secret->setToolTip(tr("Secret headers are masked, never sent to another origin after a "
                          "redirect, and not saved in plain text."));
    m_headers->setItem(row, SecretColumn, secret);
}

void StreamDialog::setConfig(const sse::StreamConfig &config)
{
    m_base = config;
    m_name->setText(config.name);
    m_url->setText(config.request.url.toString());
    m_method->setCurrentText(QString::fromLatin1(config.request.method));
    m_headers->setRowCount(0);
    bool uncompressed = false;
    for (const sse::Header &h : config.request.headers) {
        if (isIdentityEncoding(h))
            uncompressed = true; // shown as the check box, not as a row
        else
            addHeaderRow(h);
    }
    m_uncompressed->setChecked(uncompressed);
    m_body->setPlainText(QString::fromUtf8(config.request.body));
    m_lastEventId->setText(QString::fromUtf8(config.request.lastEventId));
    m_ignoreTlsErrors->setChecked(config.request.ignoreTlsErrors);
    updateTlsOption();
    m_http2Wanted = config.request.http2PriorKnowledge;
    updateHttp2Option();
    m_mode->setCurrentIndex(config.policy.mode == sse::ReconnectPolicy::Mode::SpecStrict ? 1 : 0);
    m_initialDelay->setValue(config.policy.initialDelayMs);
    m_maxDelay->setValue(config.policy.maxDelayMs);
    m_jitter->setChecked(config.policy.jitter);
    m_maxRetries->setValue(config.policy.maxRetries);
    m_idleTimeout->setValue(config.idleTimeoutMs);
    m_connectTimeout->setValue(config.connectTimeoutMs);
    m_silentAfter->setValue(config.silentAfterMs);
    m_maxEventMiB->setValue(int(qBound(qsizetype(1), config.maxEventBytes / (1024 * 1024), qsizetype(1024))));
    m_autoConnect->setChecked(config.autoConnect);
}

sse::StreamConfig StreamDialog::config() const
{
    sse::StreamConfig c = m_base;
    c.request.url = QUrl::fromUserInput(m_url->text().trimmed());
    c.name = m_name->text().trimmed();
    if (c.name.isEmpty())
        c.name = autoName(c.request.url, c.request.method);
    c.request.method = m_method->currentText().trimmed().toUpper().toLatin1();
    c.request.headers.clear();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QString name = m_headers->item(row, NameColumn)->text().trimmed();
        if (name.isEmpty())
            continue;
        c.request.headers.append({name.toLatin1(), m_headers->item(row, ValueColumn)->text().toUtf8(),
                                  m_headers->item(row, SecretColumn)->checkState() == Qt::Checked});
    }
    const bool encodingSet = std::any_of(c.request.headers.cbegin(), c.request.headers.cend(),
                                         [](const sse::Header &h) {
        return h.name.compare("Accept-Encoding", Qt::CaseInsensitive) == 0;
    });
    if (m_uncompressed->isChecked() && !encodingSet)
        c.request.headers.append({QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("identity"), false});
    c.request.body = m_body->toPlainText().toUtf8();
    c.request.lastEventId = m_lastEventId->text().toUtf8();
    c.request.ignoreTlsErrors = m_ignoreTlsErrors->isEnabled() && m_ignoreTlsErrors->isChecked();
    c.request.http2PriorKnowledge = m_http2PriorKnowledge->isEnabled() && m_http2PriorKnowledge->isChecked();
    c.policy.mode = m_mode->currentIndex() == 1 ? sse::ReconnectPolicy::Mode::SpecStrict
                                                : sse::ReconnectPolicy::Mode::Monitor;
    c.policy.initialDelayMs = m_initialDelay->value();
    c.policy.maxDelayMs = m_maxDelay->value();
    c.policy.jitter = m_jitter->isChecked();
    c.policy.maxRetries = m_maxRetries->value();
    c.idleTimeoutMs = m_idleTimeout->value();
    c.connectTimeoutMs = m_connectTimeout->value();
    c.silentAfterMs = m_silentAfter->value();
    c.maxEventBytes = qsizetype(m_maxEventMiB->value()) * 1024 * 1024;
    c.autoConnect = m_autoConnect->isChecked();
    return c;
}

QString StreamDialog::validationError() const
{
    const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
    if (m_url->text().trimmed().isEmpty())
        return tr("Enter the URL of the event stream.");
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return tr("“%1” is not an http or https URL.").arg(m_url->text().trimmed());
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QString name = m_headers->item(row, NameColumn)->text().trimmed();
        if (name.isEmpty())
            continue;
        if (!sse::isHttpToken(name.toLatin1()) || name.toLatin1() != name.toUtf8())
            return tr("“%1” is not a valid header name.").arg(name);
    }
    if (m_method->currentText().trimmed().isEmpty())
        return tr("Enter an HTTP method.");
    return {};
}

void StreamDialog::accept()
{
    const QString error = validationError();
    if (!error.isEmpty()) {
        QMessageBox::warning(this, windowTitle(), error);
        return;
    }
    QDialog::accept();
}

QString StreamDialog::autoName(const QUrl &url, const QByteArray &method)
{
    QString name = url.host();
    if (url.port() >= 0)
        name += u':' + QString::number(url.port());
    name += url.path();
    if (url.hasQuery()) {
        QString query = url.query(QUrl::PrettyDecoded);
        if (query.size() > 40)
            query = query.left(39) + QChar(0x2026);
        name += u'?' + query;
    }
    if (!method.isEmpty() && method != "GET")
        name = QString::fromLatin1(method) + u' ' + name;
    return name;
}

QString StreamDialog::applyCurlCommand(const QString &command)
{
    const sse::CurlCommand::Result result = sse::CurlCommand::parse(command);
    if (!result.ok)
        return result.error;
    sse::StreamConfig c = config();
    c.request = result.request;
    if (m_name->text().trimmed().isEmpty())
        c.name.clear();
    setConfig(c);
    if (m_name->text().trimmed().isEmpty())
        m_name->setText(autoName(result.request.url, result.request.method));
    m_notes->setText(result.warnings.isEmpty()
                         ? tr("Filled from the curl command.")
                         : tr("Filled from the curl command. Notes: %1").arg(result.warnings.join(QStringLiteral("; "))));
    m_notes->show();
    return {};
}

void StreamDialog::updateTlsOption()
{
    // Only https has certificates. Leaving https clears the option, so coming back to it
    // asks again.
    const bool https = QUrl::fromUserInput(m_url->text().trimmed()).scheme() == u"https";
    m_ignoreTlsErrors->setEnabled(https);
    if (!https)
        m_ignoreTlsErrors->setChecked(false);
    m_ignoreTlsErrors->setToolTip(
        https ? tr("Accept the server's certificate even when it cannot be verified (self-signed, "
                   "expired, another host). The connection is then not authenticated.")
              : tr("Only for https:// URLs."));
}

void StreamDialog::updateHttp2Option()
{
    // Prior knowledge is for cleartext only: over https Qt negotiates HTTP/2 in the TLS
    // handshake (ALPN) anyway. The box reads unticked there, and the user's choice comes back
    // with an http:// URL, so typing through "http" to "https" and back loses nothing.
    const bool http = QUrl::fromUserInput(m_url->text().trimmed()).scheme() == u"http";
    m_http2PriorKnowledge->setEnabled(http);
    m_http2PriorKnowledge->setChecked(http && m_http2Wanted);
    m_http2PriorKnowledge->setToolTip(
        http ? tr("Send HTTP/2 from the first byte instead of HTTP/1.1, like curl's "
                  "--http2-prior-knowledge. Only for a server known to speak cleartext HTTP/2 "
                  "(h2c), such as node's http2 module, Go's h2c or hypercorn: events then "
                  "arrive in HTTP/2 frames, far cheaper than one HTTP/1.1 chunk each. A server "
                  "that does not speak it fails the connection.")
             : tr("Only for http:// URLs: over https, HTTP/2 is negotiated during the TLS "
                  "handshake by itself."));
}

void StreamDialog::confirmIgnoreTlsErrors()
{
    QMessageBox box(QMessageBox::Warning, tr("Ignore TLS certificate errors?"),
                    tr("The stream will accept any certificate, even one that cannot be "
                       "verified."),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("ignoreTlsErrorsWarning"));
    box.setInformativeText(
        tr("The connection stays encrypted but is no longer authenticated: anyone on the network "
           "between you and the server can impersonate it, read the stream and alter it — "
           "credentials and secret headers included. Use this only for a test server you "
           "control, never on an untrusted network. While it is on, the stream's status shows "
           "“Insecure”."));
    box.button(QMessageBox::Yes)->setText(tr("Ignore Certificate Errors"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.setEscapeButton(QMessageBox::Cancel);
    if (box.exec() != QMessageBox::Yes)
        m_ignoreTlsErrors->setChecked(false);
}

void StreamDialog::pasteCurl()
{
    bool ok = false;
    const QString command = QInputDialog::getMultiLineText(
        this, tr("Paste a curl command"),
        tr("A curl command line, e.g. from your browser's “Copy as cURL”:"), QString(), &ok);
    if (!ok || command.trimmed().isEmpty())
        return;
    const QString error = applyCurlCommand(command);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Paste a curl command"), error);
}
