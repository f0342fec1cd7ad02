#include "importer/importer.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <fstream>
#include <future>
#include <memory>
#include <set>
#include <stdexcept>
#include <thread>
#include <unordered_set>
#include <variant>

#include "core/json_text.h"
#include "core/sha256.h"
#include "importer/line_reader.h"
#include "importer/record_parser.h"
#include "store/case_store.h"
#include "store/database.h"
#include "store/import_run_store.h"

namespace zhixing::inline importer {

namespace {

constexpr size_t kQuarantineHeadBytes = 64 * 1024;

struct Item {
  InputLine input;
  std::string sha256;
  std::variant<CaseRecord, Rejection> parsed;
};

// Best effort, for the quarantine and the rejects file: the value of "case_number" if the line
// carries one as a plain string.
std::optional<std::string> sniff_case_number(const std::string& line) {
  size_t k = line.find("\"case_number\"");
  if (k == std::string::npos) return std::nullopt;
  size_t colon = line.find_first_not_of(" \t", k + 13);
  if (colon == std::string::npos || line[colon] != ':') return std::nullopt;
  size_t open = line.find_first_not_of(" \t", colon + 1);
  if (open == std::string::npos || line[open] != '"') return std::nullopt;
  size_t close = line.find('"', open + 1);
  if (close == std::string::npos || close - open > 200) return std::nullopt;
  std::string v = line.substr(open + 1, close - open - 1);
  if (v.find('\\') != std::string::npos) return std::nullopt;
  return v;
}

void parse_items(std::vector<Item>& items, const CourtRegistry& courts) {
  auto work = [&](size_t from, size_t step) {
    for (size_t i = from; i < items.size(); i += step) {
      Item& it = items[i];
      it.sha256 = sha256_hex(it.input.bytes);
      if (it.input.too_long) {
        it.parsed =
            Rejection{"line_too_long", "",
                      "行长度 " + std::to_string(it.input.length) + " 字节，超过 1 MiB 上限"};
      } else if (it.input.has_bom) {
        it.parsed = Rejection{"bad_encoding", "", "文件以 BOM 开头（应为不带 BOM 的 UTF-8）"};
      } else {
        it.parsed = parse_case_record(it.input.bytes, courts);
      }
    }
  };
  unsigned threads = std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()), 4);
  if (items.size() < 64) threads = 1;
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t, threads);
  work(0, threads);
  for (auto& t : pool) t.join();
}

// The next batch of lines, bounded by lines and by bytes (2,000 lines of 1 MiB would otherwise
// be 2 GB at once); `more` turns false at the end of the file. Returns the batch's bytes.
size_t read_batch(LineReader& reader, const ImportOptions& options, std::vector<Item>& items,
                  bool& more) {
  items.clear();
  items.reserve(std::min<size_t>(options.batch_size, 4096));
  size_t batch_bytes = 0;
  while (items.size() < options.batch_size &&
         (items.empty() || batch_bytes < options.batch_max_bytes)) {
    Item it;
    if (!reader.next(it.input)) {
      more = false;
      break;
    }
    batch_bytes += it.input.bytes.size();
    items.push_back(std::move(it));
  }
  return batch_bytes;
}

// The records of items[start..] up to, not including, a case number the sub-batch already
// holds (a later update of it); rejected lines on the way are appended to `rejected`. Returns
// the end of the sub-batch.
size_t take_sub_batch(const std::vector<Item>& items, size_t start,
                      std::vector<SourcedRecord>& records, std::vector<const Item*>& record_items,
                      std::vector<RejectedLine>& rejected,
                      std::vector<const Item*>& rejected_items) {
  std::set<std::string> numbers;
  size_t end = start;
  for (; end < items.size(); ++end) {
    const Item& it = items[end];
    if (const auto* rec = std::get_if<CaseRecord>(&it.parsed)) {
      if (!numbers.insert(rec->case_number.text()).second) break;
      records.push_back({rec, it.sha256, it.input.number});
      record_items.push_back(&it);
    } else {
      const auto& rej = std::get<Rejection>(it.parsed);
      rejected.push_back(
          {it.input.number, rej,
           rej.code == "bad_encoding" ? std::nullopt : sniff_case_number(it.input.bytes)});
      rejected_items.push_back(&it);
    }
  }
  return end;
}

