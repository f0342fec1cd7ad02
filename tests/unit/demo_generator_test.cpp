#include "demo/demo_generator.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/credit_code.h"
#include "core/date.h"
#include "core/id_number.h"
#include "core/masking.h"
#include "core/money.h"
#include "reports/rate.h"

namespace zhixing {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string generate(int64_t cases, uint64_t seed, DemoFigures* figures = nullptr) {
  std::ostringstream out;
  DemoOptions o;
  o.cases = cases;
  o.seed = seed;
  write_demo_data(out, o, figures);
  return out.str();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

int64_t fen(const Object::Ptr& o, const std::string& key) {
  auto m = Money::parse_yuan(o->getValue<std::string>(key));
  EXPECT_TRUE(m.has_value()) << key;
  return m ? m->fen() : -1;
}

Date date(const Object::Ptr& o, const std::string& key) {
  auto d = Date::parse_iso(o->getValue<std::string>(key));
  EXPECT_TRUE(d.has_value()) << key;
  return d.value_or(Date());
}

// The default data set, generated and parsed once for all tests below.
class DemoDataSet : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    text_ = new std::string(generate(2083, 20241231, &figures_));
    records_ = new std::vector<Object::Ptr>();
    Poco::JSON::Parser parser;
    for (const auto& line : split_lines(*text_)) {
      parser.reset();
      records_->push_back(parser.parse(line).extract<Object::Ptr>());
    }
  }
  static void TearDownTestSuite() {
    delete records_;
    delete text_;
  }
  static const std::vector<Object::Ptr>& records() { return *records_; }

  static std::string* text_;
  static std::vector<Object::Ptr>* records_;
  static DemoFigures figures_;
};
std::string* DemoDataSet::text_ = nullptr;
std::vector<Object::Ptr>* DemoDataSet::records_ = nullptr;
DemoFigures DemoDataSet::figures_;

TEST(DemoGenerator, SameSeedGivesIdenticalBytes) { EXPECT_EQ(generate(400, 7), generate(400, 7)); }

TEST(DemoGenerator, DifferentSeedGivesDifferentData) {
  EXPECT_NE(generate(400, 7), generate(400, 8));
}

TEST(DemoGenerator, TinyAndEmptySizesWork) {
  EXPECT_EQ(generate(0, 1), "");
  DemoFigures f;
  std::string text = generate(10, 1, &f);
  EXPECT_EQ(split_lines(text).size(), 10u);
  EXPECT_EQ(f.cases, 10);
  EXPECT_EQ(f.bytes, static_cast<int64_t>(text.size()));
}

TEST_F(DemoDataSet, EveryLineIsOneObjectWithTheRequiredFields) {
  ASSERT_EQ(records().size(), 2083u);
  for (const auto& r : records()) {
    EXPECT_EQ(r->getValue<std::string>("schema"), "zhixing.case/1");
    for (const char* k : {"case_number", "filed_on", "cause", "title_document", "claim",
                          "recovered", "status", "officers", "parties", "measures"})
      EXPECT_TRUE(r->has(k)) << k;
    EXPECT_EQ(r->has("closure"), r->getValue<std::string>("status") == "closed");
    auto officers = r->getObject("officers");
    EXPECT_GE(officers->getArray("enforcers")->size(), 1u);
    EXPECT_FALSE(officers->getValue<std::string>("clerk").empty());
    EXPECT_LE(fen(r, "recovered"), fen(r, "claim"));
  }
}

TEST_F(DemoDataSet, AllCasesAreFiledInTheYearWithGaplessNumbersPerType) {
  std::map<std::string, std::vector<int64_t>> serials;
  std::set<std::string> numbers;
  for (const auto& r : records()) {
    const std::string number = r->getValue<std::string>("case_number");
    EXPECT_TRUE(numbers.insert(number).second) << number;
    EXPECT_EQ(date(r, "filed_on").year(), 2024);
    const std::string prefix = "（2024）冀0633";
    ASSERT_EQ(number.rfind(prefix, 0), 0u) << number;
    std::string rest = number.substr(prefix.size());
    const std::string resumed = "执恢", first = "执";
    std::string type = rest.rfind(resumed, 0) == 0 ? resumed : first;
    std::string digits =
        rest.substr(type.size(), rest.size() - type.size() - std::string("号").size());
    serials[type].push_back(std::stoll(digits));
  }
  EXPECT_EQ(numbers.size(), 2083u);
  ASSERT_EQ(serials.size(), 2u);
  for (const auto& [type, list] : serials)
    for (size_t i = 0; i < list.size(); ++i)
      ASSERT_EQ(list[i], static_cast<int64_t>(i + 1)) << type;
  EXPECT_GT(serials["执恢"].size(), 20u);
}

