// SHA-256 as lower-case hex: the one helper for every hash the system writes or compares (the
// ledger's hash chain, documents' and templates' versions, relief inputs, import files,
// migrations).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace zhixing::inline core {

// 64 lower-case hex characters.
std::string sha256_hex(std::string_view bytes);

// Any bytes as lower-case hex, two digits a byte (digests, salts, serial numbers, line heads).
std::string hex_lower(std::string_view bytes);

// Of a file's bytes, read in blocks; throws std::runtime_error ("无法读取文件 <path>") when the
// file cannot be opened.
std::string sha256_file_hex(const std::filesystem::path& file);

// True when text is 64 lower-case hex characters, as sha256_hex gives.
bool is_sha256_hex(std::string_view text);

}  // namespace zhixing::inline core
