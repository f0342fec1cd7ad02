// Invariants that stay checked in Release builds (after TigerBeetle): a broken one is a
// programmer error, reported as std::logic_error naming the condition, never ignored. Production
// code uses this instead of assert, which vanishes under NDEBUG.
#pragma once

#include <stdexcept>
#include <string>

#define ZHIXING_INVARIANT(condition, what)                                                     \
  do {                                                                                         \
    if (!(condition))                                                                          \
      throw std::logic_error(std::string("invariant broken: ") + #condition + " — " + (what) + \
                             " (" + __FILE__ + ":" + std::to_string(__LINE__) + ")");          \
  } while (0)
