// CSV output (RFC 4180 quoting: a field with a comma, quote or line break is quoted, its quotes
// doubled). Used by every report and export that writes CSV.
//
// Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
// return before one) as a formula, e.g. =HYPERLINK(…) in a party's name. Such a field is written
// with a leading apostrophe ('=HYPERLINK(…)), which spreadsheets show as text. A plain number
// (-5.00, +3) is left as it is.
#pragma once

#include <string>
#include <vector>

namespace zhixing::inline core {

std::string csv_field(const std::string& field);

// One line, '\n'-terminated.
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace zhixing::inline core
