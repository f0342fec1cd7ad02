#include "importer/record_parser.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Handler.h>
#include <Poco/JSON/Parser.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <array>
#include <cstdint>
#include <exception>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "core/credit_code.h"
#include "core/id_number.h"
#include "core/input_text.h"
#include "core/masking.h"

// Validation order (spec/case-record.md: "A line gets exactly one code: that of the first
// failing field in the line's own order; rules about the whole record come after all fields").
//
//  1. The line: strict UTF-8 (a leading BOM too) → bad_encoding; not exactly one JSON object
//     (including duplicate keys in any object, which RFC 8259 leaves undefined) → bad_json.
//  2. Fields in the line's own order, depth first. Every value is checked completely when its
//     field is reached: unknown_field, bad_value and the type-specific codes (bad_money,
//     bad_date, bad_id_number, bad_credit_code, bad_case_number), unknown_court for
//     case_number and executing_court, bad_value for a duplicate party id, for a duplicate
//     receipt reference and for more than 1,000 receipts.
//  3. A nested object is closed when its last field has been walked: then its own missing
//     fields are checked, in the order of the spec's tables, including the conditional ones
//     its own fields decide (a person's or an organisation's fields, a freeze's amount, a
//     granted panel's amount, the enforcers and clerk, a crime_victim's basis_item), and then
//     a party's id_mismatch (reported at the party's `id_number`). So a nested object's
//     missing field competes in line order with the fields that follow the object.
//  4. After all top-level fields: the top-level missing fields in the case table's order,
//     with the conditional ones in their table position (title_document for 执/执恢 after
//     cause, closure for a closed case after status, officers.presiding / officers.judges for
//     a terminated_current closure without applicant_consents after officers).
//  5. Whole-record rules: every bad_reference (measures[i].against, settlement.guarantor,
//     relief.applicant), then every inconsistent rule in the case table's order (extensions,
//     excluded_periods, recovered, receipts (each date, then the sum), closure (its date, then
//     applicant_informed_on), parties, settlement, relief).
//
// Bounds on text (code points after NFC): names of people (parties, legal representatives,
// agents, officers, panel members) 1–100 as the spec says; party ids (and references to
// them), bank account numbers and court codes 1–64; every other string 1–500 (the spec gives
// none: the longest legitimate values, addresses and property targets, are far shorter);
// receipt references 1–64. A receipt's amount is above zero (bad_money otherwise).
// Integers: household_size 1–100, grace_days 0–365. Enumerations are closed: categories and
// relief flags must be the values the spec lists.
//
// Defaults applied: recovered "0", enforcer_title 执行员, grace_days 15, basis_item derived
// from ground, executing_court = the case number's court.
//
// A raw control character inside a JSON string is strictly invalid JSON, but the spec lists
// control characters under bad_value; such a line is parsed with the characters escaped, so
// it is reported as bad_value at the field that holds one, exactly as an escaped \u0001 is.

