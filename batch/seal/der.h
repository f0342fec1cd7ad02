// A small DER writer (ITU-T X.690 §8, §10, §11): each function returns the complete encoding
// (tag, definite length, contents) of one value, so values nest by concatenation. Enough for
// X.509 certificates (RFC 5280) and CMS SignedData (RFC 5652); no reader (OpenSSL parses).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace zhixing::seal::der {

// Universal tags (X.690 §8; X.680 §8.4).
inline constexpr std::uint8_t kBoolean = 0x01;
inline constexpr std::uint8_t kInteger = 0x02;
inline constexpr std::uint8_t kBitString = 0x03;
inline constexpr std::uint8_t kOctetString = 0x04;
inline constexpr std::uint8_t kNull = 0x05;
inline constexpr std::uint8_t kOid = 0x06;
inline constexpr std::uint8_t kUtf8String = 0x0C;
inline constexpr std::uint8_t kPrintableString = 0x13;
inline constexpr std::uint8_t kUtcTime = 0x17;
inline constexpr std::uint8_t kGeneralizedTime = 0x18;
inline constexpr std::uint8_t kSequence = 0x30;  // constructed
inline constexpr std::uint8_t kSet = 0x31;       // constructed

// Tag, length in the shortest form (X.690 §10.1), contents. Tags above 30 are not needed.
std::string tlv(std::uint8_t tag, std::string_view contents);

// INTEGER from an unsigned big-endian magnitude (leading zero bytes dropped, one 0x00 added when
// the high bit is set so the value stays positive: X.690 §8.3.2). Empty means zero.
std::string integer_unsigned(std::string_view big_endian);
// INTEGER in two's complement, minimal octets.
std::string integer(std::int64_t value);
// OBJECT IDENTIFIER from dotted text ("1.2.840.113549.1.7.2"). Throws std::invalid_argument when
// the text is not an OID (fewer than two arcs, first arc above 2, second above 39 under 0 or 1).
std::string oid(std::string_view dotted);
std::string null();
std::string boolean(bool value);  // DER: 0xFF for true (X.690 §11.1)
std::string octet_string(std::string_view bytes);
// BIT STRING of whole bytes with `unused_bits` (0..7) unused in the last one.
std::string bit_string(std::string_view bytes, int unused_bits = 0);
// BIT STRING of named bits (KeyUsage): bit 0 is the high bit of the first byte; trailing zero
// bits are dropped as DER requires for named bit lists (X.690 §11.2.2).
std::string named_bits(std::uint32_t bits_from_zero);
// Throws std::invalid_argument when the text is not valid UTF-8.
std::string utf8_string(std::string_view text);
// Throws std::invalid_argument on a character outside PrintableString (X.680 §41.4).
std::string printable_string(std::string_view text);

// A UTC instant for certificate validity: UTCTime for years 1950 through 2049, GeneralizedTime
// otherwise (RFC 5280 §4.1.2.5), both with seconds and 'Z'.
std::string time(Date date, int hour, int minute, int second);
std::string utc_time(Date date, int hour, int minute, int second);
std::string generalized_time(Date date, int hour, int minute, int second);

// SEQUENCE of already encoded elements, in order.
std::string sequence(const std::vector<std::string>& elements);
// SET OF: the elements sorted by their encodings (X.690 §11.6), ties kept.
std::string set_of(std::vector<std::string> elements);

// [n] EXPLICIT: a constructed context-specific tag around the whole encoding.
std::string explicit_tag(int n, std::string_view encoded);
// [n] IMPLICIT: the encoding's tag replaced by context-specific [n], keeping its constructed bit.
std::string implicit_tag(int n, std::string_view encoded);

}  // namespace zhixing::seal::der