TEST_F(DemoDataSet, IdNumbersAndCreditCodesAreValidAndAgreeWithTheParty) {
  int persons = 0, orgs = 0;
  for (const auto& r : records()) {
    auto parties = r->getArray("parties");
    for (size_t i = 0; i < parties->size(); ++i) {
      auto p = parties->getObject(static_cast<unsigned>(i));
      if (p->getValue<std::string>("kind") == "person") {
        ++persons;
        const std::string id = p->getValue<std::string>("id_number");
        ASSERT_EQ(check_id_number(id), IdNumberFault::none) << mask_id_number(id);
        EXPECT_EQ(id_number_birth_date(id), date(p, "birth_date"));
        EXPECT_EQ(id_number_is_male(id), p->getValue<std::string>("gender") == "男");
      } else {
        ++orgs;
        EXPECT_TRUE(is_valid_credit_code(p->getValue<std::string>("uscc")));
        EXPECT_TRUE(p->has("legal_rep"));
      }
    }
  }
  EXPECT_GT(persons, 2000);
  EXPECT_GT(orgs, 200);
}

// The figures of the court's published 2024 work report to the last printed digit, with the
// whole numbers the generator's derivation gives (demo_generator.cpp, "targets"): 1,914 closed,
// 835 performed, 179 终本, 1 late, Σ days 133,521, Σ recovered ¥263,259,400.00.
TEST_F(DemoDataSet, RatesOverClosedCasesMatchThePublishedFiguresExactly) {
  int64_t closed = 0, performed = 0, tc = 0, days = 0, claim = 0, recovered = 0;
  for (const auto& r : records()) {
    if (r->getValue<std::string>("status") != "closed") continue;
    auto c = r->getObject("closure");
    ++closed;
    const std::string kind = c->getValue<std::string>("kind");
    performed += kind == "performed";
    tc += kind == "terminated_current";
    const Date on = date(c, "on"), filed = date(r, "filed_on");
    EXPECT_GE(on, filed);
    EXPECT_LE(on, *Date::from_ymd(2024, 12, 31));
    days += on - filed;
    claim += fen(r, "claim");
    recovered += fen(r, "recovered");
    if (kind == "performed") {
      EXPECT_EQ(fen(r, "recovered"), fen(r, "claim"));
    }
  }
  EXPECT_EQ(closed, 1914);
  EXPECT_EQ(performed, 835);
  EXPECT_EQ(tc, 179);
  EXPECT_EQ(days, 133521);
  EXPECT_EQ(recovered, 26325940000);  // ¥263,259,400.00
  using reports::Rate;
  EXPECT_EQ((Rate{performed, closed}.percent()), "43.63%");
  EXPECT_EQ((Rate{tc, closed}.percent()), "9.35%");
  EXPECT_EQ((Rate{recovered, claim}.percent()), "57.08%");
  EXPECT_EQ(reports::ratio_2dp(days, closed), "69.76");
  EXPECT_EQ(reports::wan_yuan(recovered), "26325.94");
  // One case closed after its six months (without extension or excluded period).
  EXPECT_EQ(figures_.closed_within_limit, 1913);
  EXPECT_EQ((Rate{figures_.closed_within_limit, closed}.percent()), "99.95%");
  // The figures reported by the generator are the ones in the data.
  EXPECT_EQ(figures_.closed, closed);
  EXPECT_EQ(figures_.performed, performed);
  EXPECT_EQ(figures_.terminated_current, tc);
  EXPECT_EQ(figures_.closed_recovered_fen, recovered);
  EXPECT_EQ(figures_.closed_claim_fen, claim);
  EXPECT_EQ(figures_.closed_days_sum, days);
}

