#include "CsvFileDestination.h"

#include "common/Logging.h"
#include "connectors/csv/CsvWriter.h"
#include "connectors/file/FileTarget.h"

#include <QCoreApplication>
#include <QDir>
#include <QObject>
#include <QTimer>

namespace courier {

namespace {

class CsvFileDelivery final : public DestinationDelivery
{
    Q_DECLARE_TR_FUNCTIONS(CsvFileDelivery)

public:
    CsvFileDelivery(ConnectorContext &context, DeliveryTarget target)
        : m_context(context)
        , m_target(std::move(target))
    {}
    ~CsvFileDelivery() override
    {
        if (m_writer)
            m_writer->cancel();
    }

    void open(const QStringList &columns, Share::ShareAction action, bool, StepDone done) override
    {
        if (action != Share::ShareAction::Add)
            return later(std::move(done), false, tr("A CSV file destination can only add rows."));
        QString error;
        const QString path = resolvePath(&error);
        if (path.isEmpty())
            return later(std::move(done), false, error);
        m_path = path;
        m_writer = std::make_unique<CsvWriter>(path);
        if (!m_writer->open(columns)) {
            error = m_writer->errorString();
            m_writer.reset();
            return later(std::move(done), false, error);
        }
        qCDebug(lcConnectors) << "csv destination writing" << path;
        later(std::move(done), true);
    }

    void send(const RowBatch &batch, const DeliveryBatch &, StepDone done) override
    {
        if (!m_writer)
            return later(std::move(done), false, tr("The CSV file is not open."));
        if (!m_writer->write(batch)) {
            const QString error = m_writer->errorString();
            m_writer.reset(); // write() failing has cancelled it
            return later(std::move(done), false, error);
        }
        later(std::move(done), true);
    }

    void commit(StepDone done) override
    {
        if (!m_writer)
            return later(std::move(done), false, tr("The CSV file is not open."));
        const bool ok = m_writer->commit();
        const QString error = m_writer->errorString();
        m_writer.reset();
        if (ok) {
            m_context.log(RunEvent::Level::Info,
                          tr("Wrote %1.").arg(QDir::toNativeSeparators(m_path)));
        }
        later(std::move(done), ok, ok ? QString() : error);
    }

    void abort() override
    {
        if (m_writer) {
            m_writer->cancel(); // the temporary file goes; the target never appears
            m_writer.reset();
        }
        m_aborted = true;
    }

    QString outputDescription() const override { return QDir::toNativeSeparators(m_path); }

private:
    QString resolvePath(QString *error) const
    {
        return FileTarget::resolvePath(m_context.endpoint(), m_target, QStringLiteral("csv"),
                                       error);
    }

    // Completes a step from the event loop, never from inside the call.
    void later(StepDone done, bool ok, const QString &error = {})
    {
        QTimer::singleShot(0, &m_owner, [this, done = std::move(done), ok, error] {
            if (!m_aborted)
                done(ok, error); // may delete this
        });
    }

    ConnectorContext &m_context;
    DeliveryTarget m_target;
    QObject m_owner; // context of the deferred completions; they die with the delivery
    std::unique_ptr<CsvWriter> m_writer;
    QString m_path;
    bool m_aborted = false;
};

} // namespace

std::unique_ptr<DestinationDelivery>
CsvFileDestinationConnector::createDelivery(ConnectorContext &context, const DeliveryTarget &target)
{
    return std::make_unique<CsvFileDelivery>(context, target);
}

} // namespace courier
