#include "importer/record_text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <exception>

namespace zhixing::inline importer {

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

namespace {

const icu::Normalizer2& nfc_instance() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || n == nullptr) std::terminate();  // ICU data missing: unusable build
    return n;
  }();
  return *instance;
}

}  // namespace

std::string to_nfc(const std::string& s) {
  if (is_ascii(s)) return s;
  const icu::Normalizer2& nfc = nfc_instance();
  UErrorCode status = U_ZERO_ERROR;
  icu::StringPiece piece(s.data(), static_cast<int32_t>(s.size()));
  if (nfc.isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return s;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  status = U_ZERO_ERROR;
  nfc.normalizeUTF8(0, piece, sink, nullptr, status);
  return U_SUCCESS(status) ? out : s;
}

}  // namespace zhixing::inline importer
