#include "ledger/bank_confirmation_file.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/input_text.h"

using zhixing::ledger::read_bank_confirmation_file;

namespace {

const std::string kHeader = "voucher_number,paid_on,amount,bank_reference\n";

}  // namespace

TEST(BankConfirmationFile, ReadsEveryDataLineInOrder) {
  const auto lines = read_bank_confirmation_file(
      "\xEF\xBB\xBF" + kHeader + "冀0633-2024-JZ-0001,2024-12-31,50000.00,DEMO-1\r\n\n" +
      "\"冀0633-2024-JZ-0002\", 2024-12-30 ,12000.5,\"REF \"\"B\"\", 2\"\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_FALSE(lines[0].invalid);
  EXPECT_EQ(lines[0].line_no, 2);
  EXPECT_EQ(lines[0].voucher_number, "冀0633-2024-JZ-0001");
  EXPECT_EQ(lines[0].paid_on.iso(), "2024-12-31");
  EXPECT_EQ(lines[0].amount.fen(), 5000000);
  EXPECT_EQ(lines[0].bank_reference, "DEMO-1");
  EXPECT_FALSE(lines[1].invalid);
  EXPECT_EQ(lines[1].line_no, 4);
  EXPECT_EQ(lines[1].amount.fen(), 1200050);
  EXPECT_EQ(lines[1].bank_reference, "REF \"B\", 2");
}

TEST(BankConfirmationFile, NamesTheFieldOfAnUnreadableLine) {
  const auto lines = read_bank_confirmation_file(kHeader +
                                                 "冀0633-2024-JZ-0001,2024-12-31,50000.00\n"
                                                 ",2024-12-31,1.00,R2\n"
                                                 "冀0633-2024-JZ-0003,2024-02-30,1.00,R3\n"
                                                 "冀0633-2024-JZ-0004,2024-12-31,-1.00,R4\n"
                                                 "冀0633-2024-JZ-0005,2024-12-31,1.00,\n");
  ASSERT_EQ(lines.size(), 5u);
  const char* fields[] = {"", "voucher_number", "paid_on", "amount", "bank_reference"};
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_TRUE(lines[i].invalid) << i;
    EXPECT_EQ(lines[i].invalid_field, fields[i]) << i;
    EXPECT_FALSE(lines[i].invalid_message.empty()) << i;
  }
}

// Found by fuzz/bank_confirmation_fuzzer.cpp: a NUL, another control character or invalid UTF-8 in
// a line was read as a good line, so a reference was hashed whole and stored cut at the NUL by
// PostgreSQL. Now such a line is invalid and its bytes never reach a message.
TEST(BankConfirmationFile, RefusesControlCharactersBadEncodingAndOverlongFields) {
  const std::string nul_reference =
      kHeader + "冀0633-2024-JZ-0002,2024-12-31,65000.00,REF" + '\0' + "NUL\n";
  auto lines = read_bank_confirmation_file(nul_reference);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].invalid);
  EXPECT_TRUE(lines[0].bank_reference.empty());
  EXPECT_NE(lines[0].invalid_message.find("control_character"), std::string::npos);

  lines = read_bank_confirmation_file(
      kHeader + "冀0633-2024-JZ-0001\x01,2024-12-31,1.00,R1\n" +
      "冀0633-2024-JZ-0002,2024-12-31\xFF,1.00,R2\n" +
      "冀0633-2024-JZ-0003,2024-12-31,1.00,R\t3\n" + "冀0633-2024-JZ-0004,2024-12-31,1.00," +
      std::string(201, 'R') + "\n" + "冀0633-2024-JZ-0005" + std::string(60, 'X') +
      ",2024-12-31,1.00,R5\n" + "冀0633-2024-JZ-0006,2024-12-31,1.00,R" + std::string(1100, '6') +
      "\n");
  ASSERT_EQ(lines.size(), 6u);
  const char* fields[] = {"", "", "", "bank_reference", "voucher_number", ""};
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_TRUE(lines[i].invalid) << i;
    EXPECT_EQ(lines[i].invalid_field, fields[i]) << i;
    EXPECT_TRUE(zhixing::is_valid_utf8(lines[i].invalid_message)) << i;
    EXPECT_FALSE(zhixing::has_control_character(lines[i].invalid_message)) << i;
    EXPECT_LE(lines[i].voucher_number.size(), 64u + 3u) << i;  // cut, then "…"
  }
}

TEST(BankConfirmationFile, IsNotABankFileWithoutItsHeader) {
  EXPECT_THROW(read_bank_confirmation_file(""), std::runtime_error);
  EXPECT_THROW(read_bank_confirmation_file("\n \n"), std::runtime_error);
  EXPECT_THROW(read_bank_confirmation_file("voucher,date,amount,reference\n"), std::runtime_error);
  EXPECT_TRUE(read_bank_confirmation_file(kHeader).empty());
}
