#pragma once

#include "connectors/Source.h"
#include "FountApi.h"
#include "FountFormats.h"
#include "FountIdStream.h"
#include "FountTokenSession.h"

#include <atomic>
#include <memory>
#include <optional>
#include <QCoreApplication>
#include <QObject>
#include <QPointer>

class QThread;

namespace courier {

// One run's fetch of one Fount audience in one export format (FountFormats).
//
// The format: the share option "format" (a Fount format name or its column name), else the
// format whose column the mapping reads, else the first respondent format the audience allows,
// else the definition. One the audience does not allow fails BEFORE any request, with the
// reason (study type, approval) — decided from the cached details; an audience cached without
// the flags is looked up first (GET audiences/{id}).
//
// Where the rows come from:
//  - the share option "payloadFile": a saved export webhook payload (seed's schema: id, name, …,
//    group, user, respondents[]). Its "respondents" are streamed (FountIdStream, on a worker
//    thread) into <work>/fount-payload.csv, never loaded whole; a payload whose "id" is another
//    audience's, that holds no respondents, or whose ids have the other shape (UUIDs vs.
//    progressive numbers) is refused. A definition payload gives the definition row.
//  - else the respondents listing (a sandbox extension: The Fount itself only pushes exports):
//    GET audiences/{id}/respondents?format=F&per_page=N&page=P, every page spooled to
//    <work>/fount-page-P.json, streamed into <work>/fount-part-P.csv and deleted, until
//    meta.last_page (or, without meta, while links.next is set). A page that cannot be read is
//    asked for again (MaxBadPages); a total that changes between pages starts over once.
//  - the definition: GET audiences/{id}?include=group → one row (definitionColumns()).
// Rows have one column named after the format (bavRespondentId, aoRespondentId,
// aoProgressiveNumber), or the definition's columns.
//
// Checkpoint "source" (saved after every page):
//   {"audience": "4", "format": "bav_respondent_ids", "source": "api"|"payload",
//    "perPage": 1000, "total": n, "lastPage": n, "parts": [{"file", "page", "rows",
//    "skipped"}], "file": "fount-payload.csv", "payload": path, "size": n, "modified": ISO,
//    "done": bool}
// A resumed fetch of the same audience, format and page size keeps the parts still on disk (in
// order from page 1) and asks only for the pages after them (resumedSameSnapshot() true); a
// finished payload or definition read is reused while the file is unchanged.
class FountFetch final : public SourceFetch
{
    Q_DECLARE_TR_FUNCTIONS(FountFetch)

public:
    static constexpr int MaxBadPages = 2;
    // Definition payloads are small; one this big is not one.
    static constexpr qint64 MaxDefinitionBytes = 8 << 20;

    FountFetch(ConnectorContext &context, const FetchRequest &request);
    ~FountFetch() override;

    void fetch(StepDone done) override;
    void cancel() override;
    std::unique_ptr<RowReader> openRows(QString *error) override;
    bool resumedSameSnapshot() const override { return m_sameSnapshot; }

    // For tests and logs.
    std::optional<FountFormat> format() const { return m_format; }
    qint64 respondents() const; // ids read (all parts)
    int pagesRequested() const { return m_pagesRequested; }

    // The format a request asks for, checked against what the audience (its facts: the
    // Audiences API object or cached details) allows. nullopt + *error (translated) when the
    // option or a column is unknown, or the audience does not allow the format (the reason).
    static std::optional<FountFormat> chooseFormat(const FetchRequest &request,
                                                   const QJsonObject &audience,
                                                   const FountFormats::Approvals &approvals,
                                                   QString *error);
    // One definition row (definitionColumns()) from an Audiences API object or payload.
    static QList<QByteArray> definitionRow(const QJsonObject &audience);

private:
    struct Part
    {
        QString file; // relative to the work directory
        int page = 0;
        qint64 rows = 0;
        qint64 skipped = 0; // empty ids
    };

    void begin();
    void loadAudience();
    void onAudience(const FountReply &reply);
    bool decideFormat(const QJsonObject &facts);
    void afterFormat();
    bool resumeFinished();
    bool resumePages();
    void writeDefinition(const QJsonObject &audience);
    void requestPage(int page);
    void onPage(const FountReply &reply, int page, const QString &jsonFile);
    void readPayload();
    void onPayloadRead();
    void readDefinitionPayload();
    QString payloadMismatch(const FountIdStream::Result &result) const;
    void saveCheckpoint();
    void discardParts();
    qint64 rowsDone() const;
    QString path(const QString &file) const;
    void finish(bool ok, const QString &error = {});
    void finishLater(bool ok, const QString &error = {});

    ConnectorContext &m_context;
    FetchRequest m_request;
    QString m_audienceId;
    QString m_payloadFile;
    QString m_setupError;
    std::optional<FountFormat> m_format;
    QJsonObject m_loadedAudience; // from GET audiences/{id}, when asked
    StepDone m_done;

    FountTokenSession m_session;
    FountApi m_api;
    QObject m_owner; // parent of the jobs; their callbacks die with it
    QPointer<HttpJob> m_job;

    // The payload read on a worker thread.
    std::unique_ptr<QThread> m_worker;
    std::atomic<bool> m_cancelRead{false};
    std::optional<FountIdStream::Result> m_payloadResult;
    QString m_payloadError;

    int m_perPage = FountApi::DefaultPerPage;
    qint64 m_total = -1;
    int m_lastPage = -1;
    QList<Part> m_parts;
    QString m_singleFile; // definition or payload CSV
    qint64 m_singleRows = 0;
    qint64 m_bytesDone = 0;
    bool m_sameSnapshot = false;
    bool m_restarted = false;
    int m_badPages = 0;
    int m_pagesRequested = 0;
    bool m_running = false;
};

} // namespace courier
