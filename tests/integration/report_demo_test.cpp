// The leadership reports on the demo data set: the generated 2,083 cases imported into the
// scratch database, the relief decisions opened, then the report's store layer and computation
// compared with figures this test recomputes on its own from the generated records (plain loops,
// a day-by-day statutory-limit count), and with the court's published figures.
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <sstream>

#include "demo/demo_generator.h"
#include "importer/importer.h"
#include "importer/record_parser.h"
#include "reports/annual_figures.h"
#include "reports/zhongben_register.h"
#include "store/relief_store.h"
#include "store/report_store.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using testing::ScratchDatabase;

// What the test expects, counted directly from the records.
struct Expected {
  long long carried = 0, fresh = 0, closed = 0, within = 0, performed = 0, zhongben = 0;
  long long days = 0, claim_fen = 0, recovered_fen = 0, settlements = 0;
  long long detentions = 0, fines = 0, bans = 0, dishonest = 0;
  long long livelihood = 0, relief_grants = 0, relief_fen = 0;
  std::set<std::string> relief_persons;
  long long filed_in[12] = {}, closed_in[12] = {};
};

// Day by day: a day after filing up to the closing day counts unless it lies in an excluded
// period; the allowance is the six months plus each extension's days.
bool closed_within_limit(const CaseRecord& c) {
  long long counted = 0;
  for (Date day = c.filed_on.plus_days(1); day <= c.closure->on; day = day.plus_days(1)) {
    bool excluded = false;
    for (const Period& p : c.excluded_periods) excluded |= (day >= p.from && day <= p.to);
    if (!excluded) ++counted;
  }
  long long allowed = 0;
  for (Date day = c.filed_on.plus_days(1); day <= c.filed_on.plus_months(6); day = day.plus_days(1))
    ++allowed;
  for (const Period& e : c.extensions)
    for (Date day = e.from; day <= e.to; day = day.plus_days(1)) ++allowed;
  return counted <= allowed;
}

class ReportDemo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ScratchDatabase::truncate_all();
    auto sql = ScratchDatabase::runtime();
    CourtRegistry courts = load_courts(ScratchDatabase::settings());
    std::ostringstream out;
    write_demo_data(out, DemoOptions{});
    Importer importer(*sql, courts);
    auto report = importer.import_file(testing::write_temp_file("report-demo.jsonl", out.str()),
                                       [](const RejectedLine&) {});
    ASSERT_EQ(report.inserted, 2083);
    number_relief_decisions(*sql);
    std::istringstream lines(out.str());
    std::string line;
    while (std::getline(lines, line))
      records_.push_back(std::get<CaseRecord>(parse_case_record(line, courts)));
  }
  static std::vector<CaseRecord> records_;
};
std::vector<CaseRecord> ReportDemo::records_;

