#include "support/cms_check.h"

#include <openssl/cms.h>

#include "seal/openssl_support.h"

namespace zhixing::testing {

CmsCheck verify_detached_cms(std::string_view cms_der, std::string_view content,
                             const std::string& root_der, std::time_t when) {
  CmsCheck check;
  const auto* p = reinterpret_cast<const unsigned char*>(cms_der.data());
  seal::CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(cms_der.size())));
  check.parsed =
      cms && p == reinterpret_cast<const unsigned char*>(cms_der.data()) + cms_der.size();
  if (!check.parsed) {
    check.error = seal::openssl_errors();
    return check;
  }
  seal::X509StorePtr store(X509_STORE_new());
  unsigned flags = CMS_DETACHED | CMS_BINARY;
  if (root_der.empty()) {
    flags |= CMS_NO_SIGNER_CERT_VERIFY;
  } else {
    seal::X509Ptr root = seal::x509_from_der(root_der);
    X509_STORE_add_cert(store.get(), root.get());
    X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store.get()), when);
  }
  seal::BioPtr data(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
  check.verified = CMS_verify(cms.get(), nullptr, store.get(), data.get(), nullptr, flags) == 1;
  if (!check.verified) check.error = seal::openssl_errors();
  return check;
}

std::time_t utc_time(int year, int month, int day, int hour) {
  struct tm tm {};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  return timegm(&tm);
}

}  // namespace zhixing::testing