// Counts the upsert results in the report; a conflict becomes a rejected line.
void count_outcomes(const std::vector<UpsertResult>& results,
                    const std::vector<SourcedRecord>& records,
                    const std::vector<const Item*>& record_items, ImportReport& report,
                    std::vector<RejectedLine>& rejected, std::vector<const Item*>& rejected_items) {
  for (size_t i = 0; i < results.size(); ++i) {
    switch (results[i].outcome) {
      case UpsertOutcome::inserted:
        ++report.inserted;
        break;
      case UpsertOutcome::updated:
        ++report.updated;
        break;
      case UpsertOutcome::unchanged:
        ++report.unchanged;
        break;
      case UpsertOutcome::conflict:
        rejected.push_back(
            {records[i].line, *results[i].conflict, records[i].record->case_number.text()});
        rejected_items.push_back(record_items[i]);
        break;
    }
  }
}

// Hands the batch's rejected lines to on_reject in line order.
void report_in_line_order(const std::vector<RejectedLine>& rejected,
                          const std::function<void(const RejectedLine&)>& on_reject) {
  if (rejected.empty()) return;
  std::vector<size_t> order(rejected.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return rejected[a].line < rejected[b].line; });
  for (size_t i : order) on_reject(rejected[i]);
}

// A parsed batch on its way to a writer: its lines, the keys another batch in flight must not
// share (case numbers and rejected lines' hashes) and its reserved ids.
struct Batch {
  std::vector<Item> items;
  std::unordered_set<std::string> keys;
  IdReserve ids;
};

struct BatchOutcome {
  int64_t inserted = 0, updated = 0, unchanged = 0, quarantined = 0;
  std::vector<RejectedLine> rejected;
};

struct InFlight {
  soci::session* writer = nullptr;
  std::shared_ptr<Batch> batch;
  std::future<BatchOutcome> outcome;
};

std::unordered_set<std::string> batch_keys(const std::vector<Item>& items) {
  std::unordered_set<std::string> keys;
  keys.reserve(items.size());
  for (const Item& it : items) {
    if (const auto* rec = std::get_if<CaseRecord>(&it.parsed))
      keys.insert(rec->case_number.text());
    else
      keys.insert(it.sha256);  // a SHA-256 in hex never reads as a case number
  }
  return keys;
}

bool shares_key(const std::unordered_set<std::string>& a, const std::unordered_set<std::string>& b) {
  const auto& small = a.size() < b.size() ? a : b;
  const auto& large = a.size() < b.size() ? b : a;
  return std::any_of(small.begin(), small.end(),
                     [&](const std::string& k) { return large.count(k) > 0; });
}

// Writes one batch on `sql`: a transaction per sub-batch (the records up to a repeated case
// number), with the quarantine of its rejected lines, each distinct bad line once.
BatchOutcome write_batch(soci::session& sql, Batch& batch, int64_t run_id,
                         const std::string& file_name) {
  BatchOutcome out;
  ImportReport counts;
  std::vector<const Item*> rejected_items;
  const std::vector<Item>& items = batch.items;
  size_t start = 0;
  while (start < items.size()) {
    std::vector<SourcedRecord> records;
    std::vector<const Item*> record_items;
    const size_t sub_first = out.rejected.size();
    const size_t end =
        take_sub_batch(items, start, records, record_items, out.rejected, rejected_items);
    soci::transaction tx(sql);
    CaseStore store(sql, run_id, &batch.ids);
    auto results = store.upsert(records);
    count_outcomes(results, records, record_items, counts, out.rejected, rejected_items);
    for (size_t i = sub_first; i < out.rejected.size(); ++i) {
      const Item& it = *rejected_items[i];
      const RejectedLine& r = out.rejected[i];
      QuarantinedLine q;
      q.import_run_id = run_id;
      q.file_name = file_name;
      q.line_no = r.line;
      q.code = r.rejection.code;
      if (!r.rejection.field.empty()) q.field = r.rejection.field;
      q.message = r.rejection.message;
      q.case_number = r.case_number;
      q.line_sha256 = it.sha256;
      q.line_bytes = it.input.length;
      q.line_head_hex = hex_lower(std::string_view(it.input.bytes).substr(0, kQuarantineHeadBytes));
      if (quarantine_line(sql, q)) ++out.quarantined;
    }
    tx.commit();
    start = end;
  }
  out.inserted = counts.inserted;
  out.updated = counts.updated;
  out.unchanged = counts.unchanged;
  return out;
}

}  // namespace

ImportOptions import_options(const Settings& settings) {
  ImportOptions o;
  int lines = settings.get_int("import.batch_size", 2000);
  int bytes = settings.get_int("import.batch_max_bytes", 64 << 20);
  if (lines < 1) throw std::runtime_error("配置项 import.batch_size 应为正整数");
  if (bytes < 1) throw std::runtime_error("配置项 import.batch_max_bytes 应为正整数");
  int writers = settings.get_int("import.writers", 2);
  if (writers < 1 || writers > 16) throw std::runtime_error("配置项 import.writers 应为 1 到 16 的整数");
  o.batch_size = static_cast<size_t>(lines);
  o.writers = static_cast<size_t>(writers);
  o.batch_max_bytes = static_cast<size_t>(bytes);
  return o;
}

