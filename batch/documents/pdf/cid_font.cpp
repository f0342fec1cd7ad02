#include "documents/pdf/cid_font.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include <cmath>

#include "documents/pdf/flate.h"
#include "documents/pdf/pdf_error.h"

namespace zhixing::inline documents::pdf {
namespace {

constexpr double kDefaultWidth = 1000;  // DW: full-width CJK glyphs

void append_hex4(std::string& out, unsigned v) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += kHex[(v >> 12) & 0xF];
  out += kHex[(v >> 8) & 0xF];
  out += kHex[(v >> 4) & 0xF];
  out += kHex[v & 0xF];
}

void append_utf16_hex(std::string& out, char32_t cp) {
  if (cp < 0x10000) {
    append_hex4(out, static_cast<unsigned>(cp));
  } else {
    const char32_t v = cp - 0x10000;
    append_hex4(out, 0xD800 + static_cast<unsigned>(v >> 10));
    append_hex4(out, 0xDC00 + static_cast<unsigned>(v & 0x3FF));
  }
}

class Builder {
 public:
  explicit Builder(HpdfDocument& doc) : doc_(doc), mmgr_(doc.get()->mmgr), xref_(doc.get()->xref) {}

  HPDF_Dict indirect_dict() {
    HPDF_Dict d = doc_.check_ptr(HPDF_Dict_New(mmgr_), "HPDF_Dict_New");
    doc_.check("HPDF_Xref_Add", HPDF_Xref_Add(xref_, d));
    return d;
  }
  HPDF_Dict direct_dict() { return doc_.check_ptr(HPDF_Dict_New(mmgr_), "HPDF_Dict_New"); }
  HPDF_Dict stream_dict() {
    return doc_.check_ptr(HPDF_DictStream_New(mmgr_, xref_), "HPDF_DictStream_New");
  }
  HPDF_Array array() { return doc_.check_ptr(HPDF_Array_New(mmgr_), "HPDF_Array_New"); }

  void name(HPDF_Dict d, const char* key, const char* value) {
    doc_.check("HPDF_Dict_AddName", HPDF_Dict_AddName(d, key, value));
  }
  void number(HPDF_Dict d, const char* key, int value) {
    doc_.check("HPDF_Dict_AddNumber", HPDF_Dict_AddNumber(d, key, value));
  }
  void add(HPDF_Dict d, const char* key, void* obj) {
    doc_.check("HPDF_Dict_Add", HPDF_Dict_Add(d, key, obj));
  }
  void string(HPDF_Dict d, const char* key, const char* value) {
    add(d, key, doc_.check_ptr(HPDF_String_New(mmgr_, value, nullptr), "HPDF_String_New"));
  }
  void push(HPDF_Array a, double value) {
    if (value == std::floor(value) && std::abs(value) < 1e9) {
      doc_.check("HPDF_Array_AddNumber", HPDF_Array_AddNumber(a, static_cast<HPDF_INT32>(value)));
    } else {
      doc_.check("HPDF_Array_AddReal", HPDF_Array_AddReal(a, static_cast<HPDF_REAL>(value)));
    }
  }
  void push(HPDF_Array a, void* obj) { doc_.check("HPDF_Array_Add", HPDF_Array_Add(a, obj)); }
  void write(HPDF_Dict stream_dict, std::string_view bytes, int level) {
    write_flate_stream(doc_, stream_dict, bytes, level);
  }

 private:
  HpdfDocument& doc_;
  HPDF_MMgr mmgr_;
  HPDF_Xref xref_;
};

}  // namespace

std::string subset_tag(const std::string& postscript_name, const fonts::PdfSubset& subset) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a 64
  auto mix = [&h](std::uint64_t byte) {
    h ^= byte;
    h *= 1099511628211ULL;
  };
  for (char c : postscript_name) mix(static_cast<unsigned char>(c));
  for (const auto& [cp, gid] : subset.glyphs) {
    for (int k = 0; k < 4; ++k) mix((cp >> (8 * k)) & 0xFF);
  }
  std::string tag(6, 'A');
  for (char& c : tag) {
    c = static_cast<char>('A' + h % 26);
    h /= 26;
  }
  return tag;
}

std::string to_unicode_cmap(const fonts::PdfSubset& subset) {
  // One code point per glyph: if several code points share a glyph, the lowest one wins.
  std::string out =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  std::vector<const fonts::PdfSubset::Shown*> gids;
  for (const auto& g : subset.shown) {
    if (g.cid != 0) gids.push_back(&g);
  }
  for (std::size_t i = 0; i < gids.size(); i += 100) {
    const std::size_t n = std::min<std::size_t>(100, gids.size() - i);
    out += std::to_string(n) + " beginbfchar\n";
    for (std::size_t k = i; k < i + n; ++k) {
      out += '<';
      append_hex4(out, gids[k]->cid);
      out += "> <";
      append_utf16_hex(out, gids[k]->code_point);
      out += ">\n";
    }
    out += "endbfchar\n";
  }
  out +=
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
  return out;
}

