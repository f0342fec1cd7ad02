#include "jobs/document_batch.h"

#include "store/pg_array.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>
#include <tuple>

#include "documents/kinds/events.h"
#include "documents/kinds/ruling_numbers.h"
#include "jobs/pipeline_hooks.h"
#include "store/case_loader.h"
#include "store/document_store.h"
#include "store/pg_raw.h"
#include "store/relief_store.h"
#include "store/ruling_number_store.h"

namespace zhixing {

namespace fs = std::filesystem;
using documents::DocumentError;
using documents::DocumentErrorCode;
using documents::DocumentEvent;

namespace {

std::string quote_literal(soci::session& sql, const std::string& value) {
  PGconn* conn = native_connection(sql);
  char* q = PQescapeLiteral(conn, value.c_str(), value.size());
  if (!q) throw std::runtime_error(PQerrorMessage(conn));
  std::string out = q;
  PQfreemem(q);
  return out;
}

bool same_file_bytes(const fs::path& path, const std::string& bytes) {
  std::error_code ec;
  if (!fs::exists(path, ec) || fs::file_size(path, ec) != bytes.size()) return false;
  std::ifstream in(path, std::ios::binary);
  std::string have(bytes.size(), '\0');
  in.read(have.data(), static_cast<std::streamsize>(have.size()));
  return have == bytes;
}

// Writes through a temporary file and a rename: a reader never sees half a document.
void write_atomically(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  // A name of its own per process and call: a nightly run and a clerk batch may write the same
  // event's file at once (same bytes); each renames its own complete file into place.
  static std::atomic<unsigned long> counter{0};
  fs::path tmp = path;
  tmp += ".part-" + std::to_string(getpid()) + "-" + std::to_string(counter.fetch_add(1));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("无法写入 " + tmp.string());
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw std::runtime_error("写入失败 " + tmp.string());
  }
  fs::rename(tmp, path);
}

struct WorkItem {
  const LoadedCase* loaded = nullptr;
  DocumentEvent event;
  std::optional<documents::RenderedDocument> rendered;
  std::optional<DocumentError> error;
};

}  // namespace

fs::path document_path(const CaseNumber& number, std::string_view kind, Date date, int position,
                       int version) {
  std::string file = std::string(kind) + "-" + date.iso() + "-" + std::to_string(position);
  if (version > 1) file += "-v" + std::to_string(version);
  return fs::path(number.court_code) / std::to_string(number.year) / number.text() /
         (file + ".pdf");
}

std::string filter_condition(soci::session& sql, const std::string& filter) {
  std::string where;
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
    std::string key = part.substr(0, eq), value = part.substr(eq + 1);
    std::string cond;
    if (key == "court") {
      cond = "c.court_code = " + quote_literal(sql, value);
    } else if (key == "year") {
      if (value.size() != 4 || !std::all_of(value.begin(), value.end(), ::isdigit))
        throw std::invalid_argument("year 应为四位年份：" + value);
      cond = "c.year = " + value;
    } else if (key == "category") {
      cond = quote_literal(sql, value) + " = any(c.categories)";
    } else if (key == "status") {
      static const char* kStatuses[] = {"open", "suspended", "closed"};
      if (std::find(std::begin(kStatuses), std::end(kStatuses), value) == std::end(kStatuses))
        throw std::invalid_argument("status 应为 open、suspended 或 closed：" + value);
      cond = "c.status = " + quote_literal(sql, value);
    } else {
      throw std::invalid_argument("未知的筛选键 " + key + "（可用 court、year、category、status）");
    }
    where += (where.empty() ? "" : " and ") + cond;
  }
  if (where.empty()) throw std::invalid_argument("筛选条件为空");
  return where;
}

