// RecordWalker: the case object's fields, its missing fields, and its smaller objects (title
// document, periods, closure, receipts, officers).
#include "importer/record_walker.h"

#include <string>
#include <vector>

namespace zhixing::inline importer {

CaseRecord RecordWalker::walk(const Json& root) {
  walk_case(root);
  check_missing_top_level(root);
  check_references();
  check_consistency();
  if (!rec_.executing_court) rec_.executing_court = rec_.case_number.court_code;
  return std::move(rec_);
}

void RecordWalker::walk_case(const Json& o) {
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

void RecordWalker::check_missing_top_level(const Json& o) const {
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

TitleDocument RecordWalker::title_document(const Json& v) {
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

std::vector<Period> RecordWalker::periods(const Json& v, const char* note_key) {
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

Closure RecordWalker::closure(const Json& v) {
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

std::vector<Receipt> RecordWalker::receipts(const Json& v) {
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

Officers RecordWalker::officers(const Json& v) {
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

}  // namespace zhixing::inline importer
