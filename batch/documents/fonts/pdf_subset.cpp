#include "documents/fonts/pdf_subset.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>

#include "documents/fonts/font_error.h"

namespace zhixing::fonts {
namespace {

struct PlanDeleter {
  void operator()(hb_subset_plan_t* p) const { hb_subset_plan_destroy(p); }
};
struct InputDeleter {
  void operator()(hb_subset_input_t* p) const { hb_subset_input_destroy(p); }
};
struct FaceDeleter {
  void operator()(hb_face_t* p) const { hb_face_destroy(p); }
};
struct BlobDeleter {
  void operator()(hb_blob_t* p) const { hb_blob_destroy(p); }
};
struct FontDeleter {
  void operator()(hb_font_t* p) const { hb_font_destroy(p); }
};

// Everything but glyf/loca/head/hhea/hmtx/maxp/OS/2 (hinting goes with NO_HINTING).
constexpr const char* kDroppedTables[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea",
                                          "vmtx", "VORG", "EBDT", "EBLC", "EBSC", "cmap", "name",
                                          "post", "kern", "hdmx", "LTSH", "VDMX", "gasp", "DSIG",
                                          "meta", "morx", "mort", "feat", "STAT"};

int to_1000(double units, double upem) {
  return static_cast<int>(std::lround(units * 1000.0 / upem));
}

FaceMetrics compute_metrics(const Face& face) {
  FaceMetrics m;
  hb_face_t* hb = face.hb_face();
  const double upem = face.units_per_em();

  char name[128] = {0};
  unsigned len = sizeof name;
  hb_ot_name_get_utf8(hb, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, name);
  for (const char* p = name; *p != 0; ++p) {
    const char c = *p;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_') {
      m.postscript_name += c;
    }
  }
  if (m.postscript_name.empty()) {
    for (char c : face.id())
      m.postscript_name += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  }

  std::unique_ptr<hb_blob_t, BlobDeleter> head(
      hb_face_reference_table(hb, HB_TAG('h', 'e', 'a', 'd')));
  unsigned head_len = 0;
  const char* h = hb_blob_get_data(head.get(), &head_len);
  if (h != nullptr && head_len >= 44) {
    for (int k = 0; k < 4; ++k) {
      const auto v = static_cast<std::int16_t>((static_cast<unsigned char>(h[36 + 2 * k]) << 8) |
                                               static_cast<unsigned char>(h[37 + 2 * k]));
      m.bbox[k] = to_1000(v, upem);
    }
  }
  std::unique_ptr<hb_font_t, FontDeleter> font(hb_font_create(hb));
  hb_position_t v = 0;
  if (hb_ot_metrics_get_position(font.get(), HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v)) {
    m.ascent = to_1000(v, upem);
  }
  if (hb_ot_metrics_get_position(font.get(), HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v)) {
    m.descent = to_1000(v, upem);
  }
  if (hb_ot_metrics_get_position(font.get(), HB_OT_METRICS_TAG_CAP_HEIGHT, &v) && v > 0) {
    m.cap_height = to_1000(v, upem);
  }
  return m;
}

}  // namespace

const FaceMetrics& face_metrics(const Face& face) {
  static std::mutex mutex;
  static std::map<const Face*, std::unique_ptr<FaceMetrics>> cache;  // faces live forever
  std::lock_guard lock(mutex);
  auto& slot = cache[&face];
  if (!slot) slot = std::make_unique<FaceMetrics>(compute_metrics(face));
  return *slot;
}

std::uint16_t PdfSubset::glyph(char32_t cp) const {
  auto it = std::lower_bound(glyphs.begin(), glyphs.end(), cp,
                             [](const auto& e, char32_t c) { return e.first < c; });
  return it != glyphs.end() && it->first == cp ? it->second : 0;
}

PdfSubset subset_for_pdf(const Face& face, std::u32string_view code_points) {
  auto fail = [&](const char* what) {
    return FontError(FontErrorCode::subset_failed, std::string(what) + " for font face " +
                                                       face.id() + " (" + face.file().string() +
                                                       " #" + std::to_string(face.index()) + ")");
  };
  std::unique_ptr<hb_subset_input_t, InputDeleter> input(hb_subset_input_create_or_fail());
  if (!input) throw fail("hb_subset_input_create_or_fail failed");
  hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
  for (char32_t cp : code_points) {
    if (face.has(cp)) hb_set_add(unicodes, cp);
  }
  hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);
  hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : kDroppedTables) hb_set_add(drop, hb_tag_from_string(tag, 4));

  std::unique_ptr<hb_subset_plan_t, PlanDeleter> plan(
      hb_subset_plan_create_or_fail(face.hb_face(), input.get()));
  if (!plan) throw fail("hb_subset_plan_create_or_fail failed");

  PdfSubset out;
  const hb_map_t* unicode_to_old = hb_subset_plan_unicode_to_old_glyph_mapping(plan.get());
  const hb_map_t* old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
  hb_codepoint_t cp = HB_SET_VALUE_INVALID;
  unsigned max_gid = 0;
  while (hb_set_next(unicodes, &cp)) {  // ascending, so `glyphs` comes out sorted
    const hb_codepoint_t old_gid = hb_map_get(unicode_to_old, cp);
    if (old_gid == HB_MAP_VALUE_INVALID) continue;
    const hb_codepoint_t new_gid = hb_map_get(old_to_new, old_gid);
    if (new_gid == HB_MAP_VALUE_INVALID || new_gid > 0xFFFF) continue;
    out.glyphs.emplace_back(static_cast<char32_t>(cp), static_cast<std::uint16_t>(new_gid));
    max_gid = std::max<unsigned>(max_gid, new_gid);
  }

  std::unique_ptr<hb_face_t, FaceDeleter> result(hb_subset_plan_execute_or_fail(plan.get()));
  if (!result) throw fail("hb_subset_plan_execute_or_fail failed");
  std::unique_ptr<hb_blob_t, BlobDeleter> blob(hb_face_reference_blob(result.get()));
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob.get(), &length);
  if (data == nullptr || length == 0) throw fail("hb-subset produced an empty font");
  out.program.resize(length);
  std::memcpy(out.program.data(), data, length);
  out.glyph_count = std::max<unsigned>(hb_face_get_glyph_count(result.get()), max_gid + 1);

  // Widths by glyph id from the source face's advances (what the layout engine measured).
  const double upem = face.units_per_em();
  out.widths.assign(out.glyph_count, -1.0);
  for (const auto& [c, gid] : out.glyphs) {
    out.widths[gid] = *face.advance_units(c) * 1000.0 / upem;
  }
  return out;
}

}  // namespace zhixing::fonts
