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
#include "documents/fonts/hb_handles.h"

namespace zhixing::inline documents::fonts {
namespace {

// Tables no PDF consumer reads (hinting goes with NO_HINTING). TrueType keeps glyf, loca,
// head, hhea, hmtx, maxp, OS/2; OpenType (CFF) keeps CFF, head, hhea, hmtx, maxp.
constexpr const char* kDroppedTables[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea",
                                          "vmtx", "VORG", "EBDT", "EBLC", "EBSC", "cmap", "name",
                                          "post", "kern", "hdmx", "LTSH", "VDMX", "gasp", "DSIG",
                                          "meta", "morx", "mort", "feat", "STAT"};
// Dropped as well for CFF faces: OS/2 (the FontDescriptor carries the metrics a viewer needs).
constexpr const char* kDroppedCffTables[] = {"OS/2"};

// --- the CID of each glyph of a CFF font (Adobe TN #5176) -----------------------------------

class CffReader {
 public:
  CffReader(const unsigned char* data, std::size_t size) : d_(data), n_(size) {}

  // CIDs by glyph id: the charset of a CID-keyed font (ROS in the Top DICT). For a name-keyed
  // font the charset holds glyph-name SIDs, and a CIDFontType0C using it has CID = glyph id.
  std::vector<std::uint16_t> cids(unsigned glyph_count) const {
    if (n_ < 4) bad();
    std::size_t pos = d_[2];  // hdrSize
    pos = skip_index(pos);    // Name INDEX
    const auto [top_begin, top_end, after_top] = first_of_index(pos);
    (void)after_top;
    long charset = 0;
    bool cid_keyed = false;
    parse_dict(top_begin, top_end, [&](int op, const std::vector<double>& operands) {
      if (op == 15 && !operands.empty()) charset = static_cast<long>(operands.back());
      if (op == (12 << 8 | 30)) cid_keyed = true;  // ROS
    });
    std::vector<std::uint16_t> out(glyph_count);
    for (unsigned g = 0; g < glyph_count; ++g) out[g] = static_cast<std::uint16_t>(g);
    if (!cid_keyed || glyph_count <= 1) return out;
    if (charset <= 2) bad();  // predefined charsets are for name-keyed fonts only
    std::size_t p = static_cast<std::size_t>(charset);
    const unsigned format = byte(p++);
    unsigned g = 1;
    if (format == 0) {
      for (; g < glyph_count; ++g, p += 2) out[g] = card16(p);
    } else if (format == 1 || format == 2) {
      while (g < glyph_count) {
        const unsigned first = card16(p);
        const unsigned left = format == 1 ? byte(p + 2) : card16(p + 2);
        p += format == 1 ? 3 : 4;
        for (unsigned k = 0; k <= left && g < glyph_count; ++k, ++g) {
          out[g] = static_cast<std::uint16_t>(first + k);
        }
      }
    } else {
      bad();
    }
    return out;
  }

 private:
  [[noreturn]] static void bad() {
    throw FontError(FontErrorCode::subset_failed, "malformed CFF table in the subset");
  }
  unsigned byte(std::size_t p) const {
    if (p >= n_) bad();
    return d_[p];
  }
  unsigned card16(std::size_t p) const { return byte(p) << 8 | byte(p + 1); }
  std::size_t offset(std::size_t p, unsigned size) const {
    std::size_t v = 0;
    for (unsigned k = 0; k < size; ++k) v = v << 8 | byte(p + k);
    return v;
  }
  // INDEX: count, offSize, offsets[count + 1] (1-based from the byte before the data), data.
  struct Entry {
    std::size_t begin, end, after;
  };
  Entry first_of_index(std::size_t p) const {
    const unsigned count = card16(p);
    if (count == 0) bad();
    const unsigned size = byte(p + 2);
    if (size < 1 || size > 4) bad();
    const std::size_t base = p + 3 + (count + 1) * static_cast<std::size_t>(size) - 1;
    const std::size_t b = base + offset(p + 3, size), e = base + offset(p + 3 + size, size);
    const std::size_t after = base + offset(p + 3 + count * static_cast<std::size_t>(size), size);
    if (b > e || e > n_ || after > n_) bad();
    return {b, e, after};
  }
  std::size_t skip_index(std::size_t p) const {
    if (card16(p) == 0) return p + 2;
    return first_of_index(p).after;
  }
  template <typename F>
  void parse_dict(std::size_t p, std::size_t end, F&& on_operator) const {
    std::vector<double> operands;
    while (p < end) {
      const unsigned b0 = byte(p);
      if (b0 <= 21) {
        int op = static_cast<int>(b0);
        ++p;
        if (b0 == 12) op = 12 << 8 | static_cast<int>(byte(p++));
        on_operator(op, operands);
        operands.clear();
      } else if (b0 == 28) {
        operands.push_back(static_cast<std::int16_t>(card16(p + 1)));
        p += 3;
      } else if (b0 == 29) {
        operands.push_back(static_cast<std::int32_t>(card16(p + 1) << 16 | card16(p + 3)));
        p += 5;
      } else if (b0 == 30) {  // real: nibbles up to 0xF; the value is not needed here
        ++p;
        while ((byte(p) & 0x0F) != 0x0F && (byte(p) >> 4) != 0x0F) ++p;
        ++p;
        operands.push_back(0);
      } else if (b0 >= 32 && b0 <= 246) {
        operands.push_back(static_cast<int>(b0) - 139);
        ++p;
      } else if (b0 >= 247 && b0 <= 250) {
        operands.push_back((static_cast<int>(b0) - 247) * 256 + static_cast<int>(byte(p + 1)) +
                           108);
        p += 2;
      } else if (b0 >= 251 && b0 <= 254) {
        operands.push_back(-(static_cast<int>(b0) - 251) * 256 - static_cast<int>(byte(p + 1)) -
                           108);
        p += 2;
      } else {
        bad();
      }
    }
  }

