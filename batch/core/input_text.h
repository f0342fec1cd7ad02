// Text that crosses the boundary (import line, bank file, CLI flag, web form) is checked where it
// enters: valid UTF-8, no NUL or other control character, bounded length. What passes is stored
// and hashed exactly as it is, so a hash never covers bytes the database would not keep.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace zhixing::inline core {

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);
// The same, also reporting whether any raw byte below 0x20 occurs (the record parser escapes
// those inside JSON strings before parsing).
bool is_valid_utf8(std::string_view text, bool& has_raw_control);

// U+0000–U+001F, U+007F and the C1 controls U+0080–U+009F (UTF-8 C2 80 – C2 9F). Input is UTF-8.
bool has_control_character(std::string_view text);

// Why a text was refused. `code` is stable (bad_encoding, control_character, too_long);
// `message` is the Chinese reason shown to court staff.
struct InputTextFault {
  std::string code;
  std::string message;
};

// Checks one field's text: nullopt when it may be stored as it is. `max_bytes` bounds the UTF-8
// length; with `allow_line_breaks` a tab, LF or CR is admitted (free-text notes), never NUL.
std::optional<InputTextFault> check_input_text(std::string_view text, std::size_t max_bytes,
                                               bool allow_line_breaks = false);

// A printable, valid-UTF-8 copy for logs and audit rows that must never be dropped: each byte of
// an invalid sequence becomes U+FFFD and each control character `\xNN`; at most `max_bytes` bytes
// of the text, cut on a character boundary, then "…" when cut.
std::string sanitize_for_log(std::string_view text, std::size_t max_bytes = 4096);

}  // namespace zhixing::inline core
