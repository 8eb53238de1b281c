#pragma once

#include <memory>
#include <QByteArray>
#include <QByteArrayView>

namespace courier::sandbox {

// Streaming gzip (RFC 1952) over zlib's deflate: feed pieces, get compressed pieces back, and
// the member's CRC and length trailer on finish(). A truncated-gzip fault is simply a body
// that stops after sync() without finish().
class GzipEncoder
{
public:
    // Level 1 by default: the sandbox must out-run the client in benchmarks, and the fastest
    // level still shrinks CSV four- to six-fold.
    explicit GzipEncoder(int level = 1);
    ~GzipEncoder();
    GzipEncoder(const GzipEncoder &) = delete;
    GzipEncoder &operator=(const GzipEncoder &) = delete;

    void feed(QByteArrayView input, QByteArray &out);
    // Everything fed so far becomes decodable (a deflate sync point), the stream stays open.
    void sync(QByteArray &out);
    // Ends the member: remaining data and the trailer.
    void finish(QByteArray &out);

    qint64 bytesIn() const { return m_in; }

private:
    void run(QByteArrayView input, int flush, QByteArray &out);

    struct Stream;
    std::unique_ptr<Stream> m_stream;
    qint64 m_in = 0;
};

// One-shot helper for small bodies and tests.
QByteArray gzipCompress(QByteArrayView data, int level = 6);

} // namespace courier::sandbox
