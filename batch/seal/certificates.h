// X.509 certificates of the court: the demo root (self-signed) and the seal's certificate, built
// as DER and signed by the token (OpenSSL parses them back; no private key outside the token).
#pragma once

#include <string>
#include <vector>

#include "core/date.h"

namespace zhixing::seal {

class Signer;
struct RsaPublicKey;

struct CertificateInfo {
  std::string der;
  std::string
      subject;  // one line, e.g. "CN=河北省易县人民法院电子印章, O=河北省易县人民法院, C=CN"
  std::string issuer;
  std::string serial_hex;
  Date not_before;          // first day of validity (UTC date of notBefore)
  Date not_after;           // last day of validity
  std::string fingerprint;  // SHA-256 of the DER, lower-case hex (64 digits)
  bool valid_on(Date d) const { return !(d < not_before) && !(not_after < d); }
};

// Parses DER or PEM. Throws std::runtime_error on malformed input.
CertificateInfo parse_certificate(const std::string& der_or_pem);
std::string to_pem(const std::string& der);

struct CertificateRequest {
  std::string common_name;
  std::string organization;  // the court's full name
  std::string country = "CN";
  Date valid_from;
  Date valid_to;  // inclusive
  bool ca =
      false;  // root: basicConstraints CA, keyCertSign; seal: digitalSignature, nonRepudiation
};

// A certificate for `subject_key`, issued by `issuer` (for a root: issuer_chain empty and
// the signer's key is the subject key). Serial numbers are derived from the key and validity
// (deterministic). Returns the DER.
std::string issue_certificate(const CertificateRequest& request, const RsaPublicKey& subject_key,
                              const Signer& issuer_key_signer,
                              const std::string& issuer_certificate_der /* empty: self-signed */);

}  // namespace zhixing::seal
