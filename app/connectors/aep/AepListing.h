#pragma once

#include "AepApi.h"
#include "AepSettings.h"
#include "AepTokenSession.h"
#include "connectors/Source.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>

namespace courier {

// Lists the segment definitions (audiences) of an Experience Platform sandbox for the cache:
// GET data/core/ups/segment/definitions?start=&limit=100, page after page until
// page.totalCount is reached or link.next is empty. Every definition becomes an AudienceInfo
// (externalId = segment id) whose columns are those an export gives (AepMembershipQuery).
// Destroying the listing cancels it.
class AepListing final : public QObject
{
    Q_OBJECT

public:
    static constexpr int PageSize = 100;

    AepListing(ConnectorContext &context, SourceConnector::ListDone done,
               QObject *parent = nullptr);
    ~AepListing() override;

    void start();

private:
    void requestPage();
    void onPage(const AepReply &reply);
    void finish(bool ok, const QString &error = {});

    ConnectorContext &m_context;
    AepSettings m_settings;
    QString m_settingsError;
    bool m_settingsOk = false;
    AepTokenSession m_session;
    AepApi m_api;
    SourceConnector::ListDone m_done;
    QList<AudienceInfo> m_audiences;
    int m_start = 0;
};

} // namespace courier
