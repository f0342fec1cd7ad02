// One CSV line (RFC 4180 quoting: fields with a comma, quote or line break are quoted).
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace zhixing::reports {

std::string csv_row(const std::vector<std::string>& fields);

}  // namespace zhixing::reports
