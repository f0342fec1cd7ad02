// RecordWalker's typed values: each checks one JSON value completely, or rejects the line at
// the value's path with the field type's own code.
#include "importer/record_walker.h"

#include <string>
#include <vector>

#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/input_text.h"
#include "importer/record_text.h"

namespace zhixing::inline importer {

void RecordWalker::unknown_field(const std::string& key) {
  if (!is_valid_utf8(key) || has_control_character(key)) {
    const std::string shown = sanitize_for_log(key, kTextMax);
    path_.resize(path_.size() - key.size());
    path_ += shown;
    fail("unknown_field", "未定义的字段：" + shown);
  }
  fail("unknown_field", "未定义的字段：" + key);
}

const Json& RecordWalker::object(const Json& v) const {
  if (v.type != Json::Type::object) fail("bad_value", "类型错误：应为对象");
  return v;
}

const Json& RecordWalker::array(const Json& v) const {
  if (v.type != Json::Type::array) fail("bad_value", "类型错误：应为数组");
  return v;
}

const Json& RecordWalker::array(const Json& v, size_t max_elements) const {
  if (array(v).values.size() > max_elements)
    fail("bad_value", "元素过多：最多" + std::to_string(max_elements) + "个");
  return v;
}

bool RecordWalker::boolean(const Json& v) const {
  if (v.type != Json::Type::boolean) fail("bad_value", "类型错误：应为 true 或 false");
  return v.boolean;
}

int64_t RecordWalker::integer(const Json& v, int64_t min, int64_t max) const {
  if (v.type != Json::Type::integer && v.type != Json::Type::big_integer)
    fail("bad_value", "类型错误：应为整数");
  if (v.type == Json::Type::big_integer || v.integer < min || v.integer > max)
    fail("bad_value", "数值应在" + std::to_string(min) + "至" + std::to_string(max) + "之间");
  return v.integer;
}

std::string RecordWalker::text(const Json& v, size_t max_code_points) const {
  if (v.type != Json::Type::string) fail("bad_value", "类型错误：应为字符串");
  const auto& raw = v.string;
  if (has_control_character(raw)) fail("bad_value", "含有控制字符");
  std::string s = to_nfc(raw);
  size_t n = code_points(s);
  if (n < 1 || n > max_code_points)
    fail("bad_value", "长度应为1至" + std::to_string(max_code_points) + "个字符");
  return s;
}

std::string RecordWalker::choice(const Json& v, Values allowed) const {
  std::string s = text(v);
  if (!one_of(s, allowed)) fail("bad_value", "取值不在允许范围内：" + s);
  return s;
}

std::vector<std::string> RecordWalker::names(const Json& v) {
  std::vector<std::string> out;
  each_element(array(v), [&](const Json& e, size_t) { out.push_back(name(e)); });
  return out;
}

std::vector<std::string> RecordWalker::choices(const Json& v, Values allowed) {
  std::vector<std::string> out;
  each_element(array(v), [&](const Json& e, size_t) { out.push_back(choice(e, allowed)); });
  return out;
}

Money RecordWalker::money(const Json& v) const {
  static const char* kMessage = "金额格式错误：应为以元为单位的字符串，最多两位小数";
  if (v.type != Json::Type::string) fail("bad_money", kMessage);
  auto m = Money::parse_yuan(v.string);
  if (!m && Money::is_over_limit(v.string)) fail("bad_money", "金额超出上限：应小于1万亿元");
  if (!m) fail("bad_money", kMessage);
  return *m;
}

Date RecordWalker::date(const Json& v) const {
  static const char* kMessage = "日期格式错误：应为 YYYY-MM-DD 格式的真实日期";
  if (v.type != Json::Type::string) fail("bad_date", kMessage);
  auto d = Date::parse_iso(v.string);
  if (!d) fail("bad_date", kMessage);
  return *d;
}

CaseNumber RecordWalker::case_number(const Json& v) const {
  static const char* kMessage = "案号格式错误或类型代字未知，应如（2024）冀0633执1234号";
  if (v.type != Json::Type::string) fail("bad_case_number", kMessage);
  const auto& raw = v.string;
  if (has_control_character(raw)) fail("bad_case_number", kMessage);
  auto n = CaseNumber::parse(to_nfc(raw));
  if (!n) fail("bad_case_number", kMessage);
  return *n;
}

std::string RecordWalker::id_number(const Json& v) const {
  if (v.type != Json::Type::string) fail("bad_id_number", "公民身份号码应为字符串");
  std::string id = v.string;
  if (id.size() == 15 && is_ascii(id)) fail("bad_id_number", "不接受15位旧式公民身份号码");
  switch (check_id_number(id)) {
    case IdNumberFault::none:
      break;
    case IdNumberFault::bad_length:
      fail("bad_id_number", "公民身份号码应为18位");
    case IdNumberFault::bad_character:
      fail("bad_id_number", "公民身份号码含有非法字符");
    case IdNumberFault::bad_birth_date:
      fail("bad_id_number", "公民身份号码中的出生日期无效");
    case IdNumberFault::bad_check_character:
      fail("bad_id_number", "公民身份号码校验位错误");
  }
  if (id[17] == 'x') id[17] = 'X';
  return id;
}

std::string RecordWalker::credit_code(const Json& v) const {
  if (v.type != Json::Type::string) fail("bad_credit_code", "统一社会信用代码应为字符串");
  const auto& code = v.string;
  if (code.size() != 18) fail("bad_credit_code", "统一社会信用代码应为18位");
  for (char c : code)
    if (kCreditCodeAlphabet.find(c) == std::string_view::npos)
      fail("bad_credit_code", "统一社会信用代码含有非法字符（不使用 I、O、S、V、Z 及小写字母）");
  if (!is_valid_credit_code(code)) fail("bad_credit_code", "统一社会信用代码校验位错误");
  return code;
}

std::string RecordWalker::period(const Json& v) const {
  std::string s = text(v);
  size_t digits = s.size() - 1;
  bool ok = s.size() >= 2 && digits <= 3 && s[0] != '0' &&
            (s.back() == 'y' || s.back() == 'm' || s.back() == 'd');
  for (size_t i = 0; ok && i < digits; ++i) ok = s[i] >= '0' && s[i] <= '9';
  if (!ok) fail("bad_value", "期限格式错误：应如 1y、2y、3y、15d");
  return s;
}

std::string RecordWalker::court_code(const Json& v) const {
  std::string code = text(v, kIdMax);
  if (!courts_.find(code)) fail("unknown_court", "法院代字不在法院名单中：" + code);
  return code;
}

}  // namespace zhixing::inline importer
