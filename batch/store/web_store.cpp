#include "store/web_store.h"

#include "core/input_text.h"

namespace zhixing::inline store {

namespace {

std::string text_or_empty(const soci::row& r, std::size_t i) {
  return r.get_indicator(i) == soci::i_null ? std::string() : r.get<std::string>(i);
}

long long ll_or_zero(const soci::row& r, std::size_t i) {
  return r.get_indicator(i) == soci::i_null ? 0 : r.get<long long>(i);
}

constexpr const char* kCaseColumns =
    "select c.id, c.case_number, c.court_code, c.year::bigint, c.cause, c.status,"
    " coalesce(c.closure_kind, ''), to_char(c.filed_on, 'YYYY-MM-DD'), c.claim_fen, "
    "c.recovered_fen,"
    " array_to_string(c.categories, ','), case when c.livelihood then 1::bigint else 0::bigint end"
    " from cases c ";

CaseListRow case_from(const soci::row& r) {
  CaseListRow c;
  c.id = r.get<long long>(0);
  c.case_number = r.get<std::string>(1);
  c.court_code = r.get<std::string>(2);
  c.year = static_cast<int>(r.get<long long>(3));
  c.cause = r.get<std::string>(4);
  c.status = r.get<std::string>(5);
  c.closure_kind = r.get<std::string>(6);
  c.filed_on = r.get<std::string>(7);
  c.claim_fen = r.get<long long>(8);
  c.recovered_fen = r.get<long long>(9);
  c.categories = text_or_empty(r, 10);
  c.livelihood = r.get<long long>(11) != 0;
  return c;
}

constexpr const char* kDocumentColumns =
    "select d.id, d.case_id, c.case_number, d.kind, to_char(d.event_date, 'YYYY-MM-DD'),"
    " d.event_position::bigint, d.version::bigint, d.sha256, d.size_bytes::bigint, d.pages::bigint,"
    " d.output_dir, d.path, d.issued_by, to_char(d.created_at, 'YYYY-MM-DD HH24:MI:SS')"
    " from documents d join cases c on c.id = d.case_id ";

IssuedDocument document_from(const soci::row& r) {
  IssuedDocument d;
  d.id = r.get<long long>(0);
  d.case_id = r.get<long long>(1);
  d.case_number = r.get<std::string>(2);
  d.kind = r.get<std::string>(3);
  d.event_date = r.get<std::string>(4);
  d.event_position = static_cast<int>(r.get<long long>(5));
  d.version = static_cast<int>(r.get<long long>(6));
  d.sha256 = r.get<std::string>(7);
  d.size_bytes = r.get<long long>(8);
  d.pages = static_cast<int>(r.get<long long>(9));
  d.output_dir = r.get<std::string>(10);
  d.path = r.get<std::string>(11);
  d.issued_by = r.get<std::string>(12);
  d.created_at = r.get<std::string>(13);
  return d;
}

}  // namespace

void insert_audit(soci::session& sql, const AuditEntry& e) {
  // Whatever a request carried, the row is printable UTF-8 that PostgreSQL stores: an invalid
  // byte or a name cut inside a character must never cost the event its record.
  std::string user = sanitize_for_log(e.user_name, 200), role = sanitize_for_log(e.role, 40),
              action = sanitize_for_log(e.action, 400), target = sanitize_for_log(e.target, 1000),
              addr = sanitize_for_log(e.remote_addr, 100), result = sanitize_for_log(e.result, 100);
  int status = e.http_status;
  sql << "insert into audit_log (user_name, role, action, target, remote_addr, result, http_status)"
         " values (:u, :r, :a, :t, :ad, :res, :s)",
      soci::use(user), soci::use(role), soci::use(action), soci::use(target), soci::use(addr),
      soci::use(result), soci::use(status);
}

std::vector<AuditEntry> recent_audit(soci::session& sql, int limit, const std::string& user) {
  std::vector<AuditEntry> out;
  std::string u = user;
  long long lim = limit;
  soci::rowset<soci::row> rows =
      (sql.prepare << "select id, to_char(at, 'YYYY-MM-DD HH24:MI:SS'), user_name, role, action,"
                      " target, remote_addr, result, http_status::bigint from audit_log"
                      " where (:u = '' or user_name = :u2) order by id desc limit :l",
       soci::use(u), soci::use(user), soci::use(lim));
  for (const auto& r : rows)
    out.push_back({r.get<long long>(0), r.get<std::string>(1), r.get<std::string>(2),
                   r.get<std::string>(3), r.get<std::string>(4), r.get<std::string>(5),
                   r.get<std::string>(6), r.get<std::string>(7),
                   static_cast<int>(r.get<long long>(8))});
  return out;
}

std::vector<CaseListRow> find_cases(soci::session& sql, const std::string& number_part, int limit) {
  std::vector<CaseListRow> out;
  std::string part = number_part;
  long long lim = limit;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kCaseColumns) +
                          "where strpos(c.case_number, :p) > 0 order by c.year desc, c.serial desc"
                          " limit :l",
       soci::use(part), soci::use(lim));
  for (const auto& r : rows) out.push_back(case_from(r));
  return out;
}

std::optional<CaseListRow> case_by_id(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kCaseColumns) + "where c.id = :i", soci::use(id));
  for (const auto& r : rows) return case_from(r);
  return std::nullopt;
}

