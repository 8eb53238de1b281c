#pragma once

#include "ConnectPage.h"

class QComboBox;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace courier::ui {

// "Connect Adobe Experience Platform": the organisation, sandbox and OAuth server-to-server
// credential (its secret to the keychain), the dataset the exports go to and the Query Service
// connection that reads them back; IMS and Platform addresses under Advanced.
class AepConnectPage : public ConnectPage
{
    Q_OBJECT

public:
    explicit AepConnectPage(QWidget *parent = nullptr);

    QString title() const override;
    QString intro() const override;
    QString problem() const override;
    EndpointDraft draft() const override;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *orgIdEdit() const { return m_orgId; }
    QLineEdit *sandboxNameEdit() const { return m_sandboxName; }
    QLineEdit *clientIdEdit() const { return m_clientId; }
    QLineEdit *clientSecretEdit() const { return m_clientSecret; }
    QLineEdit *datasetIdEdit() const { return m_datasetId; }
    QLineEdit *queryHostEdit() const { return m_queryHost; }
    QSpinBox *queryPortBox() const { return m_queryPort; }
    QLineEdit *queryDatabaseEdit() const { return m_queryDatabase; }
    QLineEdit *queryTableEdit() const { return m_queryTable; }
    QComboBox *sslModeBox() const { return m_sslMode; }
    QComboBox *dialectBox() const { return m_dialect; }
    QToolButton *advancedButton() const { return m_advancedToggle; }
    QLineEdit *imsUrlEdit() const { return m_imsUrl; }
    QLineEdit *platformUrlEdit() const { return m_platformUrl; }

private:
    QLineEdit *lineEdit(const QString &objectName, const QString &accessibleName);

    QLineEdit *m_name = nullptr;
    QLineEdit *m_orgId = nullptr;
    QLineEdit *m_sandboxName = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_clientSecret = nullptr;
    QLineEdit *m_datasetId = nullptr;
    QLineEdit *m_queryHost = nullptr;
    QSpinBox *m_queryPort = nullptr;
    QLineEdit *m_queryDatabase = nullptr;
    QLineEdit *m_queryTable = nullptr;
    QComboBox *m_sslMode = nullptr;
    QComboBox *m_dialect = nullptr;
    QToolButton *m_advancedToggle = nullptr;
    QLineEdit *m_imsUrl = nullptr;
    QLineEdit *m_platformUrl = nullptr;
};

} // namespace courier::ui
