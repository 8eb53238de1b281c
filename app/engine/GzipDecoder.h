#pragma once

#include <memory>
#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

namespace courier {

// Streaming gzip (RFC 1952) decoder over zlib. HttpJob decodes bodies itself instead of
// letting QNetworkAccessManager do it, because Qt's transparent decoding neither notices a
// gzip stream that stops early nor checks its CRC: a cut-off audience would pass as whole.
// Here a body is complete only when every gzip member ended with a verified trailer.
class GzipDecoder
{
    Q_DECLARE_TR_FUNCTIONS(GzipDecoder)

public:
    GzipDecoder();
    ~GzipDecoder();
    Q_DISABLE_COPY_MOVE(GzipDecoder)

    // Decodes input and appends the result to out. False when the data is not valid gzip
    // (see errorString()); the decoder is then unusable.
    bool feed(QByteArrayView input, QByteArray &out);
    // True when the input so far ends exactly at the end of a gzip member (CRC and length
    // checked). Concatenated members are accepted, as RFC 1952 allows.
    bool isComplete() const { return m_memberEnded && !m_failed; }
    QString errorString() const { return m_error; }

private:
    struct Stream;
    std::unique_ptr<Stream> m_stream;
    bool m_memberEnded = false;
    bool m_failed = false;
    QString m_error;
};

} // namespace courier
