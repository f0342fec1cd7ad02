#include "core/sha256.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <fstream>
#include <stdexcept>
#include <vector>

namespace zhixing::inline core {

std::string sha256_hex(std::string_view bytes) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(sha.digest());
}

std::string sha256_file_hex(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("无法读取文件 " + file.string());
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() > 0) sha.update(buf.data(), static_cast<unsigned>(in.gcount()));
  }
  return Poco::DigestEngine::digestToHex(sha.digest());
}

bool is_sha256_hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace zhixing::inline core
