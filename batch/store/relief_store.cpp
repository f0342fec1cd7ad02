#include "store/relief_store.h"

#include "store/pg_array.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <libpq-fe.h>

#include <stdexcept>

#include "core/case_number.h"
#include "core/json_text.h"
#include "relief/rules.h"
#include "store/pg_raw.h"
#include "store/user_store.h"

namespace zhixing::inline store {

namespace {

std::string_view effect_name(relief::Effect e) {
  switch (e) {
    case relief::Effect::excludes:
      return "excludes";
    case relief::Effect::needs_review:
      return "needs_review";
    case relief::Effect::none:
      return "none";
  }
  return "none";
}

std::string rules_json(const relief::Assessment& a) {
  std::vector<std::string> rules;
  rules.reserve(a.rules.size());
  for (const auto& r : a.rules)
    rules.push_back(JsonObject()
                        .add_string("id", relief::rule_id_name(r.id))
                        .add_bool("passed", r.passed)
                        .add_string("effect", effect_name(r.effect))
                        .add_string("reason", r.reason)
                        .str());
  return json_array(rules);
}

long long affected(PGconn* conn, const std::string& statement) {
  PgResult r(PQexec(conn, statement.c_str()));
  ExecStatusType st = PQresultStatus(r.get());
  std::string err = PQresultErrorMessage(r.get());
  long long n = st == PGRES_COMMAND_OK ? std::atoll(PQcmdTuples(r.get())) : 0;
  if (st != PGRES_COMMAND_OK) throw std::runtime_error("救助评估写入失败：" + err);
  return n;
}

// Inserts one numbered decision inside the caller's transaction, which holds the counter row
// lock. Returns the relief case number.
std::string insert_numbered(soci::session& sql, const std::string& court, int year, int serial,
                            long long case_id, long long application_id, long long applicant,
                            const std::string& applied_on, const std::string& decided_on,
                            bool granted, std::optional<int64_t> amount_fen,
                            bool exception_approved, const std::string& basis_item,
                            const std::string& members, const std::string& source,
                            std::optional<long long> decided_by) {
  CaseNumber number{year, court, "司救执", serial};
  std::string text = number.text();
  long long amount = amount_fen.value_or(0);
  soci::indicator amount_i = amount_fen ? soci::i_ok : soci::i_null;
  long long by = decided_by.value_or(0);
  soci::indicator by_i = decided_by ? soci::i_ok : soci::i_null;
  int g = granted, e = exception_approved;
  std::string court_code = court, applied = applied_on, decided = decided_on, basis = basis_item,
              m = members, src = source;
  sql << "insert into relief_decisions (case_number, court_code, year, serial, case_id,"
         " application_id, applicant, applied_on, decided_on, granted, amount_fen,"
         " exception_approved, basis_item, members, source, decided_by) values (:n, :c, :y, :s,"
         " :case, :app, :who, cast(:ad as date), cast(:dd as date), cast(:g as boolean), :amt,"
         " cast(:e as boolean), :b, cast(:m as text[]), :src, :by)",
      soci::use(text), soci::use(court_code), soci::use(year), soci::use(serial),
      soci::use(case_id), soci::use(application_id), soci::use(applicant), soci::use(applied),
      soci::use(decided), soci::use(g), soci::use(amount, amount_i), soci::use(e), soci::use(basis),
      soci::use(m), soci::use(src), soci::use(by, by_i);
  return text;
}

// Locks (creating if needed) the counter of a court and year; returns its last serial.
int lock_counter(soci::session& sql, const std::string& court, int year) {
  std::string c = court;
  sql << "insert into relief_case_counters (court_code, year) values (:c, :y)"
         " on conflict do nothing",
      soci::use(c), soci::use(year);
  int last = 0;
  sql << "select last_serial from relief_case_counters where court_code = :c and year = :y"
         " for update",
      soci::use(c), soci::use(year), soci::into(last);
  return last;
}

void set_counter(soci::session& sql, const std::string& court, int year, int last) {
  std::string c = court;
  sql << "update relief_case_counters set last_serial = :l where court_code = :c and year = :y",
      soci::use(last), soci::use(c), soci::use(year);
}

}  // namespace

StoreAssessmentsResult store_assessments(soci::session& sql,
                                         const std::vector<AssessmentToStore>& rows,
                                         Date business_date) {
  StoreAssessmentsResult result;
  if (rows.empty()) return result;
  PGconn* conn = native_connection(sql);
  soci::transaction tx(sql);
  exec_script(sql,
              "set local client_min_messages = warning;"
              " create temporary table if not exists relief_assessments_in ("
              " case_id bigint, application_id bigint, kind text, ruleset text,"
              " inputs_sha256 text, outcome text, proposed_fen bigint, cap_fen bigint,"
              " outstanding_loss_fen bigint, basis_item integer, wage_year integer, rules jsonb,"
              " due_on date)"
              " on commit delete rows");
  {
    CopyIn copy(sql,
                "copy relief_assessments_in (case_id, application_id, kind, ruleset,"
                " inputs_sha256, outcome, proposed_fen, cap_fen, outstanding_loss_fen, basis_item,"
                " wage_year, rules, due_on) from stdin");
    for (const auto& row : rows) {
      const relief::Assessment& a = *row.assessment;
      copy.field(row.case_id);
      if (row.application_id)
        copy.field(*row.application_id);
      else
        copy.null();
      copy.field(row.application_id ? std::string_view("application") : "screening");
      copy.field(a.ruleset).field(a.inputs_sha256).field(relief::outcome_name(a.outcome));
      if (a.outcome == relief::Outcome::eligible && a.proposed)
        copy.field(static_cast<long long>(a.proposed->fen()));
      else
        copy.null();
      copy.field(static_cast<long long>(a.cap.fen()))
          .field(static_cast<long long>(a.outstanding_loss.fen()))
          .field(static_cast<long long>(a.basis_item))
          .field(static_cast<long long>(a.wage_year));
      copy.field(rules_json(a));
      if (a.changes_on)
        copy.field(a.changes_on->iso());
      else
        copy.null();
      copy.end_row();
    }
    copy.finish();
  }
  // An identical row that is not the case's current one (inputs changed, then changed back)
  // becomes current again.
  result.revived = affected(
      conn,
      "update relief_assessments a set assessed_at = clock_timestamp() from relief_assessments_in t"
      " where a.case_id = t.case_id and a.ruleset = t.ruleset and a.inputs_sha256 = t.inputs_sha256"
      " and exists (select 1 from relief_assessments b where b.case_id = a.case_id"
      " and (b.assessed_at, b.id) > (a.assessed_at, a.id))");
  result.inserted = affected(
      conn,
      "insert into relief_assessments (case_id, application_id, kind, ruleset, inputs_sha256,"
      " business_date, outcome, proposed_fen, cap_fen, outstanding_loss_fen, basis_item,"
      " wage_year, rules, due_on) select case_id, application_id, kind, ruleset, inputs_sha256,"
      " '" +
          business_date.iso() +
          "'::date, outcome, proposed_fen, cap_fen, outstanding_loss_fen, basis_item,"
          " nullif(wage_year, 0), rules, due_on from relief_assessments_in order by case_id"
          " on conflict (case_id, ruleset, inputs_sha256) do nothing");
  tx.commit();
  result.unchanged = static_cast<int64_t>(rows.size()) - result.inserted - result.revived;
  return result;
}

std::vector<AssessmentListRow> current_assessments(soci::session& sql, const std::string& outcome) {
  std::string o = outcome;
  soci::rowset<soci::row> rows =
      (sql.prepare << "select c.case_number, a.kind, a.outcome, a.proposed_fen, a.cap_fen,"
                      " coalesce((select d.case_number from relief_decisions d"
                      " where d.case_id = c.id order by d.id desc limit 1), '')"
                      " from cases c join lateral (select * from relief_assessments x"
                      " where x.case_id = c.id order by (x.kind = 'application') desc,"
                      " x.assessed_at desc, x.id desc limit 1) a on true"
                      " where :o = '' or a.outcome = :o2"
                      " order by c.court_code, c.year, c.type_code, c.serial",
       soci::use(o), soci::use(o));
  std::vector<AssessmentListRow> out;
  for (const auto& r : rows) {
    AssessmentListRow row;
    row.case_number = r.get<std::string>(0);
    row.kind = r.get<std::string>(1);
    row.outcome = r.get<std::string>(2);
    if (r.get_indicator(3) == soci::i_ok) row.proposed_fen = r.get<long long>(3);
    row.cap_fen = r.get<long long>(4);
    row.decision_number = r.get<std::string>(5);
    out.push_back(std::move(row));
  }
  return out;
}

std::optional<StoredAssessment> latest_assessment(soci::session& sql, long long case_id) {
  StoredAssessment a;
  std::string rules, business_date;
  long long proposed = 0;
  soci::indicator proposed_i;
  sql << "select a.id, c.case_number, a.kind, a.outcome, a.proposed_fen, a.cap_fen,"
         " a.outstanding_loss_fen, a.ruleset, a.inputs_sha256, to_char(a.business_date,"
         " 'YYYY-MM-DD'), to_char(a.assessed_at, 'YYYY-MM-DD HH24:MI:SS'), a.rules::text"
         " from relief_assessments a join cases c on c.id = a.case_id where a.case_id = :c"
         " order by (a.kind = 'application') desc, a.assessed_at desc, a.id desc limit 1",
      soci::use(case_id), soci::into(a.id), soci::into(a.case_number), soci::into(a.kind),
      soci::into(a.outcome), soci::into(proposed, proposed_i), soci::into(a.cap_fen),
      soci::into(a.outstanding_loss_fen), soci::into(a.ruleset), soci::into(a.inputs_sha256),
      soci::into(business_date), soci::into(a.assessed_at), soci::into(rules);
  if (!sql.got_data()) return std::nullopt;
  if (proposed_i == soci::i_ok) a.proposed_fen = proposed;
  a.business_date = *Date::parse_iso(business_date);
  Poco::JSON::Parser parser;
  auto array = parser.parse(rules).extract<Poco::JSON::Array::Ptr>();
  for (size_t i = 0; i < array->size(); ++i) {
    auto o = array->getObject(static_cast<unsigned>(i));
    a.rules.push_back({o->getValue<std::string>("id"), o->getValue<bool>("passed"),
                       o->optValue<std::string>("effect", ""), o->getValue<std::string>("reason")});
  }
  return a;
}

std::string explain_json(const StoredAssessment& a) {
  std::vector<std::string> rules;
  rules.reserve(a.rules.size());
  for (const auto& r : a.rules)
    rules.push_back(JsonObject()
                        .add_string("id", r.id)
                        .add_bool("passed", r.passed)
                        .add_string("reason", r.reason)
                        .str());
  return JsonObject()
      .add_string("case_number", a.case_number)
      .add_string("outcome", a.outcome)
      .add("proposed_fen", a.outcome == "eligible" && a.proposed_fen ? json_number(*a.proposed_fen)
                                                                     : std::string("null"))
      .add_number("cap_fen", a.cap_fen)
      .add_string("ruleset", a.ruleset)
      .add("rules", json_array(rules))
      .str();
}

std::set<std::pair<long long, std::string>> relief_received(
    soci::session& sql, const std::vector<long long>& case_ids) {
  std::set<std::pair<long long, std::string>> out;
  if (case_ids.empty()) return out;
  std::string ids = pg_bigint_array(case_ids);
  // Relief received earlier: a granted panel decision on another of the case's applications.
  soci::rowset<soci::row> rows =
      (sql.prepare << "select d.case_id, p.party_key from relief_decisions d"
                      " join parties p on p.id = d.applicant"
                      " join relief_applications ra on ra.case_id = d.case_id"
                      " where d.granted and d.application_id <> ra.id"
                      " and d.case_id = any(cast(:ids as bigint[]))",
       soci::use(ids));
  for (const auto& r : rows) out.insert({r.get<long long>(0), r.get<std::string>(1)});
  return out;
}

std::map<long long, long long> relief_application_ids(soci::session& sql,
                                                      const std::vector<long long>& case_ids) {
  std::map<long long, long long> out;
  std::string ids = pg_bigint_array(case_ids);
  soci::rowset<soci::row> rows = (sql.prepare << "select case_id, id from relief_applications"
                                                 " where case_id = any(cast(:ids as bigint[]))",
                                  soci::use(ids));
  for (const auto& r : rows) out[r.get<long long>(0)] = r.get<long long>(1);
  return out;
}

NumberingReport number_relief_decisions(soci::session& sql) {
  NumberingReport report;
  sql << "select count(*) from relief_decisions", soci::into(report.existing);
  // Applications whose panel differs from their recorded decision (the importer refuses to
  // rewrite a panel, so this only shows a decision entered outside zhixing).
  sql << "select count(*) from relief_decisions d join relief_applications ra"
         " on ra.id = d.application_id where ra.panel_decided_on is distinct from d.decided_on"
         " or ra.panel_granted is distinct from d.granted"
         " or ra.panel_amount_fen is distinct from d.amount_fen",
      soci::into(report.conflicts);
  // The groups (court, decision year) with something to number.
  std::vector<std::pair<std::string, int>> groups;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "select distinct c.court_code, extract(year from ra.panel_decided_on)::int"
                        " from relief_applications ra join cases c on c.id = ra.case_id"
                        " where ra.panel_decided_on is not null and not exists"
                        " (select 1 from relief_decisions d where d.application_id = ra.id)"
                        " order by 1, 2");
    for (const auto& r : rows) groups.emplace_back(r.get<std::string>(0), r.get<int>(1));
  }
  for (const auto& [court, year] : groups) {
    soci::transaction tx(sql);
    int last = lock_counter(sql, court, year);
    // Read after the lock: a concurrent run that numbered some of them has committed.
    struct Pending {
      long long case_id, application_id, applicant;
      std::string applied_on, decided_on, basis_item, members;
      bool granted, exception_approved;
      std::optional<int64_t> amount_fen;
      std::string source;
    };
    std::vector<Pending> pending;
    {
      std::string c = court;
      soci::rowset<soci::row> rows =
          (sql.prepare
               << "select ra.case_id, ra.id, ra.applicant, to_char(ra.applied_on,"
                  " 'YYYY-MM-DD'), to_char(ra.panel_decided_on, 'YYYY-MM-DD'),"
                  " ra.basis_item, coalesce(ra.panel_members, '{}')::text,"
                  " coalesce(ra.panel_granted, false)::int, ra.panel_exception_approved::int,"
                  " ra.panel_amount_fen, coalesce(ra.panel_source, 'import')"
                  " from relief_applications ra join cases c on c.id = ra.case_id"
                  " where c.court_code = :c and ra.panel_decided_on is not null"
                  " and extract(year from ra.panel_decided_on) = :y and not exists"
                  " (select 1 from relief_decisions d where d.application_id = ra.id)"
                  " order by c.court_code, c.year, c.type_code, c.serial",
           soci::use(c), soci::use(year));
      for (const auto& r : rows) {
        Pending p{r.get<long long>(0),   r.get<long long>(1),   r.get<long long>(2),
                  r.get<std::string>(3), r.get<std::string>(4), r.get<std::string>(5),
                  r.get<std::string>(6), r.get<int>(7) != 0,    r.get<int>(8) != 0,
                  std::nullopt,          r.get<std::string>(10)};
        if (r.get_indicator(9) == soci::i_ok) p.amount_fen = r.get<long long>(9);
        pending.push_back(std::move(p));
      }
    }
    for (const auto& p : pending) {
      if (p.granted && !p.amount_fen)
        continue;  // a grant without an amount: the assessment flags it
      if (parse_pg_text_array(p.members).empty()) continue;
      report.numbers.push_back(insert_numbered(
          sql, court, year, ++last, p.case_id, p.application_id, p.applicant, p.applied_on,
          p.decided_on, p.granted, p.granted ? p.amount_fen : std::nullopt, p.exception_approved,
          p.basis_item, p.members, "import", std::nullopt));
      ++report.numbered;
    }
    set_counter(sql, court, year, last);
    tx.commit();
  }
  return report;
}

