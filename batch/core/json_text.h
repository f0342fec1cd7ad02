// Minimal JSON text building for canonical, deterministic output (jsonb columns, --rejects).
#pragma once

#include <string>
#include <string_view>

namespace zhixing {

// A JSON string literal with quotes; escapes ", \, and control characters. UTF-8 passes through.
std::string json_quote(std::string_view text);

}  // namespace zhixing