// Another size keeps the printed rates where whole numbers allow them (here 5,000 cases).
TEST(DemoGenerator, OtherSizesKeepThePrintedRates) {
  DemoFigures f;
  generate(5000, 3, &f);
  using reports::Rate;
  EXPECT_EQ((Rate{f.performed, f.closed}.percent()), "43.63%");
  EXPECT_EQ((Rate{f.terminated_current, f.closed}.percent()), "9.35%");
  EXPECT_EQ((Rate{f.closed_within_limit, f.closed}.percent()), "99.95%");
  EXPECT_EQ((Rate{f.closed_recovered_fen, f.closed_claim_fen}.percent()), "57.08%");
  EXPECT_EQ(reports::ratio_2dp(f.closed_days_sum, f.closed), "69.76");
  EXPECT_EQ(f.closed_recovered_fen, 26325940000LL * 5000 / 2083);
}

// 终本规定 第一条 as far as the record shows it (the 终本 ruling is refused otherwise:
// precondition_failed): notice, 报告财产令, 限制消费令, a property inquiry that found nothing,
// more than three months since filing, and the applicant told (applicant_informed_on).
TEST_F(DemoDataSet, TerminatedCurrentCasesMeetThePreconditions) {
  int cases = 0;
  for (const auto& r : records()) {
    if (!r->has("closure")) continue;
    auto c = r->getObject("closure");
    if (c->getValue<std::string>("kind") != "terminated_current") continue;
    ++cases;
    const std::string number = r->getValue<std::string>("case_number");
    const Date filed = date(r, "filed_on"), closed_on = date(c, "on");
    EXPECT_GT(closed_on, filed.plus_months(3)) << number;
    std::set<std::string> kinds;
    int inquiries_none = 0;
    auto measures = r->getArray("measures");
    for (size_t i = 0; i < measures->size(); ++i) {
      auto m = measures->getObject(static_cast<unsigned>(i));
      const std::string kind = m->getValue<std::string>("kind");
      kinds.insert(kind);
      EXPECT_LE(date(m, "on"), closed_on) << number;
      if (kind == "inquiry") {
        EXPECT_EQ(m->getValue<std::string>("result"), "none") << number;
        ++inquiries_none;
      }
    }
    for (const char* k : {"notice", "property_report_order", "consumption_ban"})
      EXPECT_TRUE(kinds.count(k)) << number << " " << k;
    EXPECT_GE(inquiries_none, 1) << number;
    ASSERT_TRUE(c->has("applicant_informed_on")) << number;
    const Date informed = date(c, "applicant_informed_on");
    EXPECT_GT(informed, filed) << number;
    EXPECT_LE(informed, closed_on) << number;
    if (!c->optValue("applicant_consents", false)) {
      EXPECT_TRUE(r->getObject("officers")->has("presiding"));
      EXPECT_TRUE(r->getObject("officers")->has("judges"));
    }
  }
  EXPECT_EQ(cases, 179);
}