std::string format_rejection(const RejectedLine& r) {
  std::string s = "line " + std::to_string(r.line) + ": " + r.rejection.code;
  if (!r.rejection.field.empty()) s += " " + r.rejection.field;
  return s + ": " + r.rejection.message;
}

std::string rejection_json(const RejectedLine& r) {
  return JsonObject(JsonStyle::spaced)
      .add_number("line", r.line)
      .add_string("code", r.rejection.code)
      .add("field", r.rejection.field.empty() ? "null" : json_quote(r.rejection.field))
      .add("case_number", json_string_or_null(r.case_number))
      .add_string("message", r.rejection.message)
      .str();
}

ImportReport Importer::import_file(const std::string& path,
                                   const std::function<void(const RejectedLine&)>& on_reject) {
  auto started = std::chrono::steady_clock::now();
  ImportReport report;
  LineReader reader(path);  // throws if unreadable, before anything is written
  std::string file_sha = sha256_file_hex(path);
  if (options_.skip_completed_files) {
    if (import_file_completed(sql_, file_sha)) {
      report.skipped_file = true;
      return report;
    }
  }
  report.run_id = start_import_run(sql_, path, file_sha);

  // Writers: with a connection URL, `writers` connections of their own, each writing one batch
  // (a transaction per sub-batch) while the next is read and parsed here; without one, this
  // session, one batch at a time. Results are taken in batch order, so rejected lines reach
  // on_reject in line order and never while this session is writing.
  std::vector<std::unique_ptr<soci::session>> own;
  std::vector<soci::session*> free_writers;
  if (options_.writers > 1 && !options_.connection_url.empty()) {
    for (size_t i = 0; i < options_.writers; ++i) own.push_back(connect(options_.connection_url));
    for (auto& s : own) free_writers.push_back(s.get());
  } else {
    free_writers.push_back(&sql_);
  }
  std::deque<InFlight> in_flight;
  auto take_oldest = [&] {
    InFlight f = std::move(in_flight.front());
    in_flight.pop_front();
    free_writers.push_back(f.writer);
    BatchOutcome o = f.outcome.get();
    report.inserted += o.inserted;
    report.updated += o.updated;
    report.unchanged += o.unchanged;
    report.quarantined += o.quarantined;
    report.rejected += static_cast<int64_t>(o.rejected.size());
    report_in_line_order(o.rejected, on_reject);
  };

  try {
    std::vector<Item> items;
    bool more = true;
    while (more) {
      const size_t batch_bytes = read_batch(reader, options_, items, more);
      if (items.empty()) break;
      parse_items(items, courts_);
      ++report.batches;
      report.largest_batch_bytes =
          std::max(report.largest_batch_bytes, static_cast<int64_t>(batch_bytes));
      report.lines += static_cast<int64_t>(items.size());

      auto batch = std::make_shared<Batch>();
      batch->items = std::move(items);
      items = {};
      batch->keys = batch_keys(batch->items);
      // A free writer, and no batch still being written that shares a case or a bad line with
      // this one (its later line must see the earlier one's write).
      while (!in_flight.empty() &&
             (free_writers.empty() || std::any_of(in_flight.begin(), in_flight.end(),
                                                  [&](const InFlight& f) {
                                                    return shares_key(f.batch->keys, batch->keys);
                                                  })))
        take_oldest();
      // Ids in batch order, drawn here (this session is idle: when it is the writer, the loop
      // above has waited for it).
      std::vector<const CaseRecord*> records;
      for (const Item& it : batch->items)
        if (const auto* rec = std::get_if<CaseRecord>(&it.parsed)) records.push_back(rec);
      batch->ids = IdReserve::draw(sql_, records);

      soci::session* writer = free_writers.back();
      free_writers.pop_back();
      const int64_t run_id = report.run_id;
      in_flight.push_back(
          {writer, batch, std::async(std::launch::async, [writer, batch, run_id, &path] {
             return write_batch(*writer, *batch, run_id, path);
           })});
    }
    while (!in_flight.empty()) take_oldest();
  } catch (...) {
    for (auto& f : in_flight)
      if (f.outcome.valid()) f.outcome.wait();
    try {
      fail_import_run(sql_, report.run_id);
    } catch (...) {
    }
    throw;
  }
  complete_import_run(
      sql_, report.run_id,
      {report.lines, report.inserted, report.updated, report.unchanged, report.rejected});
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace zhixing::inline importer
