#include "store/case_loader.h"

#include "store/pg_array.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <stdexcept>
#include <unordered_map>

#include "store/case_store.h"
#include "store/pg_raw.h"

namespace zhixing::inline store {

namespace {

// A text-mode result set that frees itself.
class Result {
 public:
  Result(PGconn* conn, const std::string& query) : r_(PQexec(conn, query.c_str())) {
    if (PQresultStatus(r_.get()) != PGRES_TUPLES_OK)
      throw std::runtime_error(std::string("数据库读取失败：") + PQresultErrorMessage(r_.get()));
  }
  int rows() const { return PQntuples(r_.get()); }
  bool null(int row, int col) const { return PQgetisnull(r_.get(), row, col); }
  std::string str(int row, int col) const { return PQgetvalue(r_.get(), row, col); }
  long long i64(int row, int col) const { return std::atoll(PQgetvalue(r_.get(), row, col)); }
  bool boolean(int row, int col) const { return PQgetvalue(r_.get(), row, col)[0] == 't'; }
  Date date(int row, int col) const { return *Date::parse_iso(PQgetvalue(r_.get(), row, col)); }
  std::optional<std::string> opt(int row, int col) const {
    if (null(row, col)) return std::nullopt;
    return str(row, col);
  }
  std::optional<Money> money(int row, int col) const {
    if (null(row, col)) return std::nullopt;
    return Money::from_fen(i64(row, col));
  }

