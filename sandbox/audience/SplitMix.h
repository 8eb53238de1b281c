#pragma once

#include <QtGlobal>

namespace courier::sandbox {

// splitmix64 (Steele, Lea, Flood 2014): a stateless 64-bit mixer. Every generated value in the
// sandbox is a pure function of a seed and an index run through it, so a member, a fault draw
// or a token can be reproduced without replaying what came before (no std::rand, no state).
constexpr quint64 splitMix64(quint64 x) noexcept
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Hash of (a, b): distinct inputs give independent-looking outputs.
constexpr quint64 mix64(quint64 a, quint64 b) noexcept
{
    return splitMix64(a ^ splitMix64(b + 0x632be59bd9b4e019ULL));
}

// A tiny sequential generator for the places that want a stream (fault draws, tokens).
class SplitMixStream
{
public:
    explicit SplitMixStream(quint64 seed = 0)
        : m_state(seed)
    {}
    quint64 next() noexcept { return splitMix64(m_state++); }
    // Uniform in [0, 1).
    double nextDouble() noexcept { return double(next() >> 11) * 0x1.0p-53; }

private:
    quint64 m_state;
};

} // namespace courier::sandbox
