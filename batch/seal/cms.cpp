#include "seal/cms.h"

#include "core/invariant.h"
#include "seal/der.h"
#include "seal/openssl_support.h"
#include "seal/seal_error.h"
#include "seal/signer.h"

namespace zhixing::seal {

namespace {

const char* const kSignedData = "1.2.840.113549.1.7.2";                  // RFC 5652 §5.1
const char* const kData = "1.2.840.113549.1.7.1";                        // RFC 5652 §4
const char* const kSha256 = "2.16.840.1.101.3.4.2.1";                    // RFC 5754 §2.2
const char* const kRsaEncryption = "1.2.840.113549.1.1.1";               // RFC 8017 App. C
const char* const kContentType = "1.2.840.113549.1.9.3";                 // RFC 5652 §11.1
const char* const kMessageDigest = "1.2.840.113549.1.9.4";               // RFC 5652 §11.2
const char* const kSigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";  // RFC 5035 §3

// RFC 5754 §2: "Implementations MUST generate SHA2 AlgorithmIdentifiers with absent
// parameters."
std::string sha256_algorithm() { return der::sequence({der::oid(kSha256)}); }

std::string attribute(const char* type, std::string value) {
  return der::sequence({der::oid(type), der::set_of({std::move(value)})});
}

struct SignerIdentity {
  std::string issuer_name;  // DER of the issuer's Name
  std::string serial;       // DER INTEGER
  std::string cert_hash;    // SHA-256 of the certificate
};

SignerIdentity read_identity(const std::string& certificate_der) {
  const X509Ptr cert = x509_from_der(certificate_der);
  if (!cert)
    throw SealError(SealErrorCode::signing_failed,
                    "签名证书无法解析 (signing_failed): " + openssl_errors());
  SignerIdentity id;
  id.issuer_name = name_der(X509_get_issuer_name(cert.get()));
  unsigned char* buf = nullptr;
  const int n = i2d_ASN1_INTEGER(X509_get0_serialNumber(cert.get()), &buf);
  ZHIXING_INVARIANT(n > 0, "i2d_ASN1_INTEGER failed on a parsed certificate");
  id.serial.assign(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
  OPENSSL_free(buf);
  id.cert_hash = sha256_bytes(certificate_der);
  return id;
}

// Parsing the certificate costs a tenth of the sealing budget (d2i_X509 hashes and caches),
// and a run seals with one certificate: each thread keeps the last one read.
const SignerIdentity& identity_of(const std::string& certificate_der) {
  thread_local std::string cached_der;
  thread_local SignerIdentity cached;
  if (cached_der != certificate_der) {
    cached = read_identity(certificate_der);
    cached_der = certificate_der;
  }
  return cached;
}

// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (RFC 5035 §3), one
// ESSCertIDv2 { hashAlgorithm DEFAULT sha256 (omitted, DER), certHash, issuerSerial }, and
// IssuerSerial ::= { issuer GeneralNames (directoryName [4], EXPLICIT: Name is a CHOICE),
// serialNumber } (RFC 5035 §4; RFC 5280 §4.2.1.6).
std::string signing_certificate_v2(const SignerIdentity& id) {
  const std::string general_names = der::sequence({der::explicit_tag(4, id.issuer_name)});
  const std::string issuer_serial = der::sequence({general_names, id.serial});
  const std::string ess_cert_id = der::sequence({der::octet_string(id.cert_hash), issuer_serial});
  return der::sequence({der::sequence({ess_cert_id})});
}

// SignedAttributes as a SET OF Attribute (RFC 5652 §5.4: the signature covers this DER with
// the SET tag; the SignerInfo carries it as [0] IMPLICIT). No signing-time attribute: a PAdES
// baseline B-B signature (ETSI EN 319 142-1) takes its time from the signature dictionary's /M.
std::string signed_attributes(std::string_view content_sha256, const SignerIdentity& id) {
  return der::set_of({
      attribute(kContentType, der::oid(kData)),
      attribute(kMessageDigest, der::octet_string(content_sha256)),
      attribute(kSigningCertificateV2, signing_certificate_v2(id)),
  });
}

}  // namespace

std::string build_signed_data(std::string_view content_sha256, const Signer& signer) {
  ZHIXING_INVARIANT(content_sha256.size() == 32, "content digest is not 32 bytes of SHA-256");
  const std::vector<std::string>& chain = signer.chain_der();
  if (chain.empty())
    throw SealError(SealErrorCode::signing_failed, "签名者没有证书 (signing_failed)");
  const SignerIdentity& id = identity_of(chain.front());
  const std::string attributes = signed_attributes(content_sha256, id);
  const std::string signature = signer.sign_sha256_rsa(attributes);

  // SignerInfo, version 1: sid is IssuerAndSerialNumber (RFC 5652 §5.3).
  const std::string signer_info = der::sequence({
      der::integer(1),
      der::sequence({id.issuer_name, id.serial}),
      sha256_algorithm(),
      der::implicit_tag(0, attributes),
      der::sequence({der::oid(kRsaEncryption), der::null()}),
      der::octet_string(signature),
  });
  // SignedData, version 1 (RFC 5652 §5.1): only X.509 certificates, id-data, v1 SignerInfo.
  // CertificateSet is a SET OF, so DER orders the certificates by their encodings.
  const std::string signed_data = der::sequence({
      der::integer(1),
      der::set_of({sha256_algorithm()}),
      der::sequence({der::oid(kData)}),  // detached: no eContent
      der::implicit_tag(0, der::set_of(chain)),
      der::set_of({signer_info}),
  });
  return der::sequence({der::oid(kSignedData), der::explicit_tag(0, signed_data)});
}

}  // namespace zhixing::seal
