#include "seal/pkcs11_module.h"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

namespace zhixing::seal::pkcs11 {

std::string rv_name(CK_RV rv) {
  // The return codes a token reports in practice (PKCS#11 v2.40 §5.1); others print as hex.
  static const std::map<CK_RV, const char*> names = {
      {CKR_OK, "CKR_OK"},
      {CKR_CANCEL, "CKR_CANCEL"},
      {CKR_HOST_MEMORY, "CKR_HOST_MEMORY"},
      {CKR_SLOT_ID_INVALID, "CKR_SLOT_ID_INVALID"},
      {CKR_GENERAL_ERROR, "CKR_GENERAL_ERROR"},
      {CKR_FUNCTION_FAILED, "CKR_FUNCTION_FAILED"},
      {CKR_ARGUMENTS_BAD, "CKR_ARGUMENTS_BAD"},
      {CKR_CANT_LOCK, "CKR_CANT_LOCK"},
      {CKR_ATTRIBUTE_READ_ONLY, "CKR_ATTRIBUTE_READ_ONLY"},
      {CKR_ATTRIBUTE_SENSITIVE, "CKR_ATTRIBUTE_SENSITIVE"},
      {CKR_ATTRIBUTE_TYPE_INVALID, "CKR_ATTRIBUTE_TYPE_INVALID"},
      {CKR_ATTRIBUTE_VALUE_INVALID, "CKR_ATTRIBUTE_VALUE_INVALID"},
      {CKR_DATA_INVALID, "CKR_DATA_INVALID"},
      {CKR_DATA_LEN_RANGE, "CKR_DATA_LEN_RANGE"},
      {CKR_DEVICE_ERROR, "CKR_DEVICE_ERROR"},
      {CKR_DEVICE_MEMORY, "CKR_DEVICE_MEMORY"},
      {CKR_DEVICE_REMOVED, "CKR_DEVICE_REMOVED"},
      {CKR_FUNCTION_CANCELED, "CKR_FUNCTION_CANCELED"},
      {CKR_FUNCTION_NOT_SUPPORTED, "CKR_FUNCTION_NOT_SUPPORTED"},
      {CKR_KEY_HANDLE_INVALID, "CKR_KEY_HANDLE_INVALID"},
      {CKR_KEY_SIZE_RANGE, "CKR_KEY_SIZE_RANGE"},
      {CKR_KEY_TYPE_INCONSISTENT, "CKR_KEY_TYPE_INCONSISTENT"},
      {CKR_KEY_FUNCTION_NOT_PERMITTED, "CKR_KEY_FUNCTION_NOT_PERMITTED"},
      {CKR_MECHANISM_INVALID, "CKR_MECHANISM_INVALID"},
      {CKR_MECHANISM_PARAM_INVALID, "CKR_MECHANISM_PARAM_INVALID"},
      {CKR_OBJECT_HANDLE_INVALID, "CKR_OBJECT_HANDLE_INVALID"},
      {CKR_OPERATION_ACTIVE, "CKR_OPERATION_ACTIVE"},
      {CKR_OPERATION_NOT_INITIALIZED, "CKR_OPERATION_NOT_INITIALIZED"},
      {CKR_PIN_INCORRECT, "CKR_PIN_INCORRECT"},
      {CKR_PIN_INVALID, "CKR_PIN_INVALID"},
      {CKR_PIN_LEN_RANGE, "CKR_PIN_LEN_RANGE"},
      {CKR_PIN_EXPIRED, "CKR_PIN_EXPIRED"},
      {CKR_PIN_LOCKED, "CKR_PIN_LOCKED"},
      {CKR_SESSION_CLOSED, "CKR_SESSION_CLOSED"},
      {CKR_SESSION_COUNT, "CKR_SESSION_COUNT"},
      {CKR_SESSION_HANDLE_INVALID, "CKR_SESSION_HANDLE_INVALID"},
      {CKR_SESSION_PARALLEL_NOT_SUPPORTED, "CKR_SESSION_PARALLEL_NOT_SUPPORTED"},
      {CKR_SESSION_READ_ONLY, "CKR_SESSION_READ_ONLY"},
      {CKR_SESSION_EXISTS, "CKR_SESSION_EXISTS"},
      {CKR_SESSION_READ_ONLY_EXISTS, "CKR_SESSION_READ_ONLY_EXISTS"},
      {CKR_SIGNATURE_INVALID, "CKR_SIGNATURE_INVALID"},
      {CKR_SIGNATURE_LEN_RANGE, "CKR_SIGNATURE_LEN_RANGE"},
      {CKR_TEMPLATE_INCOMPLETE, "CKR_TEMPLATE_INCOMPLETE"},
      {CKR_TEMPLATE_INCONSISTENT, "CKR_TEMPLATE_INCONSISTENT"},
      {CKR_TOKEN_NOT_PRESENT, "CKR_TOKEN_NOT_PRESENT"},
      {CKR_TOKEN_NOT_RECOGNIZED, "CKR_TOKEN_NOT_RECOGNIZED"},
      {CKR_TOKEN_WRITE_PROTECTED, "CKR_TOKEN_WRITE_PROTECTED"},
      {CKR_USER_ALREADY_LOGGED_IN, "CKR_USER_ALREADY_LOGGED_IN"},
      {CKR_USER_NOT_LOGGED_IN, "CKR_USER_NOT_LOGGED_IN"},
      {CKR_USER_PIN_NOT_INITIALIZED, "CKR_USER_PIN_NOT_INITIALIZED"},
      {CKR_USER_TYPE_INVALID, "CKR_USER_TYPE_INVALID"},
      {CKR_USER_ANOTHER_ALREADY_LOGGED_IN, "CKR_USER_ANOTHER_ALREADY_LOGGED_IN"},
      {CKR_USER_TOO_MANY_TYPES, "CKR_USER_TOO_MANY_TYPES"},
      {CKR_RANDOM_NO_RNG, "CKR_RANDOM_NO_RNG"},
      {CKR_BUFFER_TOO_SMALL, "CKR_BUFFER_TOO_SMALL"},
      {CKR_CRYPTOKI_NOT_INITIALIZED, "CKR_CRYPTOKI_NOT_INITIALIZED"},
      {CKR_CRYPTOKI_ALREADY_INITIALIZED, "CKR_CRYPTOKI_ALREADY_INITIALIZED"},
      {CKR_MUTEX_BAD, "CKR_MUTEX_BAD"},
      {CKR_MUTEX_NOT_LOCKED, "CKR_MUTEX_NOT_LOCKED"},
      {CKR_FUNCTION_REJECTED, "CKR_FUNCTION_REJECTED"},
  };
  auto it = names.find(rv);
  if (it != names.end()) return it->second;
  char hex[32];
  std::snprintf(hex, sizeof hex, "CKR_0x%08lx", static_cast<unsigned long>(rv));
  return hex;
}

void check(CK_RV rv, SealErrorCode code, std::string_view what) {
  if (rv != CKR_OK) throw SealError(code, std::string(what) + "：" + rv_name(rv));
}

std::string trimmed(const unsigned char* text, std::size_t size) {
  std::string s(reinterpret_cast<const char*>(text), size);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  return s;
}

namespace {

// Every Module of the process by path, with the number of its users: C_Finalize runs (under the
// lock, so that no concurrent load initialises meanwhile) when the last user lets go.
struct Loaded {
  std::unique_ptr<Module> module;
  int users = 0;
};
std::mutex g_modules_mutex;
std::map<std::string, Loaded>& modules() {
  static auto* m = new std::map<std::string, Loaded>;  // never destroyed: no C_Finalize at exit
  return *m;
}

std::shared_ptr<Module> new_user(const std::string& path, Loaded& loaded) {
  ++loaded.users;
  return std::shared_ptr<Module>(loaded.module.get(), [path](Module*) {
    std::lock_guard lock(g_modules_mutex);
    auto it = modules().find(path);
    if (it != modules().end() && --it->second.users == 0) modules().erase(it);
  });
}

[[noreturn]] void unavailable(const std::string& message) {
  throw SealError(SealErrorCode::token_unavailable, message);
}

}  // namespace

std::shared_ptr<Module> Module::load(const std::string& path, const std::string& softhsm2_conf) {
  std::lock_guard lock(g_modules_mutex);
  if (auto it = modules().find(path); it != modules().end()) return new_user(path, it->second);
  // SoftHSM2 reads its configuration (the token folder) from SOFTHSM2_CONF when it initialises.
  std::error_code ec;
  if (!softhsm2_conf.empty() && std::getenv("SOFTHSM2_CONF") == nullptr &&
      std::filesystem::exists(softhsm2_conf, ec))
    ::setenv("SOFTHSM2_CONF", softhsm2_conf.c_str(), 0);
  // RTLD_NODELETE: some modules (SoftHSM2 with OpenSSL) register exit handlers and must stay
  // mapped after dlclose.
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    unavailable("无法加载 PKCS#11 模块 " + path + "（seal.pkcs11_module）：" +
                (why ? why : "dlopen 失败"));
  }
  auto get_list = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(handle, "C_GetFunctionList"));
  CK_FUNCTION_LIST* functions = nullptr;
  if (get_list == nullptr || get_list(&functions) != CKR_OK || functions == nullptr) {
    ::dlclose(handle);
    unavailable("PKCS#11 模块 " + path + " 没有 C_GetFunctionList");
  }
  CK_C_INITIALIZE_ARGS args{};
  args.flags = CKF_OS_LOCKING_OK;  // the batch signs from every worker thread
  CK_RV rv = functions->C_Initialize(&args);
  if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
    ::dlclose(handle);
    unavailable("PKCS#11 模块 " + path + " 初始化失败（C_Initialize）：" + rv_name(rv));
  }
  Loaded& loaded = modules()[path];
  loaded.module.reset(new Module(path, handle, functions, rv == CKR_OK));
  return new_user(path, loaded);
}

Module::~Module() {
  if (finalize_) functions_->C_Finalize(nullptr);
  ::dlclose(handle_);
}

Session::Session(std::shared_ptr<Module> module, CK_SLOT_ID slot, bool read_write)
    : module_(std::move(module)) {
  CK_FLAGS flags = CKF_SERIAL_SESSION | (read_write ? CKF_RW_SESSION : 0);
  check(module_->f()->C_OpenSession(slot, flags, nullptr, nullptr, &handle_),
        SealErrorCode::token_unavailable, "无法打开令牌会话（C_OpenSession）");
}

Session::~Session() {
  if (handle_ != CK_INVALID_HANDLE) module_->f()->C_CloseSession(handle_);
}

}  // namespace zhixing::seal::pkcs11
