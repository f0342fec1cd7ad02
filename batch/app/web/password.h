// Console passwords: PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) with a random 16-byte salt, stored as
// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>" so the work factor can grow without
// invalidating stored hashes.
#pragma once

#include <string>
#include <string_view>

namespace zhixing::app::web {

inline constexpr int kDefaultPbkdf2Iterations = 310000;

std::string hash_password(std::string_view password, int iterations = kDefaultPbkdf2Iterations);

// False for a wrong password and for a stored value that is not in the format above.
bool verify_password(std::string_view password, std::string_view stored);

// Hex of n random bytes from the operating system's generator (session ids, CSRF tokens, salts).
std::string random_hex(int n_bytes);

}  // namespace zhixing::app::web
