#include "documents/pdf/hpdf_document.h"

#include <hpdf_doc.h>
#include <hpdf_streams.h>

#include <cstdio>

#include "documents/layout/utf8.h"
#include "documents/pdf/pdf_error.h"

namespace zhixing::inline documents::pdf {
namespace {

std::string hex(HPDF_STATUS v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%04X", static_cast<unsigned>(v));
  return buf;
}

}  // namespace

HpdfDocument::HpdfDocument() {
  doc_ = HPDF_New(&HpdfDocument::on_error, this);
  if (doc_ == nullptr) {
    throw PdfError(PdfErrorCode::libharu_failed, "HPDF_New failed (out of memory)");
  }
}

HpdfDocument::~HpdfDocument() {
  if (doc_ != nullptr) HPDF_Free(doc_);
}

void HpdfDocument::on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
  // C frames above: record only, never throw.
  auto* self = static_cast<HpdfDocument*>(user_data);
  if (self->error_no_ == HPDF_OK) {
    self->error_no_ = error_no;
    self->detail_no_ = detail_no;
  }
}

void HpdfDocument::check(std::string_view what, HPDF_STATUS status) {
  HPDF_STATUS error = error_no_;
  HPDF_STATUS detail = detail_no_;
  if (error == HPDF_OK) {
    error = HPDF_GetError(doc_);
    detail = HPDF_GetErrorDetail(doc_);
  }
  if (error == HPDF_OK) error = status;
  if (error == HPDF_OK) return;
  error_no_ = HPDF_OK;
  detail_no_ = HPDF_OK;
  HPDF_ResetError(doc_);
  throw PdfError(PdfErrorCode::libharu_failed, std::string("libharu: ") + std::string(what) +
                                                   " failed with error " + hex(error) +
                                                   " (detail " + std::to_string(detail) + ")");
}

std::string HpdfDocument::save() {
  check("HPDF_SaveToStream", HPDF_SaveToStream(doc_));
  // The saved document is libharu's memory stream: its buffers are appended as they are, instead
  // of through HPDF_ReadFromStream, which copies byte by byte (HPDF_MemCpy in 2.3.0).
  HPDF_Stream stream = doc_->stream;
  const HPDF_UINT32 size = HPDF_GetStreamSize(doc_);
  std::string bytes;
  bytes.reserve(size);
  const HPDF_UINT count = HPDF_MemStream_GetBufCount(stream);
  for (HPDF_UINT i = 0; i < count; ++i) {
    HPDF_UINT length = 0;
    const HPDF_BYTE* part =
        check_ptr(HPDF_MemStream_GetBufPtr(stream, i, &length), "HPDF_MemStream_GetBufPtr");
    bytes.append(reinterpret_cast<const char*>(part), length);
  }
  if (bytes.size() != size) {
    throw PdfError(PdfErrorCode::libharu_failed, "libharu: the saved stream's buffers hold " +
                                                     std::to_string(bytes.size()) + " of " +
                                                     std::to_string(size) + " bytes");
  }
  return bytes;
}

std::vector<HPDF_BYTE> pdf_text_string(std::string_view utf8) {
  std::vector<HPDF_BYTE> out = {0xFE, 0xFF};
  for (char32_t cp : layout::utf8_to_u32(utf8)) {
    auto put = [&out](unsigned v) {
      out.push_back(static_cast<HPDF_BYTE>(v >> 8));
      out.push_back(static_cast<HPDF_BYTE>(v & 0xFF));
    };
    if (cp < 0x10000) {
      put(static_cast<unsigned>(cp));
    } else {
      put(0xD800 + static_cast<unsigned>((cp - 0x10000) >> 10));
      put(0xDC00 + static_cast<unsigned>((cp - 0x10000) & 0x3FF));
    }
  }
  return out;
}

HPDF_Binary text_string(HpdfDocument& doc, std::string_view utf8) {
  std::vector<HPDF_BYTE> bytes = pdf_text_string(utf8);
  return doc.check_ptr(
      HPDF_Binary_New(doc.get()->mmgr, bytes.data(), static_cast<HPDF_UINT>(bytes.size())),
      "HPDF_Binary_New");
}

}  // namespace zhixing::inline documents::pdf
