// Documents: a document's PDF, a batch's documents as one ZIP, the kinds of document.
#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <filesystem>
#include <sstream>

#include "app/web/console.h"
#include "app/web/request_args.h"
#include "core/csv.h"
#include "core/labels.h"
#include "documents/kinds/document_kind.h"
#include "jobs/job_repository.h"
#include "store/database.h"
#include "store/web_store.h"

namespace zhixing::app::web {

namespace fs = std::filesystem;

namespace {

std::string zip_entry_name(const IssuedDocument& d) {
  std::string name = std::to_string(d.case_id) + "_" + d.kind + "_" + d.event_date + "_" +
                     std::to_string(d.event_position);
  if (d.version > 1) name += "_v" + std::to_string(d.version);
  return name + ".pdf";
}

}  // namespace

Response Console::batch_zip(Request& /*r*/, const Session& s, const std::string& request_id) {
  require(s, Permission::view_runs);
  auto sql = connect(runtime_url());
  jobs::JobRepository repo(*sql);
  auto e = repo.latest("batch", "request=" + request_id);
  if (!e) throw HttpError(404, "not_found", "没有该批次：" + request_id);
  auto docs = documents_of_instance(*sql, e->instance_id);
  if (docs.empty()) throw HttpError(404, "not_found", "该批次没有文书");
  Response resp;
  resp.content_type = "application/zip";
  // Written into the response while it is sent, one PDF at a time: no temporary file, and only
  // the compressor's buffers in memory however large the batch.
  resp.stream = [docs](std::ostream& out) {
    std::string manifest = "file,case_number,kind,event_date,position,version,sha256\n";
    Poco::Zip::Compress zip(out, false);
    for (const auto& d : docs) {
      fs::path file = fs::path(d.output_dir) / d.path;
      if (!fs::exists(file)) continue;
      std::string name = zip_entry_name(d);
      zip.addFile(Poco::Path(file.string()), Poco::Path(name));
      manifest += name + "," + csv_field(d.case_number) + "," + d.kind + "," + d.event_date + "," +
                  std::to_string(d.event_position) + "," + std::to_string(d.version) + "," +
                  d.sha256 + "\n";
    }
    std::istringstream m(manifest);
    zip.addFile(m, Poco::DateTime(), Poco::Path("manifest.csv"));
    zip.close();
  };
  resp.headers.emplace_back("Content-Disposition",
                            content_disposition("batch-" + request_id + ".zip"));
  return resp;
}

Response Console::document_pdf(Request& /*r*/, const Session& s, long long id) {
  require(s, Permission::view_cases);
  auto sql = connect(runtime_url());
  auto d = document_by_id(*sql, id);
  if (!d) throw HttpError(404, "not_found", "没有文书 #" + std::to_string(id));
  fs::path file = fs::path(d->output_dir) / d->path;
  if (!fs::exists(file)) throw HttpError(404, "file_missing", "文书文件不存在，请重新生成");
  Response resp;
  resp.content_type = "application/pdf";
  resp.file_path = file.string();
  resp.headers.emplace_back("Content-Disposition",
                            content_disposition(fs::path(d->path).filename().string()));
  resp.headers.emplace_back("X-Document-SHA256", d->sha256);
  return resp;
}

Response Console::document_kinds(Request& /*r*/, const Session& /*s*/) {
  std::vector<std::string> kinds;
  for (auto k : documents::all_kinds()) {
    std::string name(documents::kind_name(k));
    kinds.push_back(
        JsonObject().add("kind", jstr(name)).add("label", jstr(document_kind_label(name))).str());
  }
  return Response::json("{\"kinds\":" + jarray(kinds) + "}");
}

}  // namespace zhixing::app::web
