// A scratch database on the real private PostgreSQL for one test process: created from
// nothing, migrated, loaded with the court list, dropped when the process ends.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <soci/soci.h>

#include "config/settings.h"
#include "store/database.h"

namespace zhixing::testing {

class ScratchDatabase : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;

  static const DatabaseTarget& target();
  static const Settings& settings();
  static std::unique_ptr<soci::session> runtime() { return connect(target().runtime_url); }
  static std::unique_ptr<soci::session> owner() { return connect(target().owner_url); }
  // Empties every table (between tests in one process).
  static void truncate_all();
  // Empties the append-only ledger tables: only the owner can, by switching their triggers off.
  static void truncate_ledger();
};

// A valid zhixing.case/1 line with synthetic, checksum-valid ID numbers.
struct LineOptions {
  std::string case_number = "（2024）冀0633执1号";
  std::string filed_on = "2024-03-05";
  std::string claim = "36000";
  std::string recovered = "0";
  std::string status = "open";
  std::string closure;     // raw JSON object or empty
  std::string measures;    // raw JSON array or empty (default: one notice)
  std::string relief;      // raw JSON object or empty
  std::string receipts;    // raw JSON array or empty (no `receipts` field)
  std::string settlement;  // raw JSON object or empty
  std::string applicant_name = "张秀兰";
};
std::string case_line(const LineOptions& o = {});

// An ID number for the given birth date (YYYYMMDD) and sex, with the right check character.
std::string synthetic_id(const std::string& area, const std::string& yyyymmdd, int sequence);

std::string write_temp_file(const std::string& name, const std::string& content);

}  // namespace zhixing::testing
