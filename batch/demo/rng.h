// The demo data's random numbers: splitmix64, one independent stream per (seed, case, purpose),
// integer arithmetic only, so that the output is the same on every platform.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace zhixing::inline demo {

__extension__ typedef unsigned __int128 u128;

// PRNG (splitmix64)

inline uint64_t mix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n) (Lemire's multiply-shift; bias below 2^-40 for our n).
  uint64_t below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<u128>(next()) * n) >> 64);
  }
  int64_t range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool per_mille(int p) { return below(1000) < static_cast<uint64_t>(p); }
  template <typename T, size_t N>
  const T& pick(const std::array<T, N>& a) {
    return a[below(N)];
  }

 private:
  uint64_t state_;
};

enum Stream : uint64_t { kSkeleton = 1, kKind = 2, kDetail = 3, kCount = 4 };
inline Rng case_rng(uint64_t seed, int64_t i, Stream s) {
  return Rng(mix64(seed ^ mix64(static_cast<uint64_t>(i) * 8 + s)));
}

}  // namespace zhixing::inline demo
