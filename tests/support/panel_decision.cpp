#include "support/panel_decision.h"

#include <stdexcept>

#include "core/case_number.h"
#include "core/sha256.h"
#include "ledger/hash_chain.h"
#include "support/scratch_db.h"

namespace zhixing::testing {

RecordedDecision record_panel_decision(soci::session& sql, const PanelDecisionSpec& spec) {
  auto number = CaseNumber::parse(spec.decision_number);
  if (!number) throw std::invalid_argument("not a case number: " + spec.decision_number);
  RecordedDecision out;
  out.document_sha256 = spec.document_sha256.empty()
                            ? sha256_hex("relief-decision " + spec.decision_number)
                            : spec.document_sha256;
  soci::transaction tx(sql);
  std::string case_number = spec.case_number;
  if (!case_number.empty()) {
    sql << "select c.id, p.id from cases c join parties p on p.case_id = c.id"
           " and p.role = 'applicant' where c.case_number = :n order by p.position limit 1",
        soci::use(case_number), soci::into(out.case_id), soci::into(out.applicant_party_id);
  }
  if (out.case_id == 0) {
    const long long serial = 9000 + number->serial;
    case_number = "（" + std::to_string(number->year) + "）" + number->court_code + "执" +
                  std::to_string(serial) + "号";
    std::string court = number->court_code;
    int year = number->year;
    long long claim = spec.amount_fen * 2 + 100;
    sql << "insert into cases (case_number, court_code, year, type_code, serial, filed_on, cause,"
           " claim_fen, status, officers, record_sha256) values (:n, :c, :y, '执', :s,"
           " '2024-01-10', '赡养费纠纷', :claim, 'open', '{}'::jsonb, repeat('0', 64))"
           " returning id",
        soci::use(case_number), soci::use(court), soci::use(year), soci::use(serial),
        soci::use(claim), soci::into(out.case_id);
    std::string name = spec.applicant_name,
                id_number = synthetic_id("130633", "19491231", static_cast<int>(serial % 1000));
    sql << "insert into parties (case_id, party_key, position, role, kind, name, address,"
           " id_number) values (:c, 'a1', 1, 'applicant', 'person', :n, '河北省易县易州镇某村', :i)"
           " returning id",
        soci::use(out.case_id), soci::use(name), soci::use(id_number),
        soci::into(out.applicant_party_id);
  }
  long long application_id = 0;
  sql << "insert into relief_applications (case_id, applicant, applied_on, ground, basis_item)"
         " values (:c, :p, '2024-06-01', 'support', '六') returning id",
      soci::use(out.case_id), soci::use(out.applicant_party_id), soci::into(application_id);
  std::string decision = number->text(), court = number->court_code, decided = spec.decided_on,
              sha = out.document_sha256;
  int year = number->year, serial = static_cast<int>(number->serial);
  int granted = spec.granted, exception = spec.exception_approved;
  long long amount = spec.amount_fen;
  soci::indicator amount_i = spec.granted ? soci::i_ok : soci::i_null;
  sql << "insert into relief_decisions (case_number, court_code, year, serial, case_id,"
         " application_id, applicant, applied_on, decided_on, granted, amount_fen,"
         " exception_approved, basis_item, members, source) values (:n, :c, :y, :s, :case,"
         " :app, :p, '2024-06-01', cast(:d as date), cast(:g as boolean), :a,"
         " cast(:e as boolean), '六', '{赵志远,王立新,李红}', 'import')",
      soci::use(decision), soci::use(court), soci::use(year), soci::use(serial),
      soci::use(out.case_id), soci::use(application_id), soci::use(out.applicant_party_id),
      soci::use(decided), soci::use(granted), soci::use(amount, amount_i), soci::use(exception);
  long long cap = spec.cap_fen;
  std::string inputs = sha256_hex("inputs " + decision);
  sql << "insert into relief_assessments (case_id, application_id, kind, ruleset, inputs_sha256,"
         " business_date, outcome, proposed_fen, cap_fen, outstanding_loss_fen, rules) values"
         " (:c, :app, 'application', 'test', :i, cast(:d as date), 'eligible', :a, :cap, :a2,"
         " '[]'::jsonb)",
      soci::use(out.case_id), soci::use(application_id), soci::use(inputs), soci::use(decided),
      soci::use(amount), soci::use(cap), soci::use(amount);
  sql << "insert into documents (case_id, kind, event_date, event_position, version,"
         " template_name, template_version, sha256, size_bytes, pages, output_dir, path, issued_by)"
         " values (:c, 'relief-decision', cast(:d as date), 1, 1, 'relief-decision', 'test', :s, 1,"
         " 1, 'out/documents', 'relief-decision.pdf', 'test')",
      soci::use(out.case_id), soci::use(decided), soci::use(sha);
  tx.commit();
  return out;
}

}  // namespace zhixing::testing
