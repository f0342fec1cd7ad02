// For tests: a detached CMS SignedData checked with OpenSSL (CMS_verify), as a PAdES reader
// checks the /Contents of a signature over its byte ranges.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

namespace zhixing::testing {

struct CmsCheck {
  bool parsed = false;    // d2i_CMS_ContentInfo took the whole DER
  bool verified = false;  // CMS_verify returned 1
  std::string error;      // OpenSSL's error queue when it did not
};

// CMS_verify(CMS_DETACHED | CMS_BINARY) of `cms_der` over `content`. With `root_der` the signer's
// certificate must chain to it at `when` (a UTC instant); without, the chain is not checked
// (CMS_NO_SIGNER_CERT_VERIFY).
CmsCheck verify_detached_cms(std::string_view cms_der, std::string_view content,
                             const std::string& root_der, std::time_t when);

// A UTC instant from its calendar parts.
std::time_t utc_time(int year, int month, int day, int hour = 12);

}  // namespace zhixing::testing