  const unsigned char* d_;
  std::size_t n_;
};

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

  HbBlob head(hb_face_reference_table(hb, HB_TAG('h', 'e', 'a', 'd')));
  unsigned head_len = 0;
  const char* h = hb_blob_get_data(head.get(), &head_len);
  if (h != nullptr && head_len >= 44) {
    for (int k = 0; k < 4; ++k) {
      const auto v = static_cast<std::int16_t>((static_cast<unsigned char>(h[36 + 2 * k]) << 8) |
                                               static_cast<unsigned char>(h[37 + 2 * k]));
      m.bbox[k] = to_1000(v, upem);
    }
  }
  HbFont font(hb_font_create(hb));
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

std::uint16_t PdfSubset::cid(char32_t cp) const {
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
  HbSubsetInput input(hb_subset_input_create_or_fail());
  if (!input) throw fail("hb_subset_input_create_or_fail failed");
  hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
  for (char32_t cp : code_points) {
    if (face.has(cp)) hb_set_add(unicodes, cp);
  }
  // CFF: desubroutinised charstrings deflate smaller than subroutinised ones (the subroutines of
  // a few hundred glyphs are mostly used once) and hb-subset is 1.5x faster without the
  // subroutine closure: Noto Serif SC, 269 body glyphs, 46.8 KB vs 54.8 KB deflated.
  hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING |
                                             (face.cff_outlines() ? HB_SUBSET_FLAGS_DESUBROUTINIZE
                                                                  : HB_SUBSET_FLAGS_DEFAULT));
  hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : kDroppedTables) hb_set_add(drop, hb_tag_from_string(tag, 4));
  if (face.cff_outlines()) {
    for (const char* tag : kDroppedCffTables) hb_set_add(drop, hb_tag_from_string(tag, 4));
  }

  HbSubsetPlan plan(hb_subset_plan_create_or_fail(face.hb_face(), input.get()));
  if (!plan) throw fail("hb_subset_plan_create_or_fail failed");

  PdfSubset out;
  out.format = face.program();
  const hb_map_t* unicode_to_old = hb_subset_plan_unicode_to_old_glyph_mapping(plan.get());
  const hb_map_t* old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
  std::vector<std::pair<char32_t, std::uint16_t>> by_gid;  // code point → new glyph id
  hb_codepoint_t cp = HB_SET_VALUE_INVALID;
  unsigned max_gid = 0;
  while (hb_set_next(unicodes, &cp)) {  // ascending, so `glyphs` comes out sorted
    const hb_codepoint_t old_gid = hb_map_get(unicode_to_old, cp);
    if (old_gid == HB_MAP_VALUE_INVALID) continue;
    const hb_codepoint_t new_gid = hb_map_get(old_to_new, old_gid);
    if (new_gid == HB_MAP_VALUE_INVALID || new_gid > 0xFFFF) continue;
    by_gid.emplace_back(static_cast<char32_t>(cp), static_cast<std::uint16_t>(new_gid));
    max_gid = std::max<unsigned>(max_gid, new_gid);
  }

  HbFace result(hb_subset_plan_execute_or_fail(plan.get()));
  if (!result) throw fail("hb_subset_plan_execute_or_fail failed");
  out.glyph_count = std::max<unsigned>(hb_face_get_glyph_count(result.get()), max_gid + 1);

  HbBlob blob(out.format == FontProgram::cff
                  ? hb_face_reference_table(result.get(), HB_TAG('C', 'F', 'F', ' '))
                  : hb_face_reference_blob(result.get()));
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob.get(), &length);
  if (data == nullptr || length == 0) throw fail("hb-subset produced an empty font");
  out.program.resize(length);
  std::memcpy(out.program.data(), data, length);

  // Glyph id → CID: the identity for TrueType (CIDToGIDMap /Identity), the charset for CFF.
  std::vector<std::uint16_t> cid_of(out.glyph_count);
  if (face.cff_outlines()) {
    HbBlob cff_blob(out.format == FontProgram::cff
                        ? hb_blob_reference(blob.get())
                        : hb_face_reference_table(result.get(), HB_TAG('C', 'F', 'F', ' ')));
    unsigned cff_length = 0;
    const char* cff = hb_blob_get_data(cff_blob.get(), &cff_length);
    if (cff == nullptr || cff_length == 0) throw fail("hb-subset produced no CFF table");
    cid_of =
        CffReader(reinterpret_cast<const unsigned char*>(cff), cff_length).cids(out.glyph_count);
  } else {
    for (unsigned g = 0; g < out.glyph_count; ++g) cid_of[g] = static_cast<std::uint16_t>(g);
  }

  // Widths from the source face's advances (what the layout engine measured).
  const double upem = face.units_per_em();
  out.glyphs.reserve(by_gid.size());
  out.shown.reserve(by_gid.size());
  for (const auto& [c, gid] : by_gid) {
    const std::uint16_t cid = cid_of[gid];
    out.glyphs.emplace_back(c, cid);
    out.shown.push_back({cid, c, *face.advance_units(c) * 1000.0 / upem});
  }
  // By CID; for a glyph drawn for several code points the lowest code point stays (stable sort
  // over ascending code points).
  std::stable_sort(out.shown.begin(), out.shown.end(),
                   [](const auto& a, const auto& b) { return a.cid < b.cid; });
  out.shown.erase(std::unique(out.shown.begin(), out.shown.end(),
                              [](const auto& a, const auto& b) { return a.cid == b.cid; }),
                  out.shown.end());
  return out;
}

}  // namespace zhixing::inline documents::fonts
