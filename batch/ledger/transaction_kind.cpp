#include "ledger/transaction_kind.h"

#include <array>
#include <utility>

#include "core/invariant.h"

namespace zhixing::ledger {

namespace {
constexpr std::array<std::pair<TransactionKind, std::string_view>, 6> kKinds{{
    {TransactionKind::appropriation, "appropriation"},
    {TransactionKind::grant, "grant"},
    {TransactionKind::payment, "payment"},
    {TransactionKind::offset, "offset"},
    {TransactionKind::recovery, "recovery"},
    {TransactionKind::reversal, "reversal"},
}};
constexpr std::array<std::pair<AccountKind, std::string_view>, 5> kAccounts{{
    {AccountKind::fund, "fund"},
    {AccountKind::payable, "payable"},
    {AccountKind::bank, "bank"},
    {AccountKind::recoveries, "recoveries"},
    {AccountKind::refunds, "refunds"},
}};
}  // namespace

std::string_view kind_name(TransactionKind kind) {
  for (const auto& [k, n] : kKinds)
    if (k == kind) return n;
  ZHIXING_INVARIANT(false, "unknown transaction kind");
  return "";
}

std::optional<TransactionKind> parse_transaction_kind(std::string_view name) {
  for (const auto& [k, n] : kKinds)
    if (n == name) return k;
  return std::nullopt;
}

std::string_view account_kind_name(AccountKind kind) {
  for (const auto& [k, n] : kAccounts)
    if (k == kind) return n;
  ZHIXING_INVARIANT(false, "unknown account kind");
  return "";
}

std::optional<AccountKind> parse_account_kind(std::string_view name) {
  for (const auto& [k, n] : kAccounts)
    if (n == name) return k;
  return std::nullopt;
}

std::string_view kind_label(TransactionKind kind) {
  switch (kind) {
    case TransactionKind::appropriation:
      return "拨入";
    case TransactionKind::grant:
      return "发放";
    case TransactionKind::payment:
      return "支付";
    case TransactionKind::offset:
      return "扣回";
    case TransactionKind::recovery:
      return "追回";
    case TransactionKind::reversal:
      return "冲正";
  }
  return "";
}

std::string_view account_label(AccountKind kind) {
  switch (kind) {
    case AccountKind::fund:
      return "救助资金（拨入）";
    case AccountKind::payable:
      return "应付救助金";
    case AccountKind::bank:
      return "银行存款";
    case AccountKind::recoveries:
      return "追回/扣回";
    case AccountKind::refunds:
      return "上缴国库";
  }
  return "";
}

bool is_credit_normal(AccountKind kind) {
  return kind == AccountKind::fund || kind == AccountKind::payable ||
         kind == AccountKind::recoveries;
}

std::string account_code(std::string_view court_code, int year, AccountKind kind,
                         long long applicant_party_id) {
  std::string code = std::string(court_code) + "/" + std::to_string(year) + "/" +
                     std::string(account_kind_name(kind));
  if (kind == AccountKind::payable) code += "/" + std::to_string(applicant_party_id);
  return code;
}

}  // namespace zhixing::ledger
