// RAII for one libharu document (HPDF_Doc) with an error callback that only records.
//
// libharu reports errors through a C callback; throwing from it would unwind through C frames, so
// the callback stores the first error and every wrapper call is followed by check(), which throws
// PdfError(libharu_failed) on the C++ side. A fresh HpdfDocument per PDF: libharu dedups fonts by
// PostScript name inside one HPDF_Doc (a second subset of one font renders blank). Separate
// instances may be used on separate threads at once; one instance is single-threaded.
#pragma once

#include <hpdf.h>

#include <string>
#include <string_view>
#include <vector>

namespace zhixing::inline documents::pdf {

class HpdfDocument {
 public:
  HpdfDocument();  // HPDF_New; throws PdfError when libharu cannot allocate
  ~HpdfDocument();
  HpdfDocument(const HpdfDocument&) = delete;  // the callback holds `this`
  HpdfDocument& operator=(const HpdfDocument&) = delete;

  HPDF_Doc get() const { return doc_; }

  // Throws PdfError(libharu_failed) naming `what` if libharu recorded an error, or if `status`
  // is not HPDF_OK (object-level calls return a status without invoking the callback).
  void check(std::string_view what, HPDF_STATUS status = HPDF_OK);
  // The same for calls that return a handle: a null handle is an error.
  template <class T>
  T check_ptr(T handle, std::string_view what) {
    check(what, handle == nullptr ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK);
    return handle;
  }

  // HPDF_SaveToStream, then the bytes.
  std::string save();

 private:
  static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data);

  HPDF_Doc doc_ = nullptr;
  HPDF_STATUS error_no_ = HPDF_OK;
  HPDF_STATUS detail_no_ = HPDF_OK;
};

// A PDF text string as UTF-16BE with a byte-order mark (ISO 32000-1 §7.9.2.2), for Info entries
// and the signature dictionary: libharu's own string objects would pass UTF-8 bytes through as
// PDFDocEncoding.
std::vector<HPDF_BYTE> pdf_text_string(std::string_view utf8);
// The same as a libharu binary object (written as a hex string), owned by `doc`'s memory manager.
HPDF_Binary text_string(HpdfDocument& doc, std::string_view utf8);

}  // namespace zhixing::inline documents::pdf
