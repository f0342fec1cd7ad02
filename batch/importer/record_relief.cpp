// RecordWalker: a judicial relief application and its panel decision.
#include "importer/record_walker.h"

namespace zhixing::inline importer {

ReliefApplication RecordWalker::relief(const Json& v) {
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

PanelDecision RecordWalker::panel(const Json& v) {
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

}  // namespace zhixing::inline importer
