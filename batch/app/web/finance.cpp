// The finance page: balances, the chain's verification, transactions, refused grants, and the
// bank confirmation upload with its line-by-line result.
#include <soci/soci.h>

#include "app/web/console.h"
#include "app/web/ledger_views.h"
#include "app/web/pages.h"
#include "app/web/request_args.h"
#include "core/masking.h"
#include "jobs/job_repository.h"
#include "ledger/bank_confirmation.h"
#include "ledger/ledger.h"
#include "ledger/transaction_kind.h"
#include "ledger/verifier.h"
#include "store/database.h"

namespace zhixing::app::web {

namespace {

std::string confirmation_label(const std::string& outcome) {
  if (outcome == "matched") return "已登记支付";
  if (outcome == "already_confirmed") return "此前已确认";
  if (outcome == "mismatched") return "与凭证不符";
  if (outcome == "unknown") return "凭证号未知";
  if (outcome == "invalid") return "无法读取";
  if (outcome == "not_applied") return "未登记（文件有无法读取的行）";
  return outcome;
}

std::string confirmation_html(const ledger::ConfirmationReport& rep) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& l : rep.lines)
    rows.push_back({std::to_string(l.line_no), h(l.voucher_number),
                    "<span class=\"outcome outcome-" +
                        h(std::string(ledger::outcome_name(l.outcome))) + "\">" +
                        h(confirmation_label(std::string(ledger::outcome_name(l.outcome)))) +
                        "</span>",
                    h(l.field), h(yuan(l.amount_fen)), h(mask_personal_numbers(l.message))});
  return "<section class=\"card\" id=\"confirmation-result\"><h2>银行确认文件逐行结果</h2><p" +
         std::string(rep.applied() ? ">" : " class=\"bad\" id=\"confirmation-not-applied\">") +
         h(ledger::format_confirmation_totals(rep)) + "</p>" +
         table({"行", "凭证号", "结果", "字段", "金额", "说明"}, rows, "文件没有数据行") +
         "</section>";
}

// The grants the ledger refused in the latest nightly run (insufficient_funds, over_cap …):
// recorded, skipped items of its post-grants step, for the finance office to act on.
std::string refused_grants_html(soci::session& sql) {
  jobs::JobRepository repo(sql);
  auto latest = repo.executions(1, "nightly");
  if (latest.empty()) return "";
  std::vector<std::vector<std::string>> rows;
  for (const auto& f : repo.failures(latest.front().id))
    if (f.step_name == "post-grants")
      rows.push_back({h(f.case_number), "<code>" + h(f.error_code) + "</code>",
                      h(mask_personal_numbers(f.message))});
  if (rows.empty()) return "";
  return "<section class=\"card\" id=\"refused-grants\"><h2>台账拒绝过账的救助决定 <small>夜间运行 "
         "#" +
         std::to_string(latest.front().id) + "</small></h2>" +
         table({"决定书", "代码", "说明"}, rows, "") + "</section>";
}

}  // namespace

Response Console::ledger_confirm(Request& r, const Session& s) {
  require(s, Permission::confirm_payments);
  std::string content = r.upload_content;
  if (content.empty()) content = r.param("csv");
  if (content.empty() && r.content_type.rfind("text/csv", 0) == 0) content = r.body;
  if (content.empty()) throw HttpError(400, "empty_file", "请上传银行确认文件（CSV）");
  auto sql = connect(runtime_url());
  ledger::LedgerOptions options;
  options.offsets_enabled = settings_.get_bool("ledger.offsets_enabled", true);
  ledger::Ledger ledger(*sql, options);
  ledger::ConfirmationReport rep;
  try {
    rep = ledger::apply_bank_confirmations(ledger, *sql, content, s.user);
  } catch (const soci::soci_error&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw HttpError(400, "bad_confirmation_file", e.what());
  }
  if (r.wants_json) {
    std::vector<std::string> lines;
    for (const auto& l : rep.lines)
      lines.push_back(JsonObject()
                          .add("line", jnum(l.line_no))
                          .add("voucher_number", jstr(l.voucher_number))
                          .add("outcome", jstr(ledger::outcome_name(l.outcome)))
                          .add("field", jstr(l.field))
                          .add("message", jstr(mask_personal_numbers(l.message)))
                          .add("amount_fen", jnum(l.amount_fen))
                          .str());
    return Response::json(JsonObject()
                              .add("matched", jnum(rep.matched))
                              .add("already_confirmed", jnum(rep.already_confirmed))
                              .add("mismatched", jnum(rep.mismatched))
                              .add("unknown", jnum(rep.unknown))
                              .add("invalid", jnum(rep.invalid))
                              .add("not_applied", jnum(rep.not_applied))
                              .add("applied", jbool(rep.applied()))
                              .add("all_good", jbool(rep.all_good()))
                              .add("lines", jarray(lines))
                              .str());
  }
  r.form.erase("csv");
  Response page_response = finance(r, s);
  // the line-by-line result goes above the ledger
  const std::string marker = "<!--confirmation-->";
  auto at = page_response.body.find(marker);
  if (at != std::string::npos)
    page_response.body.replace(at, marker.size(), confirmation_html(rep));
  return page_response;
}

