// A signature field written with the document: the /Sig dictionary (PAdES B-B: /Filter
// /Adobe.PPKLite, /SubFilter /ETSI.CAdES.detached, /M the document's date), its field and widget
// on the page that carries the date line, the AcroForm (/SigFlags 3), and the widget's
// appearance: the court's red round seal drawn as vector paths over the date line (the seal's
// text as glyph outlines, so the page's extracted text stays the document's).
//
// /ByteRange and /Contents are placeholders of fixed width: render_pdf reports where they are in
// the saved bytes (SignaturePlaceholder), and the sealer (seal/pdf_seal.h) fills them after
// hashing, without moving a byte. The objects are made with libharu's object API; no PDF syntax
// is assembled as text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zhixing::inline documents::fonts {
class FontSet;
}  // namespace zhixing::inline documents::fonts
namespace zhixing::inline documents::layout {
struct LaidOutDocument;
}  // namespace zhixing::inline documents::layout

namespace zhixing::inline documents::pdf {

// What the seal shows. Sizes in millimetres.
struct SealAppearance {
  std::string court_name;  // along the upper arc, e.g. 河北省易县人民法院
  std::string purpose;     // along the bottom, e.g. 电子印章 (seal.purpose)
  double diameter_mm = 42;
};

struct SignatureRequest {
  SealAppearance seal;
  // The signature dictionary's /M: the document's date, "D:20241231000000+08'00'".
  std::string signing_time;
  std::string field_name = "CourtSeal";
  std::string reason;    // /Reason, e.g. 执行裁定书 (may be empty)
  std::string location;  // /Location, e.g. 河北省易县人民法院 (may be empty)
  // Capacity of /Contents in bytes (the hex string holds twice as many digits): the CMS
  // SignedData with the signer's and the root's certificates must fit.
  std::size_t contents_bytes = 8192;
};

// Byte offsets in the saved PDF (0-based, end = one past the last byte).
struct SignaturePlaceholder {
  // The /ByteRange array, '[' to ']' inclusive: the sealer overwrites it with the four numbers,
  // padded with spaces to the same width.
  std::size_t byte_range_begin = 0;
  std::size_t byte_range_end = 0;
  // The /Contents hex string, '<' to '>' inclusive: the sealer writes the DER in hex, padded
  // with '0'. The signed ranges are [0, contents_begin) and [contents_end, size).
  std::size_t contents_begin = 0;
  std::size_t contents_end = 0;
};

class HpdfDocument;

// For the PDF writer (signature_field.cpp). Adds to `doc`, whose pages are `document`'s pages in
// order: the signature dictionary with the placeholders, the field/widget with the seal's
// appearance on the page holding the (last) LineKind::date line, centred on that line (no date
// line: the last page's lower right corner, inside GB/T 9704's margins), the page's /Annots entry
// and the catalog's /AcroForm. /Contents holds request.contents_bytes zero bytes, written by
// libharu as a hex string of '0's (at most 65,535 bytes: libharu's string limit). Throws PdfError
// (libharu_failed, missing_glyph). The appearance stream is deflated at `deflate_level` (flate.h).
void add_signature_field(HpdfDocument& doc, const layout::LaidOutDocument& document,
                         const fonts::FontSet& fonts, const SignatureRequest& request,
                         int deflate_level);

// Where add_signature_field's placeholders landed in the saved bytes. Throws
// PdfError(libharu_failed) unless each occurs exactly once.
SignaturePlaceholder locate_placeholder(std::string_view pdf, const SignatureRequest& request);

}  // namespace zhixing::inline documents::pdf
