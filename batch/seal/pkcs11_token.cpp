// Pkcs11Token over the PKCS#11 C API (v2.40). One read-write session, kept open for the token's
// life (it holds the login: a token logs out when its application's last session closes), serves
// look-ups, key generation and certificates under a mutex; signing takes a read-only session
// from a pool, so that worker threads sign in parallel (the login covers every session of the
// process).
#include "seal/pkcs11_token.h"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <map>
#include <mutex>

#include "seal/openssl_support.h"
#include "seal/pkcs11_module.h"
#include "seal/seal_settings.h"

namespace zhixing::seal {

namespace {

using pkcs11::check;
using pkcs11::Module;
using pkcs11::Session;

constexpr std::size_t kMaxFoundObjects = 1000;  // bound on one C_FindObjects search
constexpr std::size_t kMaxIdleSessions = 64;    // signing sessions kept open between calls
constexpr SealErrorCode kUnavailable = SealErrorCode::token_unavailable;

CK_BBOOL kTrue = CK_TRUE;
CK_BBOOL kFalse = CK_FALSE;

CK_ATTRIBUTE attr(CK_ATTRIBUTE_TYPE type, const void* value, std::size_t size) {
  return CK_ATTRIBUTE{type, const_cast<void*>(value), static_cast<CK_ULONG>(size)};
}
CK_ATTRIBUTE attr(CK_ATTRIBUTE_TYPE type, const std::string& value) {
  return attr(type, value.data(), value.size());
}
template <typename T>
CK_ATTRIBUTE attr(CK_ATTRIBUTE_TYPE type, const T* value) {
  return attr(type, value, sizeof(T));
}

std::vector<CK_OBJECT_HANDLE> find_objects(const Session& s, std::vector<CK_ATTRIBUTE> tmpl) {
  check(s.f()->C_FindObjectsInit(s.handle(), tmpl.data(), tmpl.size()), kUnavailable,
        "令牌对象查找失败（C_FindObjectsInit）");
  std::vector<CK_OBJECT_HANDLE> found;
  CK_RV rv = CKR_OK;
  while (found.size() < kMaxFoundObjects) {
    CK_OBJECT_HANDLE batch[32];
    CK_ULONG n = 0;
    rv = s.f()->C_FindObjects(s.handle(), batch, 32, &n);
    if (rv != CKR_OK || n == 0) break;
    found.insert(found.end(), batch, batch + n);
  }
  s.f()->C_FindObjectsFinal(s.handle());
  check(rv, kUnavailable, "令牌对象查找失败（C_FindObjects）");
  return found;
}

std::string attribute(const Session& s, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  CK_ATTRIBUTE a{type, nullptr, 0};
  check(s.f()->C_GetAttributeValue(s.handle(), object, &a, 1), kUnavailable,
        "无法读取令牌对象属性（C_GetAttributeValue）");
  std::string value(a.ulValueLen, '\0');
  a.pValue = value.data();
  check(s.f()->C_GetAttributeValue(s.handle(), object, &a, 1), kUnavailable,
        "无法读取令牌对象属性（C_GetAttributeValue）");
  value.resize(a.ulValueLen);
  return value;
}

// A big-endian magnitude without leading zero bytes (tokens and OpenSSL may differ in these).
std::string magnitude(std::string bytes) {
  std::size_t zeros = 0;
  while (zeros + 1 < bytes.size() && bytes[zeros] == '\0') ++zeros;
  return bytes.substr(zeros);
}

std::string bn_bytes(const BIGNUM* bn) {
  std::string out(BN_num_bytes(bn), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

// The parts of an X.509 certificate a CKO_CERTIFICATE object carries beside its DER.
struct CertificateFields {
  std::string subject, issuer, serial, modulus;
};

CertificateFields certificate_fields(const std::string& der) {
  X509Ptr x509 = x509_from_der(der);
  if (!x509) throw SealError(SealErrorCode::signing_failed, "证书无法解析，未存入令牌（d2i_X509）");
  CertificateFields f;
  f.subject = name_der(X509_get_subject_name(x509.get()));
  f.issuer = name_der(X509_get_issuer_name(x509.get()));
  const ASN1_INTEGER* serial = X509_get0_serialNumber(x509.get());
  int size = i2d_ASN1_INTEGER(serial, nullptr);
  f.serial.resize(size > 0 ? size : 0);
  auto* out = reinterpret_cast<unsigned char*>(f.serial.data());
  if (size > 0) i2d_ASN1_INTEGER(serial, &out);
  BIGNUM* n = nullptr;
  if (EVP_PKEY_get_bn_param(X509_get0_pubkey(x509.get()), "n", &n) == 1) {
    f.modulus = bn_bytes(n);
    BN_free(n);
  }
  return f;
}

class ModuleToken final : public Pkcs11Token {
 public:
  ModuleToken(std::shared_ptr<Module> module, CK_SLOT_ID slot, std::string description)
      : module_(std::move(module)), slot_(slot), description_(std::move(description)) {}

  void login(const std::string& token_label, const std::string& pin);

  std::optional<RsaPublicKey> public_key(const std::string& label) override;
  RsaPublicKey generate_rsa_key(const std::string& label, int bits) override;
  std::string sign_sha256_rsa(const std::string& label, std::string_view data) override;
  std::vector<std::string> certificates(const std::string& label) override;
  void store_certificate(const std::string& label, const std::string& der) override;
  void relabel_key_pair(const std::string& label, const std::string& new_label) override;
  std::string description() const override { return description_; }

 private:
  // Under admin_mutex_: the objects of `cls` labelled `label`.
  std::vector<CK_OBJECT_HANDLE> labelled(CK_OBJECT_CLASS cls, const std::string& label);
  CK_OBJECT_HANDLE signing_key(const std::string& label);
  std::unique_ptr<Session> take_session();
  void give_back(std::unique_ptr<Session> session);

  std::shared_ptr<Module> module_;
  CK_SLOT_ID slot_;
  std::string description_;
  std::mutex admin_mutex_;
  std::unique_ptr<Session> admin_;
  std::map<std::string, CK_OBJECT_HANDLE> signing_keys_;  // by label, under admin_mutex_
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Session>> idle_;  // signing sessions, under pool_mutex_
};

void ModuleToken::login(const std::string& token_label, const std::string& pin) {
  try {
    admin_ = std::make_unique<Session>(module_, slot_, true);
  } catch (const SealError&) {
    admin_ = std::make_unique<Session>(module_, slot_, false);  // a write-protected token
  }
  CK_RV rv = module_->f()->C_Login(admin_->handle(), CKU_USER,
                                   reinterpret_cast<CK_UTF8CHAR*>(const_cast<char*>(pin.data())),
                                   pin.size());
  if (rv == CKR_USER_ALREADY_LOGGED_IN) return;  // another token object of this process
  check(rv, kUnavailable, "无法登录令牌 “" + token_label + "”（C_Login，口令见 seal.pin_file）");
}

std::vector<CK_OBJECT_HANDLE> ModuleToken::labelled(CK_OBJECT_CLASS cls, const std::string& label) {
  return find_objects(*admin_, {attr(CKA_CLASS, &cls), attr(CKA_LABEL, label)});
}

std::optional<RsaPublicKey> ModuleToken::public_key(const std::string& label) {
  std::lock_guard lock(admin_mutex_);
  // The public key object, else the private key's public attributes (some devices keep no
  // public key object).
  for (CK_OBJECT_CLASS cls : {CKO_PUBLIC_KEY, CKO_PRIVATE_KEY}) {
    auto found = labelled(cls, label);
    if (found.empty()) continue;
    if (found.size() > 1)
      throw SealError(kUnavailable, "令牌中有 " + std::to_string(found.size()) + " 个标签为 “" +
                                        label + "” 的密钥，无法确定使用哪一个");
    return RsaPublicKey{magnitude(attribute(*admin_, found[0], CKA_MODULUS)),
                        magnitude(attribute(*admin_, found[0], CKA_PUBLIC_EXPONENT))};
  }
  return std::nullopt;
}

RsaPublicKey ModuleToken::generate_rsa_key(const std::string& label, int bits) {
  std::lock_guard lock(admin_mutex_);
  if (!labelled(CKO_PRIVATE_KEY, label).empty())
    throw SealError(SealErrorCode::signing_failed, "令牌中已有标签为 “" + label + "” 的私钥");
  // The pair shares a random CKA_ID (certificates stored later carry it too).
  std::string id(20, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(id.data()), id.size());
  CK_OBJECT_CLASS public_class = CKO_PUBLIC_KEY, private_class = CKO_PRIVATE_KEY;
  CK_KEY_TYPE rsa = CKK_RSA;
  CK_ULONG modulus_bits = bits;
  static const unsigned char exponent[] = {0x01, 0x00, 0x01};  // 65537
  std::vector<CK_ATTRIBUTE> pub = {attr(CKA_CLASS, &public_class),
                                   attr(CKA_KEY_TYPE, &rsa),
                                   attr(CKA_TOKEN, &kTrue),
                                   attr(CKA_PRIVATE, &kFalse),
                                   attr(CKA_VERIFY, &kTrue),
                                   attr(CKA_ENCRYPT, &kFalse),
                                   attr(CKA_WRAP, &kFalse),
                                   attr(CKA_MODULUS_BITS, &modulus_bits),
                                   attr(CKA_PUBLIC_EXPONENT, exponent, sizeof exponent),
                                   attr(CKA_LABEL, label),
                                   attr(CKA_ID, id)};
  std::vector<CK_ATTRIBUTE> priv = {attr(CKA_CLASS, &private_class),
                                    attr(CKA_KEY_TYPE, &rsa),
                                    attr(CKA_TOKEN, &kTrue),
                                    attr(CKA_PRIVATE, &kTrue),
                                    attr(CKA_SENSITIVE, &kTrue),
                                    attr(CKA_EXTRACTABLE, &kFalse),
                                    attr(CKA_SIGN, &kTrue),
                                    attr(CKA_DECRYPT, &kFalse),
                                    attr(CKA_UNWRAP, &kFalse),
                                    attr(CKA_LABEL, label),
                                    attr(CKA_ID, id)};
  CK_MECHANISM mechanism{CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
  CK_OBJECT_HANDLE public_key = CK_INVALID_HANDLE, private_key = CK_INVALID_HANDLE;
  check(module_->f()->C_GenerateKeyPair(admin_->handle(), &mechanism, pub.data(), pub.size(),
                                        priv.data(), priv.size(), &public_key, &private_key),
        SealErrorCode::signing_failed, "令牌生成 RSA 密钥对失败（C_GenerateKeyPair）");
  return RsaPublicKey{magnitude(attribute(*admin_, public_key, CKA_MODULUS)),
                      magnitude(attribute(*admin_, public_key, CKA_PUBLIC_EXPONENT))};
}

CK_OBJECT_HANDLE ModuleToken::signing_key(const std::string& label) {
  std::lock_guard lock(admin_mutex_);
  if (auto it = signing_keys_.find(label); it != signing_keys_.end()) return it->second;
  auto found = labelled(CKO_PRIVATE_KEY, label);
  if (found.size() != 1)
    throw SealError(kUnavailable, found.empty() ? "令牌中没有标签为 “" + label + "” 的私钥"
                                                : "令牌中有多个标签为 “" + label + "” 的私钥");
  // A token object's handle stays valid in every session of this process (PKCS#11 §2.6.2).
  return signing_keys_[label] = found[0];
}

std::unique_ptr<Session> ModuleToken::take_session() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      auto s = std::move(idle_.back());
      idle_.pop_back();
      return s;
    }
  }
  return std::make_unique<Session>(module_, slot_, false);
}

void ModuleToken::give_back(std::unique_ptr<Session> session) {
  std::lock_guard lock(pool_mutex_);
  if (idle_.size() < kMaxIdleSessions) idle_.push_back(std::move(session));
}

std::string ModuleToken::sign_sha256_rsa(const std::string& label, std::string_view data) {
  CK_OBJECT_HANDLE key = signing_key(label);
  // A session that failed mid-operation is dropped (closed), not given back.
  std::unique_ptr<Session> s = take_session();
  CK_MECHANISM mechanism{CKM_SHA256_RSA_PKCS, nullptr, 0};
  check(s->f()->C_SignInit(s->handle(), &mechanism, key), SealErrorCode::signing_failed,
        "令牌签名失败（C_SignInit，CKM_SHA256_RSA_PKCS）");
  auto* in = reinterpret_cast<CK_BYTE*>(const_cast<char*>(data.data()));
  CK_ULONG size = 0;
  check(s->f()->C_Sign(s->handle(), in, data.size(), nullptr, &size), SealErrorCode::signing_failed,
        "令牌签名失败（C_Sign）");
  std::string signature(size, '\0');
  check(s->f()->C_Sign(s->handle(), in, data.size(), reinterpret_cast<CK_BYTE*>(signature.data()),
                       &size),
        SealErrorCode::signing_failed, "令牌签名失败（C_Sign）");
  signature.resize(size);
  give_back(std::move(s));
  return signature;
}

std::vector<std::string> ModuleToken::certificates(const std::string& label) {
  std::lock_guard lock(admin_mutex_);
  std::vector<std::string> out;
  for (CK_OBJECT_HANDLE h : labelled(CKO_CERTIFICATE, label))
    out.push_back(attribute(*admin_, h, CKA_VALUE));
  return out;
}

void ModuleToken::store_certificate(const std::string& label, const std::string& der) {
  CertificateFields f = certificate_fields(der);
  std::lock_guard lock(admin_mutex_);
  CK_OBJECT_CLASS cert_class = CKO_CERTIFICATE, public_class = CKO_PUBLIC_KEY;
  if (!find_objects(*admin_, {attr(CKA_CLASS, &cert_class), attr(CKA_VALUE, der)}).empty())
    return;  // stored already
  // The CKA_ID of the key pair the certificate names, so that tools pair them.
  std::string id;
  auto keys = find_objects(*admin_, {attr(CKA_CLASS, &public_class), attr(CKA_MODULUS, f.modulus)});
  if (!keys.empty()) id = attribute(*admin_, keys[0], CKA_ID);
  CK_CERTIFICATE_TYPE x509 = CKC_X_509;
  std::vector<CK_ATTRIBUTE> tmpl = {attr(CKA_CLASS, &cert_class), attr(CKA_CERTIFICATE_TYPE, &x509),
                                    attr(CKA_TOKEN, &kTrue),      attr(CKA_PRIVATE, &kFalse),
                                    attr(CKA_LABEL, label),       attr(CKA_SUBJECT, f.subject),
                                    attr(CKA_ISSUER, f.issuer),   attr(CKA_SERIAL_NUMBER, f.serial),
                                    attr(CKA_VALUE, der)};
  if (!id.empty()) tmpl.push_back(attr(CKA_ID, id));
  CK_OBJECT_HANDLE object = CK_INVALID_HANDLE;
  check(module_->f()->C_CreateObject(admin_->handle(), tmpl.data(), tmpl.size(), &object),
        SealErrorCode::signing_failed, "证书存入令牌失败（C_CreateObject）");
}

void ModuleToken::relabel_key_pair(const std::string& label, const std::string& new_label) {
  std::lock_guard lock(admin_mutex_);
  std::vector<CK_OBJECT_HANDLE> objects = labelled(CKO_PRIVATE_KEY, label);
  for (CK_OBJECT_HANDLE h : labelled(CKO_PUBLIC_KEY, label)) objects.push_back(h);
  if (objects.empty()) throw SealError(kUnavailable, "令牌中没有标签为 “" + label + "” 的密钥");
  for (CK_OBJECT_HANDLE h : objects) {
    CK_ATTRIBUTE a = attr(CKA_LABEL, new_label);
    check(module_->f()->C_SetAttributeValue(admin_->handle(), h, &a, 1),
          SealErrorCode::signing_failed, "令牌密钥改标签失败（C_SetAttributeValue）");
  }
  signing_keys_.erase(label);
}

// The slot whose token is labelled `label`, and the module's and token's description.
std::pair<CK_SLOT_ID, std::string> find_token(const Module& module, const std::string& label) {
  CK_ULONG count = 0;
  check(module.f()->C_GetSlotList(CK_TRUE, nullptr, &count), kUnavailable,
        "无法列出令牌（C_GetSlotList）");
  std::vector<CK_SLOT_ID> slots(count);
  check(module.f()->C_GetSlotList(CK_TRUE, slots.data(), &count), kUnavailable,
        "无法列出令牌（C_GetSlotList）");
  slots.resize(count);
  std::string seen;
  for (CK_SLOT_ID slot : slots) {
    CK_TOKEN_INFO info{};
    if (module.f()->C_GetTokenInfo(slot, &info) != CKR_OK) continue;
    std::string token = pkcs11::trimmed(info.label, sizeof info.label);
    if (token != label) {
      seen += (seen.empty() ? "" : "、") + ("“" + token + "”");
      continue;
    }
    CK_INFO lib{};
    module.f()->C_GetInfo(&lib);
    std::string description =
        "PKCS#11 模块：" + module.path() + "（" +
        pkcs11::trimmed(lib.libraryDescription, sizeof lib.libraryDescription) + " " +
        std::to_string(lib.libraryVersion.major) + "." + std::to_string(lib.libraryVersion.minor) +
        "）\n令牌：" + token + "（" +
        pkcs11::trimmed(info.manufacturerID, sizeof info.manufacturerID) + " " +
        pkcs11::trimmed(info.model, sizeof info.model) + "，序列号 " +
        pkcs11::trimmed(info.serialNumber, sizeof info.serialNumber) + "）";
    return {slot, description};
  }
  throw SealError(kUnavailable,
                  "PKCS#11 模块 " + module.path() + " 中没有标签为 “" + label +
                      "” 的令牌（seal.token_label）" +
                      (seen.empty() ? "，也没有其他令牌" : "；已有令牌：" + seen) +
                      "。请先运行 scripts/setup.sh 建立令牌，或把 seal.* 指向法院的设备");
}

}  // namespace

std::unique_ptr<Pkcs11Token> Pkcs11Token::open(const SealSettings& settings) {
  auto module = Module::load(settings.pkcs11_module, (settings.dir / "softhsm2.conf").string());
  auto [slot, description] = find_token(*module, settings.token_label);
  std::string pin = settings.pin();
  auto token = std::make_unique<ModuleToken>(std::move(module), slot, std::move(description));
  token->login(settings.token_label, pin);
  return token;
}

}  // namespace zhixing::seal
