// Errors of the seal module, each with a stable code and a Chinese message.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace zhixing::seal {

enum class SealErrorCode {
  token_unavailable,      // no module, no token, wrong PIN, no key: this process cannot seal
  no_certificate,         // the token has a key but no seal certificate: run `zhixing seal init`
  seal_not_valid,         // a document's date lies outside the certificate's validity (item error)
  seal_expired,           // the certificate has expired by the run's business date (run error)
  signing_failed,         // PKCS#11 or CMS failure
  placeholder_too_small,  // the CMS does not fit /Contents
};

std::string_view seal_error_name(SealErrorCode code);

class SealError : public std::runtime_error {
 public:
  SealError(SealErrorCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  SealErrorCode code() const { return code_; }
  std::string_view name() const { return seal_error_name(code_); }

 private:
  SealErrorCode code_;
};

}  // namespace zhixing::seal