HPDF_Dict embed_cid_font(HpdfDocument& doc, const fonts::PdfSubset& subset,
                         const fonts::FaceMetrics& metrics, const CidFontOptions& options) {
  Builder b(doc);
  const std::string base_font =
      subset_tag(metrics.postscript_name, subset) + "+" + metrics.postscript_name.substr(0, 100);

  const bool truetype = subset.format == fonts::FontProgram::truetype;
  if (!truetype) {
    // CIDFontType0C needs PDF 1.3, an OpenType font program PDF 1.6 (ISO 32000-1 Table 126).
    const HPDF_PDFVer needed =
        subset.format == fonts::FontProgram::opentype ? HPDF_VER_16 : HPDF_VER_13;
    if (doc.get()->pdf_version < needed) doc.get()->pdf_version = needed;
  }

  // Font program (§9.9): the subset as is, deflated here (flate.h).
  HPDF_Dict file = b.stream_dict();
  if (truetype) {
    b.number(file, "Length1", static_cast<int>(subset.program.size()));
  } else {
    b.name(file, "Subtype",
           subset.format == fonts::FontProgram::opentype ? "OpenType" : "CIDFontType0C");
  }
  b.write(
      file,
      std::string_view(reinterpret_cast<const char*>(subset.program.data()), subset.program.size()),
      options.font_deflate_level);

  // Font descriptor (§9.8).
  HPDF_Dict descriptor = b.indirect_dict();
  b.name(descriptor, "Type", "FontDescriptor");
  b.name(descriptor, "FontName", base_font.c_str());
  b.number(descriptor, "Flags", 4);  // symbolic: glyphs outside the standard Latin set
  HPDF_Array bbox = b.array();
  for (int v : metrics.bbox) b.push(bbox, v);
  b.add(descriptor, "FontBBox", bbox);
  b.number(descriptor, "ItalicAngle", 0);
  b.number(descriptor, "Ascent", metrics.ascent);
  b.number(descriptor, "Descent", metrics.descent);
  b.number(descriptor, "CapHeight", metrics.cap_height);
  b.number(descriptor, "StemV", 80);
  b.add(descriptor, truetype ? "FontFile2" : "FontFile3", file);

  // Descendant CIDFont (§9.7.4). TrueType: CID = glyph id (CIDToGIDMap /Identity); CFF: the
  // font's charset maps CIDs to glyphs. Widths of the glyphs that are not 1000, by CID.
  HPDF_Dict cid = b.indirect_dict();
  b.name(cid, "Type", "Font");
  b.name(cid, "Subtype", truetype ? "CIDFontType2" : "CIDFontType0");
  b.name(cid, "BaseFont", base_font.c_str());
  HPDF_Dict info = b.direct_dict();
  b.string(info, "Registry", "Adobe");
  b.string(info, "Ordering", "Identity");
  b.number(info, "Supplement", 0);
  b.add(cid, "CIDSystemInfo", info);
  b.add(cid, "FontDescriptor", descriptor);
  b.number(cid, "DW", static_cast<int>(kDefaultWidth));
  HPDF_Array w = b.array();
  const auto& shown = subset.shown;
  for (std::size_t i = 0; i < shown.size();) {
    if (shown[i].cid == 0 || shown[i].width == kDefaultWidth) {
      ++i;
      continue;
    }
    b.push(w, shown[i].cid);
    HPDF_Array run = b.array();
    b.push(run, shown[i].width);
    for (++i; i < shown.size() && shown[i].cid == shown[i - 1].cid + 1 &&
              shown[i].width != kDefaultWidth;
         ++i) {
      b.push(run, shown[i].width);
    }
    b.push(w, run);
  }
  if (HPDF_Array_Items(w) > 0) {
    b.add(cid, "W", w);
  } else {
    HPDF_Array_Free(w);  // every glyph is DW wide: no /W (and an object no dictionary owns)
  }
  if (truetype) b.name(cid, "CIDToGIDMap", "Identity");

  // Text extraction (§9.10.3).
  HPDF_Dict to_unicode = b.stream_dict();
  b.write(to_unicode, to_unicode_cmap(subset), options.cmap_deflate_level);

  HPDF_Dict type0 = b.indirect_dict();
  b.name(type0, "Type", "Font");
  b.name(type0, "Subtype", "Type0");
  b.name(type0, "BaseFont", base_font.c_str());
  b.name(type0, "Encoding", "Identity-H");
  HPDF_Array descendants = b.array();
  b.push(descendants, cid);
  b.add(type0, "DescendantFonts", descendants);
  b.add(type0, "ToUnicode", to_unicode);
  return type0;
}

}  // namespace zhixing::inline documents::pdf
