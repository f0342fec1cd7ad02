#include "documents/fonts/face.h"

#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <system_error>
#include <tuple>

#include "documents/fonts/font_error.h"
#include "documents/fonts/font_manifest.h"
#include "documents/fonts/hb_handles.h"

namespace zhixing::inline documents::fonts {
namespace {

constexpr char32_t kMaxCodePoint = 0x10FFFF;

using CacheKey = std::tuple<std::string, unsigned, std::vector<char32_t>, FontProgram>;

bool has_table(hb_face_t* face, hb_tag_t tag) {
  HbBlob blob(hb_face_reference_table(face, tag));
  return hb_blob_get_length(blob.get()) > 0;
}

// Faces live for the whole process (they are mmapped files); the cache holds them strongly so a
// face is loaded once even when documents come and go.
std::mutex& cache_mutex() {
  static std::mutex m;
  return m;
}
std::map<CacheKey, std::shared_ptr<const Face>>& cache() {
  static std::map<CacheKey, std::shared_ptr<const Face>> c;
  return c;
}

}  // namespace

std::shared_ptr<const Face> Face::open(const FaceSpec& spec) {
  std::vector<char32_t> excluded = spec.excluded;
  std::sort(excluded.begin(), excluded.end());
  std::error_code ec;
  std::filesystem::path file = std::filesystem::weakly_canonical(spec.file, ec);
  if (ec) file = spec.file;
  CacheKey key{file.string(), spec.index, excluded, spec.program};
  std::lock_guard lock(cache_mutex());
  auto it = cache().find(key);
  if (it != cache().end()) return it->second;
  auto face = load(file, spec.index, spec.id.empty() ? file.filename().string() : spec.id, excluded,
                   spec.program);
  cache().emplace(std::move(key), face);
  return face;
}

std::shared_ptr<const Face> Face::open(const std::filesystem::path& file, unsigned index) {
  FaceSpec spec;
  spec.file = file;
  spec.index = index;
  return open(spec);
}

std::shared_ptr<const Face> Face::load(const std::filesystem::path& file, unsigned index,
                                       std::string id, const std::vector<char32_t>& excluded,
                                       FontProgram program) {
  const std::string where = file.string() + " #" + std::to_string(index);
  if (!std::filesystem::exists(file)) {
    std::string hint;
    if (file.parent_path().filename() == "build" &&
        file.parent_path().parent_path().filename() == "fonts") {
      hint = " (run scripts/build-fonts.sh)";
    }
    throw FontError(FontErrorCode::face_missing, "font face " + where + " does not exist" + hint);
  }
  HbFace owned;
  {
    HbBlob blob(hb_blob_create_from_file_or_fail(file.c_str()));
    if (!blob) {
      throw FontError(FontErrorCode::face_unreadable, "cannot read font file " + where);
    }
    const unsigned face_count = hb_face_count(blob.get());
    if (index >= face_count) {
      throw FontError(FontErrorCode::face_unreadable,
                      "font file " + where + " has " + std::to_string(face_count) + " face(s)");
    }
    owned.reset(hb_face_create(blob.get(), index));  // the face holds its own blob reference
  }
  hb_face_t* hb = owned.get();
  if (hb == hb_face_get_empty() || hb_face_get_glyph_count(hb) == 0) {
    throw FontError(FontErrorCode::face_unreadable, "no glyphs in font face " + where);
  }
  hb_face_make_immutable(hb);

  // Outlines decide how a subset can be embedded: glyf as CIDFontType2 (/FontFile2), CFF as
  // CIDFontType0 (/FontFile3). CFF2 (variable fonts) is neither.
  const bool glyf = has_table(hb, HB_TAG('g', 'l', 'y', 'f'));
  const bool cff = !glyf && has_table(hb, HB_TAG('C', 'F', 'F', ' '));
  if (!glyf && !cff) {
    throw FontError(FontErrorCode::face_unreadable,
                    "font face " + where + " has neither glyf nor CFF outlines");
  }
  if (program == FontProgram::automatic) {
    program = glyf ? FontProgram::truetype : FontProgram::cff;
  } else if ((program == FontProgram::truetype) != glyf) {
    throw FontError(FontErrorCode::face_unreadable,
                    "font face " + where + " has " + (glyf ? "glyf" : "CFF") +
                        " outlines; \"pdf_program\": \"" + std::string(font_program_name(program)) +
                        "\" needs " + (glyf ? "CFF" : "glyf") + " outlines");
  }

  std::shared_ptr<Face> face(new Face());
  face->id_ = std::move(id);
  face->file_ = file;
  face->index_ = index;
  face->cff_outlines_ = cff;
  face->program_ = program;
  face->hb_face_ = std::move(owned);
  face->units_per_em_ = hb_face_get_upem(hb);
  face->glyph_count_ = hb_face_get_glyph_count(hb);
  face->coverage_.assign((kMaxCodePoint + 1) / 64, 0);
  face->bmp_advance_.assign(0x10000, 0);

  HbSet unicodes(hb_set_create());
  hb_face_collect_unicodes(hb, unicodes.get());
  HbFont font(hb_font_create(hb));  // scale defaults to units-per-em: advances in font units
  hb_codepoint_t cp = HB_SET_VALUE_INVALID;
  while (hb_set_next(unicodes.get(), &cp)) {
    if (cp > kMaxCodePoint || std::binary_search(excluded.begin(), excluded.end(), cp)) continue;
    hb_codepoint_t glyph = 0;
    if (!hb_font_get_nominal_glyph(font.get(), cp, &glyph) || glyph == 0) continue;
    const auto advance = static_cast<std::uint16_t>(
        std::clamp<hb_position_t>(hb_font_get_glyph_h_advance(font.get(), glyph), 0, 0xFFFF));
    face->coverage_[cp >> 6] |= std::uint64_t{1} << (cp & 63);
    ++face->code_point_count_;
    if (cp < 0x10000) {
      face->bmp_advance_[cp] = advance;
    } else {
      face->astral_advance_.emplace_back(static_cast<char32_t>(cp), advance);
    }
  }
  // hb_set_next yields ascending code points, so astral_advance_ is already sorted.
  return face;
}

Face::~Face() = default;

std::optional<unsigned> Face::advance_units(char32_t cp) const {
  if (!has(cp)) return std::nullopt;
  if (cp < 0x10000) return bmp_advance_[cp];
  auto it = std::lower_bound(astral_advance_.begin(), astral_advance_.end(), cp,
                             [](const auto& entry, char32_t c) { return entry.first < c; });
  return it->second;  // present: has(cp) implies an entry
}

std::optional<double> Face::advance_em(char32_t cp) const {
  auto units = advance_units(cp);
  if (!units) return std::nullopt;
  return static_cast<double>(*units) / units_per_em_;
}

}  // namespace zhixing::inline documents::fonts