Response Console::finance(Request& r, const Session& s) {
  require(s, Permission::view_ledger);
  TransactionFilter f = transaction_filter(r);
  auto sql = connect(runtime_url());
  const std::string court = settings_.get("court.code");
  int year = f.year;
  if (year == 0) {
    TransactionFilter latest;
    latest.limit = 1;
    auto one = zhixing::ledger_transactions(*sql, latest);
    year = one.empty() ? settings_.get_int("ledger.demo_year", 2024) : one.front().year;
  }
  auto transactions = zhixing::ledger_transactions(*sql, f);
  auto balances = balances_for(*sql, court, year);
  auto verify = ledger::verify_ledger(*sql);
  long long fund = 0;
  std::vector<std::vector<std::string>> brow;
  for (const auto& [a, b] : balances) {
    if (a.kind == ledger::AccountKind::fund) fund += b;
    brow.push_back(
        {h(std::string(ledger::account_label(a.kind))), h(a.name), "<code>" + h(a.code) + "</code>",
         "<span class=\"money\" data-account=\"" + h(a.code) + "\">" + h(yuan(b)) + "</span>"});
  }
  std::vector<std::vector<std::string>> trow;
  for (const auto& t : transactions)
    trow.push_back(
        {std::to_string(t.id),
         h(std::string(ledger::kind_label(*ledger::parse_transaction_kind(t.kind)))),
         h(t.business_date), "<span class=\"money\">" + h(yuan(t.amount_fen)) + "</span>",
         h(t.applicant_name), h(t.voucher_number.empty() ? t.decision_number : t.voucher_number),
         h(t.posted_by), t.reversed ? "<span class=\"bad\">已冲正</span>" : ""});
  std::string kinds = "<option value=\"\">全部</option>";
  for (const char* k : {"appropriation", "grant", "payment", "offset", "recovery", "reversal"})
    kinds += std::string("<option value=\"") + k + "\"" + (f.kind == k ? " selected" : "") + ">" +
             h(std::string(ledger::kind_label(*ledger::parse_transaction_kind(k)))) + "</option>";
  std::string ys = std::to_string(year);
  std::string content =
      "<h1>财务台账 <small>" + h(court) + " " + ys +
      " 年度</small></h1>"
      "<div class=\"summary-cards\"><div class=\"card stat\"><div "
      "class=\"label\">救助金可用余额</div>"
      "<div class=\"value\" id=\"fund-balance\">" +
      h(yuan(fund)) +
      "</div></div>"
      "<div class=\"card stat\"><div class=\"label\">台账核验</div><div class=\"value " +
      (verify.ok ? "ok" : "bad") + "\" id=\"verify\">" + (verify.ok ? "通过" : "不符") +
      "</div><div class=\"muted\">" +
      h(verify.ok ? "分录 " + std::to_string(verify.entries_checked) + " 条，交易 " +
                        std::to_string(verify.transactions_checked) + " 笔"
                  : verify.summary() + "：" + verify.problem) +
      "</div></div><div class=\"card stat\"><div class=\"label\">报表下载</div><div "
      "class=\"links\">"
      "<a href=\"/ledger/report.csv?year=" +
      ys + "\">CSV</a> · <a href=\"/ledger/report.pdf?year=" + ys +
      "\">PDF</a></div></div></div><!--confirmation-->" + refused_grants_html(*sql);
  if (allowed(s.role, Permission::confirm_payments))
    content +=
        "<form method=\"post\" action=\"/finance/confirm\" enctype=\"multipart/form-data\" "
        "class=\"card upload\">" +
        csrf_field(s) +
        "<label>银行确认文件（CSV：voucher_number,paid_on,amount,bank_reference）"
        "<input type=\"file\" name=\"file\" accept=\".csv,text/csv\" required></label>"
        "<button type=\"submit\">上传并登记支付</button></form>";
  content += "<h2>余额（按基金与申请人）</h2>" +
             table({"科目", "名称", "代码", "余额"}, brow, "该年度尚无科目");
  content +=
      "<h2>交易</h2><form method=\"get\" action=\"/finance\" class=\"filters\"><label>种类<select "
      "name=\"kind\">" +
      kinds + "</select></label><label>年度<input name=\"year\" size=\"5\" value=\"" +
      (f.year ? std::to_string(f.year) : std::string()) +
      "\"></label><label>申请人<input name=\"applicant\" value=\"" + h(f.applicant) +
      "\"></label><label>自<input type=\"date\" name=\"from\" value=\"" + h(f.from) +
      "\"></label><label>至<input type=\"date\" name=\"to\" value=\"" + h(f.to) +
      "\"></label><button type=\"submit\">筛选</button></form>" +
      table({"编号", "种类", "业务日期", "金额", "申请人", "凭证号/决定书", "登记人", ""}, trow,
            "没有交易");
  return Response::html(page("财务台账", &s, "finance", content));
}

}  // namespace zhixing::app::web
