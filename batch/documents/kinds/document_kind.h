// The document set: the kinds, the event each is due from, the
// inputs a kind is rendered from, and the closed list of per-document error codes.
#pragma once

#include <compare>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/case_number.h"
#include "core/case_record.h"
#include "core/court_registry.h"
#include "core/date.h"
#include "core/money.h"

namespace zhixing::inline documents {

// CLI and database names in brackets.
enum class DocumentKind {
  notice,                 // [notice] 执行通知书
  property_report_order,  // [property-report-order] 报告财产令
  ruling_freeze,          // [ruling-freeze] 执行裁定书（冻结、划拨存款）
  ruling_seal,            // [ruling-seal] 执行裁定书（查封、扣押）
  assist_notice,          // [assist-notice] 协助执行通知书
  ruling_zhongben,        // [ruling-zhongben] 执行裁定书（终结本次执行程序）
  consumption_ban,        // [consumption-ban] 限制消费令
  settlement,             // [settlement] 执行和解协议
  relief_decision,        // [relief-decision] 国家司法救助决定书 (grant or no relief)
  relief_voucher,         // [relief-voucher] 司法救助金发放凭证
};

const std::vector<DocumentKind>& all_kinds();
std::string_view kind_name(DocumentKind kind);
std::optional<DocumentKind> parse_kind(std::string_view name);

// Closed list (stored and printed per document; README.md, "Documents").
enum class DocumentErrorCode {
  not_applicable,
  precondition_failed,  // the record does not show what the law requires before issuing it
  missing_glyph,
  template_error,
  render_failed,
  db_error
};
std::string_view error_code_name(DocumentErrorCode code);

// The one exception type of document rendering; what() is "<code>: <message>".
class DocumentError : public std::runtime_error {
 public:
  DocumentError(DocumentErrorCode code, std::string message);
  DocumentErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  DocumentErrorCode code_;
  std::string message_;
};

// One event of a case that a document is due from. Identified by (case, kind, date, position);
// `position` is 1-based among the same kind's events on the same date, in record order.
struct DocumentEvent {
  DocumentKind kind = DocumentKind::notice;
  Date date;
  int position = 1;
  std::optional<std::size_t> measure_index;  // into CaseRecord::measures
  std::optional<std::size_t> relief_index;   // into ReliefRecords::decisions or ::grants
};

// A document event's identity within its case, ordered (date, kind, position).
struct EventKey {
  Date date;
  DocumentKind kind = DocumentKind::notice;
  int position = 1;

  auto operator<=>(const EventKey&) const = default;
};

// The ordinals of a case's rulings (documents/kinds/ruling_numbers.h): 0 is the case number
// alone, n is 之n.
using RulingNumbers = std::map<EventKey, int>;

// A relief panel's decision (国家司法救助决定书), as the store reads it (store/relief_store.h).
struct ReliefDecisionRecord {
  CaseNumber relief_case_number;  // （2024）冀0633司救执1号
  std::string applicant;          // party id in the enforcement case (a person applicant)
  Date applied_on;
  Date decided_on;
  bool granted = false;
  std::optional<Money> amount;       // when granted
  std::string basis_item;            // 一 … 八: 法发〔2016〕16号 第三条第（六）项
  std::vector<std::string> members;  // the panel; the first presides (审判长)
  std::string clerk;                 // 书记员
  std::string findings;              // 本院查明 (empty: composed from the case)
  std::string reasons;               // 本院认为 (empty: a standard sentence)
  // From the relief assessment the panel decided on (how the amount was set), when there is one.
  std::optional<Money> cap;               // cap_months × the previous-year monthly wage
  std::optional<Money> outstanding_loss;  // what enforcement has not recovered
};

// A posted relief payment (司法救助金发放凭证), as the store reads it from the ledger
// (store/relief_grant_store.h).
struct ReliefGrantRecord {
  std::string voucher_number;  // as printed on the voucher and in the bank file
  CaseNumber decision_number;  // the 司救执 case whose decision granted it
  Date decided_on;             // the panel's decision date: the voucher's date
  Money amount;
  std::string payee;                   // party id; name and ID number come from the case
  std::optional<BankAccount> account;  // default: the payee's bank_account in the case
  std::string method = "银行转账";
  std::string disbursing_officer;  // 经办人 (may be empty: signed by hand)
  std::string finance_reviewer;    // 财务复核人 (may be empty)
};

struct ReliefRecords {
  std::vector<ReliefDecisionRecord> decisions;
  std::vector<ReliefGrantRecord> grants;
};

// Everything a kind is rendered from.
struct RenderInput {
  const CaseRecord& case_record;
  const Court& court;
  DocumentEvent event;
  const ReliefRecords* relief = nullptr;  // required for the relief kinds
  // The case's ruling ordinals as the store holds them (rulings and assistance notices need the
  // one of their ruling). nullptr: numbered as if every ruling of the case were planned now
  // (tests and previews without a database).
  const RulingNumbers* rulings = nullptr;
};

}  // namespace zhixing::inline documents