namespace zhixing {
namespace {

constexpr std::string_view kSchema = "zhixing.case/1";
constexpr size_t kNameMax = 100;
constexpr size_t kIdMax = 64;
constexpr size_t kTextMax = 500;
// A case's receipts: far above any real case (an instalment a month for 80 years), low enough
// that one line cannot make the importer store an unbounded list.
constexpr size_t kReceiptsMax = 1000;
// Bounds on arrays (else bad_value): they also keep every money sum far inside int64.
constexpr size_t kPartiesMax = 100;
constexpr size_t kMeasuresMax = 1000;
constexpr size_t kInstallmentsMax = 120;

// GB 3304: the 56 official names of China's ethnic groups.
constexpr std::array<std::string_view, 56> kEthnicities = {
    "汉族",     "蒙古族",   "回族",       "藏族",     "维吾尔族",   "苗族",   "彝族",     "壮族",
    "布依族",   "朝鲜族",   "满族",       "侗族",     "瑶族",       "白族",   "土家族",   "哈尼族",
    "哈萨克族", "傣族",     "黎族",       "傈僳族",   "佤族",       "畲族",   "高山族",   "拉祜族",
    "水族",     "东乡族",   "纳西族",     "景颇族",   "柯尔克孜族", "土族",   "达斡尔族", "仫佬族",
    "羌族",     "布朗族",   "撒拉族",     "毛南族",   "仡佬族",     "锡伯族", "阿昌族",   "普米族",
    "塔吉克族", "怒族",     "乌孜别克族", "俄罗斯族", "鄂温克族",   "德昂族", "保安族",   "裕固族",
    "京族",     "塔塔尔族", "独龙族",     "鄂伦春族", "赫哲族",     "门巴族", "珞巴族",   "基诺族"};

using Values = std::span<const std::string_view>;
constexpr std::string_view kRoles[] = {"applicant", "respondent", "guarantor", "third_party"};
constexpr std::string_view kPartyKinds[] = {"person", "org"};
constexpr std::string_view kGenders[] = {"男", "女"};
constexpr std::string_view kStatuses[] = {"open", "suspended", "closed"};
constexpr std::string_view kClosureKinds[] = {"performed", "terminated_current", "terminated",
                                              "withdrawn", "rejected",           "transferred"};
constexpr std::string_view kCategories[] = {
    "migrant_wages",      "elderly_support",  "child_support",
    "spousal_support",    "traffic_accident", "personal_injury",
    "labor_remuneration", "financial_loan",   "enterprise"};
constexpr std::string_view kEnforcerTitles[] = {"执行员", "审判员"};
constexpr std::string_view kLegalRepKinds[] = {"法定代表人", "主要负责人"};
constexpr std::string_view kAgentKinds[] = {"lawyer", "relative", "other"};
constexpr std::string_view kMeasureKinds[] = {
    "notice",  "property_report_order", "inquiry",        "freeze", "deduct",    "seal",   "seize",
    "auction", "consumption_ban",       "dishonest_list", "fine",   "detention", "summons"};
constexpr std::string_view kInquiryResults[] = {"found", "none"};
constexpr std::string_view kReceiptSources[] = {"deduct", "payment", "auction", "other"};
constexpr std::string_view kGrounds[] = {"support", "tort_injury", "crime_victim", "retaliation",
                                         "other"};
constexpr std::string_view kBasisItems[] = {"一", "二", "三", "四", "五", "六", "七", "八"};
// Items 一 to 四 of 第三条: the criminal-victim cases.
constexpr std::string_view kCrimeVictimItems[] = {"一", "二", "三", "四"};
constexpr std::string_view kReliefFlags[] = {"major_fault",        "refused_cooperation",
                                             "false_statement",    "waived_claim",
                                             "hardship_unrelated", "aided_elsewhere"};

bool one_of(std::string_view s, Values values) {
  for (auto v : values)
    if (v == s) return true;
  return false;
}

// 法发〔2016〕16号 第三条: the item a ground cites; crime_victim may cite 一 to 四.
std::string_view basis_item_for(std::string_view ground) {
  if (ground == "support") return "六";
  if (ground == "tort_injury") return "七";
  if (ground == "retaliation") return "五";
  if (ground == "other") return "八";
  return {};
}

// ---- UTF-8 and text -------------------------------------------------------------------

// Rewrites raw bytes below 0x20 inside JSON strings as \u00XX escapes (see the header comment).
// Outside strings they are left alone: tab and CR are JSON whitespace there, anything else
// stays invalid JSON.
std::string escape_raw_controls(std::string_view line) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(line.size() + 16);
  bool in_string = false;
  bool escaped = false;
  for (char ch : line) {
    auto c = static_cast<unsigned char>(ch);
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      } else if (c < 0x20) {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
        continue;
      }
    } else if (c == '"') {
      in_string = true;
    }
    out += ch;
  }
  return out;
}

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

const icu::Normalizer2& nfc_instance() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || n == nullptr) std::terminate();  // ICU data missing: unusable build
    return n;
  }();
  return *instance;
}

// NFC (UAX #15). Input is valid UTF-8 (checked on the whole line; escapes decode to valid
// UTF-8). ASCII and already-normalised text, almost all input, is returned without copying work.
std::string to_nfc(const std::string& s) {
  if (is_ascii(s)) return s;
  const icu::Normalizer2& nfc = nfc_instance();
  UErrorCode status = U_ZERO_ERROR;
  icu::StringPiece piece(s.data(), static_cast<int32_t>(s.size()));
  if (nfc.isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return s;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  status = U_ZERO_ERROR;
  nfc.normalizeUTF8(0, piece, sink, nullptr, status);
  return U_SUCCESS(status) ? out : s;
}

// ---- the JSON tree ------------------------------------------------------------------------

// One JSON value as the line has it: objects keep their members in the line's order.
struct Json {
  enum class Type : uint8_t { null, boolean, integer, big_integer, number, string, object, array };
  Type type = Type::null;
  bool boolean = false;
  int64_t integer = 0;
  std::string string;
  std::vector<std::string> keys;  // object: member names, in order
  std::vector<Json> values;       // object: member values (parallel to keys); array: elements

  const Json* member(std::string_view key) const {
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == key) return &values[i];
    return nullptr;
  }
  bool has(std::string_view key) const { return member(key) != nullptr; }
};

// Builds the tree from Poco's parser events. Poco::JSON::Parser does the tokenising and
// the JSON grammar; its ParseHandler is not used because its Dynamic::Var tree (a std::map
// per object, a heap holder per value, a copy on every access) cost more than the whole rest
// of the validation (measured: ~25 µs of ~110 µs per 1.6 KB line) and because it keeps the
// last of two equal keys silently. A record must not be read two ways, so duplicate keys
// are detected here and the line is bad_json.
class TreeHandler : public Poco::JSON::Handler {
 public:
  void reset() override {
    stack_.clear();
    root_ = Json{};
    duplicate_ = false;
  }
  void startObject() override { open(Json::Type::object); }
  void endObject() override { close(); }
  void startArray() override { open(Json::Type::array); }
  void endArray() override { close(); }
  void key(const std::string& k) override {
    if (stack_.empty()) return;
    Json& o = stack_.back();
    if (o.has(k)) duplicate_ = true;
    o.keys.push_back(k);
  }
  void null() override { add(Json{}); }
  void value(int v) override { add_integer(v); }
  void value(unsigned v) override { add_integer(v); }
  void value(Poco::Int64 v) override { add_integer(v); }
  void value(Poco::UInt64 v) override {
    if (v > static_cast<Poco::UInt64>(INT64_MAX)) {
      Json j;
      j.type = Json::Type::big_integer;
      add(std::move(j));
    } else {
      add_integer(static_cast<int64_t>(v));
    }
  }
  void value(const std::string& v) override {
    Json j;
    j.type = Json::Type::string;
    j.string = v;
    add(std::move(j));
  }
  void value(double) override {
    Json j;
    j.type = Json::Type::number;
    add(std::move(j));
  }
  void value(bool v) override {
    Json j;
    j.type = Json::Type::boolean;
    j.boolean = v;
    add(std::move(j));
  }