TEST_F(ReportDemo, AnnualFiguresMatchAnIndependentCount) {
  Expected e;
  for (const CaseRecord& c : records_) {
    const std::string& type = c.case_number.type_code;
    if (type != "执" && type != "执恢") continue;
    if (c.filed_on.year() > 2024 || (c.closure && c.closure->on.year() < 2024)) continue;
    (c.filed_on.year() == 2024 ? e.fresh : e.carried) += 1;
    if (c.filed_on.year() == 2024) ++e.filed_in[c.filed_on.month() - 1];
    bool livelihood = false;
    for (const auto& cat : c.categories) livelihood |= is_livelihood_category(cat);
    e.livelihood += livelihood;
    if (c.settlement && c.settlement->signed_on.year() == 2024) ++e.settlements;
    for (const Measure& m : c.measures) {
      if (m.on.year() != 2024) continue;
      e.detentions += m.kind == "detention";
      e.fines += m.kind == "fine";
      e.bans += m.kind == "consumption_ban";
      e.dishonest += m.kind == "dishonest_list";
    }
    if (c.relief && c.relief->panel && c.relief->panel->granted &&
        c.relief->panel->decided_on.year() == 2024) {
      ++e.relief_grants;
      e.relief_fen += c.relief->panel->amount->fen();
      e.relief_persons.insert(c.case_number.text() + "/" + c.relief->applicant);
    }
    if (!c.closure || c.closure->on.year() != 2024) continue;
    ++e.closed;
    ++e.closed_in[c.closure->on.month() - 1];
    e.days += c.closure->on - c.filed_on;
    e.claim_fen += c.claim.fen();
    e.recovered_fen += c.recovered.fen();
    e.within += closed_within_limit(c);
    e.performed += c.closure->kind == "performed";
    e.zhongben += c.closure->kind == "terminated_current";
  }

  auto sql = ScratchDatabase::runtime();
  const std::vector<CaseRecord> loaded = load_cases_pending_in_year(*sql, "冀0633", 2024);
  const GrantedRelief granted = load_granted_relief(*sql, "冀0633", 2024);
  reports::AnnualFigures f =
      reports::compute_annual_figures(loaded, {"冀0633", "河北省易县人民法院", 2024, {}},
                                      {granted.decisions, granted.persons, granted.amount_fen});

  EXPECT_EQ(f.new_cases, e.fresh);
  EXPECT_EQ(f.new_cases, 2083);  // the court's 受理 2,083, read as 新收
  EXPECT_EQ(f.carried_over, e.carried);
  EXPECT_EQ(f.closed, e.closed);
  EXPECT_EQ(f.within_limit_rate, (reports::Rate{e.within, e.closed}));
  EXPECT_EQ(f.performed_rate, (reports::Rate{e.performed, e.closed}));
  EXPECT_EQ(f.zhongben_rate, (reports::Rate{e.zhongben, e.closed}));
  EXPECT_EQ(f.recovery_rate, (reports::Rate{e.recovered_fen, e.claim_fen}));
  EXPECT_EQ(f.closed_days_sum, e.days);
  EXPECT_EQ(f.settlements, e.settlements);
  EXPECT_EQ(f.livelihood_received, e.livelihood);
  EXPECT_EQ(f.measures[0].count, e.detentions);
  EXPECT_EQ(f.measures[1].count, e.fines);
  EXPECT_EQ(f.measures[2].count, e.bans);
  EXPECT_EQ(f.measures[3].count, e.dishonest);
  EXPECT_EQ(f.relief.decisions, e.relief_grants);
  EXPECT_EQ(f.relief.persons, static_cast<long long>(e.relief_persons.size()));
  EXPECT_EQ(f.relief.amount_fen, e.relief_fen);
  for (int m = 0; m < 12; ++m) {
    EXPECT_EQ(f.filed_by_month[m], e.filed_in[m]) << m + 1;
    EXPECT_EQ(f.closed_by_month[m], e.closed_in[m]) << m + 1;
  }

  // The printed figures, from this test's own arithmetic.
  auto pct = [](long long a, long long b) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", std::floor(a * 10000.0 / b + 0.5) / 100.0);
    return std::string(buf);
  };
  EXPECT_EQ(f.performed_rate.percent(), pct(e.performed, e.closed));
  EXPECT_EQ(f.zhongben_rate.percent(), pct(e.zhongben, e.closed));
  EXPECT_EQ(f.recovery_rate.percent(), pct(e.recovered_fen, e.claim_fen));
  EXPECT_EQ(f.within_limit_rate.percent(), pct(e.within, e.closed));

  // The figures of the court's published 2024 work report to the last printed digit (the whole
  // numbers are derived in demo_generator.cpp): 1,914 closed, 835 performed, 179 终本, 1 late.
  EXPECT_EQ(f.received(), 2083);
  EXPECT_EQ(f.closed, 1914);
  EXPECT_EQ(f.within_limit_rate, (reports::Rate{1913, 1914}));
  EXPECT_EQ(f.within_limit_rate.percent(), "99.95%");
  EXPECT_EQ(f.recovery_rate.percent(), "57.08%");
  EXPECT_EQ(f.performed_rate, (reports::Rate{835, 1914}));
  EXPECT_EQ(f.performed_rate.percent(), "43.63%");
  EXPECT_EQ(f.zhongben_rate, (reports::Rate{179, 1914}));
  EXPECT_EQ(f.zhongben_rate.percent(), "9.35%");
  EXPECT_EQ(f.closed_days_sum, 133521);
  EXPECT_EQ(f.mean_days(), "69.76");
  EXPECT_EQ(f.recovered_fen, 26325940000);  // ¥263,259,400.00
  EXPECT_EQ(reports::wan_yuan(f.recovered_fen), "26325.94");
  EXPECT_EQ(f.relief.persons, 5);
  EXPECT_EQ(f.relief.amount_fen, 30500000);  // ¥305,000.00
}

