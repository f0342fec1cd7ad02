// What the seal module's OpenSSL code shares: owning handles (RAII for every OpenSSL object),
// raw digests, and the text of OpenSSL's error queue for messages and logs.
#pragma once

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

namespace zhixing::seal {

template <typename T, void (*Free)(T*)>
struct OpensslDeleter {
  void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using OpensslPtr = std::unique_ptr<T, OpensslDeleter<T, Free>>;

using BioPtr = OpensslPtr<BIO, BIO_free_all>;
using X509Ptr = OpensslPtr<X509, X509_free>;
using X509StorePtr = OpensslPtr<X509_STORE, X509_STORE_free>;
using X509StoreCtxPtr = OpensslPtr<X509_STORE_CTX, X509_STORE_CTX_free>;
using EvpPkeyPtr = OpensslPtr<EVP_PKEY, EVP_PKEY_free>;
using EvpMdCtxPtr = OpensslPtr<EVP_MD_CTX, EVP_MD_CTX_free>;
using CmsPtr = OpensslPtr<CMS_ContentInfo, CMS_ContentInfo_free>;

// Raw digests (32 and 20 bytes).
std::string sha256_bytes(std::string_view data);
std::string sha1_bytes(std::string_view data);

// The certificate in `der` (the whole buffer must be one certificate); nullptr when it is not.
X509Ptr x509_from_der(std::string_view der);
// The DER of an X509 object or of one of its parts (i2d_X509, i2d_X509_NAME…).
std::string x509_der(const X509* cert);
std::string name_der(const X509_NAME* name);

// OpenSSL's error queue as one line (emptied); "no OpenSSL error" when it is empty.
std::string openssl_errors();

}  // namespace zhixing::seal
