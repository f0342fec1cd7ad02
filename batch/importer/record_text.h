// Text helpers of the record parser: ASCII and code-point counts, NFC normalisation (ICU).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zhixing::inline importer {

bool is_ascii(std::string_view s);
// Code points of valid UTF-8.
size_t code_points(std::string_view s);
// NFC (UAX #15). Input is valid UTF-8 (checked on the whole line; escapes decode to valid
// UTF-8). ASCII and already-normalised text, almost all input, is returned without copying work.
std::string to_nfc(const std::string& s);

}  // namespace zhixing::inline importer
