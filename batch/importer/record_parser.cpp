#include "importer/record_parser.h"

#include <exception>
#include <string>

#include "core/input_text.h"
#include "importer/json_tree.h"
#include "importer/record_walker.h"

// Validation order (docs/case-record.md: "A line gets exactly one code: that of the first
// failing field in the line's own order; rules about the whole record come after all fields").
//
//  1. The line: strict UTF-8 (a leading BOM too) → bad_encoding; not exactly one JSON object
//     (including duplicate keys in any object, which RFC 8259 leaves undefined) → bad_json.
//  2. Fields in the line's own order, depth first. Every value is checked completely when its
//     field is reached: unknown_field, bad_value and the type-specific codes (bad_money,
//     bad_date, bad_id_number, bad_credit_code, bad_case_number), unknown_court for
//     case_number and executing_court, bad_value for a duplicate party id, for a duplicate
//     receipt reference and for more than 1,000 receipts.
//  3. A nested object is closed when its last field has been walked: then its own missing
//     fields are checked, in the order of the spec's tables, including the conditional ones
//     its own fields decide (a person's or an organisation's fields, a freeze's amount, a
//     granted panel's amount, the enforcers and clerk, a crime_victim's basis_item), and then
//     a party's id_mismatch (reported at the party's `id_number`). So a nested object's
//     missing field competes in line order with the fields that follow the object.
//  4. After all top-level fields: the top-level missing fields in the case table's order,
//     with the conditional ones in their table position (title_document for 执/执恢 after
//     cause, closure for a closed case after status, officers.presiding / officers.judges for
//     a terminated_current closure without applicant_consents after officers).
//  5. Whole-record rules: every bad_reference (measures[i].against, settlement.guarantor,
//     relief.applicant), then every inconsistent rule in the case table's order (extensions,
//     excluded_periods, recovered, receipts (each date, then the sum), closure (its date, then
//     applicant_informed_on), parties, settlement, relief).
//
// Bounds on text (code points after NFC): names of people (parties, legal representatives,
// agents, officers, panel members) 1–100 as the spec says; party ids (and references to
// them), bank account numbers and court codes 1–64; every other string 1–500 (the spec gives
// none: the longest legitimate values, addresses and property targets, are far shorter);
// receipt references 1–64. A receipt's amount is above zero (bad_money otherwise).
// Integers: household_size 1–100, grace_days 0–365. Enumerations are closed: categories and
// relief flags must be the values the spec lists.
//
// Defaults applied: recovered "0", enforcer_title 执行员, grace_days 15, basis_item derived
// from ground, executing_court = the case number's court.
//
// A raw control character inside a JSON string is strictly invalid JSON, but the spec lists
// control characters under bad_value; such a line is parsed with the characters escaped, so
// it is reported as bad_value at the field that holds one, exactly as an escaped \u0001 is.

namespace zhixing::inline importer {
namespace {

using importer::escape_raw_controls;
using importer::Json;
using importer::RecordWalker;
using importer::Reject;
using importer::parse_json;

Rejection line_rejection(const char* code, const char* message) {
  return Rejection{code, "", message};
}

}  // namespace

std::variant<CaseRecord, Rejection> parse_case_record(std::string_view line,
                                                      const CourtRegistry& courts) {
  if (line.substr(0, 3) == "\xEF\xBB\xBF")
    return line_rejection("bad_encoding", "不接受字节顺序标记（BOM）");
  bool has_raw_control = false;
  if (!is_valid_utf8(line, has_raw_control))
    return line_rejection("bad_encoding", "不是有效的 UTF-8 编码");

  Json root;
  bool duplicate = false;
  const bool parsed = has_raw_control ? parse_json(escape_raw_controls(line), root, duplicate)
                                      : parse_json(line, root, duplicate);
  if (!parsed) return line_rejection("bad_json", "不是一个合法的 JSON 对象");
  if (duplicate) return line_rejection("bad_json", "JSON 对象中有重复的字段名");
  if (root.type != Json::Type::object) return line_rejection("bad_json", "不是一个 JSON 对象");

  try {
    RecordWalker walker(courts);
    return walker.walk(root);
  } catch (const Reject& r) {
    return r.rejection;
  }
}

}  // namespace zhixing::inline importer
