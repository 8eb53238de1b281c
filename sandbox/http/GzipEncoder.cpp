#include "sandbox/http/GzipEncoder.h"

#include <zlib.h>

namespace courier::sandbox {

struct GzipEncoder::Stream
{
    z_stream z{};
    bool finished = false;
};

GzipEncoder::GzipEncoder(int level)
    : m_stream(std::make_unique<Stream>())
{
    // windowBits 15 + 16 asks zlib for the gzip wrapper instead of zlib's own.
    const int rc = deflateInit2(&m_stream->z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    Q_ASSERT(rc == Z_OK);
    Q_UNUSED(rc);
}

GzipEncoder::~GzipEncoder()
{
    deflateEnd(&m_stream->z);
}

void GzipEncoder::run(QByteArrayView input, int flush, QByteArray &out)
{
    if (m_stream->finished)
        return;
    z_stream &z = m_stream->z;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
    z.avail_in = uInt(input.size());
    m_in += input.size();
    constexpr qsizetype Step = 64 << 10;
    for (;;) {
        const qsizetype before = out.size();
        out.resize(before + Step);
        z.next_out = reinterpret_cast<Bytef *>(out.data() + before);
        z.avail_out = uInt(Step);
        const int rc = deflate(&z, flush);
        out.resize(before + Step - qsizetype(z.avail_out));
        if (rc == Z_STREAM_END) {
            m_stream->finished = true;
            return;
        }
        // Done when deflate had output space left over and no input is waiting.
        if (z.avail_out != 0 && z.avail_in == 0)
            return;
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            return;
    }
}

void GzipEncoder::feed(QByteArrayView input, QByteArray &out)
{
    if (!input.isEmpty())
        run(input, Z_NO_FLUSH, out);
}

void GzipEncoder::sync(QByteArray &out)
{
    run({}, Z_SYNC_FLUSH, out);
}

void GzipEncoder::finish(QByteArray &out)
{
    run({}, Z_FINISH, out);
}

QByteArray gzipCompress(QByteArrayView data, int level)
{
    GzipEncoder encoder(level);
    QByteArray out;
    encoder.feed(data, out);
    encoder.finish(out);
    return out;
}

} // namespace courier::sandbox
