#include "documents/pdf/signature_field.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "documents/layout/paginate.h"
#include "documents/pdf/flate.h"
#include "documents/pdf/hpdf_document.h"
#include "documents/pdf/pdf_error.h"
#include "documents/pdf/seal_drawing.h"

namespace zhixing::inline documents::pdf {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

// The /ByteRange placeholder: numbers no real offset takes (2147480001… are above any PDF we
// write) of ten digits each, so that the sealer's four numbers fit in the same width and a search
// for them finds this array only.
constexpr HPDF_INT32 kByteRangePlaceholder[4] = {0, 2147480001, 2147480002, 2147480003};
constexpr std::string_view kByteRangeText = "2147480001 2147480002 2147480003";

constexpr const char* kExtGStateName = "SealInk";

HPDF_Dict new_indirect_dict(HpdfDocument& doc) {
  HPDF_Doc pdf = doc.get();
  HPDF_Dict dict = doc.check_ptr(HPDF_Dict_New(pdf->mmgr), "HPDF_Dict_New");
  doc.check("HPDF_Xref_Add", HPDF_Xref_Add(pdf->xref, dict));
  return dict;
}

void add_name(HpdfDocument& doc, HPDF_Dict dict, const char* key, const char* value) {
  doc.check(key, HPDF_Dict_AddName(dict, key, value));
}

void add(HpdfDocument& doc, HPDF_Dict dict, const char* key, void* object) {
  doc.check(key, HPDF_Dict_Add(dict, key, object));
}

// The /Sig dictionary (ISO 32000-1 §12.8.1; PAdES B-B: ETSI EN 319 142-1 §5.2).
HPDF_Dict signature_dictionary(HpdfDocument& doc, const SignatureRequest& request) {
  HPDF_Doc pdf = doc.get();
  HPDF_Dict sig = new_indirect_dict(doc);
  add_name(doc, sig, "Type", "Sig");
  add_name(doc, sig, "Filter", "Adobe.PPKLite");
  add_name(doc, sig, "SubFilter", "ETSI.CAdES.detached");
  HPDF_Array range = doc.check_ptr(HPDF_Array_New(pdf->mmgr), "HPDF_Array_New");
  add(doc, sig, "ByteRange", range);
  for (HPDF_INT32 n : kByteRangePlaceholder) {
    doc.check("HPDF_Array_AddNumber", HPDF_Array_AddNumber(range, n));
  }
  // Zero bytes, which libharu writes as a hex string of '0's (HPDF_Binary_Write).
  const std::vector<HPDF_BYTE> zeros(request.contents_bytes, 0);
  add(doc, sig, "Contents",
      doc.check_ptr(HPDF_Binary_New(pdf->mmgr, const_cast<HPDF_BYTE*>(zeros.data()),
                                    static_cast<HPDF_UINT>(zeros.size())),
                    "HPDF_Binary_New(Contents)"));
  if (!request.signing_time.empty()) {
    add(doc, sig, "M",
        doc.check_ptr(HPDF_String_New(pdf->mmgr, request.signing_time.c_str(), nullptr),
                      "HPDF_String_New(M)"));
  }
  if (!request.reason.empty()) add(doc, sig, "Reason", text_string(doc, request.reason));
  if (!request.location.empty()) add(doc, sig, "Location", text_string(doc, request.location));
  return sig;
}

// Where the seal goes: its centre on the page (index) holding the last date line, on that
// line's middle; without a date line, the last page's lower right, inside the GB/T 9704 margins
// (right 26 mm, bottom 35 mm).
struct SealPlace {
  std::size_t page = 0;
  double cx = 0, cy = 0;
};

// A date on the page's last grid lines would put the seal over the page number below the type
// area: lift the seal until it clears the number, but by at most 0.4 of its radius, so that the
// date still runs through the seal's lower half (GB/T 9704 7.3.5.1: the seal presses on the date).
void clear_page_number(SealPlace& place, const std::vector<layout::PlacedLine>& lines, double r) {
  for (const layout::PlacedLine& line : lines) {
    if (line.kind != layout::LineKind::page_number) continue;
    const double number_top = line.baseline_y_pt + 0.88 * line.size_pt + 2;
    const bool beside = line.right_pt() < place.cx - r || line.x_pt > place.cx + r;
    const double overlap = number_top - (place.cy - r);
    if (!beside && overlap > 0) place.cy += std::min(overlap, 0.4 * r);
  }
}

SealPlace seal_place(const layout::LaidOutDocument& document, double size_pt) {
  for (std::size_t p = document.pages.size(); p-- > 0;) {
    const auto& lines = document.pages[p].lines;
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      if (it->kind != layout::LineKind::date) continue;
      // The date's ideographs occupy [baseline − 0.12 em, baseline + 0.88 em]: the middle.
      SealPlace place{p, it->x_pt + it->width_pt / 2, it->baseline_y_pt + 0.38 * it->size_pt};
      clear_page_number(place, lines, size_pt / 2);
      return place;
    }
  }
  const std::size_t last = document.pages.empty() ? 0 : document.pages.size() - 1;
  return {last, document.page_width_pt - 26 * kPtPerMm - size_pt / 2, 35 * kPtPerMm + size_pt / 2};
}

