// The demo data's writing pass: one case's details (parties, title document, measures,
// receipts, settlement, relief) drawn from its own stream (kDetail) and written as one JSON
// line of the interchange format, counted in the data set's figures.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "demo/case_tables.h"
#include "demo/demo_generator.h"
#include "demo/json_writer.h"
#include "demo/planner.h"
#include "demo/rng.h"

namespace zhixing::inline demo {

struct MeasureOut {
  std::string_view kind;
  Date on;
  int against = 0;  // respondent index
  int64_t amount_fen = -1;
  std::string target;
  std::string_view period;
  std::string note;
  std::string_view result;
};

struct ReceiptOut {
  Date on;
  int64_t amount_fen = 0;
  std::string_view source;
  std::string reference;
};

class CaseWriter {
 public:
  CaseWriter(const Planner& p, DemoFigures& f) : plan_(p), fig_(f) {}

  // Writes case i (its skeleton, closure kind, or kClosedKinds when open, and recovered amount
  // when closed) as one line into `out`, replacing its content.
  void write(std::string& out, int64_t i, const Skeleton& s, int kind, int64_t recovered_fen);

 private:
  // How the money recovered reached the court (the receipts).
  enum class Arrival { payments, deduct, auction, installments };

  // One case while it is written: its skeleton, its stream of draws and the facts decided so
  // far. The steps below draw from `r` in a fixed order, so the output is a function of
  // (seed, i) and the calibration.
  struct Case {
    Case(const Planner& plan, int64_t index, const Skeleton& skeleton, int closure_kind,
         int64_t recovered_fen);
    // A day lo..hi days after filing (hi at least lo), by the case's end.
    Date at(int32_t lo, int32_t hi);

    const int64_t i;
    const Skeleton& s;
    const int kind;
    Rng r;
    const CauseSpec& cause;
    const ReliefScript* script;
    const Date year_end;
    const bool closed;
    const Date closure_on;
    const Date end;
    const int32_t span;
    bool bank = false, applicant_org = false, respondent_org = false;
    int respondents = 1;
    bool tc_consent = false;
    bool settle_performed = false, settled = false, settle_guarantor = false;
    int64_t recovered = 0;
    bool resumed = false;
    Date effective;
    std::string_view category;
    bool found = false, tc_like = false;
    int64_t auction_from = -1;
    Arrival arrival = Arrival::payments;
    Date money_from;
    int n_inst = 0;
    Date signed_on;
    std::array<Date, 6> due{};
    std::array<int64_t, 6> part{};
    const char* status = "open";
  };

  // Writing steps (case_writer.cpp), in the order of the case's JSON object.
  void decide_parties(Case& c);
  void write_heading(JsonWriter& j, Case& c);
  void write_title_document(JsonWriter& j, Case& c);
  void write_categories_and_periods(JsonWriter& j, Case& c);
  void write_outcome(JsonWriter& j, Case& c);
  void write_officers(JsonWriter& j, Case& c);
  void write_parties(JsonWriter& j, Case& c);
  void write_applicant(JsonWriter& j, Case& c);
  void write_measures_and_receipts(JsonWriter& j);
  void write_settlement(JsonWriter& j, const Case& c);
  void write_relief(JsonWriter& j, Rng& r, const ReliefScript& sc, Date closure_on);
  void count(const Case& c);

  // Planning steps (case_measures.cpp): measures, settlement and receipts are decided before
  // the case is written, since its excluded periods and recovered amount depend on them.
  MeasureOut& add(std::string_view k, Date on, int against);
  void plan_measures(Case& c);
  void plan_money_measures(Case& c);
  void plan_coercive_measures(Case& c);
  void plan_settlement(Case& c);
  void plan_receipts(Case& c);

  const Planner& plan_;
  DemoFigures& fig_;
  int64_t first_serial_ = 0, resumed_serial_ = 0;
  std::vector<MeasureOut> measures_;
  std::vector<ReceiptOut> receipts_;
};

}  // namespace zhixing::inline demo