std::string_view decide_status_name(DecideStatus s) {
  switch (s) {
    case DecideStatus::recorded:
      return "recorded";
    case DecideStatus::already_recorded:
      return "already_recorded";
    case DecideStatus::conflict:
      return "conflict";
    case DecideStatus::unknown_user:
      return "unknown_user";
    case DecideStatus::forbidden:
      return "forbidden";
    case DecideStatus::unknown_case:
      return "unknown_case";
    case DecideStatus::no_application:
      return "no_application";
    case DecideStatus::bad_amount:
      return "bad_amount";
  }
  return "unknown";
}

namespace {

// The decision's own facts: an amount exactly when granted, above zero and not above the loss
// still outstanding, and a panel.
std::optional<DecideResult> check_decision_entry(const DecisionEntry& entry,
                                                 const std::optional<Money>& outstanding_loss) {
  DecideResult result;
  if (entry.granted && !entry.amount) {
    result.status = DecideStatus::bad_amount;
    result.message = "决定给予救助时必须写明救助金额（--amount）";
    return result;
  }
  if (!entry.granted && entry.amount) {
    result.status = DecideStatus::bad_amount;
    result.message = "决定不予救助时不能写救助金额";
    return result;
  }
  if (entry.amount && entry.amount->fen() <= 0) {
    result.status = DecideStatus::bad_amount;
    result.message = "救助金额应大于零";
    return result;
  }
  if (entry.amount && outstanding_loss && *entry.amount > *outstanding_loss) {
    // Never above the sum awarded and not enforced, whatever the approval.
    result.status = DecideStatus::bad_amount;
    result.message = "救助金额" + entry.amount->plain() + "元超过尚未获得赔偿的损失" +
                     outstanding_loss->plain() + "元";
    return result;
  }
  if (entry.members.empty()) {
    result.status = DecideStatus::bad_amount;
    result.message = "合议庭成员不能为空";
    return result;
  }
  return std::nullopt;
}

// Records the decision on the case's application under a new relief case number, or reports
// the decision already on record (the same: already_recorded; another: conflict).
DecideResult record_decision(soci::session& sql, const DecisionEntry& entry,
                             const CaseNumber& number, long long user_id) {
  DecideResult result;
  soci::transaction tx(sql);
  std::string text = number.text();
  long long case_id = 0, application_id = 0, applicant = 0;
  std::string court, applied_on, basis_item;
  soci::indicator app_i;
  sql << "select c.id, c.court_code, ra.id, ra.applicant, to_char(ra.applied_on, 'YYYY-MM-DD'),"
         " ra.basis_item from cases c left join relief_applications ra on ra.case_id = c.id"
         " where c.case_number = :n for update of c",
      soci::use(text), soci::into(case_id), soci::into(court), soci::into(application_id, app_i),
      soci::into(applicant, app_i), soci::into(applied_on, app_i), soci::into(basis_item, app_i);
  if (!sql.got_data()) {
    result.status = DecideStatus::unknown_case;
    result.message = "案件不存在：" + text;
    return result;
  }
  if (app_i != soci::i_ok) {
    result.status = DecideStatus::no_application;
    result.message = "案件 " + text + " 没有国家司法救助申请";
    return result;
  }
  // Lock the application; then compare with what is on record.
  std::string decided, members_text;
  int granted = 0, exception = 0;
  long long amount = 0;
  soci::indicator decided_i, amount_i;
  sql << "select to_char(panel_decided_on, 'YYYY-MM-DD'), coalesce(panel_granted, false)::int,"
         " panel_amount_fen, coalesce(panel_members, '{}')::text, panel_exception_approved::int"
         " from relief_applications where id = :id for update",
      soci::use(application_id), soci::into(decided, decided_i), soci::into(granted),
      soci::into(amount, amount_i), soci::into(members_text), soci::into(exception);
  const Date today = entry.decided_on;
  if (decided_i == soci::i_ok) {
    const bool same =
        (granted != 0) == entry.granted &&
        (amount_i == soci::i_ok ? std::optional<int64_t>(amount) : std::nullopt) ==
            (entry.amount ? std::optional<int64_t>(entry.amount->fen()) : std::nullopt) &&
        (exception != 0) == entry.exception_approved &&
        (!entry.decided_on_given || entry.decided_on.iso() == decided);
    std::string existing;
    sql << "select case_number from relief_decisions where application_id = :id",
        soci::use(application_id), soci::into(existing);
    result.relief_case_number = existing;
    if (same) {
      result.status = DecideStatus::already_recorded;
      result.message = "合议庭决定已记录" +
                       (existing.empty() ? std::string() : "（" + existing + "）") + "，未作更改";
      // Recorded by import and not numbered yet: the numbering step opens its relief case.
      return result;
    }
    result.status = DecideStatus::conflict;
    result.message = "案件 " + text + " 已记录不同的合议庭决定（" + decided + "，" +
                     (granted ? "给予救助" : "不予救助") + "），已记录的决定不会被改写";
    return result;
  }
  std::string iso = today.iso(), members = pg_text_array(entry.members);
  int g = entry.granted, e = entry.exception_approved;
  long long amount_fen = entry.amount ? entry.amount->fen() : 0;
  soci::indicator amount_in = entry.amount ? soci::i_ok : soci::i_null;
  sql << "update relief_applications set panel_decided_on = cast(:d as date),"
         " panel_granted = cast(:g as boolean), panel_amount_fen = :a,"
         " panel_members = cast(:m as text[]), panel_exception_approved = cast(:e as boolean),"
         " panel_source = 'user' where id = :id",
      soci::use(iso), soci::use(g), soci::use(amount_fen, amount_in), soci::use(members),
      soci::use(e), soci::use(application_id);
  const int year = today.year();
  int last = lock_counter(sql, court, year);
  result.relief_case_number = insert_numbered(
      sql, court, year, last + 1, case_id, application_id, applicant, applied_on, iso,
      entry.granted, entry.amount ? std::optional<int64_t>(entry.amount->fen()) : std::nullopt,
      entry.exception_approved, basis_item, members, "user", user_id);
  set_counter(sql, court, year, last + 1);
  tx.commit();
  result.status = DecideStatus::recorded;
  result.message = "已记录合议庭决定，立案 " + result.relief_case_number;
  return result;
}

}  // namespace