DocumentOutcome issue_document(soci::session& sql, const LoadedCase& loaded,
                               const DocumentEvent& event, const documents::RenderedDocument& doc,
                               const fs::path& out_dir, bool reissue,
                               const std::string& issued_by) {
  const CaseRecord& rec = loaded.record;
  const std::string kind_name(documents::kind_name(event.kind));
  DocumentOutcome o;
  o.case_number = rec.case_number.text();
  o.kind = kind_name;
  o.event_date = event.date;
  o.position = event.position;
  o.sha256 = doc.sha256;
  o.size_bytes = static_cast<long long>(doc.pdf.size());
  auto existing = latest_document(sql, loaded.id, kind_name, event.date, event.position);
  if (existing && !reissue) {
    o.version = existing->version;
    o.document_id = existing->id;
    if (existing->sha256 == doc.sha256) {
      o.status = DocumentStatus::reused;
      o.path = existing->path;
      fs::path target = out_dir / existing->path;
      if (!same_file_bytes(target, doc.pdf)) write_atomically(target, doc.pdf);
    } else {
      // Never re-issued by itself: copy the issued file when it is still where it was put.
      o.status = DocumentStatus::kept;
      o.path = existing->path;
      o.sha256 = existing->sha256;
      fs::path issued = fs::path(existing->output_dir) / existing->path;
      fs::path target = out_dir / existing->path;
      if (fs::exists(issued) && fs::weakly_canonical(issued) != fs::weakly_canonical(target)) {
        fs::create_directories(target.parent_path());
        fs::copy_file(issued, target, fs::copy_options::overwrite_existing);
      }
      o.message = "已于第 " + std::to_string(existing->version) +
                  " 版签发，模板或案件数据已变化；如需新版本请使用 --reissue";
    }
    return o;
  }
  DocumentRow row;
  row.case_id = loaded.id;
  row.kind = kind_name;
  row.event_date = event.date;
  row.event_position = event.position;
  row.version = existing ? existing->version + 1 : 1;
  row.template_name = doc.template_name;
  row.template_version = doc.template_version;
  row.sha256 = doc.sha256;
  row.size_bytes = static_cast<long long>(doc.pdf.size());
  row.pages = doc.pages;
  row.output_dir = fs::weakly_canonical(out_dir).string();
  row.path =
      document_path(rec.case_number, kind_name, event.date, event.position, row.version).string();
  row.issued_by = issued_by;
  fs::path target = out_dir / row.path;
  // The file first, then the row: a crash between leaves a file the next run reuses,
  // never a row without its document.
  write_atomically(target, doc.pdf);
  if (!insert_document(sql, row)) {
    // A concurrent batch issued it first; that one stands.
    auto winner = latest_document(sql, loaded.id, kind_name, event.date, event.position);
    o.status =
        winner && winner->sha256 == doc.sha256 ? DocumentStatus::reused : DocumentStatus::kept;
    o.version = winner ? winner->version : 0;
    o.path = winner ? winner->path : row.path;
    if (winner) o.document_id = winner->id;
    return o;
  }
  o.status = DocumentStatus::written;
  o.version = row.version;
  o.path = row.path;
  o.document_id = row.id;
  return o;
}