// The appearance: a form XObject (ISO 32000-1 §8.10) with the seal's paths, deflated, and the
// ExtGState that multiplies the red onto the page.
HPDF_Dict appearance_stream(HpdfDocument& doc, const SealDrawing& drawing, int deflate_level) {
  HPDF_Doc pdf = doc.get();
  HPDF_Dict form = doc.check_ptr(HPDF_DictStream_New(pdf->mmgr, pdf->xref), "HPDF_DictStream_New");
  add_name(doc, form, "Type", "XObject");
  add_name(doc, form, "Subtype", "Form");
  HPDF_Array bbox = doc.check_ptr(HPDF_Array_New(pdf->mmgr), "HPDF_Array_New");
  add(doc, form, "BBox", bbox);
  for (double v : {0.0, 0.0, drawing.size_pt, drawing.size_pt}) {
    doc.check("HPDF_Array_AddReal", HPDF_Array_AddReal(bbox, static_cast<HPDF_REAL>(v)));
  }

  HPDF_ExtGState ink = doc.check_ptr(HPDF_CreateExtGState(pdf), "HPDF_CreateExtGState");
  doc.check("HPDF_ExtGState_SetBlendMode", HPDF_ExtGState_SetBlendMode(ink, HPDF_BM_MULTIPLY));
  HPDF_Dict states = doc.check_ptr(HPDF_Dict_New(pdf->mmgr), "HPDF_Dict_New");
  add(doc, states, kExtGStateName, ink);
  HPDF_Dict resources = doc.check_ptr(HPDF_Dict_New(pdf->mmgr), "HPDF_Dict_New");
  add(doc, resources, "ExtGState", states);
  add(doc, form, "Resources", resources);

  write_flate_stream(doc, form, drawing.content, deflate_level);
  return form;
}

HPDF_Array rect_array(HpdfDocument& doc, const SealPlace& place, double size_pt) {
  HPDF_Array rect = doc.check_ptr(HPDF_Array_New(doc.get()->mmgr), "HPDF_Array_New");
  const double r = size_pt / 2;
  for (double v : {place.cx - r, place.cy - r, place.cx + r, place.cy + r}) {
    const double rounded = std::round(v * 100) / 100;
    doc.check("HPDF_Array_AddReal", HPDF_Array_AddReal(rect, static_cast<HPDF_REAL>(rounded)));
  }
  return rect;
}