DecideResult decide_relief(soci::session& sql, const DecisionEntry& entry,
                           const std::optional<Money>& outstanding_loss) {
  DecideResult result;
  auto user = find_console_user(sql, entry.user);
  if (!user) {
    result.status = DecideStatus::unknown_user;
    result.message = "用户不存在：" + entry.user;
    return result;
  }
  const long long user_id = user->id;
  const std::string role = user->role;
  if (role != "admin" && role != "clerk") {
    result.status = DecideStatus::forbidden;
    result.message = "用户 " + entry.user + " 的角色为 " + role +
                     "，只有管理员（admin）或书记员（clerk）可以录入救助决定";
    return result;
  }
  auto number = CaseNumber::parse(entry.case_number);
  if (!number) {
    result.status = DecideStatus::unknown_case;
    result.message = "案号格式不正确：" + entry.case_number;
    return result;
  }
  if (auto rejected = check_decision_entry(entry, outstanding_loss)) return *rejected;
  return record_decision(sql, entry, *number, user_id);
}

std::map<long long, documents::ReliefRecords> relief_records_for(
    soci::session& sql, const std::vector<long long>& case_ids) {
  std::map<long long, documents::ReliefRecords> out;
  if (case_ids.empty()) return out;
  std::string ids = pg_bigint_array(case_ids);
  soci::rowset<soci::row> rows =
      (sql.prepare << "select d.case_id, d.case_number, p.party_key, to_char(d.applied_on,"
                      " 'YYYY-MM-DD'), to_char(d.decided_on, 'YYYY-MM-DD'), d.granted::int,"
                      " d.amount_fen, d.basis_item, d.members::text, a.cap_fen,"
                      " a.outstanding_loss_fen from relief_decisions d"
                      " join parties p on p.id = d.applicant"
                      // The assessment the panel decided on: the case's latest application
                      // assessment of a business date on or before the decision (an imported
                      // decision may precede its case's first assessment: then the earliest).
                      " left join lateral (select x.cap_fen, x.outstanding_loss_fen"
                      "   from relief_assessments x where x.case_id = d.case_id"
                      "   and x.kind = 'application'"
                      "   order by (x.business_date <= d.decided_on) desc,"
                      "   case when x.business_date <= d.decided_on then x.business_date end desc,"
                      "   x.business_date, x.assessed_at desc, x.id desc limit 1) a"
                      "   on true"
                      " where d.case_id = any(cast(:ids as bigint[])) order by d.case_id, d.id",
       soci::use(ids));
  for (const auto& r : rows) {
    documents::ReliefDecisionRecord d;
    auto number = CaseNumber::parse(r.get<std::string>(1));
    if (!number) throw std::runtime_error("数据库中的救助案号无法解析：" + r.get<std::string>(1));
    d.relief_case_number = *number;
    d.applicant = r.get<std::string>(2);
    d.applied_on = *Date::parse_iso(r.get<std::string>(3));
    d.decided_on = *Date::parse_iso(r.get<std::string>(4));
    d.granted = r.get<int>(5) != 0;
    if (r.get_indicator(6) == soci::i_ok) d.amount = Money::from_fen(r.get<long long>(6));
    d.basis_item = r.get<std::string>(7);
    d.members = parse_pg_text_array(r.get<std::string>(8));
    if (r.get_indicator(9) == soci::i_ok && r.get<long long>(9) > 0)
      d.cap = Money::from_fen(r.get<long long>(9));
    if (r.get_indicator(10) == soci::i_ok)
      d.outstanding_loss = Money::from_fen(r.get<long long>(10));
    out[r.get<long long>(0)].decisions.push_back(std::move(d));
  }
  // Posted grants (out[case].grants, the vouchers) come from the ledger: relief_records.
  return out;
}

}  // namespace zhixing::inline store
