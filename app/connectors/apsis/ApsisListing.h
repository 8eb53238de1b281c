#pragma once

#include "ApsisApi.h"
#include "ApsisDetails.h"
#include "ApsisTokenSession.h"
#include "connectors/Source.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QList>
#include <QObject>

namespace courier {

// Lists an APSIS One account's segments for the cache: GET audience/sections, then for each
// section its attributes, tags, event types and segments (one request after the other: the
// account's rate limits are shared with running exports). Every segment becomes an AudienceInfo
// whose details hold its section's definitions (ApsisDetails), so a fetch needs no definition
// calls. Destroying the listing cancels it.
class ApsisListing final : public QObject
{
    Q_OBJECT

public:
    ApsisListing(ConnectorContext &context, SourceConnector::ListDone done,
                 QObject *parent = nullptr);
    ~ApsisListing() override;

    void start();

private:
    enum class Step { Attributes, Tags, Events, Segments };

    void onSections(const ApsisReply &reply);
    void nextSection();
    void request(Step step);
    void onDefinitions(Step step, const ApsisReply &reply);
    void finish(bool ok, const QString &error = {});

    ApsisTokenSession m_session;
    ApsisApi m_api;
    SourceConnector::ListDone m_done;

    QJsonArray m_sections;
    int m_section = -1;
    ApsisDetails m_details;
    QList<AudienceInfo> m_audiences;
};

} // namespace courier