bool luhn_valid(const std::string& digits) {
  int sum = 0;
  for (size_t k = 0; k < digits.size(); ++k) {
    int d = digits[digits.size() - 1 - k] - '0';
    if (k % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 == 0;
}

// A bank can act on a 协助执行通知书 only with the full account: bank, branch and number.
TEST_F(DemoDataSet, FreezeAndDeductTargetsCarryAFullAccountNumber) {
  const std::regex account("^(.+股份有限公司.*支行)账户（账号：([0-9]{16,19})）$");
  const std::regex deed("不动产权证书号：冀（20[0-9]{2}）易县不动产权第[0-9]{7}号");
  int accounts = 0, deeds = 0;
  for (const auto& r : records()) {
    const std::string number = r->getValue<std::string>("case_number");
    auto measures = r->getArray("measures");
    for (size_t i = 0; i < measures->size(); ++i) {
      auto m = measures->getObject(static_cast<unsigned>(i));
      const std::string kind = m->getValue<std::string>("kind");
      if (kind == "freeze" || kind == "deduct") {
        ++accounts;
        ASSERT_TRUE(m->has("target")) << number;
        const std::string target = m->getValue<std::string>("target");
        std::smatch match;
        ASSERT_TRUE(std::regex_match(target, match, account)) << number;  // no number printed
        EXPECT_TRUE(luhn_valid(match[2].str())) << number;
        EXPECT_EQ(match[2].str().substr(6, 4), "0000") << number;  // the demo's synthetic mark
      }
      if (kind == "seal" || kind == "auction") {
        ++deeds;
        EXPECT_TRUE(std::regex_search(m->getValue<std::string>("target"), deed)) << number;
      }
      if (kind == "seize") {
        EXPECT_NE(m->getValue<std::string>("target").find("机动车登记证书编号：130"),
                  std::string::npos)
            << number;
      }
    }
  }
  EXPECT_GT(accounts, 1000);
  EXPECT_GT(deeds, 20);
}

// Receipts: every case with money recovered says when and how it arrived.
TEST_F(DemoDataSet, EveryCaseWithMoneyRecoveredHasReceiptsSummingToIt) {
  int with_money = 0, settled_with_receipts = 0;
  std::map<std::string, int64_t> sources;
  for (const auto& r : records()) {
    const std::string number = r->getValue<std::string>("case_number");
    const int64_t recovered = fen(r, "recovered");
    if (recovered == 0) {
      EXPECT_FALSE(r->has("receipts")) << number;
      continue;
    }
    ++with_money;
    ASSERT_TRUE(r->has("receipts")) << number;
    const Date filed = date(r, "filed_on");
    const bool closed = r->has("closure");
    const Date end = closed ? date(r->getObject("closure"), "on") : *Date::from_ymd(2024, 12, 31);
    auto list = r->getArray("receipts");
    int64_t sum = 0;
    std::set<std::string> references;
    std::vector<std::pair<Date, int64_t>> deducts;
    Date first = end;
    for (size_t i = 0; i < list->size(); ++i) {
      auto rc = list->getObject(static_cast<unsigned>(i));
      const Date on = date(rc, "on");
      const int64_t amount = fen(rc, "amount");
      EXPECT_GT(amount, 0) << number;
      EXPECT_GE(on, filed) << number;
      EXPECT_LE(on, end) << number;  // by the closing day (or the year's end)
      first = std::min(first, on);
      sum += amount;
      EXPECT_TRUE(references.insert(rc->getValue<std::string>("reference")).second) << number;
      const std::string source = rc->getValue<std::string>("source");
      ++sources[source];
      if (source == "deduct") deducts.emplace_back(on, amount);
    }
    EXPECT_EQ(sum, recovered) << number;
    // A deduct measure's amount arrives as a deduct receipt on or after its date.
    auto measures = r->getArray("measures");
    for (size_t i = 0; i < measures->size(); ++i) {
      auto m = measures->getObject(static_cast<unsigned>(i));
      if (m->getValue<std::string>("kind") != "deduct") continue;
      bool arrived = false;
      for (const auto& [on, amount] : deducts)
        arrived = arrived || (on >= date(m, "on") && amount == fen(m, "amount"));
      EXPECT_TRUE(arrived) << number;
    }
    // A settlement states what was received by its signing: the instalments come after.
    if (r->has("settlement")) {
      ++settled_with_receipts;
      EXPECT_GT(first, date(r->getObject("settlement"), "signed_on")) << number;
    }
  }
  EXPECT_GT(with_money, 1400);
  EXPECT_GT(settled_with_receipts, 10);
  EXPECT_GT(sources["deduct"], 500);
  EXPECT_GT(sources["payment"], 300);
  EXPECT_GT(sources["auction"], 10);
  EXPECT_EQ(sources.size(), 3u);
  EXPECT_EQ(figures_.receipts, sources["deduct"] + sources["payment"] + sources["auction"]);
}

TEST_F(DemoDataSet, EveryCaseHasNoticeAndPropertyReportOrderOnOrAfterFiling) {
  for (const auto& r : records()) {
    bool notice = false, report = false;
    auto measures = r->getArray("measures");
    for (size_t i = 0; i < measures->size(); ++i) {
      auto m = measures->getObject(static_cast<unsigned>(i));
      EXPECT_GE(date(m, "on"), date(r, "filed_on"));
      notice = notice || m->getValue<std::string>("kind") == "notice";
      report = report || m->getValue<std::string>("kind") == "property_report_order";
      if (m->has("amount") && m->getValue<std::string>("kind") != "fine") {
        EXPECT_LE(fen(m, "amount"), fen(r, "claim"));
      }
    }
    EXPECT_TRUE(notice && report);
  }
}

TEST_F(DemoDataSet, InstallmentsSumToTheTotalOnIncreasingDates) {
  int settlements = 0;
  for (const auto& r : records()) {
    if (!r->has("settlement")) continue;
    ++settlements;
    auto s = r->getObject("settlement");
    auto list = s->getArray("installments");
    int64_t sum = 0;
    Date previous = date(s, "signed_on").plus_days(-1);
    for (size_t i = 0; i < list->size(); ++i) {
      auto in = list->getObject(static_cast<unsigned>(i));
      sum += fen(in, "amount");
      EXPECT_GT(date(in, "due_on"), previous);
      previous = date(in, "due_on");
    }
    EXPECT_EQ(sum, fen(s, "total"));
  }
  EXPECT_GT(settlements, 10);
}

TEST_F(DemoDataSet, ExactlyFiveReliefGrantsTotalling305000Yuan) {
  int granted = 0, flagged = 0, pending = 0;
  int64_t total = 0;
  std::set<std::string> flags;
  for (const auto& r : records()) {
    if (!r->has("relief")) continue;
    auto relief = r->getObject("relief");
    auto flag_list = relief->getArray("flags");
    for (size_t i = 0; i < flag_list->size(); ++i)
      flags.insert(flag_list->getElement<std::string>(static_cast<unsigned>(i)));
    flagged += flag_list->size() > 0;
    if (!relief->has("panel")) {
      ++pending;
      continue;
    }
    auto panel = relief->getObject("panel");
    if (!panel->getValue<bool>("granted")) continue;
    ++granted;
    const int64_t amount = fen(panel, "amount");
    total += amount;
    const int64_t outstanding =
        fen(r, "claim") - fen(r, "recovered") - fen(relief, "prior_compensation");
    EXPECT_LE(amount, outstanding);
    EXPECT_LE(amount, 36 * 7000 * 100);
    const std::string kind = r->getObject("closure")->getValue<std::string>("kind");
    EXPECT_TRUE(kind == "terminated_current" || kind == "terminated");
    auto parties = r->getArray("parties");
    bool applicant_person = false;
    for (size_t i = 0; i < parties->size(); ++i) {
      auto p = parties->getObject(static_cast<unsigned>(i));
      if (p->getValue<std::string>("id") == relief->getValue<std::string>("applicant"))
        applicant_person = p->getValue<std::string>("kind") == "person" &&
                           p->getValue<std::string>("role") == "applicant" &&
                           p->has("bank_account");
    }
    EXPECT_TRUE(applicant_person);
  }
  EXPECT_EQ(granted, 5);
  EXPECT_EQ(total, 30500000);
  EXPECT_EQ(flags,
            (std::set<std::string>{"major_fault", "refused_cooperation", "false_statement",
                                   "waived_claim", "hardship_unrelated", "aided_elsewhere"}));
  EXPECT_EQ(flagged, 6);
  EXPECT_EQ(pending, 2);
  EXPECT_EQ(figures_.relief_granted, 5);
  EXPECT_EQ(figures_.relief_granted_fen, 30500000);
}

TEST_F(DemoDataSet, SomeEligibleLookingCasesHaveNoApplication) {
  const std::set<std::string> livelihood = {
      "migrant_wages",    "elderly_support", "child_support",     "spousal_support",
      "traffic_accident", "personal_injury", "labor_remuneration"};
  int eligible_without = 0;
  for (const auto& r : records()) {
    if (r->has("relief") || !r->has("closure") || !r->has("categories")) continue;
    if (r->getObject("closure")->getValue<std::string>("kind") != "terminated_current") continue;
    if (!livelihood.count(r->getArray("categories")->getElement<std::string>(0))) continue;
    if (fen(r, "recovered") >= fen(r, "claim")) continue;
    auto a = r->getArray("parties")->getObject(0);
    eligible_without += a->getValue<std::string>("kind") == "person";
  }
  EXPECT_GT(eligible_without, 5);
}

}  // namespace
}  // namespace zhixing
