// Per-document font subsets with hb-subset, ready for libharu.
//
// Recipe: the given code points plus ASCII 0x20-0x7E; HB_SUBSET_FLAGS_NO_HINTING; glyph ids
// renumbered (never retain-gids: libharu loses composite components with gid >= 32768);
// GSUB/GPOS/GDEF/BASE/vhea/vmtx/VORG/EBDT/EBLC dropped (libharu does not shape; `post` glyph names
// are dropped by hb-subset itself, which is most of the saving).
//
// Thread safety: the source hb_face_t is immutable and HarfBuzz's lazy table loaders are atomic,
// so any number of threads may subset the same Face concurrently; each call owns its input, plan
// and result.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "documents/fonts/face.h"

namespace zhixing::inline documents::fonts {

using FontBytes = std::vector<std::byte>;

// A TrueType font holding just the glyphs for `code_points` (duplicates and order do not matter;
// code points the face lacks are ignored). Deterministic: the same input gives the same bytes.
// Throws FontError(subset_failed).
FontBytes subset(const Face& face, std::u32string_view code_points);

}  // namespace zhixing::inline documents::fonts
