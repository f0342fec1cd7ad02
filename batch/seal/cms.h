// The CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1; RFC 5652): detached,
// SHA-256, signed attributes content-type, message-digest and ESS signing-certificate-v2
// (RFC 5035) and no signing time, RSA PKCS#1 v1.5: the same input gives the same bytes.
// Encoded as DER by seal/der.h; unit tests parse it back with OpenSSL.
#pragma once

#include <string>
#include <string_view>

namespace zhixing::seal {

class Signer;

// `content_sha256`: the 32-byte SHA-256 of the signed byte ranges. The certificates field holds
// signer.chain_der(). Returns the DER of the ContentInfo.
std::string build_signed_data(std::string_view content_sha256, const Signer& signer);

}  // namespace zhixing::seal
