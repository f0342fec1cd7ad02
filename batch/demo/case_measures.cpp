#include <algorithm>
#include <string>

#include "core/invariant.h"
#include "demo/case_writer.h"
#include "demo/demo_names.h"

namespace zhixing::inline demo {

using namespace demo_names;

namespace {

// A receipt's reference, unique in the data set: kind prefix (JK 缴款, HB 划拨, PM 拍卖), the
// date, the case's index and the receipt's position in the case.
std::string receipt_reference(std::string_view prefix, Date on, int64_t index, size_t position) {
  std::string ref(prefix);
  const std::string iso = on.iso();
  for (char c : iso)
    if (c != '-') ref += c;
  ref += '-';
  const std::string idx = std::to_string(index + 1);
  ref.append(idx.size() < 7 ? 7 - idx.size() : 0, '0');
  ref += idx;
  ref += '-';
  ref += std::to_string(position);
  return ref;
}

// Luhn check digit for a string of digits (ISO/IEC 7812, as bank cards carry it).
char luhn_check_digit(std::string_view digits) {
  int sum = 0;
  bool twice = true;  // the digit left of the check digit is doubled
  for (size_t k = digits.size(); k-- > 0;) {
    int d = digits[k] - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// A debtor's account as a bank must be told it: the bank's full name with its branch and a full
// 19-digit account number (the bank's 6-digit prefix, 0000 — the demo's mark of a synthetic
// number —, 8 random digits and a Luhn check digit).
std::string account_target(Rng& r) {
  const auto& bank = r.pick(kAccountBanks);
  std::string t(bank.branch);
  t += "账户（账号：";
  std::string account(bank.prefix);
  account += "0000";
  append_digits(account, r, 8);
  account += luhn_check_digit(account);
  t += account;
  t += "）";
  return t;
}

}  // namespace

MeasureOut& CaseWriter::add(std::string_view k, Date on, int against) {
  measures_.emplace_back();
  MeasureOut& m = measures_.back();
  m.kind = k;
  m.on = on;
  m.against = against;
  return m;
}

// The notices, the searches for property and, by what the case recovered, the measures that
// brought the money in and the coercive ones.
void CaseWriter::plan_measures(Case& c) {
  Rng& r = c.r;
  const Skeleton& s = c.s;
  const int kind = c.kind;
  const ReliefScript* script = c.script;
  const int respondents = c.respondents;
  const bool resumed = c.resumed;
  const Date effective = c.effective;
  auto at = [&c](int32_t lo, int32_t hi) { return c.at(lo, hi); };
  measures_.clear();
  const Date t0 = at(0, 3);
  for (int k = 0; k < respondents; ++k) {
    MeasureOut& n = add("notice", t0, k);
    if (resumed && k == 0) {
      n.note = "恢复执行，原案（";
      append_int(n.note, std::min(plan_.year() - 1, std::max(effective.year(), plan_.year() - 3) +
                                                        (r.per_mille(500) ? 1 : 0)));
      n.note += "）冀0633执";
      append_int(n.note, r.range(1, 2000));
      n.note += "号已终结本次执行程序";
    }
    add("property_report_order", t0, k);
  }
  c.found = kind == terminated_current || script ? false
            : kind == performed                  ? r.per_mille(850)
            : kind == withdrawn                  ? r.per_mille(500)
            : kind == terminated                 ? r.per_mille(300)
            : kind == kClosedKinds               ? r.per_mille(500)
                                                 : r.per_mille(200);
  {
    MeasureOut& q = add("inquiry", at(1, 7), 0);
    q.result = c.found ? "found" : "none";
    q.note = "网络查控";
  }
  if (kind == terminated_current || (script && script->closure != performed)) {
    for (int k = 0; k < respondents; ++k) {
      MeasureOut& q = add("inquiry", at(20, 60), k);
      q.result = "none";
      q.note = "现场调查";
    }
  }
  // Money cases for open/suspended: recovered before year end.
  if (!c.closed && !c.settled) {
    int frac = s.frac_u < 500 ? 0 : s.frac_u2 * 600 / 1000;
    c.recovered = s.claim_fen * frac / 1000;
  }
  c.tc_like = kind == terminated_current || (script && script->closure == terminated_current);
  plan_money_measures(c);
  plan_coercive_measures(c);
}

// A 终本 case found nothing to attach: what it recovered was paid by the debtor. Otherwise the
// money came by auction, by a deduction from a frozen account, or the debtor paid.
void CaseWriter::plan_money_measures(Case& c) {
  Rng& r = c.r;
  const Skeleton& s = c.s;
  const int kind = c.kind;
  const bool settled = c.settled, found = c.found;
  const int32_t span = c.span;
  const int respondents = c.respondents;
  const int64_t recovered = c.recovered;
  int64_t& auction_from = c.auction_from;
  Arrival& arrival = c.arrival;
  Date& money_from = c.money_from;
  auto at = [&c](int32_t lo, int32_t hi) { return c.at(lo, hi); };
  if ((found || recovered > 0) && !c.tc_like) {
    const uint64_t mode = r.below(100);
    // A late case has no auction: its excluded period would bring it back within the limit.
    const bool via_auction = kind == performed && !settled && !s.late && mode < 20 &&
                             s.claim_fen >= 5000000 && span >= 60;
    const bool voluntary = kind == performed && !via_auction && (settled || mode >= 75);
    std::string bank_target = account_target(r);
    if (via_auction) {
      MeasureOut& seal = add("seal", at(5, 20), 0);
      seal.target = "被执行人名下位于易县";
      seal.target += r.pick(kTownships);
      seal.target += "的房产一处（不动产权证书号：冀（";
      append_int(seal.target, r.range(2015, 2023));
      seal.target += "）易县不动产权第000";  // 000: the demo's synthetic numbers
      append_digits(seal.target, r, 4);
      seal.target += "号）";
      seal.period = "3y";
      const Date auction_on = at(std::max<int32_t>(21, span - 45), span - 10);
      std::string sealed = seal.target;  // add() may move measures_, and `seal` with it
      MeasureOut& a = add("auction", auction_on, 0);
      a.target = std::move(sealed);
      a.note = "网络司法拍卖";
      auction_from = auction_on - s.filed;
      money_from = auction_on;
      arrival = Arrival::auction;
    } else if (!voluntary && (recovered > 0 || found)) {
      const int64_t freeze_amount = std::max<int64_t>(
          std::min(s.claim_fen, recovered > 0 ? recovered : s.claim_fen / 2), 100);
      MeasureOut& fz = add("freeze", at(2, 12), 0);
      fz.amount_fen = std::min(freeze_amount, s.claim_fen);
      fz.target = bank_target;
      fz.period = "1y";
      if (recovered > 0 && !settled) {
        MeasureOut& de = add("deduct", at(12, 45), 0);
        de.amount_fen = recovered;
        de.target = std::move(bank_target);
        money_from = de.on;
        arrival = Arrival::deduct;
      }
    }
    if (kind != performed && found && r.per_mille(150)) {
      MeasureOut& sz =
          add("seize", at(5, 40), static_cast<int>(r.below(static_cast<uint64_t>(respondents))));
      sz.target = "被执行人名下小型轿车一辆（机动车登记证书编号：130";
      append_digits(sz.target, r, 9);
      sz.target += "）";
      sz.period = "2y";
    }
  }
}

void CaseWriter::plan_coercive_measures(Case& c) {
  Rng& r = c.r;
  const Skeleton& s = c.s;
  const bool tc_like = c.tc_like, respondent_org = c.respondent_org;
  const int32_t span = c.span;
  const int respondents = c.respondents;
  auto at = [&c](int32_t lo, int32_t hi) { return c.at(lo, hi); };
  if (tc_like || (span > 15 && r.per_mille(350))) {
    const int32_t ban_by = tc_like ? s.three_months : span;
    for (int k = 0; k < respondents; ++k) add("consumption_ban", at(10, ban_by), k);
  }
  if ((tc_like && r.per_mille(600)) || (span > 30 && r.per_mille(80)))
    add("dishonest_list", at(30, span), 0);
  if (!respondent_org && span > 20) {
    const int boost = tc_like ? 4 : 1;
    if (r.per_mille(12 * boost)) add("summons", at(15, span), 0);
    if (r.per_mille(6 * boost)) {
      MeasureOut& d = add("detention", at(20, span), 0);
      d.period = r.per_mille(700) ? "15d" : "10d";
    }
    if (r.per_mille(5 * boost)) {
      MeasureOut& f = add("fine", at(20, span), 0);
      f.amount_fen = r.range(5, 50) * 100000;
    }
  }
}

// A settlement's instalments: the whole claim in 2–6 parts; recovered = the parts due by the
// case's end (a performed case's last on its closing day).
void CaseWriter::plan_settlement(Case& c) {
  Rng& r = c.r;
  const Skeleton& s = c.s;
  const bool settled = c.settled, settle_performed = c.settle_performed;
  const int32_t span = c.span;
  const Date closure_on = c.closure_on, end = c.end;
  int& n_inst = c.n_inst;
  Date& signed_on = c.signed_on;
  std::array<Date, 6>& due = c.due;
  std::array<int64_t, 6>& part = c.part;
  int64_t& recovered = c.recovered;
  auto at = [&c](int32_t lo, int32_t hi) { return c.at(lo, hi); };
  if (settled) {
    n_inst = static_cast<int>(r.range(2, 6));
    signed_on = at(5, std::max<int32_t>(5, span / 4));
    int32_t step;
    if (settle_performed) {
      step = std::max<int32_t>(1, (closure_on - signed_on) / n_inst);
    } else {
      step = static_cast<int32_t>(r.range(25, 35));
    }
    int64_t each = s.claim_fen / n_inst / 100 * 100;
    int64_t paid = 0;
    for (int k = 0; k < n_inst; ++k) {
      due[k] = settle_performed
                   ? std::min(closure_on,
                              signed_on.plus_days(step * (k + 1) - (k + 1 == n_inst ? 0 : 0)))
                   : signed_on.plus_days(step * k + 5);
      part[k] = k + 1 == n_inst ? s.claim_fen - each * (n_inst - 1) : each;
      if (due[k] <= end) paid += part[k];
    }
    if (settle_performed) {
      // strictly increasing: step ≥ 1 and the last is closure_on at most
      for (int k = 1; k < n_inst; ++k)
        if (due[k] <= due[k - 1]) due[k] = due[k - 1].plus_days(1);
      recovered = s.claim_fen;
    } else {
      recovered = std::min(paid, s.claim_fen);
    }
  }
}

// Receipts (执行款到账): how `recovered` reached the court, on or after filing and
// after the event that brought it, by the closing day (or the year's end). A settlement's
// instalments arrive on their due days, after signing; a deduction some days after its
// ruling (source deduct, its amount); an auction's price after the sale; otherwise the
// debtor paid (1–3 payments, a performed case's last on its closing day).
void CaseWriter::plan_receipts(Case& c) {
  Rng& r = c.r;
  const Skeleton& s = c.s;
  const int64_t i = c.i;
  const int kind = c.kind;
  const bool settled = c.settled;
  const int32_t span = c.span;
  const Date end = c.end, money_from = c.money_from;
  const int n_inst = c.n_inst;
  const std::array<Date, 6>& due = c.due;
  const std::array<int64_t, 6>& part = c.part;
  const int64_t recovered = c.recovered;
  const Arrival arrival = c.arrival;
  auto at = [&c](int32_t lo, int32_t hi) { return c.at(lo, hi); };
  receipts_.clear();
  if (recovered > 0) {
    auto receipt = [&](Date on, int64_t amount, std::string_view source, std::string_view prefix) {
      if (amount <= 0) return;
      ReceiptOut& added = receipts_.emplace_back();
      added.on = std::min(end, std::max(on, s.filed));
      added.amount_fen = amount;
      added.source = source;
      added.reference = receipt_reference(prefix, added.on, i, receipts_.size());
    };
    if (settled) {
      for (int k = 0; k < n_inst; ++k)
        if (due[k] <= end) receipt(due[k], part[k], "payment", "JK");
    } else if (arrival == Arrival::auction) {
      receipt(money_from.plus_days(static_cast<int32_t>(r.range(3, 9))), recovered, "auction",
              "PM");
    } else if (arrival == Arrival::deduct) {
      receipt(money_from.plus_days(static_cast<int32_t>(r.range(0, 3))), recovered, "deduct", "HB");
    } else {
      int n = 1 + static_cast<int>(r.below(3));
      const int64_t each = recovered / n / 10000 * 10000;  // whole hundreds of yuan
      if (each <= 0) n = 1;
      // A performed case's last payment is on its closing day; a 终本 case's come before
      // the applicant is told of the search's result (3–12 days before the ruling).
      const int32_t lo = std::min<int32_t>(span, 3);
      const int32_t hi = kind == performed ? span : std::max(lo, span - 13);
      for (int k = 0; k < n; ++k) {
        const bool last = k + 1 == n;
        const int32_t from = lo + (hi - lo) * k / n, to = lo + (hi - lo) * (k + 1) / n;
        const Date on = last && kind == performed ? s.filed.plus_days(hi) : at(from, to);
        receipt(on, last ? recovered - each * (n - 1) : each, "payment", "JK");
      }
    }
    int64_t sum = 0;
    for (const auto& rc : receipts_) sum += rc.amount_fen;
    ZHIXING_INVARIANT(sum == recovered, "demo receipts sum to recovered");
  }
}

}  // namespace zhixing::inline demo
