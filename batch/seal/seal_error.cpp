#include "seal/seal_error.h"

namespace zhixing::seal {

std::string_view seal_error_name(SealErrorCode code) {
  switch (code) {
    case SealErrorCode::token_unavailable:
      return "token_unavailable";
    case SealErrorCode::no_certificate:
      return "no_certificate";
    case SealErrorCode::seal_not_valid:
      return "seal_not_valid";
    case SealErrorCode::seal_expired:
      return "seal_expired";
    case SealErrorCode::signing_failed:
      return "signing_failed";
    case SealErrorCode::placeholder_too_small:
      return "placeholder_too_small";
  }
  return "signing_failed";
}

}  // namespace zhixing::seal
