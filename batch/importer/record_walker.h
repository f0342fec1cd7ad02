// Walks one parsed line of the interchange format (zhixing.case/1) into a CaseRecord, field by
// field in the line's order, and throws Reject at the first failing field or rule
// (record_parser.cpp gives the order). The walk is split by what it reads: typed values
// (record_values.cpp), the case and its smaller objects (record_case.cpp), parties
// (record_parties.cpp), measures and settlement (record_measures.cpp), relief
// (record_relief.cpp) and the whole-record rules (record_rules.cpp).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/case_record.h"
#include "core/court_registry.h"
#include "core/masking.h"
#include "importer/json_tree.h"
#include "importer/record_vocabulary.h"
#include "importer/rejection.h"

namespace zhixing::inline importer {

struct Reject {
  Rejection rejection;
};

class RecordWalker {
 public:
  explicit RecordWalker(const CourtRegistry& courts) : courts_(courts) {}

  CaseRecord walk(const Json& root);

 private:
  // -- paths and failures

  // Appends ".key" or "[i]" to the current path for the lifetime of the scope.
  class Scope {
   public:
    Scope(std::string& path, std::string_view key) : path_(path), size_(path.size()) {
      if (!path_.empty()) path_ += '.';
      path_ += key;
    }
    Scope(std::string& path, size_t index) : path_(path), size_(path.size()) {
      path_ += '[';
      path_ += std::to_string(index);
      path_ += ']';
    }
    ~Scope() { path_.resize(size_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    std::string& path_;
    size_t size_;
  };

  // Messages may quote the offending value: ID and account numbers in it are masked.
  [[noreturn]] void fail(std::string_view code, std::string message) const {
    throw Reject{Rejection{std::string(code), path_, mask_personal_numbers(message)}};
  }
  [[noreturn]] static void fail_at(std::string_view code, std::string field, std::string message) {
    throw Reject{Rejection{std::string(code), std::move(field), mask_personal_numbers(message)}};
  }
  std::string child(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  void require(const Json& o, std::initializer_list<const char*> keys) const {
    for (const char* k : keys)
      if (!o.has(k)) fail_at("missing_field", child(k), std::string("缺少必填字段：") + k);
  }

  // Walks an object's fields in the line's order; `visit` returns false for a key the
  // object does not define.
  template <class Visit>
  void each_field(const Json& o, Visit&& visit) {
    for (size_t i = 0; i < o.keys.size(); ++i) {
      const std::string& key = o.keys[i];
      Scope scope(path_, key);
      if (!visit(key, o.values[i])) unknown_field(key);
    }
  }

  // The key is the one text of the line that reaches a rejection unchecked (the path and the
  // message go to the quarantine table and the rejects file): a key with a NUL, another control
  // character or an escaped lone surrogate is named in printable form (found by fuzzing: such a
  // key made the quarantine insert fail).
  [[noreturn]] void unknown_field(const std::string& key);

  template <class Visit>
  void each_element(const Json& a, Visit&& visit) {
    size_t i = 0;
    for (const Json& v : a.values) {
      Scope scope(path_, i);
      visit(v, i);
      ++i;
    }
  }

  // -- typed values (record_values.cpp)

  const Json& object(const Json& v) const;
  const Json& array(const Json& v) const;
  const Json& array(const Json& v, size_t max_elements) const;
  bool boolean(const Json& v) const;
  int64_t integer(const Json& v, int64_t min, int64_t max) const;
  // A string without control characters, NFC-normalised, its length in code points checked.
  std::string text(const Json& v, size_t max_code_points = kTextMax) const;
  std::string name(const Json& v) const { return text(v, kNameMax); }
  std::string identifier(const Json& v) const { return text(v, kIdMax); }
  std::string choice(const Json& v, Values allowed) const;
  std::vector<std::string> names(const Json& v);
  std::vector<std::string> choices(const Json& v, Values allowed);

  // For the typed fields below the field's own code wins over bad_value, whatever the fault.
  Money money(const Json& v) const;
  Date date(const Json& v) const;
  CaseNumber case_number(const Json& v) const;
  // GB 11643-1999; a lowercase x is stored as X. The number itself never enters a message.
  std::string id_number(const Json& v) const;
  // GB 32100-2015.
  std::string credit_code(const Json& v) const;
  // "1y", "2y", "3y", "15d" (and months, "6m"): 1–3 digits without a leading zero, one unit.
  std::string period(const Json& v) const;
  std::string court_code(const Json& v) const;

  // -- objects, each closed by its own missing-field checks

  void walk_case(const Json& o);
  void check_missing_top_level(const Json& o) const;
  TitleDocument title_document(const Json& v);
  std::vector<Period> periods(const Json& v, const char* note_key);
  Closure closure(const Json& v);
  // At most kReceiptsMax; a reference is unique within the case (bad_value at the second one).
  std::vector<Receipt> receipts(const Json& v);
  Officers officers(const Json& v);
  Party party(const Json& v);
  LegalRep legal_rep(const Json& v);
  Agent agent(const Json& v);
  BankAccount bank_account(const Json& v);
  Measure measure(const Json& v);
  Settlement settlement(const Json& v);
  ReliefApplication relief(const Json& v);
  PanelDecision panel(const Json& v);

  // -- whole-record rules (record_rules.cpp)

  void check_references() const;
  void check_consistency() const;

  const CourtRegistry& courts_;
  std::string path_;
  CaseRecord rec_;
  bool relief_basis_item_given_ = false;
};

}  // namespace zhixing::inline importer
