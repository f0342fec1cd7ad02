// RecordWalker: the whole-record rules, checked after every field: references to parties,
// then the inconsistencies in the case table's order.
#include "importer/record_walker.h"

#include <string>
#include <vector>

namespace zhixing::inline importer {

void RecordWalker::check_references() const {
  static const char* kMessage = "引用的当事人编号在本记录中不存在";
  for (size_t i = 0; i < rec_.measures.size(); ++i)
    if (!rec_.party(rec_.measures[i].against))
      fail_at("bad_reference", "measures[" + std::to_string(i) + "].against", kMessage);
  if (rec_.settlement && rec_.settlement->guarantor && !rec_.party(*rec_.settlement->guarantor))
    fail_at("bad_reference", "settlement.guarantor", kMessage);
  if (rec_.relief && !rec_.party(rec_.relief->applicant))
    fail_at("bad_reference", "relief.applicant", kMessage);
}

void RecordWalker::check_consistency() const {
  auto inconsistent = [](std::string field, std::string message) {
    fail_at("inconsistent", std::move(field), std::move(message));
  };
  auto check_periods = [&](const std::vector<Period>& periods, const char* key) {
    for (size_t i = 0; i < periods.size(); ++i)
      if (periods[i].to < periods[i].from)
        inconsistent(std::string(key) + "[" + std::to_string(i) + "].to", "期间的结束日早于开始日");
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

}  // namespace zhixing::inline importer