DocumentBatchReport run_document_batch(soci::session& sql, const documents::DocumentEngine& engine,
                                       const CourtRegistry& courts,
                                       const DocumentRequest& request) {
  auto started = std::chrono::steady_clock::now();
  DocumentBatchReport report;
  const std::string kind_name(documents::kind_name(request.kind));
  const bool by_case = request.filter.empty() && !request.all_cases;

  auto fail = [&](const std::string& case_number, const std::optional<DocumentEvent>& event,
                  const std::string& code, const std::string& message) {
    DocumentOutcome o;
    o.case_number = case_number;
    o.kind = kind_name;
    if (event) {
      o.event_date = event->date;
      o.position = event->position;
    }
    o.status = DocumentStatus::failed;
    o.code = code;
    o.message = message;
    report.outcomes.push_back(std::move(o));
    ++report.failed;
  };

  // Which cases.
  std::vector<long long> ids;
  if (by_case) {
    for (const auto& number : request.case_numbers) {
      long long id = find_case_id(sql, number);
      if (id == 0) {
        fail(number, std::nullopt, "not_applicable", "案件不存在：" + number);
        continue;
      }
      ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  } else {
    std::string where = request.all_cases ? "true" : filter_condition(sql, request.filter);
    soci::rowset<long long> rows =
        (sql.prepare << "select c.id from cases c where " + where + " order by c.case_number");
    for (long long id : rows) ids.push_back(id);
  }

  const unsigned threads =
      request.threads ? request.threads : std::max(1u, std::thread::hardware_concurrency());
  const size_t chunk = 2000;
  for (size_t start = 0; start < ids.size(); start += chunk) {
    std::vector<long long> part(
        ids.begin() + static_cast<long>(start),
        ids.begin() + static_cast<long>(std::min(ids.size(), start + chunk)));
    std::vector<LoadedCase> cases = load_cases(sql, part);
    std::sort(cases.begin(), cases.end(), [](const LoadedCase& a, const LoadedCase& b) {
      return a.record.case_number < b.record.case_number;
    });
    // Plan: the kind's events of each case.
    std::set<std::tuple<long long, std::string, int>> issued;  // (case, date, position)
    if (request.only_missing) {
      std::string list = pg_bigint_array(part);
      soci::rowset<soci::row> rows =
          (sql.prepare
               << "select case_id, to_char(event_date, 'YYYY-MM-DD'), event_position"
                  " from documents where kind = :k and case_id = any(cast(:ids as bigint[]))",
           soci::use(kind_name), soci::use(list));
      for (const auto& r : rows)
        issued.insert({r.get<long long>(0), r.get<std::string>(1), r.get<int>(2)});
    }
    std::vector<WorkItem> items;
    // The relief kinds render from relief_decisions rows and posted grants (the vouchers), as in
    // the nightly: relief_records (pipeline_hooks.h) loads both.
    const bool relief_kind = request.kind == documents::DocumentKind::relief_decision ||
                             request.kind == documents::DocumentKind::relief_voucher;
    std::map<long long, documents::ReliefRecords> relief;
    if (relief_kind) {
      relief = jobs::relief_records(sql, part);
      for (const auto& lc : cases) {
        auto it = relief.find(lc.id);
        if (it == relief.end()) continue;
        for (auto& d : it->second.decisions)
          if (d.clerk.empty()) d.clerk = lc.record.officers.clerk;
      }
    }
    const documents::ReliefRecords no_relief;
    auto relief_of = [&](long long case_id) -> const documents::ReliefRecords* {
      auto it = relief.find(case_id);
      return it == relief.end() ? &no_relief : &it->second;
    };
    std::vector<RulingPlan> ruling_plans;  // numbered before rendering, as the nightly does
    for (const auto& lc : cases) {
      RulingPlan ruling_plan{lc.id, &lc.record, {}};
      std::vector<DocumentEvent> events;
      try {
        events = documents::due_events(request.kind, lc.record, *relief_of(lc.id));
      } catch (const DocumentError& e) {
        if (by_case)
          fail(lc.record.case_number.text(), std::nullopt, "not_applicable", e.message());
        continue;
      }
      for (const auto& ev : events) {
        if (request.due_by && ev.date > *request.due_by) continue;
        if (issued.count({lc.id, ev.date.iso(), ev.position})) {
          ++report.already_issued;
          continue;
        }
        items.push_back({&lc, ev, std::nullopt, std::nullopt});
        if (const auto ruling = documents::ruling_of(ev, lc.record))
          ruling_plan.planned.push_back(*ruling);
      }
      if (!ruling_plan.planned.empty()) ruling_plans.push_back(std::move(ruling_plan));
    }
    const auto rulings = number_rulings(sql, std::move(ruling_plans));
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
        const Court* court = courts.find(it.loaded->record.case_number.court_code);
        try {
          if (!court) throw DocumentError(DocumentErrorCode::render_failed, "未知法院");
          Court with_name = *court;
          documents::RenderInput input{it.loaded->record, with_name, it.event,
                                       relief_of(it.loaded->id), rulings_of(it.loaded->id)};
          it.rendered = engine.render(input);
        } catch (const DocumentError& e) {
          it.error = e;
        } catch (const std::exception& e) {
          it.error = DocumentError(DocumentErrorCode::render_failed, e.what());
        }
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < items.size(); ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();

    // Store and write, in order.
    for (auto& it : items) {
      const std::string number = it.loaded->record.case_number.text();
      if (it.error) {
        fail(number, it.event, std::string(documents::error_code_name(it.error->code())),
             it.error->message());
        continue;
      }
      try {
        DocumentOutcome o = issue_document(sql, *it.loaded, it.event, *it.rendered, request.out_dir,
                                           request.reissue, request.issued_by);
        (o.status == DocumentStatus::written  ? report.written
         : o.status == DocumentStatus::reused ? report.reused
                                              : report.kept)++;
        report.outcomes.push_back(std::move(o));
      } catch (const soci::soci_error& e) {
        fail(number, it.event, "db_error", e.what());
      } catch (const std::exception& e) {
        fail(number, it.event, "render_failed", e.what());
      }
    }
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace zhixing
