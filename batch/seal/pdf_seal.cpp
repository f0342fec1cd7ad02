#include "seal/pdf_seal.h"

#include <openssl/sha.h>

#include <charconv>
#include <string_view>

#include "seal/cms.h"
#include "seal/openssl_support.h"
#include "seal/seal_error.h"

namespace zhixing::seal {

namespace {

[[noreturn]] void fail(const std::string& what) {
  throw SealError(SealErrorCode::signing_failed, "无法填写签名占位 (signing_failed): " + what);
}

void check_placeholder(const std::string& pdf, const documents::pdf::SignaturePlaceholder& place) {
  const bool ordered = place.byte_range_begin < place.byte_range_end &&
                       place.contents_begin < place.contents_end &&
                       place.byte_range_end <= pdf.size() && place.contents_end <= pdf.size();
  if (!ordered) fail("placeholder offsets outside the file");
  const bool disjoint =
      place.byte_range_end <= place.contents_begin || place.contents_end <= place.byte_range_begin;
  if (!disjoint) fail("/ByteRange overlaps /Contents");
  if (pdf[place.byte_range_begin] != '[' || pdf[place.byte_range_end - 1] != ']')
    fail("/ByteRange placeholder is not an array");
  const std::size_t digits = place.contents_end - place.contents_begin;
  if (digits < 2 || pdf[place.contents_begin] != '<' || pdf[place.contents_end - 1] != '>' ||
      (digits - 2) % 2 != 0)
    fail("/Contents placeholder is not a hex string of whole bytes");
}

// "[0 a b c]", padded with spaces before ']' to the placeholder's width (ISO 32000-1 §12.8.1:
// the byte range covers the whole file except the /Contents value, '<' and '>' included).
void write_byte_range(std::string& pdf, const documents::pdf::SignaturePlaceholder& place) {
  const std::size_t values[] = {0, place.contents_begin, place.contents_end,
                                pdf.size() - place.contents_end};
  std::string text = "[";
  for (std::size_t i = 0; i < 4; ++i) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, values[i]);
    if (i > 0) text += ' ';
    text.append(buf, end);
  }
  const std::size_t width = place.byte_range_end - place.byte_range_begin;
  if (text.size() + 1 > width) fail("/ByteRange placeholder too narrow for " + text + "]");
  text.append(width - text.size() - 1, ' ');
  text += ']';
  pdf.replace(place.byte_range_begin, width, text);
}

// SHA-256 of the two signed ranges, read in place.
std::string ranges_sha256(const std::string& pdf,
                          const documents::pdf::SignaturePlaceholder& place) {
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), pdf.data(), place.contents_begin) != 1 ||
      EVP_DigestUpdate(ctx.get(), pdf.data() + place.contents_end,
                       pdf.size() - place.contents_end) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(digest.data()), nullptr) != 1)
    fail("SHA-256: " + openssl_errors());
  return digest;
}

}  // namespace

void seal_pdf(std::string& pdf, const documents::pdf::SignaturePlaceholder& placeholder,
              const Signer& signer) {
  check_placeholder(pdf, placeholder);
  write_byte_range(pdf, placeholder);
  const std::string cms = build_signed_data(ranges_sha256(pdf, placeholder), signer);

  const std::size_t capacity = (placeholder.contents_end - placeholder.contents_begin - 2) / 2;
  if (cms.size() > capacity)
    throw SealError(SealErrorCode::placeholder_too_small,
                    "签名数据 " + std::to_string(cms.size()) + " 字节，超出签名占位的 " +
                        std::to_string(capacity) + " 字节 (placeholder_too_small)");
  // Upper-case hex, then '0' to the end of the string (ISO 32000-1 §12.8.3.3.1: the padding is
  // ignored by readers of the DER).
  static constexpr char digits[] = "0123456789ABCDEF";
  char* out = pdf.data() + placeholder.contents_begin + 1;
  for (unsigned char c : cms) {
    *out++ = digits[c >> 4];
    *out++ = digits[c & 15];
  }
  char* const end = pdf.data() + placeholder.contents_end - 1;
  while (out < end) *out++ = '0';
}

}  // namespace zhixing::seal
