#include "relief/policy.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <algorithm>
#include <charconv>
#include <sstream>
#include <tuple>

namespace zhixing::relief {
namespace {

using Code = PolicyError::Code;

constexpr std::string_view kPrefix = "relief";

// Whole-number setting within bounds, e.g. cap_months 1…120.
int parse_int(const std::string& key, const std::string& value, int min, int max) {
  int n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < min || n > max)
    throw PolicyError(Code::bad_value, key,
                      "配置项 " + key + " 应为 " + std::to_string(min) + "–" + std::to_string(max) +
                          " 的整数：" + value);
  return n;
}

// Yuan as the interchange format writes money ("1200", "7901.50"), strictly positive.
Money parse_positive_money(const std::string& key, const std::string& value) {
  auto m = Money::parse_yuan(value);
  if (!m || m->fen() <= 0)
    throw PolicyError(Code::bad_value, key, "配置项 " + key + " 应为正的金额（元）：" + value);
  return *m;
}

bool parse_bool(const std::string& key, const std::string& value) {
  if (value == "true") return true;
  if (value == "false") return false;
  throw PolicyError(Code::bad_value, key, "配置项 " + key + " 应为 true 或 false：" + value);
}

// Every key under `prefix` that carries a value, depth first.
void collect_keys(const Poco::Util::AbstractConfiguration& cfg, const std::string& prefix,
                  std::vector<std::string>& out) {
  Poco::Util::AbstractConfiguration::Keys children;
  cfg.keys(prefix, children);
  for (const auto& child : children) {
    std::string full = prefix + "." + child;
    if (cfg.hasOption(full)) out.push_back(full);
    collect_keys(cfg, full, out);
  }
}

std::vector<std::string_view> split_dots(std::string_view key) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

}  // namespace

std::string_view province_of_court(std::string_view court_code) {
  if (court_code.empty()) return court_code;
  auto lead = static_cast<unsigned char>(court_code[0]);
  size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return court_code.substr(0, std::min(len, court_code.size()));
}

WageLookup Policy::wage_for_decision_year(std::string_view province, int decision_year) const {
  // The base is the *previous* year's average wage (法发〔2016〕16号); if that figure is not yet
  // published, the latest published one.
  WageLookup out;
  out.wanted_year = decision_year - 1;
  const WageEntry* at_or_before = nullptr;  // latest year ≤ wanted
  const WageEntry* latest = nullptr;        // latest year overall
  for (const auto& w : wages) {
    if (w.province != province) continue;
    if (w.year <= out.wanted_year && (!at_or_before || w.year > at_or_before->year))
      at_or_before = &w;
    if (!latest || w.year > latest->year) latest = &w;
  }
  const WageEntry* used = at_or_before ? at_or_before : latest;
  if (!used) return out;
  out.result =
      used->year == out.wanted_year ? WageLookup::Result::exact : WageLookup::Result::fallback;
  out.used_year = used->year;
  out.annual_fen = used->annual_fen;
  return out;
}

std::string_view Policy::province_name(std::string_view province) const {
  for (const auto& [code, name] : province_names)
    if (code == province) return name;
  return province;
}

Policy parse_policy(std::string_view properties_text) {
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> cfg(
      new Poco::Util::PropertyFileConfiguration());
  try {
    std::istringstream in{std::string(properties_text)};
    cfg->load(in);
  } catch (const Poco::Exception& e) {
    throw PolicyError(Code::bad_syntax, "", "救助规则配置无法解析：" + e.displayText());
  }

  std::vector<std::string> keys;
  collect_keys(*cfg, std::string(kPrefix), keys);

  Policy policy;
  for (const auto& key : keys) {
    const std::string value = cfg->getRawString(key);
    auto parts = split_dots(key);  // parts[0] == "relief"
    const std::string_view name = parts.size() > 1 ? parts[1] : std::string_view();
    if (parts.size() == 2 && name == "ruleset") {
      if (value.empty() || value.size() > 64)
        throw PolicyError(Code::bad_value, key, "配置项 " + key + " 应为 1–64 个字符的版本号");
      policy.ruleset = value;
    } else if (parts.size() == 2 && name == "cap_months") {
      policy.cap_months = parse_int(key, value, 1, 120);
    } else if (parts.size() == 2 && name == "over_cap_requires_approval") {
      policy.over_cap_requires_approval = parse_bool(key, value);
    } else if (parts.size() == 2 && name == "income_per_head_threshold") {
      policy.income_per_head_threshold = parse_positive_money(key, value);
    } else if (parts.size() == 2 && name == "medical_months") {
      policy.medical_months = parse_int(key, value, 1, 120);
    } else if (parts.size() == 3 && name == "province_name") {
      if (value.empty()) throw PolicyError(Code::bad_value, key, "配置项 " + key + " 不能为空");
      policy.province_names.emplace_back(std::string(parts[2]), value);
    } else if (parts.size() == 5 && name == "wage" &&
               (parts[4] == "annual" || parts[4] == "monthly")) {
      if (parts[2].empty() || province_of_court(parts[2]) != parts[2])
        throw PolicyError(Code::bad_value, key,
                          "配置项 " + key + " 的省份应为法院代字的首字，如 冀");
      WageEntry w;
      w.province = std::string(parts[2]);
      w.year = parse_int(key, std::string(parts[3]), 1990, 2200);
      Money m = parse_positive_money(key, value);
      w.annual_fen = parts[4] == "annual" ? m.fen() : mul_fen(m.fen(), 12);
      policy.wages.push_back(std::move(w));
    } else {
      throw PolicyError(Code::unknown_key, key, "未知的救助规则配置项：" + key);
    }
  }

  std::sort(policy.wages.begin(), policy.wages.end(), [](const auto& a, const auto& b) {
    return std::tie(a.province, a.year) < std::tie(b.province, b.year);
  });
  for (size_t i = 1; i < policy.wages.size(); ++i) {
    const auto& a = policy.wages[i - 1];
    const auto& b = policy.wages[i];
    if (a.province == b.province && a.year == b.year)
      throw PolicyError(Code::duplicate_year, "relief.wage." + b.province,
                        "工资表中 " + b.province + " " + std::to_string(b.year) +
                            " 年的数字重复（annual 与 monthly 只能给一个）");
  }
  std::sort(policy.province_names.begin(), policy.province_names.end());
  return policy;
}

}  // namespace zhixing::relief
