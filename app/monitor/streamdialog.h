#pragma once

#include "session.h"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;
QT_END_NAMESPACE

/** Creates or edits one stream: request, reconnect policy, limits and auto-connect. */
class StreamDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamDialog)
public:
    explicit StreamDialog(QWidget *parent = nullptr);

    void setConfig(const sse::StreamConfig &config);
    /** The configuration as edited; valid when the dialog was accepted. */
    sse::StreamConfig config() const;

    /** Fills the request fields from a curl command line; returns an error text or "". */
    QString applyCurlCommand(const QString &command);
    /** The "Ignore TLS certificate errors (insecure)" check box (for tests). */
    QCheckBox *ignoreTlsErrorsBox() const { return m_ignoreTlsErrors; }
    QLineEdit *urlEdit() const { return m_url; }
    /** The name a stream gets when the user gives none: host, port when not the default,
     *  path, query, and the method when it is not GET, so that streams to the same endpoint
     *  with other parameters can be told apart. */
    static QString autoName(const QUrl &url, const QByteArray &method = QByteArrayLiteral("GET"));
    /** "Ask for an uncompressed stream": the header Accept-Encoding: identity. */
    QCheckBox *uncompressedBox() const { return m_uncompressed; }
    /** "Speak HTTP/2 from the start": StreamRequest::http2PriorKnowledge, http:// URLs only. */
    QCheckBox *http2PriorKnowledgeBox() const { return m_http2PriorKnowledge; }
    /** Why the current input cannot be accepted, or "" when it can. */
    QString validationError() const;

    void accept() override;

private:
    void addHeaderRow(const sse::Header &header);
    void pasteCurl();
    /** The user checked "ignore TLS errors": warn, and keep it only on explicit consent. */
    void confirmIgnoreTlsErrors();
    void updateTlsOption();
    void updateHttp2Option();

    QLineEdit *m_name;
    QLineEdit *m_url;
    QComboBox *m_method;
    QTableWidget *m_headers;
    QPlainTextEdit *m_body;
    QLineEdit *m_lastEventId;
    QCheckBox *m_ignoreTlsErrors;
    QCheckBox *m_uncompressed;
    QCheckBox *m_http2PriorKnowledge;
    bool m_http2Wanted = false; // the user's choice, kept while the URL is not http://
    QComboBox *m_mode;
    QSpinBox *m_initialDelay;
    QSpinBox *m_maxDelay;
    QCheckBox *m_jitter;
    QSpinBox *m_maxRetries;
    QSpinBox *m_idleTimeout;
    QSpinBox *m_connectTimeout;
    QSpinBox *m_silentAfter;
    QSpinBox *m_maxEventMiB;
    QCheckBox *m_autoConnect;
    QLabel *m_notes;
    sse::StreamConfig m_base; // fields the dialog does not show are kept as they were
};
