// One business day's delta of a demo file, as the night imports it: about `percent` % of the
// cases, each with one new measure on the day's date against its first respondent. The new
// measures rotate over ten changed cases as a day's work does: five 限制消费令
// (consumption_ban), four 报告财产令 (property_report_order) and one freeze, i.e. 1.1 documents
// per changed case. Shared by nightly_bench and import_bench --updates.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>

namespace zhixing::inline demo {

// The line with one new measure on `date` (YYYY-MM-DD) appended: the `index`-th changed case of
// the day gets the `index % 10`-th entry of the rotation. A line without a respondent is
// returned as it is.
std::string with_new_measure(const std::string& line, const std::string& date, int64_t index);

// Writes every `every`-th line of `all` (the first one included) with a new measure to `delta`,
// at most `limit` lines (0: no limit). Returns the lines written. A day's delta of 5 % of the
// cases is every = 20.
int64_t write_demo_delta(std::istream& all, std::ostream& delta, const std::string& date,
                         int64_t every, int64_t limit = 0);

}  // namespace zhixing::inline demo
