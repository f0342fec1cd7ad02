#include "importer/record_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/id_number.h"
#include "core/input_text.h"
#include "core/masking.h"

using zhixing::CaseRecord;
using zhixing::Court;
using zhixing::CourtRegistry;
using zhixing::parse_case_record;
using zhixing::Rejection;

namespace {

// docs/case-record.md's example, on one line. Its ID numbers are the GB 11643 example and a
// synthetic checksum-valid number; all others below are computed with
// id_number_check_character.
const std::string kExample =
    R"({"schema":"zhixing.case/1","case_number":"（2024）冀0633执1234号","filed_on":"2024-03-05",)"
    R"("cause":"赡养费纠纷","title_document":{"number":"（2023）冀0633民初567号","kind":"民事判决书",)"
    R"("court":"河北省易县人民法院","effective_on":"2023-11-02"},"categories":["elderly_support"],)"
    R"("claim":"36000","recovered":"0","status":"closed",)"
    R"("closure":{"kind":"terminated_current","on":"2024-07-15"},)"
    R"("officers":{"enforcers":["王立新"],"presiding":"赵志远","judges":["王立新","李红"],"clerk":"陈静"},)"
    R"("parties":[)"
    R"({"id":"a1","role":"applicant","kind":"person","name":"张秀兰","gender":"女","birth_date":"1949-12-31",)"
    R"("ethnicity":"汉族","id_number":"11010519491231002X","address":"河北省易县易州镇某村",)"
    R"("bank_account":{"bank":"中国农业银行易县支行","account":"6228480000000000000"}},)"
    R"({"id":"r1","role":"respondent","kind":"person","name":"刘建国","gender":"男","birth_date":"1975-06-01",)"
    R"("ethnicity":"汉族","id_number":"130633197506011139","address":"河北省易县梁格庄镇某村"}],)"
    R"("measures":[{"kind":"notice","on":"2024-03-06","against":"r1"},)"
    R"({"kind":"freeze","on":"2024-03-20","against":"r1","amount":"36000","target":"中国邮政储蓄银行易县支行","period":"1y"}],)"
    R"("relief":{"applicant":"a1","applied_on":"2024-08-01","ground":"support","household_size":1,)"
    R"("household_monthly_income":"300","has_dibao":true,"medical_expenses":"0","prior_compensation":"0","flags":[]}})";

// An organisation respondent with the GB 32100 example code; appended as parties[2].
const std::string kOrg =
    R"({"id":"r2","role":"respondent","kind":"org","name":"易县某建材有限公司","address":"河北省易县某工业园",)"
    R"("uscc":"91350100M000100Y43","legal_rep":{"name":"王某","title":"总经理","kind":"法定代表人"}})";

const std::string kSettlement =
    R"("settlement":{"signed_on":"2024-04-01","total":"36000","installments":[)"
    R"({"due_on":"2024-05-01","amount":"18000"},{"due_on":"2024-06-01","amount":"18000"}],"guarantor":"r1"})";

const CourtRegistry& registry() {
  static const CourtRegistry courts = [] {
    CourtRegistry c;
    c.add(Court{"冀", "河北省高级人民法院", "周某"});
    c.add(Court{"冀06", "河北省保定市中级人民法院", "孙某"});
    c.add(Court{"冀0633", "河北省易县人民法院", "刘某"});
    c.add(Court{"冀0623", "河北省涞水县人民法院", "马某"});
    return c;
  }();
  return courts;
}

// `line` with the only occurrence of `from` replaced by `to`.
std::string with(std::string line, std::string_view from, std::string_view to) {
  size_t pos = line.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  EXPECT_EQ(line.find(from, pos + 1), std::string::npos) << "ambiguous: " << from;
  if (pos != std::string::npos) line.replace(pos, from.size(), to);
  return line;
}

std::string without(const std::string& line, std::string_view part) { return with(line, part, ""); }

std::string with_org(const std::string& line, const std::string& org = kOrg) {
  return with(line, R"("address":"河北省易县梁格庄镇某村"})",
              R"("address":"河北省易县梁格庄镇某村"},)" + org);
}

std::string with_settlement(const std::string& settlement = kSettlement) {
  return with(kExample, R"(,"relief":)", "," + settlement + R"(,"relief":)");
}

std::string synthetic_id(const std::string& first17) {
  return first17 + zhixing::id_number_check_character(first17);
}

testing::AssertionResult Rejected(const std::string& line, std::string_view code,
                                  std::string_view field) {
  auto result = parse_case_record(line, registry());
  if (std::holds_alternative<CaseRecord>(result)) return testing::AssertionFailure() << "accepted";
  const Rejection& r = std::get<Rejection>(result);
  if (r.code != code || r.field != field)
    return testing::AssertionFailure()
           << "rejected as " << r.code << " at '" << r.field << "': " << r.message;
  if (r.message.empty()) return testing::AssertionFailure() << "no message";
  return testing::AssertionSuccess();
}

CaseRecord accepted(const std::string& line) {
  auto result = parse_case_record(line, registry());
  if (auto* r = std::get_if<Rejection>(&result)) {
    ADD_FAILURE() << "rejected as " << r->code << " at '" << r->field << "': " << r->message;
    return {};
  }
  return std::get<CaseRecord>(std::move(result));
}

Rejection rejection(const std::string& line) {
  auto result = parse_case_record(line, registry());
  if (auto* r = std::get_if<Rejection>(&result)) return *r;
  ADD_FAILURE() << "accepted";
  return {};
}

}  // namespace

// ---- accepted records

