// CSV output (RFC 4180 quoting: a field with a comma, quote or line break is quoted, its quotes
// doubled). Used by every report and export that writes CSV.
#pragma once

#include <string>
#include <vector>

namespace zhixing {

std::string csv_field(const std::string& field);

// One line, '\n'-terminated.
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace zhixing
