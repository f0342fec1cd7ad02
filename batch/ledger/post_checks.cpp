#include "ledger/post_checks.h"

#include "core/input_text.h"
#include "core/money.h"

namespace zhixing::ledger {

PostResult refuse(PostStatus status, std::string message, std::string field) {
  PostResult r;
  r.status = status;
  r.field = std::move(field);
  r.message = std::move(message);
  return r;
}

std::string yuan(int64_t fen) { return Money::from_fen(fen).figures(); }

std::optional<PostResult> check_text(const std::string& text, const char* field,
                                     std::size_t max_bytes, bool required) {
  if (required && text.empty())
    return refuse(PostStatus::invalid_request, std::string(field) + " 不能为空", field);
  if (auto fault = check_input_text(text, max_bytes))
    return refuse(PostStatus::invalid_request,
                  std::string(field) + "：" + fault->message + "（" + fault->code + "）", field);
  return std::nullopt;
}

std::optional<PostResult> check_court_year(const std::string& court, int year) {
  if (auto bad = check_text(court, "court", 64)) return bad;
  if (year < 2000 || year > 2999)
    return refuse(PostStatus::invalid_request, "年度应在 2000–2999 之间：" + std::to_string(year),
                  "year");
  return std::nullopt;
}

std::optional<PostResult> check_key(const std::string& key, const char* field) {
  return check_text(key, field, kMaxKeyBytes);
}

std::optional<PostResult> check_amount(Money amount, const char* field) {
  if (amount.fen() <= 0 || amount.fen() >= 1'000'000'000'000LL)
    return refuse(PostStatus::invalid_request, std::string(field) + " 应为正数且小于一百亿元",
                  field);
  return std::nullopt;
}

std::optional<PostResult> check_panel_decision(LedgerStore& store, const GrantRequest& q,
                                               const std::string& number,
                                               const std::string& decision_sha) {
  auto d = store.panel_decision(number);
  if (!d)
    return refuse(PostStatus::no_decision, "没有记录合议庭决定 " + number + "，不予发放",
                  "decision_number");
  auto mismatch = [&](const char* field, const std::string& what) {
    return refuse(PostStatus::decision_mismatch, "与合议庭决定 " + number + " 不符：" + what,
                  field);
  };
  if (!d->granted) return mismatch("granted", "该决定为不予救助");
  if (d->court_code != q.court_code) return mismatch("court", "决定的法院为 " + d->court_code);
  if (d->year != q.year) return mismatch("year", "决定的年度为 " + std::to_string(d->year));
  if (d->applicant_party_id != q.applicant_party_id)
    return mismatch("applicant", "决定的申请人为当事人 " + std::to_string(d->applicant_party_id));
  if (d->applicant_name != q.applicant_name)
    return mismatch("applicant_name", "决定的申请人姓名为 " + d->applicant_name);
  if (d->amount_fen != q.amount.fen())
    return mismatch("amount", "决定金额为 " + yuan(d->amount_fen));
  if (d->decided_on != q.business_date.iso())
    return mismatch("business_date", "决定日期为 " + d->decided_on);
  if (!store.decision_document_issued(d->case_id, decision_sha))
    return refuse(
        PostStatus::no_decision_document,
        "决定 " + number + " 没有签发 SHA-256 为 " + decision_sha.substr(0, 16) + "… 的救助决定书",
        "decision_document_sha256");
  if (!d->exception_approved && (!d->cap_fen || q.amount.fen() > *d->cap_fen))
    return refuse(PostStatus::over_cap,
                  d->cap_fen ? "决定金额 " + yuan(q.amount.fen()) + " 超过救助上限 " +
                                   yuan(*d->cap_fen) + " 且未经特别批准，不予发放"
                             : std::string("申请尚无救助评估，无法确认救助上限，且未经特别批准，"
                                           "不予发放"),
                  "amount");
  return std::nullopt;
}

}  // namespace zhixing::ledger
