#include "core/csv.h"

namespace zhixing::inline core {

namespace {

// "-5.00", "+3", "-0.5", "-12.50%": a signed decimal number, which no spreadsheet treats as a
// formula.
bool is_signed_number(const std::string& s) {
  if (s.size() < 2 || (s[0] != '-' && s[0] != '+')) return false;
  bool digit = false, dot = false;
  const size_t end = s.back() == '%' ? s.size() - 1 : s.size();
  for (size_t i = 1; i < end; ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digit = true;
    } else if (s[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digit;
}

bool starts_a_formula(const std::string& s) {
  if (s.empty()) return false;
  switch (s[0]) {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return true;
    case '+':
    case '-':
      return s.size() > 1 && !is_signed_number(s);
    default:
      return false;
  }
}

}  // namespace

std::string csv_field(const std::string& raw) {
  const std::string field = starts_a_formula(raw) ? "'" + raw : raw;
  if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  return out + "\n";
}

}  // namespace zhixing::inline core
