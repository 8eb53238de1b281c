#pragma once

#include "ConnectPage.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace courier::ui {

// "Connect an Audience Exchange" (docs/exchange-protocol.md): the endpoint's role (source,
// destination or both) and transfer type — PULL (the app fetches from its contact URL) or PUSH
// (a producer pushes to the app's inbox; the app pushes to a consumer) — the identifiers and
// attributes it declares, and its bearer key, which goes to the keychain.
class ExchangeConnectPage : public ConnectPage
{
    Q_OBJECT

public:
    explicit ExchangeConnectPage(QWidget *parent = nullptr);

    QString title() const override;
    QString intro() const override;
    QString problem() const override;
    EndpointDraft draft() const override;

    Endpoint::Role role() const;
    Endpoint::Transfer transfer() const;
    // It pushes its audiences to the app's inbox (a source with transfer PUSH).
    bool isPushProducer() const;
    // A destination that pulls what the app prepares: it calls the app's listener with its key.
    bool isPullConsumer() const;
    // The key as entered (for the inbox, once the endpoint is saved).
    QByteArray key() const;

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *roleBox() const { return m_role; }
    QRadioButton *pullButton() const { return m_pull; }
    QRadioButton *pushButton() const { return m_push; }
    QLabel *transferNote() const { return m_transferNote; }
    QLineEdit *contactUrlEdit() const { return m_contactUrl; }
    QLineEdit *identifiersEdit() const { return m_identifiers; }
    QLineEdit *attributesEdit() const { return m_attributes; }
    QLineEdit *keyEdit() const { return m_key; }

private:
    void updateTransfer();
    static QStringList names(const QLineEdit *edit);

    QLineEdit *m_name = nullptr;
    QComboBox *m_role = nullptr;
    QRadioButton *m_pull = nullptr;
    QRadioButton *m_push = nullptr;
    QLabel *m_transferNote = nullptr;
    QLineEdit *m_contactUrl = nullptr;
    QLineEdit *m_identifiers = nullptr;
    QLineEdit *m_attributes = nullptr;
    QLineEdit *m_key = nullptr;
};

} // namespace courier::ui
