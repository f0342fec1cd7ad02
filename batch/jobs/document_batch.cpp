#include "jobs/document_batch.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>

#include "documents/kinds/events.h"
#include "documents/kinds/ruling_numbers.h"
#include "store/case_loader.h"
#include "store/document_store.h"
#include "store/relief_grant_store.h"
#include "store/ruling_number_store.h"

namespace zhixing::jobs {

namespace fs = std::filesystem;
using documents::DocumentError;
using documents::DocumentErrorCode;
using documents::DocumentEvent;

namespace {

struct WorkItem {
  const LoadedCase* loaded = nullptr;
  DocumentEvent event;
  std::optional<documents::RenderedDocument> rendered;
  std::string signer;  // the sealing certificate's fingerprint ("" unsealed)
  std::optional<DocumentError> error;
  std::optional<seal::SealError> seal_error;
};

CaseFilterTerm filter_term(const std::string& key, const std::string& value) {
  if (key == "court") return {CaseFilterKey::court, value};
  if (key == "year") {
    if (value.size() != 4 || !std::all_of(value.begin(), value.end(), ::isdigit))
      throw std::invalid_argument("year 应为四位年份：" + value);
    return {CaseFilterKey::year, value};
  }
  if (key == "category") return {CaseFilterKey::category, value};
  if (key == "status") {
    static const char* kStatuses[] = {"open", "suspended", "closed"};
    if (std::find(std::begin(kStatuses), std::end(kStatuses), value) == std::end(kStatuses))
      throw std::invalid_argument("status 应为 open、suspended 或 closed：" + value);
    return {CaseFilterKey::status, value};
  }
  throw std::invalid_argument("未知的筛选键 " + key + "（可用 court、year、category、status）");
}

// One run of a clerk's batch: the request, the report it fills, and how a case fails.
class BatchRun {
 public:
  BatchRun(soci::session& sql, const documents::DocumentEngine& engine, const CourtRegistry& courts,
           const DocumentRequest& request, DocumentBatchReport& report)
      : sql_(sql),
        engine_(engine),
        courts_(courts),
        request_(request),
        report_(report),
        kind_name_(documents::kind_name(request.kind)),
        by_case_(request.filter.empty() && !request.all_cases) {}

  std::vector<long long> select_cases();
  void run_chunk(const std::vector<long long>& part, unsigned threads);

 private:
  void fail(const std::string& case_number, const std::optional<DocumentEvent>& event,
            const std::string& code, const std::string& message);
  std::map<long long, documents::ReliefRecords> load_relief(const std::vector<long long>& part,
                                                            const std::vector<LoadedCase>& cases);
  std::vector<WorkItem> plan(const std::vector<long long>& part,
                             const std::vector<LoadedCase>& cases,
                             const std::map<long long, documents::ReliefRecords>& relief,
                             std::vector<RulingPlan>& ruling_plans);
  void store(std::vector<WorkItem>& items);