 private:
  PgResult r_;
};

std::string id_list(const std::vector<long long>& ids) {
  return "'" + pg_bigint_array(ids) + "'::bigint[]";
}

// PostgreSQL text-array output {a,"b c"} -> values.
Poco::JSON::Object::Ptr json_object(const std::string& text) {
  Poco::JSON::Parser parser;
  return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr json_array(const std::string& text) {
  Poco::JSON::Parser parser;
  return parser.parse(text).extract<Poco::JSON::Array::Ptr>();
}

std::vector<std::string> strings_of(const Poco::JSON::Array::Ptr& a) {
  std::vector<std::string> out;
  if (!a) return out;
  for (size_t i = 0; i < a->size(); ++i) out.push_back(a->getElement<std::string>(i));
  return out;
}

std::vector<Period> periods_of(const std::string& text, const char* note_key) {
  std::vector<Period> out;
  auto a = json_array(text);
  for (size_t i = 0; i < a->size(); ++i) {
    auto o = a->getObject(i);
    out.push_back({*Date::parse_iso(o->getValue<std::string>("from")),
                   *Date::parse_iso(o->getValue<std::string>("to")),
                   o->optValue<std::string>(note_key, "")});
  }
  return out;
}

// One load_cases call: the cases in id order and the maps that place rows into them.
struct CaseLoad {
  PGconn* conn;
  std::string list;  // the ids, for "= any(...)"
  std::vector<LoadedCase>& cases;
  std::unordered_map<long long, size_t> index;                        // case id -> position
  std::unordered_map<long long, std::pair<size_t, size_t>> party_at;  // party id -> (case, index)
  std::unordered_map<long long, std::string> party_key;
};

// The cases themselves, with their court's name.
void load_case_rows(CaseLoad& l) {
  PGconn* conn = l.conn;
  const std::string& list = l.list;
  std::vector<LoadedCase>& cases = l.cases;
  auto& index = l.index;
  Result r(conn,
           "select c.id, c.case_number, c.filed_on, c.cause, c.title_document::text, c.categories,"
           " c.filing_fee_fen, c.extensions::text, c.excluded_periods::text, c.claim_fen,"
           " c.recovered_fen, c.status, c.closure_kind, c.closed_on, c.applicant_consents,"
           " c.executing_court, c.officers::text, ct.name, c.receipts_recorded,"
           " c.applicant_informed_on from cases c"
           " join courts ct on ct.code = c.court_code"
           " where c.id = any(" +
               list + ") order by c.id");
  cases.resize(r.rows());
  for (int i = 0; i < r.rows(); ++i) {
    LoadedCase& lc = cases[i];
    CaseRecord& c = lc.record;
    lc.id = r.i64(i, 0);
    index[lc.id] = i;
    auto number = CaseNumber::parse(r.str(i, 1));
    if (!number) throw std::runtime_error("数据库中的案号无法解析：" + r.str(i, 1));
    c.case_number = *number;
    c.filed_on = r.date(i, 2);
    c.cause = r.str(i, 3);
    if (!r.null(i, 4)) {
      auto o = json_object(r.str(i, 4));
      c.title_document =
          TitleDocument{o->getValue<std::string>("number"), o->getValue<std::string>("kind"),
                        o->getValue<std::string>("court"),
                        *Date::parse_iso(o->getValue<std::string>("effective_on"))};
    }
    c.categories = parse_pg_text_array(r.str(i, 5));
    c.filing_fee = r.money(i, 6);
    c.extensions = periods_of(r.str(i, 7), "approved_by");
    c.excluded_periods = periods_of(r.str(i, 8), "reason");
    c.claim = Money::from_fen(r.i64(i, 9));
    c.recovered = Money::from_fen(r.i64(i, 10));
    c.status = r.str(i, 11);
    if (!r.null(i, 12)) {
      c.closure = Closure{r.str(i, 12), r.date(i, 13), r.boolean(i, 14)};
      if (!r.null(i, 19)) c.closure->applicant_informed_on = r.date(i, 19);
    }
    if (r.boolean(i, 18)) c.receipts.emplace();
    c.executing_court = r.opt(i, 15);
    auto off = json_object(r.str(i, 16));
    c.officers.enforcers = strings_of(off->getArray("enforcers"));
    c.officers.enforcer_title = off->optValue<std::string>("enforcer_title", "执行员");
    if (off->has("presiding")) c.officers.presiding = off->getValue<std::string>("presiding");
    c.officers.judges = strings_of(off->getArray("judges"));
    c.officers.clerk = off->optValue<std::string>("clerk", "");
    lc.court_name = r.str(i, 17);
  }
}

// Parties in position order; remembers where each party id went.
void load_parties(CaseLoad& l) {
  PGconn* conn = l.conn;
  const std::string& list = l.list;
  std::vector<LoadedCase>& cases = l.cases;
  auto& index = l.index;
  auto& party_at = l.party_at;
  auto& party_key = l.party_key;
  Result r(conn,
           "select case_id, id, party_key, role, kind, name, address, phone, gender, birth_date,"
           " ethnicity, occupation, id_number, uscc, legal_rep::text, bank_name, bank_account"
           " from parties where case_id = any(" +
               list + ") order by case_id, position");
  for (int i = 0; i < r.rows(); ++i) {
    LoadedCase& lc = cases[index.at(r.i64(i, 0))];
    Party p;
    long long pid = r.i64(i, 1);
    p.id = r.str(i, 2);
    p.role = r.str(i, 3);
    p.kind = r.str(i, 4);
    p.name = r.str(i, 5);
    p.address = r.str(i, 6);
    p.phone = r.opt(i, 7);
    if (p.is_person()) {
      p.gender = r.str(i, 8);
      p.birth_date = r.date(i, 9);
      p.ethnicity = r.str(i, 10);
      p.occupation = r.opt(i, 11);
      p.id_number = r.str(i, 12);
    } else {
      p.uscc = r.str(i, 13);
      if (!r.null(i, 14)) {
        auto o = json_object(r.str(i, 14));
        p.legal_rep = LegalRep{o->getValue<std::string>("name"), o->getValue<std::string>("title"),
                               o->getValue<std::string>("kind")};
      }
    }
    if (!r.null(i, 15)) p.bank_account = BankAccount{r.str(i, 15), r.str(i, 16)};
    lc.party_ids[p.id] = pid;
    party_key[pid] = p.id;
    party_at[pid] = {index.at(lc.id), lc.record.parties.size()};
    lc.record.parties.push_back(std::move(p));
  }
}

void load_agents(CaseLoad& l) {
  PGconn* conn = l.conn;
  const std::string& list = l.list;
  std::vector<LoadedCase>& cases = l.cases;
  auto& party_at = l.party_at;
  Result r(conn,
           "select a.party_id, a.name, a.kind, a.firm, a.special_authority from agents a"
           " join parties p on p.id = a.party_id where p.case_id = any(" +
               list +
               ")"
               " order by a.party_id, a.position");
  for (int i = 0; i < r.rows(); ++i) {
    auto [ci, pi] = party_at.at(r.i64(i, 0));
    cases[ci].record.parties[pi].agents.push_back(
        Agent{r.str(i, 1), r.str(i, 2), r.opt(i, 3), r.boolean(i, 4)});
  }
}

void load_measures(CaseLoad& l) {
  PGconn* conn = l.conn;
  const std::string& list = l.list;
  std::vector<LoadedCase>& cases = l.cases;
  auto& index = l.index;
  auto& party_key = l.party_key;
  Result r(conn,
           "select case_id, kind, taken_on, against_party, amount_fen, target, period, note, result"
           " from measures where case_id = any(" +
               list + ") order by case_id, position");
  for (int i = 0; i < r.rows(); ++i) {
    Measure m;
    m.kind = r.str(i, 1);
    m.on = r.date(i, 2);
    m.against = party_key.at(r.i64(i, 3));
    m.amount = r.money(i, 4);
    m.target = r.opt(i, 5);
    m.period = r.opt(i, 6);
    m.note = r.opt(i, 7);
    m.result = r.opt(i, 8);
    cases[index.at(r.i64(i, 0))].record.measures.push_back(std::move(m));
  }
}

// A case's receipts (a case without the flag but with rows still gets them).
void load_receipts(CaseLoad& l) {
  PGconn* conn = l.conn;
  const std::string& list = l.list;
  std::vector<LoadedCase>& cases = l.cases;
  auto& index = l.index;
  Result r(conn,
           "select case_id, received_on, amount_fen, source, reference from receipts"
           " where case_id = any(" +
               list + ") order by case_id, position");
  for (int i = 0; i < r.rows(); ++i) {
    auto& receipts = cases[index.at(r.i64(i, 0))].record.receipts;
    if (!receipts) receipts.emplace();  // rows without the flag: still the record's facts
    receipts->push_back(
        Receipt{r.date(i, 1), Money::from_fen(r.i64(i, 2)), r.opt(i, 3), r.opt(i, 4)});
  }
}

// Settlements with their instalments (due_on:amount pairs, comma-separated).
void load_settlements(CaseLoad& l) {
  PGconn* conn = l.conn;
  const std::string& list = l.list;
  std::vector<LoadedCase>& cases = l.cases;
  auto& index = l.index;
  auto& party_key = l.party_key;
  Result r(
      conn,
      "select s.case_id, s.signed_on, s.total_fen, s.grace_days, s.guarantor, s.place,"
      " coalesce((select string_agg(i.due_on::text || ':' || i.amount_fen, ',' order by i.position)"
      " from installments i where i.settlement_id = s.id), '')"
      " from settlements s where s.case_id = any(" +
          list + ")");
  for (int i = 0; i < r.rows(); ++i) {
    Settlement st;
    st.signed_on = r.date(i, 1);
    st.total = Money::from_fen(r.i64(i, 2));
    st.grace_days = static_cast<int>(r.i64(i, 3));
    if (!r.null(i, 4)) st.guarantor = party_key.at(r.i64(i, 4));
    st.place = r.opt(i, 5);
    std::string list_text = r.str(i, 6);
    size_t pos = 0;
    while (pos < list_text.size()) {
      size_t comma = list_text.find(',', pos);
      std::string item =
          list_text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      st.installments.push_back(
          {*Date::parse_iso(item.substr(0, 10)), Money::from_fen(std::atoll(item.c_str() + 11))});
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
    cases[index.at(r.i64(i, 0))].record.settlement = std::move(st);
  }
}

void load_relief_applications(CaseLoad& l) {
  PGconn* conn = l.conn;
  const std::string& list = l.list;
  std::vector<LoadedCase>& cases = l.cases;
  auto& index = l.index;
  auto& party_key = l.party_key;
  Result r(conn,
           "select case_id, applicant, applied_on, ground, basis_item, household_size,"
           " household_monthly_income_fen, has_dibao, medical_expenses_fen,"
           " prior_compensation_fen, flags, panel_decided_on, panel_granted, panel_amount_fen,"
           " panel_members, panel_exception_approved from relief_applications"
           " where case_id = any(" +
               list + ")");
  for (int i = 0; i < r.rows(); ++i) {
    ReliefApplication a;
    a.applicant = party_key.at(r.i64(i, 1));
    a.applied_on = r.date(i, 2);
    a.ground = r.str(i, 3);
    a.basis_item = r.str(i, 4);
    if (!r.null(i, 5)) a.household_size = static_cast<int>(r.i64(i, 5));
    a.household_monthly_income = r.money(i, 6);
    if (!r.null(i, 7)) a.has_dibao = r.boolean(i, 7);
    a.medical_expenses = r.money(i, 8);
    a.prior_compensation = r.money(i, 9);
    a.flags = parse_pg_text_array(r.str(i, 10));
    if (!r.null(i, 11)) {
      PanelDecision p;
      p.decided_on = r.date(i, 11);
      p.granted = r.boolean(i, 12);
      p.amount = r.money(i, 13);
      if (!r.null(i, 14)) p.members = parse_pg_text_array(r.str(i, 14));
      p.exception_approved = r.boolean(i, 15);
      a.panel = std::move(p);
    }
    cases[index.at(r.i64(i, 0))].record.relief = std::move(a);
  }
}

}  // namespace

std::vector<LoadedCase> load_cases(soci::session& sql, const std::vector<long long>& ids) {
  std::vector<LoadedCase> cases;
  if (ids.empty()) return cases;
  CaseLoad l{native_connection(sql), id_list(ids), cases, {}, {}, {}};
  load_case_rows(l);
  load_parties(l);
  load_agents(l);
  load_measures(l);
  load_receipts(l);
  load_settlements(l);
  load_relief_applications(l);
  return cases;
}

void for_each_case(soci::session& sql, const std::string& where, size_t chunk,
                   const std::function<void(std::vector<LoadedCase>&)>& visit) {
  PGconn* conn = native_connection(sql);
  long long last = 0;
  for (;;) {
    std::vector<long long> ids;
    {
      Result r(conn, "select c.id from cases c where c.id > " + std::to_string(last) +
                         (where.empty() ? "" : " and (" + where + ")") + " order by c.id limit " +
                         std::to_string(chunk));
      for (int i = 0; i < r.rows(); ++i) ids.push_back(r.i64(i, 0));
    }
    if (ids.empty()) return;
    last = ids.back();
    auto cases = load_cases(sql, ids);
    visit(cases);
    if (ids.size() < chunk) return;
  }
}

long long find_case_id(soci::session& sql, const std::string& case_number) {
  auto parsed = CaseNumber::parse(case_number);
  if (!parsed) return 0;
  std::string text = parsed->text();
  long long id = 0;
  soci::indicator ind;
  sql << "select id from cases where case_number = :n", soci::use(text), soci::into(id, ind);
  return sql.got_data() ? id : 0;
}

}  // namespace zhixing::inline store
