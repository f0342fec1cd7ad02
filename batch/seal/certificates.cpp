#include "seal/certificates.h"

#include <openssl/pem.h>

#include <stdexcept>

#include "core/sha256.h"
#include "seal/der.h"
#include "seal/openssl_support.h"
#include "seal/pkcs11_token.h"
#include "seal/seal_error.h"
#include "seal/signer.h"

namespace zhixing::seal {

namespace {

// RFC 5280 §4.1.1.2, RFC 4055 §5 (sha256WithRSAEncryption with NULL parameters).
const char* const kSha256WithRsa = "1.2.840.113549.1.1.11";
const char* const kRsaEncryption = "1.2.840.113549.1.1.1";
// X.520 attribute types (RFC 5280 Appendix A.1).
const char* const kCountryName = "2.5.4.6";
const char* const kOrganizationName = "2.5.4.10";
const char* const kCommonName = "2.5.4.3";
// Certificate extensions (RFC 5280 §4.2.1).
const char* const kSubjectKeyIdentifier = "2.5.29.14";
const char* const kKeyUsage = "2.5.29.15";
const char* const kBasicConstraints = "2.5.29.19";
const char* const kAuthorityKeyIdentifier = "2.5.29.35";

// KeyUsage named bits (RFC 5280 §4.2.1.3).
constexpr std::uint32_t kDigitalSignature = 1u << 0;
constexpr std::uint32_t kNonRepudiation = 1u << 1;
constexpr std::uint32_t kKeyCertSign = 1u << 5;
constexpr std::uint32_t kCrlSign = 1u << 6;

std::string algorithm(const char* oid) { return der::sequence({der::oid(oid), der::null()}); }

std::string attribute(const char* type, std::string value) {
  return der::set_of({der::sequence({der::oid(type), std::move(value)})});
}

// C (PrintableString, RFC 5280 Appendix A.1), O and CN (UTF8String: the court's Chinese name).
std::string subject_name(const CertificateRequest& request) {
  std::vector<std::string> rdns;
  if (!request.country.empty())
    rdns.push_back(attribute(kCountryName, der::printable_string(request.country)));
  if (!request.organization.empty())
    rdns.push_back(attribute(kOrganizationName, der::utf8_string(request.organization)));
  rdns.push_back(attribute(kCommonName, der::utf8_string(request.common_name)));
  return der::sequence(rdns);
}

// RSAPublicKey (RFC 8017 §A.1.1) inside SubjectPublicKeyInfo; also returns the key bits.
std::string public_key_info(const RsaPublicKey& key, std::string& key_bits) {
  key_bits =
      der::sequence({der::integer_unsigned(key.modulus), der::integer_unsigned(key.exponent)});
  return der::sequence({algorithm(kRsaEncryption), der::bit_string(key_bits)});
}

// Key identifier: SHA-1 of the subjectPublicKey's bits (RFC 5280 §4.2.1.2, method 1).
std::string key_identifier_of(const std::string& key_bits) { return sha1_bytes(key_bits); }

std::string extension(const char* oid, bool critical, const std::string& value) {
  std::vector<std::string> parts{der::oid(oid)};
  if (critical) parts.push_back(der::boolean(true));  // DEFAULT FALSE is omitted (DER)
  parts.push_back(der::octet_string(value));
  return der::sequence(parts);
}

std::string extensions(bool ca, const std::string& subject_key_id,
                       const std::string& authority_key_id) {
  const std::string basic = ca ? der::sequence({der::boolean(true)}) : der::sequence({});
  const std::uint32_t usage =
      ca ? (kKeyCertSign | kCrlSign) : (kDigitalSignature | kNonRepudiation);
  return der::explicit_tag(
      3, der::sequence({
             extension(kBasicConstraints, true, basic),
             extension(kKeyUsage, true, der::named_bits(usage)),
             extension(kSubjectKeyIdentifier, false, der::octet_string(subject_key_id)),
             extension(kAuthorityKeyIdentifier, false,
                       der::sequence({der::implicit_tag(0, der::octet_string(authority_key_id))})),
         }));
}

// 16 bytes of a SHA-256 over the key, the validity and the subject: deterministic, positive
// and never above RFC 5280's 20 octets (§4.1.2.2). The second bit set keeps the length fixed.
std::string serial_number(const CertificateRequest& request, const RsaPublicKey& key) {
  std::string input = key.modulus + '\0' + key.exponent + '\0' + request.valid_from.iso() + '\0' +
                      request.valid_to.iso() + '\0' + request.common_name + '\0' +
                      request.organization + '\0' + (request.ca ? "ca" : "ee");
  std::string bytes = sha256_bytes(input).substr(0, 16);
  bytes[0] = static_cast<char>((static_cast<unsigned char>(bytes[0]) & 0x7F) | 0x40);
  return der::integer_unsigned(bytes);
}

Date date_of(const ASN1_TIME* time) {
  struct tm tm {};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1)
    throw std::runtime_error("certificate validity time is malformed");
  const auto date = Date::from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  if (!date) throw std::runtime_error("certificate validity time is malformed");
  return *date;
}

// One line, most specific first, ", " between RDNs, UTF-8 kept as it is (no \UXXXX escapes).
std::string name_line(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  const unsigned long flags = ((XN_FLAG_RFC2253 & ~XN_FLAG_SEP_MASK) | XN_FLAG_SEP_CPLUS_SPC) &
                              ~static_cast<unsigned long>(ASN1_STRFLGS_ESC_MSB);
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, flags) < 0)
    throw std::runtime_error("cannot print a certificate name: " + openssl_errors());
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

