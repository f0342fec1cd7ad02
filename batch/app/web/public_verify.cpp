// The public verify page (no login): whoever holds a served document uploads it and sees
// whether the court issued it, sealed and unchanged, and what it is (seal/verification.h, the
// rule `zhixing verify` uses). GET /verify: the form; POST /verify: the answer as a page;
// POST /api/verify: the same as JSON (a multipart file field, or the PDF as the body).
// Uploads are bounded by web.verify_max_upload_bytes and requests by a per-address limit.
#include "app/web/console.h"
#include "app/web/pages.h"
#include "seal/seal_settings.h"
#include "seal/verification.h"
#include "store/database.h"

namespace zhixing::app::web {

namespace {

const char* const kForm =
    "<form method=\"post\" action=\"/verify\" enctype=\"multipart/form-data\" "
    "class=\"verify-form\">"
    "<label>文书 PDF 文件 <input type=\"file\" name=\"file\" accept=\"application/pdf,.pdf\" "
    "required></label> <button type=\"submit\">核验</button></form>";

std::string verify_page(const std::string& result_html) {
  return page("文书核验", nullptr, "",
              "<section class=\"card\"><h1>电子送达文书核验</h1>"
              "<p>上传本院送达的电子文书（PDF，不超过 20 MB），核验电子印章与文件是否为本院签发、"
              "盖章后是否被修改。文件只用于核验，不保存。</p>" +
                  std::string(kForm) + "</section>" + result_html);
}

std::string verdict_html(const seal::Verdict& v) {
  if (v.genuine) {
    const auto& d = *v.issued;
    return "<section class=\"card verify-result genuine\" id=\"verify-result\">"
           "<h2>真实有效</h2><p>" +
           h(v.message) +
           "</p><dl>"
           "<dt>案号</dt><dd class=\"case-number\">" +
           h(d.case_number) +
           "</dd>"
           "<dt>文书</dt><dd class=\"kind\">" +
           h(d.kind_title) +
           "</dd>"
           "<dt>日期</dt><dd class=\"date\">" +
           h(d.document_date) +
           "</dd>"
           "<dt>版本</dt><dd>" +
           std::to_string(d.version) +
           "</dd>"
           "<dt>印章证书指纹</dt><dd><code>" +
           h(v.signature.signer_fingerprint) +
           "</code></dd>"
           "</dl></section>";
  }
  return "<section class=\"card verify-result not-genuine\" id=\"verify-result\">"
         "<h2>不能确认为本院签发的文书</h2><p class=\"error-message\">" +
         h(v.message) + "</p><p class=\"muted\">原因代码 <code>" + h(v.code) +
         "</code></p></section>";
}

std::string verdict_json(const seal::Verdict& v) {
  JsonObject o;
  o.add("genuine", jbool(v.genuine));
  o.add("code", jstr(v.code));
  o.add("message", jstr(v.message));
  if (v.issued) {
    o.add("case_number", jstr(v.issued->case_number));
    o.add("kind", jstr(v.issued->kind));
    o.add("kind_title", jstr(v.issued->kind_title));
    o.add("date", jstr(v.issued->document_date));
    o.add("version", jnum(v.issued->version));
  }
  if (!v.signature.signer_fingerprint.empty())
    o.add("signer_fingerprint", jstr(v.signature.signer_fingerprint));
  o.add("sha256", jstr(v.signature.file_sha256));
  return o.str();
}

}  // namespace

bool Console::is_public_verify(const Request& request) {
  return request.path == "/verify" || request.path == "/api/verify";
}

Response Console::public_verify(Request& request, std::string& action, std::string& target,
                                std::string& result) {
  action = "verify";
  target = request.method + " " + request.path;
  const bool api = request.path == "/api/verify";
  if (request.method == "GET" && !api) return Response::html(verify_page(""));
  if (request.method != "POST") throw HttpError(405, "method_not_allowed", "不支持该请求方法");
  if (!verify_limit_.admit(request.remote_addr, RateLimit::Clock::now()))
    throw HttpError(429, "rate_limited", "核验请求过于频繁，请稍后再试");
  const std::string& file = !request.upload_content.empty() ? request.upload_content : request.body;
  if (file.empty()) throw HttpError(400, "no_file", "请选择要核验的 PDF 文件");
  const seal::SealSettings seal_settings = seal::SealSettings::from(settings_);
  const std::vector<std::string> roots = seal::trusted_roots(seal_settings);
  if (roots.empty()) throw HttpError(503, "no_root", "本院尚未配置电子印章根证书，暂不能核验");
  seal::Verdict verdict;
  {
    auto sql = connect(runtime_url());
    verdict = seal::verify_document(*sql, file, roots);
  }
  result = verdict.code;
  target += " " + verdict.signature.file_sha256.substr(0, 16);
  if (api) return Response::json(verdict_json(verdict));
  return Response::html(verify_page(verdict_html(verdict)));
}

}  // namespace zhixing::app::web
