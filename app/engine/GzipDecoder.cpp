#include "GzipDecoder.h"

#include <zlib.h>

namespace courier {

namespace {
constexpr int GzipOnlyWindowBits = 16 + MAX_WBITS; // 16: expect a gzip header and trailer
constexpr qsizetype OutputStep = 256 * 1024;
} // namespace

struct GzipDecoder::Stream
{
    z_stream z{};
    bool initialised = false;
};

GzipDecoder::GzipDecoder()
    : m_stream(std::make_unique<Stream>())
{
    if (inflateInit2(&m_stream->z, GzipOnlyWindowBits) == Z_OK) {
        m_stream->initialised = true;
    } else {
        m_failed = true;
        m_error = tr("Cannot start decompressing the response.");
    }
}

GzipDecoder::~GzipDecoder()
{
    if (m_stream->initialised)
        inflateEnd(&m_stream->z);
}

bool GzipDecoder::feed(QByteArrayView input, QByteArray &out)
{
    if (m_failed)
        return false;
    z_stream &z = m_stream->z;
    // zlib's API is not const-correct; it never writes through next_in.
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
    z.avail_in = static_cast<uInt>(input.size());
    while (z.avail_in > 0) {
        if (m_memberEnded) {
            // Another member follows the one that ended.
            inflateReset(&z);
            m_memberEnded = false;
        }
        const qsizetype before = out.size();
        const uInt inputBefore = z.avail_in;
        out.resize(before + OutputStep);
        z.next_out = reinterpret_cast<Bytef *>(out.data() + before);
        z.avail_out = static_cast<uInt>(OutputStep);
        const int result = inflate(&z, Z_NO_FLUSH);
        out.resize(before + (OutputStep - static_cast<qsizetype>(z.avail_out)));
        if (result == Z_STREAM_END) {
            m_memberEnded = true;
            continue;
        }
        const bool progressed = out.size() > before || z.avail_in < inputBefore;
        if ((result == Z_OK || result == Z_BUF_ERROR) && progressed)
            continue;
        m_failed = true;
        m_error = tr("The response is not valid gzip data: %1")
                      .arg(QString::fromLatin1(z.msg ? z.msg : "unknown error"));
        return false;
    }
    return true;
}

} // namespace courier