std::vector<PartyRow> parties_of_case(soci::session& sql, long long case_id) {
  std::vector<PartyRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "select id, role, kind, name, coalesce(id_number, ''), coalesce(uscc, ''),"
                      " coalesce(bank_name, ''), coalesce(bank_account, ''), coalesce(phone, ''),"
                      " address from parties where case_id = :c order by position",
       soci::use(case_id));
  for (const auto& r : rows)
    out.push_back({r.get<long long>(0), r.get<std::string>(1), r.get<std::string>(2),
                   r.get<std::string>(3), r.get<std::string>(4), r.get<std::string>(5),
                   r.get<std::string>(6), r.get<std::string>(7), r.get<std::string>(8),
                   r.get<std::string>(9)});
  return out;
}

std::vector<MeasureRow> measures_of_case(soci::session& sql, long long case_id) {
  std::vector<MeasureRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "select m.position::bigint, m.kind, to_char(m.taken_on, 'YYYY-MM-DD'), p.name,"
              " coalesce(m.target, ''), coalesce(m.result, ''), coalesce(m.note, ''),"
              " m.amount_fen from measures m join parties p on p.id = m.against_party"
              " where m.case_id = :c order by m.position",
       soci::use(case_id));
  for (const auto& r : rows) {
    MeasureRow m;
    m.position = static_cast<int>(r.get<long long>(0));
    m.kind = r.get<std::string>(1);
    m.taken_on = r.get<std::string>(2);
    m.against = r.get<std::string>(3);
    m.target = r.get<std::string>(4);
    m.result = r.get<std::string>(5);
    m.note = r.get<std::string>(6);
    if (r.get_indicator(7) != soci::i_null) m.amount_fen = r.get<long long>(7);
    out.push_back(m);
  }
  return out;
}

std::vector<IssuedDocument> documents_of_case(soci::session& sql, long long case_id) {
  std::vector<IssuedDocument> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kDocumentColumns) +
                          "where d.case_id = :c order by d.event_date, d.kind, d.event_position,"
                          " d.version",
       soci::use(case_id));
  for (const auto& r : rows) out.push_back(document_from(r));
  return out;
}

std::optional<IssuedDocument> document_by_id(soci::session& sql, long long id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kDocumentColumns) + "where d.id = :i", soci::use(id));
  for (const auto& r : rows) return document_from(r);
  return std::nullopt;
}

std::vector<IssuedDocument> documents_of_instance(soci::session& sql, long long instance_id) {
  std::vector<IssuedDocument> out;
  soci::rowset<soci::row> rows =
      (sql.prepare
           << std::string(kDocumentColumns) +
                  "join (select distinct on (d2.case_id, d2.kind, d2.event_date,"
                  " d2.event_position) d2.id from work_items w join documents d2"
                  " on d2.case_id = w.case_id and d2.kind = w.kind"
                  " and d2.event_date = w.event_date and d2.event_position = w.event_position"
                  " where w.instance_id = :i and w.status = 'done'"
                  " order by d2.case_id, d2.kind, d2.event_date, d2.event_position,"
                  " d2.version desc) latest on latest.id = d.id"
                  " order by c.case_number, d.kind, d.event_date, d.event_position",
       soci::use(instance_id));
  for (const auto& r : rows) out.push_back(document_from(r));
  return out;
}

std::string instance_parameters(soci::session& sql, long long instance_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "select parameters::text from job_instances where id = :i",
       soci::use(instance_id));
  for (const auto& r : rows) return r.get<std::string>(0);
  return "{}";
}

std::vector<TransactionRow> ledger_transactions(soci::session& sql, const TransactionFilter& f) {
  std::vector<TransactionRow> out;
  std::string kind = f.kind, applicant = f.applicant, from = f.from, to = f.to;
  long long year = f.year, limit = f.limit;
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "select t.id, t.kind, t.idempotency_key, t.court_code, t.year::bigint, t.amount_fen,"
              " to_char(t.business_date, 'YYYY-MM-DD'), coalesce(t.applicant_name, ''),"
              " coalesce(t.applicant_party_id, 0), coalesce(t.decision_number, ''),"
              " coalesce(t.voucher_number, ''), t.posted_by,"
              " to_char(t.posted_at, 'YYYY-MM-DD HH24:MI:SS'), coalesce(t.reverses_transaction_id, "
              "0),"
              " case when exists (select 1 from ledger_transactions r"
              "   where r.reverses_transaction_id = t.id) then 1::bigint else 0::bigint end"
              " from ledger_transactions t"
              " where (:k = '' or t.kind = :k2) and (:y = 0 or t.year = :y2)"
              " and (:a = '' or strpos(coalesce(t.applicant_name, ''), :a2) > 0)"
              " and (:f = '' or t.business_date >= cast(nullif(:f2, '') as date))"
              " and (:t = '' or t.business_date <= cast(nullif(:t2, '') as date))"
              " order by t.id desc limit :l",
       soci::use(kind), soci::use(f.kind), soci::use(year), soci::use(year), soci::use(applicant),
       soci::use(f.applicant), soci::use(from), soci::use(f.from), soci::use(to), soci::use(f.to),
       soci::use(limit));
  for (const auto& r : rows) {
    TransactionRow t;
    t.id = r.get<long long>(0);
    t.kind = r.get<std::string>(1);
    t.key = r.get<std::string>(2);
    t.court_code = r.get<std::string>(3);
    t.year = static_cast<int>(r.get<long long>(4));
    t.amount_fen = r.get<long long>(5);
    t.business_date = r.get<std::string>(6);
    t.applicant_name = r.get<std::string>(7);
    t.applicant_party_id = ll_or_zero(r, 8);
    t.decision_number = r.get<std::string>(9);
    t.voucher_number = r.get<std::string>(10);
    t.posted_by = r.get<std::string>(11);
    t.posted_at = r.get<std::string>(12);
    t.reverses_id = ll_or_zero(r, 13);
    t.reversed = r.get<long long>(14) != 0;
    out.push_back(t);
  }
  return out;
}

}  // namespace zhixing::inline store
