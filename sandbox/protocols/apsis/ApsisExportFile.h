#pragma once

#include "sandbox/http/ChunkSource.h"
#include "sandbox/protocols/apsis/ApsisExports.h"

namespace courier::sandbox {

// The file an APSIS profile export's poll URL streams, generated a profile at a time:
//   {"profiles":{"<export key>":{"sections":{"<section id>":{
//        "attributes":{"<version id>":{"value":…}, "<tag version id>":{"value":null}},
//        "events":[{"correlationId","sourceEventTime","typeId","createdAt","data"}]}}}, …},
//    "metadata":{"export_id":…,"sections":{"<section id>":{"attributes":{…},"events":{…}}}}}
// A profile appears only when it has a value for at least one requested attribute or carries a
// requested tag; tags sit in "attributes" with a null value, as APSIS documents. The export key
// is the member's device id; everything is a pure function of (segment, profile index).
class ApsisExportFile final : public ChunkSource
{
public:
    ApsisExportFile(const ApsisExports::Export &e, bool keySectionsByDiscriminator);

    void produce(QByteArray &out, qsizetype budget) override;
    bool atEnd() const override { return m_done; }
    double progress() const override;

    // The profile of member `index` as `"key":{…}`, appended to out; false (out unchanged)
    // when the member does not appear in the file.
    bool appendProfile(qint64 index, QByteArray &out) const;

private:
    // What one section of the file holds for each profile.
    struct SectionPlan
    {
        QByteArray key; // the section's id (or discriminator), as the file's dictionary key
        QList<ApsisCatalogue::Attribute> attributes;
        QList<ApsisCatalogue::Tag> tags;
        QList<ApsisCatalogue::EventType> events;
    };
    QByteArray metadata() const;
    void appendEvents(const SectionPlan &plan, qint64 index, QByteArray &out) const;

    ApsisExports::Export m_export;
    SyntheticAudience m_audience;
    QList<SectionPlan> m_sections;
    qint64 m_next = 0;
    bool m_started = false;
    bool m_first = true;
    bool m_done = false;
};

} // namespace courier::sandbox