// The demo's receipts and 终本 facts survive the import: every stored case with money recovered
// has receipts summing to it, and every 终本 closure its applicant_informed_on.
TEST_F(ReportDemo, StoredCasesCarryReceiptsAndTheApplicantInformed) {
  auto sql = ScratchDatabase::runtime();
  const std::vector<CaseRecord> loaded = load_cases_pending_in_year(*sql, "冀0633", 2024);
  ASSERT_EQ(loaded.size(), 2083u);
  long long with_money = 0, zhongben = 0;
  for (const CaseRecord& c : loaded) {
    if (c.closure && c.closure->kind == "terminated_current") {
      ++zhongben;
      ASSERT_TRUE(c.closure->applicant_informed_on.has_value()) << c.case_number.text();
      EXPECT_LE(*c.closure->applicant_informed_on, c.closure->on) << c.case_number.text();
    }
    if (c.recovered.fen() == 0) continue;
    ++with_money;
    ASSERT_TRUE(c.receipts.has_value()) << c.case_number.text();
    long long sum = 0;
    for (const Receipt& r : *c.receipts) {
      sum += r.amount.fen();
      EXPECT_GE(r.on, c.filed_on) << c.case_number.text();
      if (c.closure) {
        EXPECT_LE(r.on, c.closure->on) << c.case_number.text();
      }
    }
    EXPECT_EQ(sum, c.recovered.fen()) << c.case_number.text();
  }
  EXPECT_GT(with_money, 1400);
  EXPECT_EQ(zhongben, 179);
}

TEST_F(ReportDemo, ZhongbenRegisterListsEveryZhongbenClosure) {
  const Date as_of = *Date::parse_iso("2024-12-31");
  long long expected = 0, outstanding = 0;
  for (const CaseRecord& c : records_) {
    if (!c.closure || c.closure->kind != "terminated_current" || c.closure->on > as_of) continue;
    ++expected;
    outstanding += c.claim.fen() - c.recovered.fen();
  }
  ASSERT_GT(expected, 100);
  auto sql = ScratchDatabase::runtime();
  reports::ZhongbenRegister reg = reports::build_zhongben_register(
      load_zhongben_cases(*sql, "冀0633", as_of.iso()), {"冀0633", as_of});
  EXPECT_EQ(static_cast<long long>(reg.lines.size()), expected);
  EXPECT_EQ(reg.outstanding_fen, outstanding);
  for (size_t i = 1; i < reg.lines.size(); ++i)
    EXPECT_GE(reg.lines[i - 1].outstanding_fen, reg.lines[i].outstanding_fen);
  for (const auto& l : reg.lines) {
    EXPECT_FALSE(l.debtor.empty()) << l.case_number;
    ASSERT_TRUE(l.next_recheck.has_value()) << l.case_number;  // all within five years
    EXPECT_GT(*l.next_recheck, l.closed_on);
  }
}

}  // namespace
}  // namespace zhixing
