#include "seal/der.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <stdexcept>

#include "core/input_text.h"
#include "core/invariant.h"

namespace zhixing::seal::der {

namespace {

// Base-128, high bit set on every byte but the last (X.690 §8.19.2).
void append_base128(std::string& out, std::uint64_t value) {
  char buf[10];
  int n = 0;
  do {
    buf[n++] = static_cast<char>(value & 0x7F);
    value >>= 7;
  } while (value != 0);
  while (n > 0) {
    --n;
    out += static_cast<char>(n > 0 ? (buf[n] | 0x80) : buf[n]);
  }
}

std::string two_digits(int v) {
  char buf[3];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

std::string time_text(Date date, int hour, int minute, int second, bool four_digit_year) {
  ZHIXING_INVARIANT(
      hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60,
      "time of day out of range");
  const int year = date.year();
  ZHIXING_INVARIANT(year >= 0 && year <= 9999, "year outside 0000..9999");
  std::string text =
      four_digit_year ? two_digits(year / 100) + two_digits(year % 100) : two_digits(year % 100);
  text += two_digits(date.month()) + two_digits(date.day());
  text += two_digits(hour) + two_digits(minute) + two_digits(second) + "Z";
  return text;
}

std::string context_tag(std::uint8_t tag_byte, int n, std::string_view contents) {
  ZHIXING_INVARIANT(n >= 0 && n <= 30, "context-specific tag number above 30");
  return tlv(static_cast<std::uint8_t>(tag_byte | n), contents);
}

// The contents of a complete encoding (its tag and length skipped).
std::string_view contents_of(std::string_view encoded) {
  ZHIXING_INVARIANT(encoded.size() >= 2, "encoding shorter than a tag and a length");
  const auto first = static_cast<unsigned char>(encoded[1]);
  std::size_t header = 2;
  if (first & 0x80) header += first & 0x7F;
  ZHIXING_INVARIANT(header <= encoded.size(), "encoding's length octets truncated");
  ZHIXING_INVARIANT((static_cast<unsigned char>(encoded[0]) & 0x1F) != 0x1F,
                    "high tag numbers are not supported");
  return encoded.substr(header);
}

}  // namespace

std::string tlv(std::uint8_t tag, std::string_view contents) {
  std::string out;
  out.reserve(contents.size() + 6);
  out += static_cast<char>(tag);
  const std::size_t n = contents.size();
  if (n < 0x80) {
    out += static_cast<char>(n);
  } else {
    char buf[8];
    int count = 0;
    for (std::size_t v = n; v != 0; v >>= 8) buf[count++] = static_cast<char>(v & 0xFF);
    out += static_cast<char>(0x80 | count);
    while (count > 0) out += buf[--count];
  }
  out.append(contents);
  return out;
}

std::string integer_unsigned(std::string_view big_endian) {
  std::size_t skip = 0;
  while (skip < big_endian.size() && big_endian[skip] == '\0') ++skip;
  std::string contents;
  const std::string_view magnitude = big_endian.substr(skip);
  if (magnitude.empty() || (static_cast<unsigned char>(magnitude[0]) & 0x80)) contents += '\0';
  contents.append(magnitude);
  return tlv(kInteger, contents);
}

std::string integer(std::int64_t value) {
  std::string bytes;
  for (int i = 7; i >= 0; --i)
    bytes += static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xFF);
  // Drop a leading byte while the next one carries the same sign (X.690 §8.3.2).
  std::size_t skip = 0;
  while (skip + 1 < bytes.size()) {
    const auto b0 = static_cast<unsigned char>(bytes[skip]);
    const auto b1 = static_cast<unsigned char>(bytes[skip + 1]);
    if ((b0 == 0x00 && !(b1 & 0x80)) || (b0 == 0xFF && (b1 & 0x80)))
      ++skip;
    else
      break;
  }
  return tlv(kInteger, std::string_view(bytes).substr(skip));
}

std::string oid(std::string_view dotted) {
  std::vector<std::uint64_t> arcs;
  std::size_t pos = 0;
  while (true) {
    const std::size_t dot = dotted.find('.', pos);
    const std::string_view part =
        dotted.substr(pos, dot == std::string_view::npos ? dotted.npos : dot - pos);
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size() ||
        (part.size() > 1 && part[0] == '0'))
      throw std::invalid_argument("not an object identifier: " + std::string(dotted));
    arcs.push_back(value);
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39) ||
      arcs[1] > (UINT64_MAX - 80))
    throw std::invalid_argument("not an object identifier: " + std::string(dotted));
  std::string contents;
  append_base128(contents, arcs[0] * 40 + arcs[1]);  // X.690 §8.19.4
  for (std::size_t i = 2; i < arcs.size(); ++i) append_base128(contents, arcs[i]);
  return tlv(kOid, contents);
}