X509Ptr read_certificate(const std::string& der_or_pem) {
  const std::size_t start = der_or_pem.find_first_not_of(" \t\r\n");
  if (start != std::string::npos && der_or_pem.compare(start, 10, "-----BEGIN") == 0) {
    BioPtr bio(BIO_new_mem_buf(der_or_pem.data(), static_cast<int>(der_or_pem.size())));
    X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert) throw std::runtime_error("not a PEM certificate: " + openssl_errors());
    return cert;
  }
  X509Ptr cert = x509_from_der(der_or_pem);
  if (!cert) throw std::runtime_error("not a DER certificate: " + openssl_errors());
  return cert;
}

}  // namespace

CertificateInfo parse_certificate(const std::string& der_or_pem) {
  const X509Ptr cert = read_certificate(der_or_pem);
  CertificateInfo info;
  info.der = x509_der(cert.get());
  info.subject = name_line(X509_get_subject_name(cert.get()));
  info.issuer = name_line(X509_get_issuer_name(cert.get()));
  const ASN1_INTEGER* serial = X509_get0_serialNumber(cert.get());
  info.serial_hex = hex_lower(std::string_view(reinterpret_cast<const char*>(serial->data),
                                               static_cast<std::size_t>(serial->length)));
  info.not_before = date_of(X509_get0_notBefore(cert.get()));
  info.not_after = date_of(X509_get0_notAfter(cert.get()));
  info.fingerprint = sha256_hex(info.der);
  return info;
}

std::string to_pem(const std::string& der) {
  const X509Ptr cert = x509_from_der(der);
  if (!cert) throw std::runtime_error("not a DER certificate: " + openssl_errors());
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert.get()) != 1)
    throw std::runtime_error("cannot write PEM: " + openssl_errors());
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string issue_certificate(const CertificateRequest& request, const RsaPublicKey& subject_key,
                              const Signer& issuer_key_signer,
                              const std::string& issuer_certificate_der) {
  if (request.valid_to < request.valid_from)
    throw std::invalid_argument("certificate validity ends before it begins");
  if (request.common_name.empty()) throw std::invalid_argument("certificate without a common name");
  std::string key_bits;
  const std::string spki = public_key_info(subject_key, key_bits);
  const std::string subject = subject_name(request);
  const std::string subject_key_id = key_identifier_of(key_bits);

  std::string issuer = subject;
  std::string authority_key_id = subject_key_id;
  X509Ptr issuer_cert;
  if (!issuer_certificate_der.empty()) {
    issuer_cert = x509_from_der(issuer_certificate_der);
    if (!issuer_cert)
      throw std::invalid_argument("issuer certificate is not DER: " + openssl_errors());
    issuer = name_der(X509_get_subject_name(issuer_cert.get()));
    const ASN1_BIT_STRING* bits = X509_get0_pubkey_bitstr(issuer_cert.get());
    authority_key_id = key_identifier_of(std::string(reinterpret_cast<const char*>(bits->data),
                                                     static_cast<std::size_t>(bits->length)));
  }

  // Validity in UTC ('Z'): from 00:00:00 of the first day to 23:59:59 of the last, so that a
  // document dated on either day falls inside whatever its hour (RFC 5280 §4.1.2.5).
  const std::string validity = der::sequence(
      {der::time(request.valid_from, 0, 0, 0), der::time(request.valid_to, 23, 59, 59)});
  const std::string tbs = der::sequence({
      der::explicit_tag(0, der::integer(2)),  // v3
      serial_number(request, subject_key),
      algorithm(kSha256WithRsa),
      issuer,
      validity,
      subject,
      spki,
      extensions(request.ca, subject_key_id, authority_key_id),
  });
  const std::string signature = issuer_key_signer.sign_sha256_rsa(tbs);
  std::string cert = der::sequence({tbs, algorithm(kSha256WithRsa), der::bit_string(signature)});

  // The signature must verify with the issuer's key (the subject's own for a root): a token
  // that signed with another key pair gives an error here, not a certificate nobody can use.
  const X509Ptr made = x509_from_der(cert);
  if (!made)
    throw SealError(SealErrorCode::signing_failed, "签发的证书无法解析: " + openssl_errors());
  EVP_PKEY* issuer_key = X509_get0_pubkey(issuer_cert ? issuer_cert.get() : made.get());
  if (issuer_key == nullptr || X509_verify(made.get(), issuer_key) != 1)
    throw SealError(SealErrorCode::signing_failed,
                    "签发的证书签名与签发者公钥不符 (signing_failed): " + openssl_errors());
  return cert;
}

}  // namespace zhixing::seal
