// libFuzzer target: one import line (zhixing.case/1) through parse_case_record, as the importer
// hands it over (bytes without the newline, at most LineReader::kMaxLineBytes). Beyond the
// sanitizers' own checks it asserts what the rest of the system relies on:
//  - the parser never throws, whatever the bytes;
//  - a rejection carries a code and a text that the quarantine table and the rejects file can
//    hold (valid UTF-8 without NUL or other control characters);
//  - an accepted record's every text is valid UTF-8 without control characters (it is stored and
//    hashed as it is), and every party reference resolves.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "core/court_registry.h"
#include "core/input_text.h"
#include "importer/record_parser.h"

namespace {

using namespace zhixing;

const CourtRegistry* g_courts = nullptr;

[[noreturn]] void violated(const char* what, std::string_view text) {
  std::fprintf(stderr, "invariant violated: %s: \"%s\"\n", what, sanitize_for_log(text).c_str());
  std::abort();
}

void storable(const char* what, std::string_view text) {
  if (!is_valid_utf8(text) || has_control_character(text)) violated(what, text);
}

void storable_if(const char* what, const std::optional<std::string>& text) {
  if (text) storable(what, *text);
}

void check_record(const CaseRecord& r) {
  storable("case_number", r.case_number.text());
  storable("cause", r.cause);
  if (r.title_document) {
    storable("title_document.number", r.title_document->number);
    storable("title_document.kind", r.title_document->kind);
    storable("title_document.court", r.title_document->court);
  }
  for (const auto& c : r.categories) storable("categories", c);
  for (const auto* periods : {&r.extensions, &r.excluded_periods})
    for (const auto& p : *periods) storable("period note", p.note);
  storable("status", r.status);
  if (r.closure) storable("closure.kind", r.closure->kind);
  storable_if("executing_court", r.executing_court);
  for (const auto& e : r.officers.enforcers) storable("officers.enforcers", e);
  storable("officers.enforcer_title", r.officers.enforcer_title);
  storable_if("officers.presiding", r.officers.presiding);
  for (const auto& j : r.officers.judges) storable("officers.judges", j);
  storable("officers.clerk", r.officers.clerk);
  for (const auto& p : r.parties) {
    for (const auto* s : {&p.id, &p.role, &p.kind, &p.name, &p.address, &p.gender, &p.ethnicity,
                          &p.id_number, &p.uscc})
      storable("party text", *s);
    storable_if("party phone", p.phone);
    storable_if("party occupation", p.occupation);
    if (p.legal_rep) {
      storable("legal_rep.name", p.legal_rep->name);
      storable("legal_rep.title", p.legal_rep->title);
      storable("legal_rep.kind", p.legal_rep->kind);
    }
    for (const auto& a : p.agents) {
      storable("agent.name", a.name);
      storable("agent.kind", a.kind);
      storable_if("agent.firm", a.firm);
    }
    if (p.bank_account) {
      storable("bank_account.bank", p.bank_account->bank);
      storable("bank_account.account", p.bank_account->account);
    }
    if (p.id.empty() || p.name.empty()) violated("party without id or name", p.id);
  }
  for (const auto& m : r.measures) {
    storable("measure.kind", m.kind);
    storable("measure.against", m.against);
    storable_if("measure.target", m.target);
    storable_if("measure.period", m.period);
    storable_if("measure.note", m.note);
    storable_if("measure.result", m.result);
    if (!r.party(m.against)) violated("measure against an unknown party", m.against);
  }
  if (r.settlement) {
    storable_if("settlement.guarantor", r.settlement->guarantor);
    storable_if("settlement.place", r.settlement->place);
    if (r.settlement->guarantor && !r.party(*r.settlement->guarantor))
      violated("guarantor is an unknown party", *r.settlement->guarantor);
  }
  if (r.relief) {
    storable("relief.applicant", r.relief->applicant);
    storable("relief.ground", r.relief->ground);
    storable("relief.basis_item", r.relief->basis_item);
    for (const auto& f : r.relief->flags) storable("relief.flags", f);
    if (r.relief->panel)
      for (const auto& m : r.relief->panel->members) storable("panel.members", m);
    if (!r.party(r.relief->applicant)) violated("relief applicant unknown", r.relief->applicant);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static const CourtRegistry courts =
      CourtRegistry::load_csv(std::string(ZHIXING_SOURCE_DIR) + "/config/courts.csv");
  g_courts = &courts;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1u << 20)) return -1;  // LineReader::kMaxLineBytes: longer lines never get here
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  auto result = parse_case_record(line, *g_courts);
  if (const auto* rejection = std::get_if<Rejection>(&result)) {
    if (rejection->code.empty()) violated("rejection without a code", rejection->message);
    storable("rejection.code", rejection->code);
    storable("rejection.field", rejection->field);
    storable("rejection.message", rejection->message);
  } else {
    check_record(std::get<CaseRecord>(result));
  }
  return 0;
}
