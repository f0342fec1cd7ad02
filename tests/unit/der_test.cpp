// seal/der: the DER writer against encodings from X.690's rules and OpenSSL's reading of them.
#include "seal/der.h"

#include <gtest/gtest.h>
#include <openssl/asn1.h>
#include <openssl/objects.h>

#include <stdexcept>
#include <string>

namespace zhixing::seal {
namespace {

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

TEST(Der, LengthShortAndLongForms) {
  EXPECT_EQ(hex(der::tlv(0x04, std::string(127, 'a'))).substr(0, 4), "047f");
  EXPECT_EQ(hex(der::tlv(0x04, std::string(128, 'a'))).substr(0, 6), "048180");
  EXPECT_EQ(hex(der::tlv(0x04, std::string(256, 'a'))).substr(0, 8), "04820100");
  EXPECT_EQ(hex(der::tlv(0x04, std::string(70000, 'a'))).substr(0, 10), "0483011170");
}

TEST(Der, IntegerFromInt64IsMinimalTwosComplement) {
  EXPECT_EQ(hex(der::integer(0)), "020100");
  EXPECT_EQ(hex(der::integer(1)), "020101");
  EXPECT_EQ(hex(der::integer(127)), "02017f");
  EXPECT_EQ(hex(der::integer(128)), "02020080");
  EXPECT_EQ(hex(der::integer(256)), "02020100");
  EXPECT_EQ(hex(der::integer(-1)), "0201ff");
  EXPECT_EQ(hex(der::integer(-128)), "020180");
  EXPECT_EQ(hex(der::integer(-129)), "0202ff7f");
  EXPECT_EQ(hex(der::integer(INT64_MIN)), "02088000000000000000");
}

TEST(Der, IntegerFromUnsignedBytesStaysPositive) {
  EXPECT_EQ(hex(der::integer_unsigned("")), "020100");
  EXPECT_EQ(hex(der::integer_unsigned(std::string("\x00\x00\x01", 3))), "020101");
  EXPECT_EQ(hex(der::integer_unsigned("\x80")), "02020080");
  EXPECT_EQ(hex(der::integer_unsigned(std::string("\x00\xff\x01", 3))), "020300ff01");
  EXPECT_EQ(hex(der::integer_unsigned(std::string("\x01\x00\x01", 3))), "0203010001");
}

TEST(Der, ObjectIdentifierFromDottedText) {
  EXPECT_EQ(hex(der::oid("1.2.840.113549.1.7.2")), "06092a864886f70d010702");
  EXPECT_EQ(hex(der::oid("2.16.840.1.101.3.4.2.1")), "0609608648016503040201");
  EXPECT_EQ(hex(der::oid("2.5.4.3")), "0603550403");
  EXPECT_EQ(hex(der::oid("2.999.3")), "0603883703");  // X.690 §8.19.5's example
  // OpenSSL reads what we write back to the same text.
  const std::string enc = der::oid("1.2.840.113549.1.9.16.2.47");
  const auto* p = reinterpret_cast<const unsigned char*>(enc.data());
  ASN1_OBJECT* obj = d2i_ASN1_OBJECT(nullptr, &p, static_cast<long>(enc.size()));
  ASSERT_NE(obj, nullptr);
  char text[80];
  OBJ_obj2txt(text, sizeof text, obj, 1);
  ASN1_OBJECT_free(obj);
  EXPECT_STREQ(text, "1.2.840.113549.1.9.16.2.47");
}

TEST(Der, ObjectIdentifierRejectsMalformedText) {
  for (const char* bad : {"", "1", "3.1", "1.40", "1..2", "1.2.", "a.b", "1.02", "1.2.-3"})
    EXPECT_THROW(der::oid(bad), std::invalid_argument) << bad;
}

TEST(Der, NullBooleanOctetAndBitStrings) {
  EXPECT_EQ(hex(der::null()), "0500");
  EXPECT_EQ(hex(der::boolean(true)), "0101ff");
  EXPECT_EQ(hex(der::boolean(false)), "010100");
  EXPECT_EQ(hex(der::octet_string("\x01\x02")), "04020102");
  EXPECT_EQ(hex(der::bit_string("\xaa")), "030200aa");
  EXPECT_EQ(hex(der::bit_string({})), "030100");
}

TEST(Der, NamedBitsDropTrailingZeros) {
  // KeyUsage: digitalSignature (0) + nonRepudiation (1) = 0b11000000, 6 unused bits.
  EXPECT_EQ(hex(der::named_bits(0b11)), "030206c0");
  // keyCertSign (5) + cRLSign (6) = 0b00000110, 1 unused bit.
  EXPECT_EQ(hex(der::named_bits((1u << 5) | (1u << 6))), "03020106");
  // decipherOnly (8) takes a second byte.
  EXPECT_EQ(hex(der::named_bits((1u << 0) | (1u << 8))), "0303078080");
  EXPECT_EQ(hex(der::named_bits(0)), "030100");
}

TEST(Der, Strings) {
  EXPECT_EQ(hex(der::utf8_string("法院")), "0c06e6b395e999a2");
  EXPECT_EQ(hex(der::printable_string("CN")), "1302434e");
  EXPECT_THROW(der::printable_string("a_b"), std::invalid_argument);
  EXPECT_THROW(der::printable_string("法院"), std::invalid_argument);
  EXPECT_THROW(der::utf8_string("\xff"), std::invalid_argument);
}

TEST(Der, TimesFollowRfc5280) {
  EXPECT_EQ(der::time(ymd(2024, 1, 1), 0, 0, 0), der::tlv(0x17, "240101000000Z"));
  EXPECT_EQ(der::time(ymd(2049, 12, 31), 23, 59, 59), der::tlv(0x17, "491231235959Z"));
  EXPECT_EQ(der::time(ymd(1950, 1, 1), 0, 0, 0), der::tlv(0x17, "500101000000Z"));
  EXPECT_EQ(der::time(ymd(2050, 1, 1), 0, 0, 0), der::tlv(0x18, "20500101000000Z"));
  EXPECT_EQ(der::time(ymd(1949, 12, 31), 12, 5, 9), der::tlv(0x18, "19491231120509Z"));
  // OpenSSL agrees on the instant.
  const std::string enc = der::time(ymd(2028, 12, 31), 23, 59, 59);
  const auto* p = reinterpret_cast<const unsigned char*>(enc.data());
  ASN1_TIME* t = d2i_ASN1_TIME(nullptr, &p, static_cast<long>(enc.size()));
  ASSERT_NE(t, nullptr);
  struct tm tm {};
  ASSERT_EQ(ASN1_TIME_to_tm(t, &tm), 1);
  ASN1_TIME_free(t);
  EXPECT_EQ(tm.tm_year + 1900, 2028);
  EXPECT_EQ(tm.tm_mon + 1, 12);
  EXPECT_EQ(tm.tm_mday, 31);
  EXPECT_EQ(tm.tm_sec, 59);
}

TEST(Der, SequenceKeepsOrderSetOfSorts) {
  const std::string a = der::integer(2), b = der::integer(1), c = der::octet_string("");
  EXPECT_EQ(hex(der::sequence({a, b, c})),
            "3008020102020101"
            "0400");
  EXPECT_EQ(hex(der::set_of({c, a, b})),
            "3108020101020102"
            "0400");
  // Octets compare unsigned: 0x80 sorts after 0x7f.
  EXPECT_EQ(hex(der::set_of({der::octet_string("\x80"), der::octet_string("\x7f")})),
            "3106"
            "04017f"
            "040180");
  EXPECT_EQ(hex(der::set_of({})), "3100");
}

TEST(Der, ContextSpecificTags) {
  const std::string seq = der::sequence({der::integer(5)});
  EXPECT_EQ(hex(der::explicit_tag(0, der::integer(2))), "a003020102");
  EXPECT_EQ(hex(der::explicit_tag(3, seq)),
            "a30530030201"
            "05");
  // Implicit keeps the constructed bit: a SEQUENCE becomes A0, an OCTET STRING 80.
  EXPECT_EQ(hex(der::implicit_tag(0, seq)), "a003020105");
  EXPECT_EQ(hex(der::implicit_tag(2, der::octet_string("\x07"))), "820107");
  const std::string big = der::octet_string(std::string(300, 'x'));
  EXPECT_EQ(der::implicit_tag(1, big), der::tlv(0x81, std::string(300, 'x')));
}

}  // namespace
}  // namespace zhixing::seal