TEST(RecordParser, AcceptsTheSpecsExample) {
  CaseRecord rec = accepted(kExample);
  EXPECT_EQ(rec.case_number.text(), "（2024）冀0633执1234号");
  EXPECT_EQ(rec.filed_on.iso(), "2024-03-05");
  EXPECT_EQ(rec.cause, "赡养费纠纷");
  ASSERT_TRUE(rec.title_document);
  EXPECT_EQ(rec.title_document->number, "（2023）冀0633民初567号");
  EXPECT_EQ(rec.title_document->effective_on.iso(), "2023-11-02");
  EXPECT_EQ(rec.categories, std::vector<std::string>{"elderly_support"});
  EXPECT_EQ(rec.claim.fen(), 3600000);
  EXPECT_EQ(rec.recovered.fen(), 0);
  EXPECT_EQ(rec.status, "closed");
  ASSERT_TRUE(rec.closure);
  EXPECT_EQ(rec.closure->kind, "terminated_current");
  EXPECT_FALSE(rec.closure->applicant_consents);
  EXPECT_EQ(rec.officers.enforcers, std::vector<std::string>{"王立新"});
  EXPECT_EQ(rec.officers.presiding, "赵志远");
  EXPECT_EQ(rec.officers.clerk, "陈静");
  ASSERT_EQ(rec.parties.size(), 2u);
  EXPECT_EQ(rec.parties[0].name, "张秀兰");
  EXPECT_EQ(rec.parties[0].gender, "女");
  EXPECT_EQ(rec.parties[0].id_number, "11010519491231002X");
  ASSERT_TRUE(rec.parties[0].bank_account);
  EXPECT_EQ(rec.parties[0].bank_account->bank, "中国农业银行易县支行");
  EXPECT_EQ(rec.parties[1].role, "respondent");
  EXPECT_EQ(*rec.parties[1].birth_date, *zhixing::Date::parse_iso("1975-06-01"));
  ASSERT_EQ(rec.measures.size(), 2u);
  EXPECT_EQ(rec.measures[1].kind, "freeze");
  EXPECT_EQ(rec.measures[1].amount->fen(), 3600000);
  EXPECT_EQ(rec.measures[1].period, "1y");
  ASSERT_TRUE(rec.relief);
  EXPECT_EQ(rec.relief->applicant, "a1");
  EXPECT_EQ(rec.relief->household_size, 1);
  EXPECT_EQ(rec.relief->household_monthly_income->fen(), 30000);
  EXPECT_EQ(rec.relief->has_dibao, true);
  EXPECT_TRUE(rec.relief->flags.empty());
}

TEST(RecordParser, AcceptsWhitespaceBetweenTokens) {
  std::string spaced = with(kExample, R"("parties":[)", "\"parties\" :\t[ ");
  accepted(" " + spaced + " ");
}

TEST(RecordParser, AppliesDefaults) {
  CaseRecord rec = accepted(without(with_settlement(), R"(,"recovered":"0")"));
  EXPECT_EQ(rec.recovered.fen(), 0);
  EXPECT_EQ(rec.officers.enforcer_title, "执行员");
  EXPECT_EQ(rec.settlement->grace_days, 15);
  EXPECT_EQ(rec.relief->basis_item, "六");   // derived from ground = support
  EXPECT_EQ(rec.executing_court, "冀0633");  // the number's court
}

TEST(RecordParser, DerivesBasisItemFromEachGround) {
  for (auto [ground, item] : {std::pair{"support", "六"},
                              {"tort_injury", "七"},
                              {"retaliation", "五"},
                              {"other", "八"}}) {
    CaseRecord rec = accepted(
        with(kExample, R"("ground":"support")", std::string(R"("ground":")") + ground + "\""));
    EXPECT_EQ(rec.relief->basis_item, item) << ground;
  }
  CaseRecord victim = accepted(
      with(kExample, R"("ground":"support")", R"("ground":"crime_victim","basis_item":"二")"));
  EXPECT_EQ(victim.relief->basis_item, "二");
}

TEST(RecordParser, AcceptsOrganisationParty) {
  CaseRecord rec = accepted(with_org(kExample));
  ASSERT_EQ(rec.parties.size(), 3u);
  EXPECT_EQ(rec.parties[2].uscc, "91350100M000100Y43");
  ASSERT_TRUE(rec.parties[2].legal_rep);
  EXPECT_EQ(rec.parties[2].legal_rep->kind, "法定代表人");
  EXPECT_FALSE(rec.parties[2].is_person());
}

TEST(RecordParser, AcceptsSettlement) {
  CaseRecord rec = accepted(with_settlement());
  ASSERT_TRUE(rec.settlement);
  EXPECT_EQ(rec.settlement->total.fen(), 3600000);
  ASSERT_EQ(rec.settlement->installments.size(), 2u);
  EXPECT_EQ(rec.settlement->installments[1].due_on.iso(), "2024-06-01");
  EXPECT_EQ(rec.settlement->guarantor, "r1");
}

TEST(RecordParser, NormalisesHalfWidthBracketsInCaseNumbers) {
  CaseRecord rec = accepted(with(with(kExample, "（2024）冀0633执1234号", "(2024)冀0633执1234号"),
                                 "（2023）冀0633民初567号", "(2023)冀0633民初567号"));
  EXPECT_EQ(rec.case_number.text(), "（2024）冀0633执1234号");
  EXPECT_EQ(rec.title_document->number, "（2023）冀0633民初567号");
}

TEST(RecordParser, NormalisesTextToNfc) {
  // "e" + U+0301 COMBINING ACUTE becomes U+00E9; the CJK compatibility ideograph U+F900 (豈)
  // becomes its unified form U+8C48.
  CaseRecord rec = accepted(with(with(kExample, R"("name":"刘建国")", R"("name":"Jose\u0301")"),
                                 R"("cause":"赡养费纠纷")", "\"cause\":\"\xEF\xA4\x80\""));
  EXPECT_EQ(rec.parties[1].name, "Jos\xC3\xA9");
  EXPECT_EQ(rec.cause, "\xE8\xB1\x88");
}

TEST(RecordParser, CountsNameLengthInCodePointsAfterNfc) {
  // 100 decomposed é: 200 code points before NFC, 100 after: within 1–100.
  std::string decomposed;
  for (int i = 0; i < 100; ++i) decomposed += "e\\u0301";
  CaseRecord rec =
      accepted(with(kExample, R"("name":"刘建国")", R"("name":")" + decomposed + "\""));
  EXPECT_EQ(rec.parties[1].name.size(), 200u);  // 100 × two UTF-8 bytes
  std::string cjk;
  for (int i = 0; i < 100; ++i) cjk += "张";
  accepted(with(kExample, R"("name":"刘建国")", R"("name":")" + cjk + "\""));
  EXPECT_TRUE(Rejected(with(kExample, R"("name":"刘建国")", R"("name":")" + cjk + "张\""),
                       "bad_value", "parties[1].name"));
}

TEST(RecordParser, AcceptsCharactersOutsideTheBmp) {
  // 𠮷 U+20BB7, raw and as a surrogate-pair escape.
  CaseRecord raw = accepted(with(kExample, R"("name":"刘建国")", R"("name":"𠮷建国")"));
  EXPECT_EQ(raw.parties[1].name, "𠮷建国");
  CaseRecord escaped =
      accepted(with(kExample, R"("name":"刘建国")", R"("name":"\ud842\udfb7建国")"));
  EXPECT_EQ(escaped.parties[1].name, "𠮷建国");
}