  const Json& root() const { return root_; }
  bool duplicate() const { return duplicate_; }

 private:
  void open(Json::Type type) {
    Json j;
    j.type = type;
    stack_.push_back(std::move(j));
  }
  void close() {
    if (stack_.empty()) return;
    Json j = std::move(stack_.back());
    stack_.pop_back();
    add(std::move(j));
  }
  void add_integer(int64_t v) {
    Json j;
    j.type = Json::Type::integer;
    j.integer = v;
    add(std::move(j));
  }
  void add(Json&& j) {
    if (stack_.empty()) {
      root_ = std::move(j);
    } else {
      stack_.back().values.push_back(std::move(j));
    }
  }

  std::vector<Json> stack_;  // the open objects and arrays, innermost last
  Json root_;
  bool duplicate_ = false;
};

// ---- the walker -------------------------------------------------------------------------

struct Reject {
  Rejection rejection;
};

class RecordWalker {
 public:
  explicit RecordWalker(const CourtRegistry& courts) : courts_(courts) {}

  CaseRecord walk(const Json& root) {
    walk_case(root);
    check_missing_top_level(root);
    check_references();
    check_consistency();
    if (!rec_.executing_court) rec_.executing_court = rec_.case_number.court_code;
    return std::move(rec_);
  }

 private:
  // -- paths and failures

