// The kinds of ledger transaction of the relief fund and the accounts they move.
//
//   appropriation  拨入   Dr bank            Cr fund              key: budget document number
//   grant          发放   Dr fund            Cr payable[applicant] key: 司救执 decision number
//   payment        支付   Dr payable[app.]   Cr bank              key: bank reference
//   offset         扣回   Dr refunds         Cr recoveries        key: enforcement receipt ref.
//   recovery       追回   Dr refunds         Cr recoveries        key: revocation decision no.
//   reversal       冲正   the original's entries, sides swapped  key: "reversal:" + original key
//
// fund, payable and recoveries are credit-normal; bank and refunds are debit-normal. Money
// withheld from later enforcement proceeds (offset) or recovered for fraud (recovery) is
// remitted to the treasury (上缴) and never replenishes the fund: relief money is ring-fenced.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace zhixing::ledger {

enum class TransactionKind { appropriation, grant, payment, offset, recovery, reversal };
enum class AccountKind { fund, payable, bank, recoveries, refunds };

std::string_view kind_name(TransactionKind kind);
std::optional<TransactionKind> parse_transaction_kind(std::string_view name);
std::string_view account_kind_name(AccountKind kind);
std::optional<AccountKind> parse_account_kind(std::string_view name);
// 拨入 …: for reports.
std::string_view kind_label(TransactionKind kind);
std::string_view account_label(AccountKind kind);

// A credit-normal account's balance is credits − debits; a debit-normal one's debits − credits.
// Either must never be negative.
bool is_credit_normal(AccountKind kind);

// "冀0633/2024/fund", "冀0633/2024/payable/17".
std::string account_code(std::string_view court_code, int year, AccountKind kind,
                         long long applicant_party_id = 0);

}  // namespace zhixing::ledger