TEST(RecordParser, StoresLowercaseXAsUppercase) {
  CaseRecord rec = accepted(with(kExample, "11010519491231002X", "11010519491231002x"));
  EXPECT_EQ(rec.parties[0].id_number, "11010519491231002X");
}

// ---- one test per rejection code (conflict is the store's: see the last tests)

TEST(RecordParser, BadEncodingForInvalidUtf8) {
  EXPECT_TRUE(Rejected(with(kExample, "张秀兰", "张\xFF兰"), "bad_encoding", ""));
  EXPECT_TRUE(
      Rejected(with(kExample, "张秀兰", "张\xC0\xAF兰"), "bad_encoding", ""));  // overlong '/'
  EXPECT_TRUE(
      Rejected(with(kExample, "张秀兰", "张\xE0\x80\xAF兰"), "bad_encoding", ""));  // overlong
  EXPECT_TRUE(
      Rejected(with(kExample, "张秀兰", "张\xED\xA0\x80兰"), "bad_encoding", ""));  // U+D800
  EXPECT_TRUE(Rejected(with(kExample, "张秀兰", "张\xF4\x90\x80\x80兰"), "bad_encoding",
                       ""));                                                          // > U+10FFFF
  EXPECT_TRUE(Rejected(with(kExample, "张秀兰", "张\xE5\xBC"), "bad_encoding", ""));  // truncated
}

TEST(RecordParser, BadEncodingForLeadingBom) {
  EXPECT_TRUE(Rejected("\xEF\xBB\xBF" + kExample, "bad_encoding", ""));
}

TEST(RecordParser, BadJsonForAnythingButOneObject) {
  for (const std::string& line :
       {std::string("[1]"), std::string("\"x\""), std::string("null"), std::string(""),
        std::string("{"), kExample + "{}", kExample.substr(0, kExample.size() - 1),
        std::string("{'schema':1}"), std::string("{\"a\":01}")})
    EXPECT_TRUE(Rejected(line, "bad_json", "")) << line.substr(0, 40);
}

TEST(RecordParser, BadJsonForDuplicateKeys) {
  EXPECT_TRUE(Rejected(with(kExample, R"("claim":"36000")", R"("claim":"36000","claim":"1")"),
                       "bad_json", ""));
  EXPECT_TRUE(Rejected(with(kExample, R"("name":"刘建国")", R"("name":"刘建国","name":"刘某")"),
                       "bad_json", ""));
}

TEST(RecordParser, UnknownFieldAtEveryLevel) {
  EXPECT_TRUE(
      Rejected(with(kExample, R"("claim":"36000")", R"("clam":"36000")"), "unknown_field", "clam"));
  EXPECT_TRUE(Rejected(with(kExample, R"("name":"刘建国")", R"("name":"刘建国","nickname":"老刘")"),
                       "unknown_field", "parties[1].nickname"));
  EXPECT_TRUE(
      Rejected(with(kExample, R"("flags":[])",
                    R"("flags":[],"panel":{"decided_on":"2024-09-01","granted":false,"vote":3})"),
               "unknown_field", "relief.panel.vote"));
  EXPECT_TRUE(Rejected(with(kExample, R"("clerk":"陈静")", R"("clerk":"陈静","clark":"陈静")"),
                       "unknown_field", "officers.clark"));
}