  // Appends ".key" or "[i]" to the current path for the lifetime of the scope.
  class Scope {
   public:
    Scope(std::string& path, std::string_view key) : path_(path), size_(path.size()) {
      if (!path_.empty()) path_ += '.';
      path_ += key;
    }
    Scope(std::string& path, size_t index) : path_(path), size_(path.size()) {
      path_ += '[';
      path_ += std::to_string(index);
      path_ += ']';
    }
    ~Scope() { path_.resize(size_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    std::string& path_;
    size_t size_;
  };

  // Messages may quote the offending value: ID and account numbers in it are masked.
  [[noreturn]] void fail(std::string_view code, std::string message) const {
    throw Reject{Rejection{std::string(code), path_, mask_personal_numbers(message)}};
  }
  [[noreturn]] static void fail_at(std::string_view code, std::string field, std::string message) {
    throw Reject{Rejection{std::string(code), std::move(field), mask_personal_numbers(message)}};
  }
  std::string child(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  void require(const Json& o, std::initializer_list<const char*> keys) const {
    for (const char* k : keys)
      if (!o.has(k)) fail_at("missing_field", child(k), std::string("缺少必填字段：") + k);
  }

  // Walks an object's fields in the line's order; `visit` returns false for a key the
  // object does not define.
  template <class Visit>
  void each_field(const Json& o, Visit&& visit) {
    for (size_t i = 0; i < o.keys.size(); ++i) {
      const std::string& key = o.keys[i];
      Scope scope(path_, key);
      if (!visit(key, o.values[i])) unknown_field(key);
    }
  }

  // The key is the one text of the line that reaches a rejection unchecked (the path and the
  // message go to the quarantine table and the rejects file): a key with a NUL, another control
  // character or an escaped lone surrogate is named in printable form (found by fuzzing: such a
  // key made the quarantine insert fail).
  [[noreturn]] void unknown_field(const std::string& key) {
    if (!is_valid_utf8(key) || has_control_character(key)) {
      const std::string shown = sanitize_for_log(key, kTextMax);
      path_.resize(path_.size() - key.size());
      path_ += shown;
      fail("unknown_field", "未定义的字段：" + shown);
    }
    fail("unknown_field", "未定义的字段：" + key);
  }

  template <class Visit>
  void each_element(const Json& a, Visit&& visit) {
    size_t i = 0;
    for (const Json& v : a.values) {
      Scope scope(path_, i);
      visit(v, i);
      ++i;
    }
  }

  // -- typed values

  const Json& object(const Json& v) const {
    if (v.type != Json::Type::object) fail("bad_value", "类型错误：应为对象");
    return v;
  }
  const Json& array(const Json& v) const {
    if (v.type != Json::Type::array) fail("bad_value", "类型错误：应为数组");
    return v;
  }
  const Json& array(const Json& v, size_t max_elements) const {
    if (array(v).values.size() > max_elements)
      fail("bad_value", "元素过多：最多" + std::to_string(max_elements) + "个");
    return v;
  }
  bool boolean(const Json& v) const {
    if (v.type != Json::Type::boolean) fail("bad_value", "类型错误：应为 true 或 false");
    return v.boolean;
  }
  int64_t integer(const Json& v, int64_t min, int64_t max) const {
    if (v.type != Json::Type::integer && v.type != Json::Type::big_integer)
      fail("bad_value", "类型错误：应为整数");
    if (v.type == Json::Type::big_integer || v.integer < min || v.integer > max)
      fail("bad_value", "数值应在" + std::to_string(min) + "至" + std::to_string(max) + "之间");
    return v.integer;
  }
  // A string without control characters, NFC-normalised, its length in code points checked.
  std::string text(const Json& v, size_t max_code_points = kTextMax) const {
    if (v.type != Json::Type::string) fail("bad_value", "类型错误：应为字符串");
    const auto& raw = v.string;
    if (has_control_character(raw)) fail("bad_value", "含有控制字符");
    std::string s = to_nfc(raw);
    size_t n = code_points(s);
    if (n < 1 || n > max_code_points)
      fail("bad_value", "长度应为1至" + std::to_string(max_code_points) + "个字符");
    return s;
  }
  std::string name(const Json& v) const { return text(v, kNameMax); }
  std::string identifier(const Json& v) const { return text(v, kIdMax); }
  std::string choice(const Json& v, Values allowed) const {
    std::string s = text(v);
    if (!one_of(s, allowed)) fail("bad_value", "取值不在允许范围内：" + s);
    return s;
  }
  std::vector<std::string> names(const Json& v) {
    std::vector<std::string> out;
    each_element(array(v), [&](const Json& e, size_t) { out.push_back(name(e)); });
    return out;
  }
  std::vector<std::string> choices(const Json& v, Values allowed) {
    std::vector<std::string> out;
    each_element(array(v), [&](const Json& e, size_t) { out.push_back(choice(e, allowed)); });
    return out;
  }

  // For the typed fields below the field's own code wins over bad_value, whatever the fault.
  Money money(const Json& v) const {
    static const char* kMessage = "金额格式错误：应为以元为单位的字符串，最多两位小数";
    if (v.type != Json::Type::string) fail("bad_money", kMessage);
    auto m = Money::parse_yuan(v.string);
    if (!m && Money::is_over_limit(v.string)) fail("bad_money", "金额超出上限：应小于1万亿元");
    if (!m) fail("bad_money", kMessage);
    return *m;
  }
  Date date(const Json& v) const {
    static const char* kMessage = "日期格式错误：应为 YYYY-MM-DD 格式的真实日期";
    if (v.type != Json::Type::string) fail("bad_date", kMessage);
    auto d = Date::parse_iso(v.string);
    if (!d) fail("bad_date", kMessage);
    return *d;
  }
  CaseNumber case_number(const Json& v) const {
    static const char* kMessage = "案号格式错误或类型代字未知，应如（2024）冀0633执1234号";
    if (v.type != Json::Type::string) fail("bad_case_number", kMessage);
    const auto& raw = v.string;
    if (has_control_character(raw)) fail("bad_case_number", kMessage);
    auto n = CaseNumber::parse(to_nfc(raw));
    if (!n) fail("bad_case_number", kMessage);
    return *n;
  }
  // GB 11643-1999; a lowercase x is stored as X. The number itself never enters a message.
  std::string id_number(const Json& v) const {
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
  // GB 32100-2015.
  std::string credit_code(const Json& v) const {
    if (v.type != Json::Type::string) fail("bad_credit_code", "统一社会信用代码应为字符串");
    const auto& code = v.string;
    if (code.size() != 18) fail("bad_credit_code", "统一社会信用代码应为18位");
    for (char c : code)
      if (kCreditCodeAlphabet.find(c) == std::string_view::npos)
        fail("bad_credit_code", "统一社会信用代码含有非法字符（不使用 I、O、S、V、Z 及小写字母）");
    if (!is_valid_credit_code(code)) fail("bad_credit_code", "统一社会信用代码校验位错误");
    return code;
  }
  // "1y", "2y", "3y", "15d" (and months, "6m"): 1–3 digits without a leading zero, one unit.
  std::string period(const Json& v) const {
    std::string s = text(v);
    size_t digits = s.size() - 1;
    bool ok = s.size() >= 2 && digits <= 3 && s[0] != '0' &&
              (s.back() == 'y' || s.back() == 'm' || s.back() == 'd');
    for (size_t i = 0; ok && i < digits; ++i) ok = s[i] >= '0' && s[i] <= '9';
    if (!ok) fail("bad_value", "期限格式错误：应如 1y、2y、3y、15d");
    return s;
  }
  std::string court_code(const Json& v) const {
    std::string code = text(v, kIdMax);
    if (!courts_.find(code)) fail("unknown_court", "法院代字不在法院名单中：" + code);
    return code;
  }

  // -- objects, each closed by its own missing-field checks

  void walk_case(const Json& o) {
    each_field(o, [&](const std::string& k, const Json& v) {
      if (k == "schema") {
        if (text(v) != kSchema) fail("bad_value", "schema 应为 zhixing.case/1");
      } else if (k == "case_number") {
        rec_.case_number = case_number(v);
        if (!courts_.find(rec_.case_number.court_code))
          fail("unknown_court", "法院代字不在法院名单中：" + rec_.case_number.court_code);
      } else if (k == "filed_on") {
        rec_.filed_on = date(v);
      } else if (k == "cause") {
        rec_.cause = text(v);
      } else if (k == "title_document") {
        rec_.title_document = title_document(v);
      } else if (k == "categories") {
        rec_.categories = choices(v, kCategories);
      } else if (k == "filing_fee") {
        rec_.filing_fee = money(v);
      } else if (k == "extensions") {
        rec_.extensions = periods(v, "approved_by");
      } else if (k == "excluded_periods") {
        rec_.excluded_periods = periods(v, "reason");
      } else if (k == "claim") {
        rec_.claim = money(v);
      } else if (k == "recovered") {
        rec_.recovered = money(v);
      } else if (k == "receipts") {
        rec_.receipts = receipts(v);
      } else if (k == "status") {
        rec_.status = choice(v, kStatuses);
      } else if (k == "closure") {
        rec_.closure = closure(v);
      } else if (k == "executing_court") {
        rec_.executing_court = court_code(v);
      } else if (k == "officers") {
        rec_.officers = officers(v);
      } else if (k == "parties") {
        each_element(array(v, kPartiesMax),
                     [&](const Json& e, size_t) { rec_.parties.push_back(party(e)); });
      } else if (k == "measures") {
        each_element(array(v, kMeasuresMax),
                     [&](const Json& e, size_t) { rec_.measures.push_back(measure(e)); });
      } else if (k == "settlement") {
        rec_.settlement = settlement(v);
      } else if (k == "relief") {
        rec_.relief = relief(v);
      } else {
        return false;
      }
      return true;
    });
  }

  void check_missing_top_level(const Json& o) const {
    require(o, {"schema", "case_number", "filed_on", "cause"});
    if (type_requires_title_document(rec_.case_number.type_code)) require(o, {"title_document"});
    require(o, {"claim", "status"});
    if (rec_.status == "closed") require(o, {"closure"});
    require(o, {"officers"});
    // 民诉法解释 第五百一十七条: without the applicant's written consent a 终本 ruling is made
    // by a collegial panel, whose presiding judge and members the ruling names.
    if (rec_.closure && rec_.closure->kind == "terminated_current" &&
        !rec_.closure->applicant_consents) {
      if (!rec_.officers.presiding)
        fail_at("missing_field", "officers.presiding",
                "终结本次执行程序未经申请执行人同意，须列明审判长");
      if (rec_.officers.judges.empty())
        fail_at("missing_field", "officers.judges",
                "终结本次执行程序未经申请执行人同意，须列明合议庭成员");
    }
    require(o, {"parties"});
  }

  TitleDocument title_document(const Json& v) {
    const Json& o = object(v);
    TitleDocument t;
    each_field(o, [&](const std::string& k, const Json& f) {
      if (k == "number")
        t.number = case_number(f).text();
      else if (k == "kind")
        t.kind = text(f);
      else if (k == "court")
        t.court = text(f);
      else if (k == "effective_on")
        t.effective_on = date(f);
      else
        return false;
      return true;
    });
    require(o, {"number", "kind", "court", "effective_on"});
    return t;
  }

  std::vector<Period> periods(const Json& v, const char* note_key) {
    std::vector<Period> out;
    each_element(array(v), [&](const Json& e, size_t) {
      const Json& o = object(e);
      Period p;
      each_field(o, [&](const std::string& k, const Json& f) {
        if (k == "from")
          p.from = date(f);
        else if (k == "to")
          p.to = date(f);
        else if (k == note_key)
          p.note = text(f);
        else
          return false;
        return true;
      });
      require(o, {"from", "to", note_key});
      out.push_back(std::move(p));
    });
    return out;
  }

  Closure closure(const Json& v) {
    const Json& o = object(v);
    Closure c;
    each_field(o, [&](const std::string& k, const Json& f) {
      if (k == "kind")
        c.kind = choice(f, kClosureKinds);
      else if (k == "on")
        c.on = date(f);
      else if (k == "applicant_consents")
        c.applicant_consents = boolean(f);
      else if (k == "applicant_informed_on")
        c.applicant_informed_on = date(f);
      else
        return false;
      return true;
    });
    require(o, {"kind", "on"});
    return c;
  }

  // At most kReceiptsMax; a reference is unique within the case (bad_value at the second one).
  std::vector<Receipt> receipts(const Json& v) {
    const Json& a = array(v);
    if (a.values.size() > kReceiptsMax)
      fail("bad_value", "收款记录不得超过" + std::to_string(kReceiptsMax) + "条（本行" +
                            std::to_string(a.values.size()) + "条）");
    std::vector<Receipt> out;
    each_element(a, [&](const Json& e, size_t) {
      const Json& o = object(e);
      Receipt r;
      each_field(o, [&](const std::string& k, const Json& f) {
        if (k == "on") {
          r.on = date(f);
        } else if (k == "amount") {
          r.amount = money(f);
          if (r.amount.fen() == 0) fail("bad_money", "收款金额应大于0");
        } else if (k == "source") {
          r.source = choice(f, kReceiptSources);
        } else if (k == "reference") {
          r.reference = identifier(f);
          for (size_t j = 0; j < out.size(); ++j)
            if (out[j].reference == r.reference)
              fail("bad_value", "收款参考号重复：" + *r.reference + "（与 receipts[" +
                                    std::to_string(j) + "] 相同）");
        } else {
          return false;
        }
        return true;
      });
      require(o, {"on", "amount"});
      out.push_back(std::move(r));
    });
    return out;
  }

  Officers officers(const Json& v) {
    const Json& o = object(v);
    Officers off;
    each_field(o, [&](const std::string& k, const Json& f) {
      if (k == "enforcers")
        off.enforcers = names(f);
      else if (k == "enforcer_title")
        off.enforcer_title = choice(f, kEnforcerTitles);
      else if (k == "presiding")
        off.presiding = name(f);
      else if (k == "judges")
        off.judges = names(f);
      else if (k == "clerk")
        off.clerk = name(f);
      else
        return false;
      return true;
    });
    if (off.enforcers.empty()) fail_at("missing_field", child("enforcers"), "至少须有一名执行人员");
    require(o, {"clerk"});
    return off;
  }

  Party party(const Json& v) {
    const Json& o = object(v);
    // The kind decides which of the person and organisation fields are defined. It is read
    // ahead so that the fields' order within the party does not matter. While the kind is
    // absent or invalid both sets are accepted; the kind itself then fails in its place.
    std::string kind_hint;
    if (o.has("kind")) {
      const Json& k = *o.member("kind");
      if (k.type == Json::Type::string && one_of(k.string, kPartyKinds)) kind_hint = k.string;
    }
    const bool may_be_person = kind_hint != "org";
    const bool may_be_org = kind_hint != "person";

    Party p;
    each_field(o, [&](const std::string& k, const Json& f) {
      if (k == "id") {
        p.id = identifier(f);
        if (rec_.party(p.id)) fail("bad_value", "当事人编号重复：" + p.id);
      } else if (k == "role") {
        p.role = choice(f, kRoles);
      } else if (k == "kind") {
        p.kind = choice(f, kPartyKinds);
      } else if (k == "name") {
        p.name = name(f);
      } else if (k == "address") {
        p.address = text(f);
      } else if (k == "phone") {
        p.phone = text(f);
      } else if (k == "gender" && may_be_person) {
        p.gender = choice(f, kGenders);
      } else if (k == "birth_date" && may_be_person) {
        p.birth_date = date(f);
      } else if (k == "ethnicity" && may_be_person) {
        p.ethnicity = text(f);
        bool known = false;
        for (auto e : kEthnicities) known = known || e == p.ethnicity;
        if (!known) fail("bad_value", "民族应为56个民族名称之一，如汉族：" + p.ethnicity);
      } else if (k == "occupation" && may_be_person) {
        p.occupation = text(f);
      } else if (k == "id_number" && may_be_person) {
        p.id_number = id_number(f);
      } else if (k == "uscc" && may_be_org) {
        p.uscc = credit_code(f);
      } else if (k == "legal_rep" && may_be_org) {
        p.legal_rep = legal_rep(f);
      } else if (k == "agents") {
        each_element(array(f), [&](const Json& e, size_t) { p.agents.push_back(agent(e)); });
      } else if (k == "bank_account") {
        p.bank_account = bank_account(f);
      } else {
        return false;
      }
      return true;
    });
    require(o, {"id", "role", "kind", "name", "address"});
    if (p.kind == "person") {
      require(o, {"gender", "birth_date", "ethnicity", "id_number"});
      // GB 11643 §4: digits 7–14 are the birth date, the 17th is odd for men.
      const std::string field = child("id_number");
      if (id_number_birth_date(p.id_number) != *p.birth_date)
        fail_at("id_mismatch", field,
                "公民身份号码" + mask_id_number(p.id_number) + "中的出生日期与出生日期字段不一致");
      if (id_number_is_male(p.id_number) != (p.gender == "男"))
        fail_at("id_mismatch", field,
                "公民身份号码" + mask_id_number(p.id_number) + "中的性别码与性别字段不一致");
    } else {
      require(o, {"uscc", "legal_rep"});
    }
    return p;
  }

  LegalRep legal_rep(const Json& v) {
    const Json& o = object(v);
    LegalRep r;
    each_field(o, [&](const std::string& k, const Json& f) {
      if (k == "name")
        r.name = name(f);
      else if (k == "title")
        r.title = text(f);
      else if (k == "kind")
        r.kind = choice(f, kLegalRepKinds);
      else
        return false;
      return true;
    });
    require(o, {"name", "title", "kind"});
    return r;
  }

  Agent agent(const Json& v) {
    const Json& o = object(v);
    Agent a;
    each_field(o, [&](const std::string& k, const Json& f) {
      if (k == "name")
        a.name = name(f);
      else if (k == "kind")
        a.kind = choice(f, kAgentKinds);
      else if (k == "firm")
        a.firm = text(f);
      else if (k == "special_authority")
        a.special_authority = boolean(f);
      else
        return false;
      return true;
    });
    require(o, {"name", "kind"});
    return a;
  }

  BankAccount bank_account(const Json& v) {
    const Json& o = object(v);
    BankAccount b;
    each_field(o, [&](const std::string& k, const Json& f) {
      if (k == "bank")
        b.bank = text(f);
      else if (k == "account")
        b.account = text(f, kIdMax);
      else
        return false;
      return true;
    });
    require(o, {"bank", "account"});
    return b;
  }

  Measure measure(const Json& v) {
    const Json& o = object(v);
    Measure m;
    each_field(o, [&](const std::string& k, const Json& f) {
      if (k == "kind")
        m.kind = choice(f, kMeasureKinds);
      else if (k == "on")
        m.on = date(f);
      else if (k == "against")
        m.against = identifier(f);
      else if (k == "amount")
        m.amount = money(f);
      else if (k == "target")
        m.target = text(f);
      else if (k == "period")
        m.period = period(f);
      else if (k == "note")
        m.note = text(f);
      else if (k == "result")
        m.result = choice(f, kInquiryResults);
      else
        return false;
      return true;
    });
    require(o, {"kind", "on", "against"});
    if (m.kind == "freeze" || m.kind == "deduct") require(o, {"amount"});
    return m;
  }

  Settlement settlement(const Json& v) {
    const Json& o = object(v);
    Settlement s;
    each_field(o, [&](const std::string& k, const Json& f) {
      if (k == "signed_on") {
        s.signed_on = date(f);
      } else if (k == "total") {
        s.total = money(f);
      } else if (k == "installments") {
        each_element(array(f, kInstallmentsMax), [&](const Json& e, size_t) {
          const Json& io = object(e);
          Installment in;
          each_field(io, [&](const std::string& ik, const Json& iv) {
            if (ik == "due_on")
              in.due_on = date(iv);
            else if (ik == "amount")
              in.amount = money(iv);
            else
              return false;
            return true;
          });
          require(io, {"due_on", "amount"});
          s.installments.push_back(in);
        });
      } else if (k == "grace_days") {
        s.grace_days = static_cast<int>(integer(f, 0, 365));
      } else if (k == "guarantor") {
        s.guarantor = identifier(f);
      } else if (k == "place") {
        s.place = text(f);
      } else {
        return false;
      }
      return true;
    });
    require(o, {"signed_on", "total", "installments"});
    return s;
  }

  ReliefApplication relief(const Json& v) {
    const Json& o = object(v);
    ReliefApplication r;
    each_field(o, [&](const std::string& k, const Json& f) {
      if (k == "applicant") {
        r.applicant = identifier(f);
      } else if (k == "applied_on") {
        r.applied_on = date(f);
      } else if (k == "ground") {
        r.ground = choice(f, kGrounds);
      } else if (k == "basis_item") {
        r.basis_item = choice(f, kBasisItems);
        relief_basis_item_given_ = true;
      } else if (k == "household_size") {
        r.household_size = static_cast<int>(integer(f, 1, 100));
      } else if (k == "household_monthly_income") {
        r.household_monthly_income = money(f);
      } else if (k == "has_dibao") {
        r.has_dibao = boolean(f);
      } else if (k == "medical_expenses") {
        r.medical_expenses = money(f);
      } else if (k == "prior_compensation") {
        r.prior_compensation = money(f);
      } else if (k == "flags") {
        r.flags = choices(f, kReliefFlags);
      } else if (k == "panel") {
        r.panel = panel(f);
      } else {
        return false;
      }
      return true;
    });
    require(o, {"applicant", "applied_on", "ground"});
    if (!relief_basis_item_given_) {
      // crime_victim may cite any of 一 to 四, so it cannot be derived.
      if (r.ground == "crime_victim")
        fail_at("missing_field", child("basis_item"),
                "以刑事被害人为由申请司法救助须注明所依据的条款项");
      r.basis_item = basis_item_for(r.ground);
    }
    return r;
  }

  PanelDecision panel(const Json& v) {
    const Json& o = object(v);
    PanelDecision d;
    each_field(o, [&](const std::string& k, const Json& f) {
      if (k == "decided_on")
        d.decided_on = date(f);
      else if (k == "granted")
        d.granted = boolean(f);
      else if (k == "amount")
        d.amount = money(f);
      else if (k == "members")
        d.members = names(f);
      else if (k == "exception_approved")
        d.exception_approved = boolean(f);
      else
        return false;
      return true;
    });
    require(o, {"decided_on", "granted"});
    if (d.granted) require(o, {"amount"});
    return d;
  }

  // -- whole-record rules

  void check_references() const {
    static const char* kMessage = "引用的当事人编号在本记录中不存在";
    for (size_t i = 0; i < rec_.measures.size(); ++i)
      if (!rec_.party(rec_.measures[i].against))
        fail_at("bad_reference", "measures[" + std::to_string(i) + "].against", kMessage);
    if (rec_.settlement && rec_.settlement->guarantor && !rec_.party(*rec_.settlement->guarantor))
      fail_at("bad_reference", "settlement.guarantor", kMessage);
    if (rec_.relief && !rec_.party(rec_.relief->applicant))
      fail_at("bad_reference", "relief.applicant", kMessage);
  }

  void check_consistency() const {
    auto inconsistent = [](std::string field, std::string message) {
      fail_at("inconsistent", std::move(field), std::move(message));
    };
    auto check_periods = [&](const std::vector<Period>& periods, const char* key) {
      for (size_t i = 0; i < periods.size(); ++i)
        if (periods[i].to < periods[i].from)
          inconsistent(std::string(key) + "[" + std::to_string(i) + "].to",
                       "期间的结束日早于开始日");
    };
    check_periods(rec_.extensions, "extensions");
    check_periods(rec_.excluded_periods, "excluded_periods");

    if (rec_.recovered > rec_.claim) inconsistent("recovered", "执行到位金额超过申请执行标的");
    if (rec_.receipts) {
      const std::vector<Receipt>& receipts = *rec_.receipts;
      for (size_t i = 0; i < receipts.size(); ++i)
        if (receipts[i].on < rec_.filed_on)
          inconsistent("receipts[" + std::to_string(i) + "].on", "收款日期早于立案日期");
      // Each amount is below 10^17 fen and the sum stops once above `recovered`: no overflow.
      Money sum;
      for (const Receipt& r : receipts) {
        sum += r.amount;
        if (sum > rec_.recovered) break;
      }
      if (sum > rec_.recovered)
        inconsistent("receipts", "收款金额合计超过执行到位金额" + rec_.recovered.plain() + "元");
      if (sum != rec_.recovered)
        inconsistent("receipts", "收款金额合计" + sum.plain() + "元与执行到位金额" +
                                     rec_.recovered.plain() + "元不符");
    }
    if (rec_.closure && rec_.status != "closed")
      inconsistent("closure", "案件状态不是已结案，却有结案信息");
    if (rec_.closure && rec_.closure->on < rec_.filed_on)
      inconsistent("closure.on", "结案日期早于立案日期");
    if (rec_.closure && rec_.closure->applicant_informed_on) {
      const Date informed = *rec_.closure->applicant_informed_on;
      if (informed < rec_.filed_on)
        inconsistent("closure.applicant_informed_on", "告知申请执行人的日期早于立案日期");
      if (rec_.closure->on < informed)
        inconsistent("closure.applicant_informed_on", "告知申请执行人的日期晚于结案日期");
    }

    bool has_applicant = false, has_respondent = false;
    for (const auto& p : rec_.parties) {
      has_applicant = has_applicant || p.role == "applicant";
      has_respondent = has_respondent || p.role == "respondent";
    }
    if (!has_applicant) inconsistent("parties", "当事人中没有申请执行人");
    if (!has_respondent) inconsistent("parties", "当事人中没有被执行人");

    if (rec_.settlement) {
      const Settlement& s = *rec_.settlement;
      Money sum;
      for (size_t i = 0; i < s.installments.size(); ++i) {
        const Date due = s.installments[i].due_on;
        std::string field = "settlement.installments[" + std::to_string(i) + "].due_on";
        if (i == 0 && due < s.signed_on) inconsistent(field, "首期履行日早于和解协议签订日");
        if (i > 0 && !(s.installments[i - 1].due_on < due))
          inconsistent(field, "分期履行日期未严格递增");
        auto next = Money::checked_add(sum, s.installments[i].amount);
        if (!next) inconsistent("settlement.installments", "分期金额合计超出上限");
        sum = *next;
      }
      if (sum != s.total)
        inconsistent("settlement.installments",
                     "分期金额合计" + sum.plain() + "元与和解总额" + s.total.plain() + "元不符");
    }

    if (rec_.relief) {
      const ReliefApplication& r = *rec_.relief;
      const Party* applicant = rec_.party(r.applicant);
      if (applicant->role != "applicant" || !applicant->is_person())
        inconsistent("relief.applicant", "司法救助申请人须为本案的自然人申请执行人");
      if (relief_basis_item_given_) {
        std::string_view expected = basis_item_for(r.ground);
        bool ok = r.ground == "crime_victim" ? one_of(r.basis_item, kCrimeVictimItems)
                                             : r.basis_item == expected;
        if (!ok) inconsistent("relief.basis_item", "所依据的条款项与申请理由不符");
      }
    }
  }

  const CourtRegistry& courts_;
  std::string path_;
  CaseRecord rec_;
  bool relief_basis_item_given_ = false;
};

Rejection line_rejection(const char* code, const char* message) {
  return Rejection{code, "", message};
}

}  // namespace

std::variant<CaseRecord, Rejection> parse_case_record(std::string_view line,
                                                      const CourtRegistry& courts) {
  if (line.substr(0, 3) == "\xEF\xBB\xBF")
    return line_rejection("bad_encoding", "不接受字节顺序标记（BOM）");
  bool has_raw_control = false;
  if (!is_valid_utf8(line, has_raw_control))
    return line_rejection("bad_encoding", "不是有效的 UTF-8 编码");

  Poco::SharedPtr<TreeHandler> handler = new TreeHandler;
  try {
    Poco::JSON::Parser parser(handler);
    parser.parse(has_raw_control ? escape_raw_controls(line) : std::string(line));
  } catch (const Poco::Exception&) {
    return line_rejection("bad_json", "不是一个合法的 JSON 对象");
  } catch (const std::exception&) {
    return line_rejection("bad_json", "不是一个合法的 JSON 对象");
  }
  if (handler->duplicate()) return line_rejection("bad_json", "JSON 对象中有重复的字段名");
  if (handler->root().type != Json::Type::object)
    return line_rejection("bad_json", "不是一个 JSON 对象");

  try {
    RecordWalker walker(courts);
    return walker.walk(handler->root());
  } catch (const Reject& r) {
    return r.rejection;
  }
}

}  // namespace zhixing
