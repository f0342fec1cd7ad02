// RecordWalker: enforcement measures and the settlement with its instalments.
#include "importer/record_walker.h"

namespace zhixing::inline importer {

Measure RecordWalker::measure(const Json& v) {
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

Settlement RecordWalker::settlement(const Json& v) {
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

}  // namespace zhixing::inline importer