std::string null() { return tlv(kNull, {}); }

std::string boolean(bool value) { return tlv(kBoolean, value ? "\xFF" : std::string(1, '\0')); }

std::string octet_string(std::string_view bytes) { return tlv(kOctetString, bytes); }

std::string bit_string(std::string_view bytes, int unused_bits) {
  ZHIXING_INVARIANT(unused_bits >= 0 && unused_bits <= 7, "unused bits outside 0..7");
  ZHIXING_INVARIANT(unused_bits == 0 || !bytes.empty(), "unused bits in an empty bit string");
  std::string contents(1, static_cast<char>(unused_bits));
  contents.append(bytes);
  return tlv(kBitString, contents);
}

std::string named_bits(std::uint32_t bits_from_zero) {
  int highest = -1;  // the last bit number set
  for (int i = 0; i < 32; ++i)
    if (bits_from_zero & (1u << i)) highest = i;
  if (highest < 0) return bit_string({});
  std::string bytes(static_cast<std::size_t>(highest / 8 + 1), '\0');
  for (int i = 0; i <= highest; ++i)
    if (bits_from_zero & (1u << i))
      bytes[i / 8] = static_cast<char>(bytes[i / 8] | (0x80 >> (i % 8)));
  return bit_string(bytes, 7 - highest % 8);
}

std::string utf8_string(std::string_view text) {
  if (!is_valid_utf8(text)) throw std::invalid_argument("UTF8String: text is not valid UTF-8");
  return tlv(kUtf8String, text);
}

std::string printable_string(std::string_view text) {
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    std::string_view(" '()+,-./:=?").find(c) != std::string_view::npos;
    if (!ok) throw std::invalid_argument("PrintableString: character outside the set");
  }
  return tlv(kPrintableString, text);
}

std::string utc_time(Date date, int hour, int minute, int second) {
  ZHIXING_INVARIANT(date.year() >= 1950 && date.year() <= 2049, "UTCTime covers 1950..2049");
  return tlv(kUtcTime, time_text(date, hour, minute, second, false));
}

std::string generalized_time(Date date, int hour, int minute, int second) {
  return tlv(kGeneralizedTime, time_text(date, hour, minute, second, true));
}

std::string time(Date date, int hour, int minute, int second) {
  if (date.year() >= 1950 && date.year() <= 2049) return utc_time(date, hour, minute, second);
  return generalized_time(date, hour, minute, second);
}

std::string sequence(const std::vector<std::string>& elements) {
  std::string contents;
  for (const auto& e : elements) contents += e;
  return tlv(kSequence, contents);
}

std::string set_of(std::vector<std::string> elements) {
  // Compared as octet strings, the shorter padded with zeros at its end (X.690 §11.6):
  // lexicographic order on unsigned bytes, with a prefix first, gives the same order.
  std::stable_sort(elements.begin(), elements.end(),
                   [](const std::string& a, const std::string& b) {
                     return std::lexicographical_compare(
                         a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
                           return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
                         });
                   });
  std::string contents;
  for (const auto& e : elements) contents += e;
  return tlv(kSet, contents);
}

std::string explicit_tag(int n, std::string_view encoded) { return context_tag(0xA0, n, encoded); }

std::string implicit_tag(int n, std::string_view encoded) {
  const std::string_view contents = contents_of(encoded);
  const auto constructed = static_cast<std::uint8_t>(static_cast<unsigned char>(encoded[0]) & 0x20);
  return context_tag(static_cast<std::uint8_t>(0x80 | constructed), n, contents);
}

}  // namespace zhixing::seal::der
