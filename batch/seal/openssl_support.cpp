#include "seal/openssl_support.h"

#include <openssl/err.h>
#include <openssl/sha.h>

#include "core/invariant.h"

namespace zhixing::seal {

std::string sha256_bytes(std::string_view data) {
  std::string out(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

std::string sha1_bytes(std::string_view data) {
  std::string out(SHA_DIGEST_LENGTH, '\0');
  SHA1(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
       reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

X509Ptr x509_from_der(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (cert && p != reinterpret_cast<const unsigned char*>(der.data() + der.size())) return nullptr;
  return cert;
}

std::string x509_der(const X509* cert) {
  unsigned char* buf = nullptr;
  const int n = i2d_X509(cert, &buf);
  ZHIXING_INVARIANT(n > 0, "i2d_X509 failed on a parsed certificate");
  std::string out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
  OPENSSL_free(buf);
  return out;
}

std::string name_der(const X509_NAME* name) {
  unsigned char* buf = nullptr;
  const int n = i2d_X509_NAME(name, &buf);
  ZHIXING_INVARIANT(n > 0, "i2d_X509_NAME failed on a parsed name");
  std::string out(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
  OPENSSL_free(buf);
  return out;
}

std::string openssl_errors() {
  std::string text;
  unsigned long code = 0;
  int bound = 16;  // the queue is short; never loop without a bound
  while ((code = ERR_get_error()) != 0 && bound-- > 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    if (!text.empty()) text += "; ";
    text += buf;
  }
  ERR_clear_error();
  return text.empty() ? "no OpenSSL error" : text;
}

}  // namespace zhixing::seal