  soci::session& sql_;
  const documents::DocumentEngine& engine_;
  const CourtRegistry& courts_;
  const DocumentRequest& request_;
  DocumentBatchReport& report_;
  const std::string kind_name_;
  const bool by_case_;
};

void BatchRun::fail(const std::string& case_number, const std::optional<DocumentEvent>& event,
                    const std::string& code, const std::string& message) {
  DocumentOutcome o;
  o.case_number = case_number;
  o.kind = kind_name_;
  if (event) {
    o.event_date = event->date;
    o.position = event->position;
  }
  o.status = DocumentStatus::failed;
  o.code = code;
  o.message = message;
  report_.outcomes.push_back(std::move(o));
  ++report_.failed;
}

std::vector<long long> BatchRun::select_cases() {
  if (!by_case_) {
    CaseSelection selection;
    if (!request_.all_cases) selection.filter = parse_case_filter(request_.filter);
    return selected_case_ids(sql_, selection);
  }
  std::vector<long long> ids;
  for (const auto& number : request_.case_numbers) {
    long long id = find_case_id(sql_, number);
    if (id == 0) {
      fail(number, std::nullopt, "not_applicable", "案件不存在：" + number);
      continue;
    }
    ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// The relief kinds render from relief_decisions rows and posted grants (the vouchers), as in the
// nightly: relief_records loads both.
std::map<long long, documents::ReliefRecords> BatchRun::load_relief(
    const std::vector<long long>& part, const std::vector<LoadedCase>& cases) {
  std::map<long long, documents::ReliefRecords> relief;
  if (request_.kind != documents::DocumentKind::relief_decision &&
      request_.kind != documents::DocumentKind::relief_voucher)
    return relief;
  relief = relief_records(sql_, part);
  for (const auto& lc : cases) {
    auto it = relief.find(lc.id);
    if (it == relief.end()) continue;
    for (auto& d : it->second.decisions)
      if (d.clerk.empty()) d.clerk = lc.record.officers.clerk;
  }
  return relief;
}

const documents::ReliefRecords* relief_of(
    const std::map<long long, documents::ReliefRecords>& relief, long long case_id) {
  static const documents::ReliefRecords kNoRelief;
  auto it = relief.find(case_id);
  return it == relief.end() ? &kNoRelief : &it->second;
}

// The kind's events of each case, skipping (and counting) those already issued in the nightly
// mode; the rulings among them go to ruling_plans, to be numbered before rendering.
std::vector<WorkItem> BatchRun::plan(const std::vector<long long>& part,
                                     const std::vector<LoadedCase>& cases,
                                     const std::map<long long, documents::ReliefRecords>& relief,
                                     std::vector<RulingPlan>& ruling_plans) {
  std::set<std::tuple<long long, std::string, int>> issued;  // (case, date, position)
  if (request_.only_missing)
    for (const auto& e : issued_events(sql_, part, kind_name_))
      issued.insert({e.case_id, e.event_date, e.event_position});
  std::vector<WorkItem> items;
  for (const auto& lc : cases) {
    RulingPlan ruling_plan{lc.id, &lc.record, {}};
    std::vector<DocumentEvent> events;
    try {
      events = documents::due_events(request_.kind, lc.record, *relief_of(relief, lc.id));
    } catch (const DocumentError& e) {
      if (by_case_) fail(lc.record.case_number.text(), std::nullopt, "not_applicable", e.message());
      continue;
    }
    for (const auto& ev : events) {
      if (request_.due_by && ev.date > *request_.due_by) continue;
      if (issued.count({lc.id, ev.date.iso(), ev.position})) {
        ++report_.already_issued;
        continue;
      }
      items.push_back({&lc, ev, std::nullopt, "", std::nullopt, std::nullopt});
      if (const auto ruling = documents::ruling_of(ev, lc.record))
        ruling_plan.planned.push_back(*ruling);
    }
    if (!ruling_plan.planned.empty()) ruling_plans.push_back(std::move(ruling_plan));
  }
  return items;
}

// Stores and writes, in order.
void BatchRun::store(std::vector<WorkItem>& items) {
  for (auto& it : items) {
    const std::string number = it.loaded->record.case_number.text();
    if (it.error) {
      fail(number, it.event, std::string(documents::error_code_name(it.error->code())),
           it.error->message());
      continue;
    }
    if (it.seal_error) {
      fail(number, it.event, std::string(it.seal_error->name()), it.seal_error->what());
      continue;
    }
    try {
      DocumentOutcome o = issue_document(sql_, *it.loaded, it.event, *it.rendered, request_.out_dir,
                                         request_.reissue, request_.issued_by, it.signer);
      (o.status == DocumentStatus::written  ? report_.written
       : o.status == DocumentStatus::reused ? report_.reused
                                            : report_.kept)++;
      report_.outcomes.push_back(std::move(o));
    } catch (const soci::soci_error& e) {
      fail(number, it.event, "db_error", e.what());
    } catch (const std::exception& e) {
      fail(number, it.event, "render_failed", e.what());
    }
  }
}

void BatchRun::run_chunk(const std::vector<long long>& part, unsigned threads) {
  std::vector<LoadedCase> cases = load_cases(sql_, part);
  std::sort(cases.begin(), cases.end(), [](const LoadedCase& a, const LoadedCase& b) {
    return a.record.case_number < b.record.case_number;
  });
  const auto relief = load_relief(part, cases);
  std::vector<RulingPlan> ruling_plans;  // numbered before rendering, as the nightly does
  std::vector<WorkItem> items = plan(part, cases, relief, ruling_plans);
  const auto rulings = number_rulings(sql_, std::move(ruling_plans));
  static const documents::RulingNumbers kNoRulings;
  auto rulings_of = [&](long long case_id) {
    const auto it = rulings.find(case_id);
    return it == rulings.end() ? &kNoRulings : &it->second;
  };
  // Render on every core.
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < items.size();) {
      WorkItem& it = items[i];
      const Court* court = courts_.find(it.loaded->record.case_number.court_code);
      try {
        if (!court) throw DocumentError(DocumentErrorCode::render_failed, "未知法院");
        Court with_name = *court;
        documents::RenderInput input{it.loaded->record, with_name, it.event,
                                     relief_of(relief, it.loaded->id), rulings_of(it.loaded->id)};
        auto rendered = request_.sealing->render(engine_, input, court->name);
        it.rendered = std::move(rendered.document);
        it.signer = std::move(rendered.signer);
      } catch (const DocumentError& e) {
        it.error = e;
      } catch (const seal::SealError& e) {
        it.seal_error = e;
        it.rendered.reset();
      } catch (const std::exception& e) {
        it.error = DocumentError(DocumentErrorCode::render_failed, e.what());
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < items.size(); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  store(items);
}

}  // namespace

std::vector<CaseFilterTerm> parse_case_filter(const std::string& filter) {
  std::vector<CaseFilterTerm> terms;
  size_t pos = 0;
  while (pos <= filter.size()) {
    size_t comma = filter.find(',', pos);
    std::string part =
        filter.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    pos = comma == std::string::npos ? filter.size() + 1 : comma + 1;
    if (part.empty()) continue;
    size_t eq = part.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == part.size())
      throw std::invalid_argument("筛选条件应为 key=value：" + part);
    terms.push_back(filter_term(part.substr(0, eq), part.substr(eq + 1)));
  }
  if (terms.empty()) throw std::invalid_argument("筛选条件为空");
  return terms;
}

DocumentBatchReport run_document_batch(soci::session& sql, const documents::DocumentEngine& engine,
                                       const CourtRegistry& courts,
                                       const DocumentRequest& request) {
  auto started = std::chrono::steady_clock::now();
  if (!request.sealing)
    throw std::logic_error("run_document_batch: DocumentRequest::sealing unset");
  request.sealing->check_run(request.business_date, {request.kind});
  DocumentBatchReport report;
  BatchRun run(sql, engine, courts, request, report);
  const std::vector<long long> ids = run.select_cases();
  const unsigned threads =
      request.threads ? request.threads : std::max(1u, std::thread::hardware_concurrency());
  const size_t chunk = 2000;
  for (size_t start = 0; start < ids.size(); start += chunk) {
    std::vector<long long> part(
        ids.begin() + static_cast<long>(start),
        ids.begin() + static_cast<long>(std::min(ids.size(), start + chunk)));
    run.run_chunk(part, threads);
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace zhixing::jobs
