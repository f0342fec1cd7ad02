#include "jobs/document_issue.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <stdexcept>

#include "store/document_delivery_store.h"
#include "store/document_store.h"

namespace zhixing::jobs {

namespace fs = std::filesystem;
using documents::DocumentEvent;

namespace {

bool same_file_bytes(const fs::path& path, const std::string& bytes) {
  std::error_code ec;
  if (!fs::exists(path, ec) || fs::file_size(path, ec) != bytes.size()) return false;
  std::ifstream in(path, std::ios::binary);
  std::string have(bytes.size(), '\0');
  in.read(have.data(), static_cast<std::streamsize>(have.size()));
  return have == bytes;
}

}  // namespace

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

fs::path document_path(const CaseNumber& number, std::string_view kind, Date date, int position,
                       int version) {
  std::string file = std::string(kind) + "-" + date.iso() + "-" + std::to_string(position);
  if (version > 1) file += "-v" + std::to_string(version);
  return fs::path(number.court_code) / std::to_string(number.year) / number.text() /
         (file + ".pdf");
}

DocumentOutcome issue_document(soci::session& sql, const LoadedCase& loaded,
                               const DocumentEvent& event, const documents::RenderedDocument& doc,
                               const fs::path& out_dir, bool reissue, const std::string& issued_by,
                               const std::string& signer_fingerprint,
                               const DocumentDelivery& delivery) {
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
      if (delivery.to_database)  // the launcher makes sure its folder has the file
        insert_delivery(sql, existing->id, delivery.instance_id, delivery.worker_id, doc.pdf,
                        doc.sha256);
      else if (!same_file_bytes(target, doc.pdf))
        write_atomically(target, doc.pdf);
    } else {
      // Never re-issued by itself: copy the issued file when it is still where it was put.
      o.status = DocumentStatus::kept;
      o.path = existing->path;
      o.sha256 = existing->sha256;
      fs::path issued = fs::path(existing->output_dir) / existing->path;
      fs::path target = out_dir / existing->path;
      // A remote worker copies nothing: the issued file is where its issuer put it.
      if (!delivery.to_database && fs::exists(issued) &&
          fs::weakly_canonical(issued) != fs::weakly_canonical(target)) {
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
  // A delivered document's folder is the launcher's, recorded when it writes the file out.
  row.output_dir = delivery.to_database ? "" : fs::weakly_canonical(out_dir).string();
  row.path =
      document_path(rec.case_number, kind_name, event.date, event.position, row.version).string();
  row.issued_by = issued_by;
  row.signer_fingerprint = signer_fingerprint;
  fs::path target = out_dir / row.path;
  // The file first, then the row: a crash between leaves a file the next run reuses,
  // never a row without its document. Delivered: the row and the bytes in one transaction.
  if (!delivery.to_database) write_atomically(target, doc.pdf);
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
  if (delivery.to_database)
    insert_delivery(sql, row.id, delivery.instance_id, delivery.worker_id, doc.pdf, doc.sha256);
  o.status = DocumentStatus::written;
  o.version = row.version;
  o.path = row.path;
  o.document_id = row.id;
  return o;
}

}  // namespace zhixing::jobs
