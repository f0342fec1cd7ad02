// The relief rule set's numbers: the cap, the wage table and the hardship thresholds.
// Parsed from the text of config/relief-policy.properties (config::load_relief_policy reads
// the file); the keys are documented there and in batch/relief/README.md.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/money.h"

namespace zhixing::relief {

// A config file that cannot be used. `key` names the offending key ("" for the whole file);
// the message is Chinese and names the key and the value.
class PolicyError : public std::runtime_error {
 public:
  enum class Code { unreadable, bad_syntax, unknown_key, bad_value, duplicate_year };
  PolicyError(Code code, std::string key, const std::string& message)
      : std::runtime_error(message), code_(code), key_(std::move(key)) {}
  Code code() const { return code_; }
  const std::string& key() const { return key_; }

 private:
  Code code_;
  std::string key_;
};

// One published figure: the average wage of a province's urban non-private employees in a year.
// Kept as the annual figure in fen (what the statistics bureau publishes); a figure configured
// per month is stored as 12 × the monthly figure, so both forms give an exact cap.
struct WageEntry {
  std::string province;  // the court code's province character: 冀
  int year = 0;
  int64_t annual_fen = 0;
};

// Which figure the cap of a decision year uses.
struct WageLookup {
  enum class Result {
    exact,        // the previous year's figure exists
    fallback,     // not published yet (or not configured): the latest year ≤ the one wanted,
                  // else the latest configured
    no_province,  // the table has no figure for the province at all
  };
  Result result = Result::no_province;
  int wanted_year = 0;  // decision year − 1
  int used_year = 0;    // 0 unless a figure was found
  int64_t annual_fen = 0;
};

struct Policy {
  std::string ruleset = "relief-2024.1";
  int cap_months = 36;  // 一般不超过三十六个月的月平均工资总额
  // A panel amount above the cap stands only with exception_approved (法发〔2016〕16号 allows it
  // only under strict review); a province whose rules let the panel exceed without it sets this
  // false.
  bool over_cap_requires_approval = true;
  Money income_per_head_threshold = Money::from_yuan(1200);  // per month; unconfirmed
  int medical_months = 6;  // outstanding medical costs ≥ this many months of household income
  std::vector<WageEntry> wages;  // sorted by (province, year), no duplicates
  std::vector<std::pair<std::string, std::string>> province_names;  // 冀 → 河北省

  // Pure: no allocation, a scan of a table of a few dozen rows.
  WageLookup wage_for_decision_year(std::string_view province, int decision_year) const;
  // "河北省" for "冀"; the character itself when the config names none.
  std::string_view province_name(std::string_view province) const;
};

// Pure: the text of a .properties file (Poco PropertyFileConfiguration syntax). Keys not given
// keep the defaults above; an unknown `relief.` key, a malformed value or the same year given
// twice throws PolicyError.
Policy parse_policy(std::string_view properties_text);

// The province of a court code: its first character (冀0633 → 冀; 最高法 → 最).
std::string_view province_of_court(std::string_view court_code);

}  // namespace zhixing::relief