// Found by fuzz/record_parser_fuzzer.cpp: an unknown key is the one text of a line that reaches
// the rejection (field path and message, stored in the quarantine table) without a check, so a
// control character in it reached the quarantine table. Such a key is named in printable form.
TEST(RecordParser, UnknownFieldWithControlCharactersInItsKeyIsStorable) {
  auto storable = [](const std::string& s) {
    return zhixing::is_valid_utf8(s) && !zhixing::has_control_character(s);
  };
  const std::string raw_control =
      "cl\x1d"
      "aim";
  for (const std::string& key : {raw_control, std::string(R"(cl\u001faim)"),
                                 std::string(R"(cl\u0000aim)"), std::string(R"(cl\ud800aim)")}) {
    const Rejection r =
        rejection(with(kExample, R"("claim":"36000")", "\"" + key + R"(":"36000")"));
    EXPECT_TRUE(storable(r.field)) << key;
    EXPECT_TRUE(storable(r.message)) << key;
  }
  EXPECT_TRUE(
      Rejected(with(kExample, R"("name":"刘建国")", R"("name":"刘建国","nick\u0007":"老刘")"),
               "unknown_field", "parties[1].nick\\x07"));
  EXPECT_TRUE(Rejected(with(kExample, R"("claim":"36000")", "\"" + raw_control + R"(":"36000")"),
                       "unknown_field", "cl\\x1Daim"));
}

TEST(RecordParser, UnknownFieldForPersonFieldOnOrganisationAndViceVersa) {
  EXPECT_TRUE(
      Rejected(with_org(kExample, with(kOrg, R"("kind":"org",)", R"("kind":"org","gender":"男",)")),
               "unknown_field", "parties[2].gender"));
  // The kind is read ahead: a person field before "kind" is judged by the kind that follows.
  EXPECT_TRUE(Rejected(
      with_org(kExample, with(kOrg, R"({"id":"r2",)", R"({"id":"r2","ethnicity":"汉族",)")),
      "unknown_field", "parties[2].ethnicity"));
  EXPECT_TRUE(Rejected(with(kExample, R"("address":"河北省易县梁格庄镇某村")",
                            R"("address":"河北省易县梁格庄镇某村","uscc":"91350100M000100Y43")"),
                       "unknown_field", "parties[1].uscc"));
}

TEST(RecordParser, MissingFieldForRequiredFields) {
  EXPECT_TRUE(Rejected(without(kExample, R"("cause":"赡养费纠纷",)"), "missing_field", "cause"));
  EXPECT_TRUE(
      Rejected(without(kExample, R"("schema":"zhixing.case/1",)"), "missing_field", "schema"));
  EXPECT_TRUE(Rejected(without(kExample, R"(,"address":"河北省易县梁格庄镇某村")"), "missing_field",
                       "parties[1].address"));
  EXPECT_TRUE(Rejected(without(kExample, R"("ethnicity":"汉族","id_number":"130633197506011139",)"),
                       "missing_field", "parties[1].ethnicity"));
  EXPECT_TRUE(Rejected(
      with_org(
          kExample,
          without(kOrg, R"(,"legal_rep":{"name":"王某","title":"总经理","kind":"法定代表人"})")),
      "missing_field", "parties[2].legal_rep"));
  EXPECT_TRUE(Rejected(without(kExample, R"(,"clerk":"陈静")"), "missing_field", "officers.clerk"));
  EXPECT_TRUE(Rejected(with(kExample, R"("enforcers":["王立新"])", R"("enforcers":[])"),
                       "missing_field", "officers.enforcers"));
}

TEST(RecordParser, MissingFieldForConditionalFields) {
  // closure for a closed case
  EXPECT_TRUE(
      Rejected(without(kExample, R"("closure":{"kind":"terminated_current","on":"2024-07-15"},)"),
               "missing_field", "closure"));
  // amount for freeze and deduct
  EXPECT_TRUE(
      Rejected(without(kExample, R"(,"amount":"36000")"), "missing_field", "measures[1].amount"));
  // the panel's amount when granted
  EXPECT_TRUE(Rejected(with(kExample, R"("flags":[])",
                            R"("flags":[],"panel":{"decided_on":"2024-09-01","granted":true})"),
                       "missing_field", "relief.panel.amount"));
  // presiding and judges for terminated_current without the applicant's consent
  EXPECT_TRUE(Rejected(without(kExample, R"("presiding":"赵志远",)"), "missing_field",
                       "officers.presiding"));
  EXPECT_TRUE(Rejected(without(kExample, R"("judges":["王立新","李红"],)"), "missing_field",
                       "officers.judges"));
  accepted(without(
      with(kExample, R"("on":"2024-07-15")", R"("on":"2024-07-15","applicant_consents":true)"),
      R"("presiding":"赵志远","judges":["王立新","李红"],)"));
  // title_document for 执 and 执恢, not for 执保
  const std::string no_title = without(
      kExample,
      R"("title_document":{"number":"（2023）冀0633民初567号","kind":"民事判决书","court":"河北省易县人民法院","effective_on":"2023-11-02"},)");
  EXPECT_TRUE(Rejected(no_title, "missing_field", "title_document"));
  EXPECT_TRUE(Rejected(with(no_title, "冀0633执1234号", "冀0633执恢12号"), "missing_field",
                       "title_document"));
  accepted(with(no_title, "冀0633执1234号", "冀0633执保12号"));
  // basis_item for crime_victim, which cannot be derived
  EXPECT_TRUE(Rejected(with(kExample, R"("ground":"support")", R"("ground":"crime_victim")"),
                       "missing_field", "relief.basis_item"));
}

TEST(RecordParser, BadValueForWrongTypeEnumerationControlCharacterAndLength) {
  EXPECT_TRUE(
      Rejected(with(kExample, R"("cause":"赡养费纠纷")", R"("cause":5)"), "bad_value", "cause"));
  EXPECT_TRUE(Rejected(with(kExample, R"("status":"closed")", R"("status":"done")"), "bad_value",
                       "status"));
  EXPECT_TRUE(Rejected(with(kExample, R"("has_dibao":true)", R"("has_dibao":"yes")"), "bad_value",
                       "relief.has_dibao"));
  EXPECT_TRUE(Rejected(with(kExample, R"("household_size":1)", R"("household_size":0)"),
                       "bad_value", "relief.household_size"));
  EXPECT_TRUE(Rejected(with(kExample, R"("household_size":1)", R"("household_size":1.5)"),
                       "bad_value", "relief.household_size"));
  EXPECT_TRUE(Rejected(with(kExample, R"(["elderly_support"])", R"(["elderly_support","pets"])"),
                       "bad_value", "categories[1]"));
  EXPECT_TRUE(Rejected(with(kExample, R"("ethnicity":"汉族","id_number":"130633197506011139")",
                            R"("ethnicity":"汉","id_number":"130633197506011139")"),
                       "bad_value", "parties[1].ethnicity"));
  EXPECT_TRUE(Rejected(with(kExample, R"("period":"1y")", R"("period":"1 year")"), "bad_value",
                       "measures[1].period"));
  EXPECT_TRUE(
      Rejected(with(kExample, R"("parties":[)", R"("parties":{},"x":[)"), "bad_value", "parties"));
  EXPECT_TRUE(
      Rejected(with(kExample, R"("cause":"赡养费纠纷")", R"("cause":"")"), "bad_value", "cause"));
  EXPECT_TRUE(
      Rejected(with(kExample, R"("cause":"赡养费纠纷")", R"("cause":null)"), "bad_value", "cause"));
}

TEST(RecordParser, BadValueForControlCharacters) {
  // escaped, raw (strictly invalid JSON, still reported at its field), C1 and DEL
  EXPECT_TRUE(
      Rejected(with(kExample, "刘建国", R"(刘\u0001建国)"), "bad_value", "parties[1].name"));
  EXPECT_TRUE(Rejected(with(kExample, "刘建国", "刘\t建国"), "bad_value", "parties[1].name"));
  EXPECT_TRUE(Rejected(with(kExample, "刘建国", "刘\xC2\x85建国"), "bad_value", "parties[1].name"));
  EXPECT_TRUE(Rejected(with(kExample, "刘建国", "刘\x7F建国"), "bad_value", "parties[1].name"));
  EXPECT_TRUE(
      Rejected(with(kExample, "刘建国", R"(刘\u0000建国)"), "bad_value", "parties[1].name"));
}

TEST(RecordParser, BadValueForWrongSchema) {
  EXPECT_TRUE(Rejected(with(kExample, "zhixing.case/1", "zhixing.case/2"), "bad_value", "schema"));
}

TEST(RecordParser, BadValueForDuplicatePartyId) {
  EXPECT_TRUE(
      Rejected(with(kExample, R"("id":"r1")", R"("id":"a1")"), "bad_value", "parties[1].id"));
}

TEST(RecordParser, BadCaseNumber) {
  EXPECT_TRUE(Rejected(with(kExample, "冀0633执1234号", "冀0633执字第1234号"), "bad_case_number",
                       "case_number"));
  EXPECT_TRUE(Rejected(with(kExample, "冀0633执1234号", "冀0633刑初1234号"), "bad_case_number",
                       "case_number"));
  EXPECT_TRUE(Rejected(with(kExample, "冀0633民初567号", "冀0633民初0567号"), "bad_case_number",
                       "title_document.number"));
}

TEST(RecordParser, UnknownCourt) {
  EXPECT_TRUE(
      Rejected(with(kExample, "冀0633执1234号", "豫0633执1234号"), "unknown_court", "case_number"));
  EXPECT_TRUE(Rejected(
      with(kExample, R"("status":"closed")", R"("status":"closed","executing_court":"冀9999")"),
      "unknown_court", "executing_court"));
  CaseRecord crossed = accepted(
      with(kExample, R"("status":"closed")", R"("status":"closed","executing_court":"冀0623")"));
  EXPECT_EQ(crossed.executing_court, "冀0623");
}

TEST(RecordParser, BadDate) {
  EXPECT_TRUE(Rejected(with(kExample, "2024-03-05", "2024-02-30"), "bad_date", "filed_on"));
  EXPECT_TRUE(Rejected(with(kExample, "2024-03-06", "2024-3-6"), "bad_date", "measures[0].on"));
  EXPECT_TRUE(Rejected(with(kExample, "2023-11-02", "2023/11/02"), "bad_date",
                       "title_document.effective_on"));
}

TEST(RecordParser, BadMoney) {
  for (const char* bad :
       {R"("36000.001")", R"("-1")", R"("36,000")", R"("3.6e4")", R"("036000")", R"("")"})
    EXPECT_TRUE(Rejected(with(kExample, R"("claim":"36000")", std::string(R"("claim":)") + bad),
                         "bad_money", "claim"))
        << bad;
  Rejection r = rejection(with(kExample, R"("claim":"36000")", R"("claim":"1.234")"));
  EXPECT_EQ(r.message, "金额格式错误：应为以元为单位的字符串，最多两位小数");
}

TEST(RecordParser, BadIdNumber) {
  Rejection r = rejection(with(kExample, "130633197506011139", "130633197506011138"));
  EXPECT_EQ(r.code, "bad_id_number");
  EXPECT_EQ(r.field, "parties[1].id_number");
  EXPECT_EQ(r.message, "公民身份号码校验位错误");
  EXPECT_TRUE(Rejected(with(kExample, "130633197506011139", "130633750601113"), "bad_id_number",
                       "parties[1].id_number"));
  EXPECT_TRUE(Rejected(with(kExample, "130633197506011139", "13063319750601113"), "bad_id_number",
                       "parties[1].id_number"));
  EXPECT_TRUE(Rejected(with(kExample, "130633197506011139", synthetic_id("13063319750631113")),
                       "bad_id_number", "parties[1].id_number"));
}

TEST(RecordParser, IdMismatchWithGenderOrBirthDate) {
  EXPECT_TRUE(Rejected(
      with(kExample, R"("name":"刘建国","gender":"男")", R"("name":"刘建国","gender":"女")"),
      "id_mismatch", "parties[1].id_number"));
  EXPECT_TRUE(
      Rejected(with(kExample, "1975-06-01", "1975-06-02"), "id_mismatch", "parties[1].id_number"));
  // A matching synthetic number for another person is accepted.
  accepted(with(with(kExample, "130633197506011139", synthetic_id("13063319750602113")),
                "1975-06-01", "1975-06-02"));
}

TEST(RecordParser, BadCreditCode) {
  EXPECT_TRUE(Rejected(with_org(kExample, with(kOrg, "91350100M000100Y43", "91350100M000100Y44")),
                       "bad_credit_code", "parties[2].uscc"));
  EXPECT_TRUE(Rejected(with_org(kExample, with(kOrg, "91350100M000100Y43", "91350100O000100Y43")),
                       "bad_credit_code", "parties[2].uscc"));
  EXPECT_TRUE(Rejected(with_org(kExample, with(kOrg, "91350100M000100Y43", "91350100M000100Y4")),
                       "bad_credit_code", "parties[2].uscc"));
}

TEST(RecordParser, BadReferenceToUnknownParty) {
  EXPECT_TRUE(Rejected(with(kExample, R"({"kind":"notice","on":"2024-03-06","against":"r1"})",
                            R"({"kind":"notice","on":"2024-03-06","against":"r9"})"),
                       "bad_reference", "measures[0].against"));
  EXPECT_TRUE(Rejected(with(kExample, R"("applicant":"a1")", R"("applicant":"a9")"),
                       "bad_reference", "relief.applicant"));
  EXPECT_TRUE(
      Rejected(with_settlement(with(kSettlement, R"("guarantor":"r1")", R"("guarantor":"g1")")),
               "bad_reference", "settlement.guarantor"));
}

TEST(RecordParser, InconsistentFacts) {
  EXPECT_TRUE(Rejected(with(kExample, R"("recovered":"0")", R"("recovered":"36000.01")"),
                       "inconsistent", "recovered"));
  EXPECT_TRUE(Rejected(with(kExample, "2024-07-15", "2024-03-04"), "inconsistent", "closure.on"));
  EXPECT_TRUE(Rejected(with(kExample, R"("status":"closed")", R"("status":"open")"), "inconsistent",
                       "closure"));
  EXPECT_TRUE(Rejected(
      with(kExample, R"("id":"r1","role":"respondent")", R"("id":"r1","role":"guarantor")"),
      "inconsistent", "parties"));
  EXPECT_TRUE(Rejected(
      with(kExample, R"("id":"a1","role":"applicant")", R"("id":"a1","role":"third_party")"),
      "inconsistent", "parties"));
  EXPECT_TRUE(Rejected(with(kExample, R"("applicant":"a1")", R"("applicant":"r1")"), "inconsistent",
                       "relief.applicant"));
  EXPECT_TRUE(
      Rejected(with(kExample, R"("ground":"support")", R"("ground":"support","basis_item":"七")"),
               "inconsistent", "relief.basis_item"));
  EXPECT_TRUE(Rejected(
      with(kExample, R"("ground":"support")", R"("ground":"crime_victim","basis_item":"五")"),
      "inconsistent", "relief.basis_item"));
  EXPECT_TRUE(Rejected(
      with(
          kExample, R"("status":"closed")",
          R"("status":"closed","extensions":[{"from":"2024-09-05","to":"2024-09-01","approved_by":"院长"}])"),
      "inconsistent", "extensions[0].to"));
}

TEST(RecordParser, InconsistentSettlementInstallments) {
  EXPECT_TRUE(
      Rejected(with_settlement(with(kSettlement, R"("total":"36000")", R"("total":"36000.5")")),
               "inconsistent", "settlement.installments"));
  EXPECT_TRUE(Rejected(with_settlement(with(kSettlement, "2024-06-01", "2024-05-01")),
                       "inconsistent", "settlement.installments[1].due_on"));
  EXPECT_TRUE(Rejected(with_settlement(with(kSettlement, "2024-05-01", "2024-03-31")),
                       "inconsistent", "settlement.installments[0].due_on"));
}

// ---- precedence

TEST(RecordParser, FirstFailingFieldInLineOrderDecides) {
  const std::string two_faults = with(with(kExample, "2024-03-05", "2024-13-05"),
                                      R"("claim":"36000")", R"("claim":"36000.001")");
  EXPECT_TRUE(Rejected(two_faults, "bad_date", "filed_on"));
  // The same faults with claim moved before filed_on.
  const std::string reordered = with(with(two_faults, R"(,"claim":"36000.001")", ""),
                                     R"("filed_on":)", R"("claim":"36000.001","filed_on":)");
  EXPECT_TRUE(Rejected(reordered, "bad_money", "claim"));
  // Within a nested object too.
  EXPECT_TRUE(Rejected(
      with(with(kExample, R"("gender":"男")", R"("gender":"M")"), "1975-06-01", "1975-06-31"),
      "bad_value", "parties[1].gender"));
}

TEST(RecordParser, NestedMissingFieldIsCheckedWhenItsObjectCloses) {
  // parties[0] lacks its address, a later measure has a bad date: the party closes first.
  EXPECT_TRUE(Rejected(
      with(without(kExample, R"("address":"河北省易县易州镇某村",)"), "2024-03-06", "2024-03-32"),
      "missing_field", "parties[0].address"));
}

TEST(RecordParser, TopLevelMissingFieldsComeAfterAllFields) {
  EXPECT_TRUE(
      Rejected(with(without(kExample, R"("cause":"赡养费纠纷",)"),
                    R"("household_monthly_income":"300")", R"("household_monthly_income":"3.000")"),
               "bad_money", "relief.household_monthly_income"));
}

TEST(RecordParser, WholeRecordRulesComeAfterFieldsAndMissingFields) {
  const std::string too_much = with(kExample, R"("recovered":"0")", R"("recovered":"99999")");
  EXPECT_TRUE(
      Rejected(with(too_much, "2024-08-01", "2024-08-32"), "bad_date", "relief.applied_on"));
  EXPECT_TRUE(Rejected(without(too_much, R"(,"clerk":"陈静")"), "missing_field", "officers.clerk"));
  EXPECT_TRUE(Rejected(with(too_much, R"("applicant":"a1")", R"("applicant":"zz")"),
                       "bad_reference", "relief.applicant"));
}

TEST(RecordParser, TypedFieldsOwnCodeWinsOverBadValue) {
  EXPECT_TRUE(Rejected(with(kExample, R"("filed_on":"2024-03-05")", R"("filed_on":20240305)"),
                       "bad_date", "filed_on"));
  EXPECT_TRUE(Rejected(with(kExample, R"("filed_on":"2024-03-05")", R"("filed_on":null)"),
                       "bad_date", "filed_on"));
  EXPECT_TRUE(
      Rejected(with(kExample, R"("claim":"36000")", R"("claim":36000)"), "bad_money", "claim"));
  EXPECT_TRUE(
      Rejected(with(kExample, R"("claim":"36000")", R"("claim":36000.5)"), "bad_money", "claim"));
  EXPECT_TRUE(Rejected(with(kExample, R"("claim":"36000")", R"("claim":{"yuan":"36000"})"),
                       "bad_money", "claim"));
  EXPECT_TRUE(Rejected(with(kExample, R"("case_number":"（2024）冀0633执1234号")",
                            R"("case_number":["（2024）冀0633执1234号"])"),
                       "bad_case_number", "case_number"));
  EXPECT_TRUE(Rejected(with(kExample, R"("case_number":"（2024）冀0633执1234号")",
                            R"("case_number":"（2024）冀0633执\u00011234号")"),
                       "bad_case_number", "case_number"));
  EXPECT_TRUE(Rejected(with(kExample, R"("130633197506011139")", "130633197506011139"),
                       "bad_id_number", "parties[1].id_number"));
  EXPECT_TRUE(Rejected(with_org(kExample, with(kOrg, R"("91350100M000100Y43")", "true")),
                       "bad_credit_code", "parties[2].uscc"));
}

// ---- personal data and updates

TEST(RecordParser, MessagesNeverContainAFullIdNumber) {
  Rejection mismatch = rejection(with(kExample, "1975-06-01", "1975-06-02"));
  EXPECT_EQ(mismatch.message.find("130633197506011139"), std::string::npos) << mismatch.message;
  EXPECT_NE(mismatch.message.find(zhixing::mask_id_number("130633197506011139")),
            std::string::npos);
  Rejection bad = rejection(with(kExample, "130633197506011139", "130633197506011138"));
  EXPECT_EQ(bad.message.find("13063319750601113"), std::string::npos) << bad.message;
}

TEST(RecordParser, JudgesEachLineAloneSoUpdatesAreTheStoresConcern) {
  // A later line for the same case with less recovered than before is a conflict only
  // against stored facts; the parser has none and never answers `conflict`.
  const std::string first = with(kExample, R"("recovered":"0")", R"("recovered":"1000")");
  EXPECT_EQ(accepted(first).recovered.fen(), 100000);
  EXPECT_EQ(accepted(kExample).recovered.fen(), 0);
  EXPECT_EQ(accepted(first).recovered.fen(), 100000);
  // Deterministic: the same line twice gives the same rejection.
  const std::string bad = with(kExample, "2024-03-05", "2024-02-30");
  EXPECT_EQ(rejection(bad).code, rejection(bad).code);
  EXPECT_EQ(rejection(bad).message, rejection(bad).message);
}

TEST(RecordParser, BadJsonForControlCharacterOutsideStrings) {
  EXPECT_TRUE(Rejected(with(kExample, R"(,"claim":)", ",\x01\"claim\":"), "bad_json", ""));
}

TEST(RecordParser, AcceptsOfficialEthnicityNames) {
  for (const char* ethnicity : {"蒙古族", "柯尔克孜族", "乌孜别克族", "基诺族", "回族"}) {
    CaseRecord rec = accepted(with(
        kExample, R"("ethnicity":"汉族","id_number":"130633197506011139")",
        std::string(R"("ethnicity":")") + ethnicity + R"(","id_number":"130633197506011139")"));
    EXPECT_EQ(rec.parties[1].ethnicity, ethnicity);
  }
}

TEST(RecordParser, ValidatesNestedPartyObjects) {
  EXPECT_TRUE(
      Rejected(with_org(kExample, with(kOrg, R"("kind":"法定代表人")", R"("kind":"董事长")")),
               "bad_value", "parties[2].legal_rep.kind"));
  const std::string agent =
      R"(,"agents":[{"name":"赵律师","kind":"lawyer","firm":"河北某律师事务所","special_authority":true}])";
  CaseRecord rec = accepted(with(kExample, R"("address":"河北省易县梁格庄镇某村")",
                                 std::string(R"("address":"河北省易县梁格庄镇某村")") + agent));
  ASSERT_EQ(rec.parties[1].agents.size(), 1u);
  EXPECT_TRUE(rec.parties[1].agents[0].special_authority);
  EXPECT_TRUE(Rejected(with(kExample, R"("address":"河北省易县梁格庄镇某村")",
                            std::string(R"("address":"河北省易县梁格庄镇某村")") +
                                with(agent, R"("kind":"lawyer")", R"("kind":"friend")")),
                       "bad_value", "parties[1].agents[0].kind"));
  EXPECT_TRUE(Rejected(without(kExample, R"(,"account":"6228480000000000000")"), "missing_field",
                       "parties[0].bank_account.account"));
}

// ---- receipts and closure.applicant_informed_on

namespace {

// kExample with `recovered` set and `receipts` inserted after it.
std::string with_receipts(const std::string& recovered, const std::string& receipts) {
  return with(kExample, R"("recovered":"0")",
              R"("recovered":")" + recovered + R"(","receipts":)" + receipts);
}

std::string receipt_list(int n, const char* on = "2024-04-01", const char* amount = "1") {
  std::string s = "[";
  for (int i = 0; i < n; ++i)
    s += std::string(i ? "," : "") + R"({"on":")" + on + R"(","amount":")" + amount + "\"}";
  return s + "]";
}

}  // namespace

TEST(RecordParser, AcceptsReceiptsSummingToRecovered) {
  CaseRecord rec = accepted(with_receipts(
      "1300.5",
      R"([{"on":"2024-03-20","amount":"1200.50","source":"deduct","reference":"YX2024-001"},)"
      R"({"on":"2024-05-06","amount":"100"}])"));
  ASSERT_TRUE(rec.receipts);
  ASSERT_EQ(rec.receipts->size(), 2u);
  EXPECT_EQ((*rec.receipts)[0].on.iso(), "2024-03-20");
  EXPECT_EQ((*rec.receipts)[0].amount.fen(), 120050);
  EXPECT_EQ((*rec.receipts)[0].source, "deduct");
  EXPECT_EQ((*rec.receipts)[0].reference, "YX2024-001");
  EXPECT_FALSE((*rec.receipts)[1].source);
  EXPECT_FALSE((*rec.receipts)[1].reference);
  EXPECT_EQ(rec.recovered.fen(), 130050);
}

TEST(RecordParser, ARecordWithoutReceiptsHasNoneAndAnEmptyListIsKept) {
  EXPECT_FALSE(accepted(kExample).receipts) << "absent: not the same as an empty list";
  CaseRecord empty = accepted(with_receipts("0", "[]"));
  ASSERT_TRUE(empty.receipts);
  EXPECT_TRUE(empty.receipts->empty());
}

TEST(RecordParser, ReceiptsNotSummingToRecoveredAreInconsistent) {
  EXPECT_TRUE(Rejected(with_receipts("1300", R"([{"on":"2024-03-20","amount":"1200.50"}])"),
                       "inconsistent", "receipts"));
  EXPECT_TRUE(Rejected(with_receipts("1000", R"([{"on":"2024-03-20","amount":"1200.50"}])"),
                       "inconsistent", "receipts"));
  EXPECT_TRUE(Rejected(with_receipts("100", "[]"), "inconsistent", "receipts"));
  // Amounts at the money limit: a thousand of them sum far from the recovered figure.
  EXPECT_TRUE(Rejected(
      with(with_receipts("999999999999.99", receipt_list(1000, "2024-04-01", "999999999999.99")),
           R"("claim":"36000")", R"("claim":"999999999999.99")"),
      "inconsistent", "receipts"));
}

TEST(RecordParser, AReceiptDatedBeforeFilingIsInconsistent) {
  EXPECT_TRUE(Rejected(with_receipts("300", R"([{"on":"2024-03-05","amount":"100"},)"
                                            R"({"on":"2024-03-04","amount":"200"}])"),
                       "inconsistent", "receipts[1].on"));
}

TEST(RecordParser, AtMostAThousandReceipts) {
  accepted(with_receipts("1000", receipt_list(1000)));
  EXPECT_TRUE(Rejected(with_receipts("1001", receipt_list(1001)), "bad_value", "receipts"));
}

TEST(RecordParser, ADuplicateReceiptReferenceIsRejectedAtTheSecond) {
  Rejection r =
      rejection(with_receipts("300", R"([{"on":"2024-04-01","amount":"100","reference":"A1"},)"
                                     R"({"on":"2024-04-02","amount":"100","reference":"B2"},)"
                                     R"({"on":"2024-04-03","amount":"100","reference":"A1"}])"));
  EXPECT_EQ(r.code, "bad_value");
  EXPECT_EQ(r.field, "receipts[2].reference");
  EXPECT_NE(r.message.find("A1"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("receipts[0]"), std::string::npos) << r.message;
}

TEST(RecordParser, ReceiptFieldsAreValidated) {
  EXPECT_TRUE(
      Rejected(with_receipts("100", R"([{"on":"2024-04-01","amount":"100","source":"gift"}])"),
               "bad_value", "receipts[0].source"));
  EXPECT_TRUE(Rejected(with_receipts("100", R"([{"on":"2024-04-31","amount":"100"}])"), "bad_date",
                       "receipts[0].on"));
  EXPECT_TRUE(Rejected(with_receipts("100", R"([{"on":"2024-04-01","amount":100}])"), "bad_money",
                       "receipts[0].amount"));
  EXPECT_TRUE(Rejected(with_receipts("0", R"([{"on":"2024-04-01","amount":"0"}])"), "bad_money",
                       "receipts[0].amount"));
  EXPECT_TRUE(
      Rejected(with_receipts("100", R"([{"amount":"100"}])"), "missing_field", "receipts[0].on"));
  EXPECT_TRUE(Rejected(with_receipts("100", R"([{"on":"2024-04-01"}])"), "missing_field",
                       "receipts[0].amount"));
  EXPECT_TRUE(Rejected(with_receipts("100", R"([{"on":"2024-04-01","amount":"100","bank":"x"}])"),
                       "unknown_field", "receipts[0].bank"));
  EXPECT_TRUE(Rejected(with_receipts("100", R"({"on":"2024-04-01","amount":"100"})"), "bad_value",
                       "receipts"));
  EXPECT_TRUE(Rejected(with_receipts("100", R"([{"on":"2024-04-01","amount":"100","reference":")" +
                                                std::string(65, '7') + "\"}]"),
                       "bad_value", "receipts[0].reference"));
}

TEST(RecordParser, ParsesApplicantInformedOn) {
  CaseRecord rec = accepted(with(kExample, R"("on":"2024-07-15")",
                                 R"("on":"2024-07-15","applicant_informed_on":"2024-07-10")"));
  ASSERT_TRUE(rec.closure);
  ASSERT_TRUE(rec.closure->applicant_informed_on);
  EXPECT_EQ(rec.closure->applicant_informed_on->iso(), "2024-07-10");
  EXPECT_FALSE(accepted(kExample).closure->applicant_informed_on);
}

TEST(RecordParser, RejectsAnInvalidOrOutOfCaseApplicantInformedOn) {
  EXPECT_TRUE(Rejected(with(kExample, R"("on":"2024-07-15")",
                            R"("on":"2024-07-15","applicant_informed_on":"2024-02-30")"),
                       "bad_date", "closure.applicant_informed_on"));
  EXPECT_TRUE(Rejected(with(kExample, R"("on":"2024-07-15")",
                            R"("on":"2024-07-15","applicant_informed_on":"2024-03-04")"),
                       "inconsistent", "closure.applicant_informed_on"));
  EXPECT_TRUE(Rejected(with(kExample, R"("on":"2024-07-15")",
                            R"("on":"2024-07-15","applicant_informed_on":"2024-07-16")"),
                       "inconsistent", "closure.applicant_informed_on"));
}

// ---- limits on money and arrays, masked messages

namespace {

// `n` elements `element` joined by commas, as a JSON array.
std::string json_array(size_t n, const std::string& element) {
  std::string out = "[";
  for (size_t i = 0; i < n; ++i) out += (i ? "," : "") + element;
  return out + "]";
}

// A settlement signed 2024-04-01 with `n` monthly installments of `amount` and the given total.
std::string settlement_of(size_t n, const std::string& amount, const std::string& total) {
  std::string items;
  for (size_t i = 0; i < n; ++i) {
    size_t m = 4 + i;  // months after January 2024
    char date[32];
    std::snprintf(date, sizeof date, "%04zu-%02zu-01", 2024 + m / 12, m % 12 + 1);
    items +=
        std::string(i ? "," : "") + R"({"due_on":")" + date + R"(","amount":")" + amount + R"("})";
  }
  return R"("settlement":{"signed_on":"2024-04-01","total":")" + total + R"(","installments":[)" +
         items + "]}";
}

}  // namespace

TEST(RecordParser, TheIssuesOverflowingInstallmentsAreRejected) {
  // 185 installments of 999,999,999,999,999.99 wrapped to the declared total and were accepted.
  const std::string line = with_settlement(settlement_of(185, "999999999999999.99", "123.45"));
  EXPECT_TRUE(Rejected(line, "bad_value", "settlement.installments"));
  // Within the array limit, the amount itself is refused.
  EXPECT_TRUE(Rejected(with_settlement(settlement_of(2, "999999999999999.99", "123.45")),
                       "bad_money", "settlement.installments[0].amount"));
}

TEST(RecordParser, MoneyAboveTheLimitIsBadMoneyWithItsOwnMessage) {
  accepted(with(kExample, R"("claim":"36000")", R"("claim":"999999999999.99")"));
  Rejection r = rejection(with(kExample, R"("claim":"36000")", R"("claim":"1000000000000")"));
  EXPECT_EQ(r.code, "bad_money");
  EXPECT_EQ(r.field, "claim");
  EXPECT_EQ(r.message, "金额超出上限：应小于1万亿元");
  EXPECT_TRUE(Rejected(with(kExample, R"("household_monthly_income":"300")",
                            R"("household_monthly_income":"1000000000000.00")"),
                       "bad_money", "relief.household_monthly_income"));
}

TEST(RecordParser, ArraysHaveLimits) {
  accepted(with_settlement(settlement_of(120, "1", "120")));
  EXPECT_TRUE(Rejected(with_settlement(settlement_of(121, "1", "121")), "bad_value",
                       "settlement.installments"));
  Rejection many = rejection(with_settlement(settlement_of(121, "1", "121")));
  EXPECT_EQ(many.message, "元素过多：最多120个");

  const std::string parties_from = R"("parties":[)";
  const size_t at = kExample.find(parties_from);
  const size_t end = kExample.find(R"(],"measures")");
  ASSERT_NE(at, std::string::npos);
  auto with_parties = [&](const std::string& array) {
    return kExample.substr(0, at) + R"("parties":)" + array + kExample.substr(end + 1);
  };
  EXPECT_TRUE(Rejected(with_parties(json_array(101, "{}")), "bad_value", "parties"));
  EXPECT_FALSE(Rejected(with_parties(json_array(100, "{}")), "bad_value", "parties"))
      << "100 parties pass the limit (and fail on their own fields)";

  const size_t m_at = kExample.find(R"("measures":[)");
  const size_t m_end = kExample.find(R"(],"relief")");
  auto with_measures = [&](const std::string& array) {
    return kExample.substr(0, m_at) + R"("measures":)" + array + kExample.substr(m_end + 1);
  };
  EXPECT_TRUE(Rejected(with_measures(json_array(1001, "{}")), "bad_value", "measures"));
  accepted(
      with_measures(json_array(1000, R"({"kind":"notice","on":"2024-03-06","against":"r1"})")));
}

TEST(RecordParser, RejectionMessagesMaskIdNumbersTheyQuote) {
  // An ID number typed into the ethnicity field was echoed: "…如汉族：130623198203120911".
  const std::string id = synthetic_id("13062319820312091");
  Rejection r = rejection(with(kExample, R"("ethnicity":"汉族","id_number":"130633)",
                               R"("ethnicity":")" + id + R"(","id_number":"130633)"));
  EXPECT_EQ(r.code, "bad_value");
  EXPECT_EQ(r.message.find(id), std::string::npos) << r.message;
  EXPECT_NE(r.message.find(zhixing::mask_id_number(id)), std::string::npos) << r.message;
  Rejection status = rejection(with(kExample, R"("status":"closed")", R"("status":"13800138000")"));
  EXPECT_EQ(status.message.find("13800138000"), std::string::npos) << status.message;
}
