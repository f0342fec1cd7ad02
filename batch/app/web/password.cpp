#include "app/web/password.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

#include "core/sha256.h"

namespace zhixing::app::web {

namespace {

constexpr int kSaltBytes = 16;
constexpr int kHashBytes = 32;

std::string to_hex(const unsigned char* data, size_t n) {
  return hex_lower(std::string_view(reinterpret_cast<const char*>(data), n));
}

bool from_hex(std::string_view hex, std::vector<unsigned char>& out) {
  if (hex.size() % 2) return false;
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  out.clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = value(hex[i]), lo = value(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<unsigned char>(hi * 16 + lo));
  }
  return true;
}

std::vector<unsigned char> derive(std::string_view password, const std::vector<unsigned char>& salt,
                                  int iterations) {
  std::vector<unsigned char> key(kHashBytes);
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(), kHashBytes,
                        key.data()) != 1)
    throw std::runtime_error("PBKDF2 失败");
  return key;
}

}  // namespace

std::string random_hex(int n_bytes) {
  std::vector<unsigned char> bytes(static_cast<size_t>(n_bytes));
  if (RAND_bytes(bytes.data(), n_bytes) != 1) throw std::runtime_error("随机数生成失败");
  return to_hex(bytes.data(), bytes.size());
}

std::string hash_password(std::string_view password, int iterations) {
  if (iterations < 1000) throw std::invalid_argument("PBKDF2 iterations below 1000");
  std::vector<unsigned char> salt;
  from_hex(random_hex(kSaltBytes), salt);
  auto key = derive(password, salt, iterations);
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + to_hex(salt.data(), salt.size()) +
         "$" + to_hex(key.data(), key.size());
}

bool verify_password(std::string_view password, std::string_view stored) {
  constexpr std::string_view prefix = "pbkdf2-sha256$";
  if (stored.substr(0, prefix.size()) != prefix) return false;
  std::string_view rest = stored.substr(prefix.size());
  size_t a = rest.find('$');
  if (a == std::string_view::npos) return false;
  size_t b = rest.find('$', a + 1);
  if (b == std::string_view::npos) return false;
  int iterations = 0;
  for (char c : rest.substr(0, a)) {
    if (c < '0' || c > '9' || iterations > 100000000) return false;
    iterations = iterations * 10 + (c - '0');
  }
  if (iterations < 1000) return false;
  std::vector<unsigned char> salt, expected;
  if (!from_hex(rest.substr(a + 1, b - a - 1), salt) || !from_hex(rest.substr(b + 1), expected) ||
      expected.size() != kHashBytes || salt.empty())
    return false;
  auto key = derive(password, salt, iterations);
  return CRYPTO_memcmp(key.data(), expected.data(), kHashBytes) == 0;
}

}  // namespace zhixing::app::web
