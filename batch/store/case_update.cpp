// The update rules for a known case, decided on its stored state (read in bulk,
// case_stored.cpp) before anything is written: the conflicts that reject the line, in the
// order filing facts, parties, panel decision, receipts; then what changes. Nothing that the
// line leaves as it is gets written.
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/case_record.h"
#include "store/case_rows.h"
#include "store/case_update_plan.h"

namespace zhixing::inline store::case_rows {

namespace {

using Conflict = std::optional<UpsertResult>;

Conflict rejected(const std::string& field, const std::string& message) {
  return UpsertResult{UpsertOutcome::conflict, conflict(field, message)};
}

// Filing date, cause and title document never change; the recovered amount never falls.
Conflict check_fixed_facts(const CaseRecord& c, const StoredCase& s) {
  if (s.filed_on != c.filed_on.iso())
    return rejected("filed_on", "立案日期不可更改（已记录 " + s.filed_on + "）");
  if (s.cause != c.cause) return rejected("cause", "案由不可更改（已记录 " + s.cause + "）");
  if (s.title_key != title_key(c.title_document))
    return rejected("title_document", "执行依据不可更改");
  if (c.recovered.fen() < s.recovered_fen)
    return rejected("recovered", "执行到位金额不能低于已记录的 " +
                                     Money::from_fen(s.recovered_fen).plain() + " 元");
  return std::nullopt;
}

// A party's kind, name, ID number and credit code never change; the rest may.
Conflict plan_parties(const CaseRecord& c, const StoredCase& s, UpdatePlan& plan) {
  for (size_t i = 0; i < c.parties.size(); ++i) {
    const Party& p = c.parties[i];
    auto it = s.parties.find(p.id);
    if (it == s.parties.end()) {
      plan.new_parties.push_back(&p);
      continue;
    }
    const StoredParty& sp = it->second;
    std::string path = "parties[" + std::to_string(i) + "]";
    if (sp.kind != p.kind || sp.name != p.name)
      return rejected(path + ".name", "当事人身份不可更改");
    if (sp.id_number != p.id_number)
      return rejected(path + ".id_number", "当事人公民身份号码不可更改");
    if (sp.uscc != p.uscc) return rejected(path + ".uscc", "统一社会信用代码不可更改");
    if (sp.mutable_key != party_mutable_key(p)) plan.changed_parties.push_back(&p);
    std::vector<std::string> agents;
    for (const auto& a : p.agents) agents.push_back(agent_key(a));
    if (agents != sp.agent_keys) plan.agents_replaced.push_back(&p);
  }
  return std::nullopt;
}

// A recorded panel decision is never rewritten.
Conflict check_panel(const CaseRecord& c, const StoredCase& s, UpdatePlan& plan) {
  if (!c.relief || !c.relief->panel) return std::nullopt;
  if (!s.panel) {
    plan.panel_added = true;
    return std::nullopt;
  }
  const auto& p = *c.relief->panel;
  std::string members;
  for (size_t i = 0; i < p.members.size(); ++i) members += (i ? "," : "") + p.members[i];
  auto incoming = std::make_tuple(p.decided_on.iso(), p.granted, p.amount ? p.amount->fen() : -1LL,
                                  members, p.exception_approved);
  if (incoming != *s.panel) return rejected("relief.panel", "合议庭救助决定与已记录的决定不一致");
  return std::nullopt;
}

// Receipts are append-only: every stored one must come again unchanged; new ones are added
// after them. A stored reference with other facts is a change; a stored receipt not matched
// is a drop (or a change of a receipt without reference).
Conflict plan_receipts(const CaseRecord& c, const StoredCase& s, UpdatePlan& plan) {
  if (!s.receipts.empty() && !c.receipts)
    return rejected("receipts",
                    "已记录的" + std::to_string(s.receipts.size()) + "笔收款记录不可删除");
  if (!c.receipts) return std::nullopt;
  std::map<std::string, int> unmatched;
  std::map<std::string, bool> stored_reference;
  for (const auto& sr : s.receipts) {
    ++unmatched[sr.key];
    if (!sr.reference.empty()) stored_reference[sr.reference] = true;
  }
  for (size_t i = 0; i < c.receipts->size(); ++i) {
    const Receipt& r = (*c.receipts)[i];
    auto it = unmatched.find(receipt_key(r));
    if (it != unmatched.end() && it->second > 0) {
      --it->second;
      continue;
    }
    if (r.reference && stored_reference.count(*r.reference))
      return rejected("receipts[" + std::to_string(i) + "]",
                      "参考号为" + *r.reference + "的收款记录已记录，不可更改");
    plan.new_receipts.push_back(&r);
  }
  for (const auto& sr : s.receipts)
    if (unmatched[sr.key] > 0)
      return rejected("receipts", "已记录的" + sr.on + "收款" +
                                      Money::from_fen(sr.amount_fen).plain() + "元不可删除或更改");
  plan.receipts_turn_on = !s.receipts_recorded;
  return std::nullopt;
}

// Measures: known ones stay (each matched once); new ones are added after them.
void plan_measures(const CaseRecord& c, const StoredCase& s, UpdatePlan& plan) {
  std::map<std::string, int> known = s.measure_keys;
  for (const auto& m : c.measures) {
    auto it = known.find(measure_key(m));
    if (it != known.end() && it->second > 0) {
      --it->second;
      continue;
    }
    plan.new_measures.push_back(&m);
  }
}

}  // namespace

UpsertResult plan_update(const SourcedRecord& rec, const StoredCase& stored, UpdatePlan& plan) {
  const CaseRecord& c = *rec.record;
  plan.rec = &rec;
  plan.stored = &stored;
  if (Conflict found = check_fixed_facts(c, stored)) return *found;
  if (Conflict found = plan_parties(c, stored, plan)) return *found;
  if (Conflict found = check_panel(c, stored, plan)) return *found;
  if (Conflict found = plan_receipts(c, stored, plan)) return *found;
  plan_measures(c, stored, plan);
  plan.row_changed = stored.row_sha256 != case_row_sha256(c);
  if (c.settlement)
    plan.settlement_changed = stored.settlement_key != settlement_key(*c.settlement);
  if (c.relief) plan.relief_changed = stored.relief_key != relief_key(*c.relief);
  return UpsertResult{plan.changes_anything() ? UpsertOutcome::updated : UpsertOutcome::unchanged,
                      std::nullopt};
}

}  // namespace zhixing::inline store::case_rows