// The page's /Annots array, made when the page has none.
HPDF_Array page_annots(HpdfDocument& doc, HPDF_Page page) {
  auto* annots = static_cast<HPDF_Array>(HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY));
  if (annots != nullptr) return annots;
  annots = doc.check_ptr(HPDF_Array_New(doc.get()->mmgr), "HPDF_Array_New");
  add(doc, page, "Annots", annots);
  return annots;
}

std::size_t find_once(std::string_view pdf, std::string_view needle, const char* what) {
  const std::size_t at = pdf.find(needle);
  if (at == std::string_view::npos || pdf.find(needle, at + 1) != std::string_view::npos) {
    throw PdfError(PdfErrorCode::libharu_failed,
                   std::string("signature placeholder: ") + what + " not found exactly once");
  }
  return at;
}

}  // namespace

void add_signature_field(HpdfDocument& doc, const layout::LaidOutDocument& document,
                         const fonts::FontSet& fonts, const SignatureRequest& request,
                         int deflate_level) {
  HPDF_Doc pdf = doc.get();
  const SealDrawing drawing = draw_seal(request.seal, fonts, kExtGStateName);
  const SealPlace place = seal_place(document, drawing.size_pt);
  HPDF_Page page = doc.check_ptr(HPDF_GetPageByIndex(pdf, static_cast<HPDF_UINT>(place.page)),
                                 "HPDF_GetPageByIndex");

  HPDF_Dict sig = signature_dictionary(doc, request);

  // The field and its widget annotation in one dictionary (ISO 32000-1 §12.7.3.1, §12.5.6.19).
  HPDF_Dict field = new_indirect_dict(doc);
  add_name(doc, field, "FT", "Sig");
  add(doc, field, "T", text_string(doc, request.field_name));
  add(doc, field, "V", sig);
  add_name(doc, field, "Type", "Annot");
  add_name(doc, field, "Subtype", "Widget");
  doc.check("F", HPDF_Dict_AddNumber(field, "F", 4));  // Print
  add(doc, field, "P", page);
  add(doc, field, "Rect", rect_array(doc, place, drawing.size_pt));
  HPDF_Dict ap = doc.check_ptr(HPDF_Dict_New(pdf->mmgr), "HPDF_Dict_New");
  add(doc, ap, "N", appearance_stream(doc, drawing, deflate_level));
  add(doc, field, "AP", ap);
  doc.check("HPDF_Array_Add(Annots)", HPDF_Array_Add(page_annots(doc, page), field));

  // SignaturesExist | AppendOnly (§12.7.2).
  HPDF_Dict acroform = doc.check_ptr(HPDF_Dict_New(pdf->mmgr), "HPDF_Dict_New");
  HPDF_Array fields = doc.check_ptr(HPDF_Array_New(pdf->mmgr), "HPDF_Array_New");
  add(doc, acroform, "Fields", fields);
  doc.check("HPDF_Array_Add(Fields)", HPDF_Array_Add(fields, field));
  doc.check("SigFlags", HPDF_Dict_AddNumber(acroform, "SigFlags", 3));
  add(doc, pdf->catalog, "AcroForm", acroform);
}

SignaturePlaceholder locate_placeholder(std::string_view pdf, const SignatureRequest& request) {
  SignaturePlaceholder at;
  const std::size_t numbers = find_once(pdf, kByteRangeText, "/ByteRange");
  at.byte_range_begin = pdf.rfind('[', numbers);
  at.byte_range_end = pdf.find(']', numbers) + 1;
  std::string hex = "<";
  hex.append(request.contents_bytes * 2, '0');
  hex += '>';
  at.contents_begin = find_once(pdf, hex, "/Contents");
  at.contents_end = at.contents_begin + hex.size();
  if (at.byte_range_begin == std::string_view::npos || at.byte_range_end == 0) {
    throw PdfError(PdfErrorCode::libharu_failed, "signature placeholder: /ByteRange unbalanced");
  }
  return at;
}

}  // namespace zhixing::inline documents::pdf
