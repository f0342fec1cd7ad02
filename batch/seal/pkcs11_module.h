// A PKCS#11 module loaded into the process (dlopen, C_GetFunctionList, C_Initialize with
// CKF_OS_LOCKING_OK) and the RAII pieces over its C API: sessions and the CK_RV check that turns
// a failure into a SealError naming the PKCS#11 return code. Used by pkcs11_token.cpp only.
#pragma once

#include <p11-kit/pkcs11.h>

#include <memory>
#include <string>
#include <string_view>

#include "seal/seal_error.h"

namespace zhixing::seal::pkcs11 {

// "CKR_PIN_INCORRECT" for CKR_PIN_INCORRECT; "CKR_0x…" for a code this table does not know.
std::string rv_name(CK_RV rv);

// Throws SealError(code, "<what>：<CKR name>") unless rv is CKR_OK.
void check(CK_RV rv, SealErrorCode code, std::string_view what);

// A blank-padded PKCS#11 text field (labels, manufacturer IDs) without its padding.
std::string trimmed(const unsigned char* text, std::size_t size);

class Module {
 public:
  // One Module per library path and process: PKCS#11 allows C_Initialize once per process, so
  // every token opened from the same path shares it; C_Finalize runs when the last one closes.
  // Before loading, when `softhsm2_conf` exists and SOFTHSM2_CONF is unset, sets SOFTHSM2_CONF.
  // Throws SealError(token_unavailable) naming the path when it cannot load or initialise.
  static std::shared_ptr<Module> load(const std::string& path, const std::string& softhsm2_conf);
  ~Module();  // C_Finalize, unless another library of the process had initialised the module
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  CK_FUNCTION_LIST* f() const { return functions_; }
  const std::string& path() const { return path_; }

 private:
  Module(std::string path, void* handle, CK_FUNCTION_LIST* functions, bool finalize)
      : path_(std::move(path)), handle_(handle), functions_(functions), finalize_(finalize) {}
  std::string path_;
  void* handle_;
  CK_FUNCTION_LIST* functions_;
  bool finalize_;  // whether this process's C_Initialize was ours (else another library's)
};

// An open session; closed when destroyed.
class Session {
 public:
  Session(std::shared_ptr<Module> module, CK_SLOT_ID slot, bool read_write);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  CK_SESSION_HANDLE handle() const { return handle_; }
  CK_FUNCTION_LIST* f() const { return module_->f(); }

 private:
  std::shared_ptr<Module> module_;
  CK_SESSION_HANDLE handle_ = CK_INVALID_HANDLE;
};

}  // namespace zhixing::seal::pkcs11
