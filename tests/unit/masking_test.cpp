// core/masking: the one masking API for logs, `zhixing runs`, the console and import rejection
// messages; separators and 11-digit phones are caught too.
#include "core/masking.h"

#include <gtest/gtest.h>

namespace zhixing {
namespace {

TEST(Masking, IdNumbersAndLongAccountsKeepSixAndFour) {
  EXPECT_EQ(mask_personal_numbers("身份证 13063319750601113X 有误"),
            "身份证 130633********113X 有误");
  EXPECT_EQ(mask_personal_numbers("账号 6228480000000000000。"), "账号 622848*********0000。");
}

TEST(Masking, MobilePhonesKeepThreeAndFour) {
  EXPECT_EQ(mask_personal_numbers("电话13800138000"), "电话138****8000");
  EXPECT_EQ(mask_personal_numbers("tel:13800138000;"), "tel:138****8000;");
}

TEST(Masking, NumbersWrittenWithSpacesOrHyphens) {
  EXPECT_EQ(mask_personal_numbers("账号 6228 4800 0000 0000 000 ok"),
            "账号 6228 48** **** ***0 000 ok");
  EXPECT_EQ(mask_personal_numbers("账号 6228-4800-0000-0000-000"), "账号 6228-48**-****-***0-000");
  EXPECT_EQ(mask_personal_numbers("电话 138-0013-8000"), "电话 138-****-8000");
  EXPECT_EQ(mask_personal_numbers("电话 +86 138 0013 8000"), "电话 +86 138 **** 8000");
  EXPECT_EQ(mask_personal_numbers("130633 19750601 113X"), "130633 ******** 113X");
}

TEST(Masking, LeavesCaseNumbersDatesAmountsAndShortNumbersAlone) {
  for (const char* text :
       {"（2024）冀0633执12号 2024-12-31 第 3 行 36000 元", "run 1234567890", "¥1,234,567,890.00",
        "冀0633-2024-JZ-0001", "[2024-12-31 23:30:05 run 12]", "共 2083 件 305000 元",
        "run 12345678901234", "web-20241231-233005-ab12", "20241231233005", "0312-8123456"})
    EXPECT_EQ(mask_personal_numbers(text), text);
}

TEST(Masking, IsIdempotent) {
  for (const char* text :
       {"13063319750601113X", "6228 4800 0000 0000 000", "13800138000", "138-0013-8000"}) {
    std::string once = mask_personal_numbers(text);
    EXPECT_NE(once, text);
    EXPECT_EQ(mask_personal_numbers(once), once);
  }
}

TEST(Masking, FieldsKnownToHoldAnIdNumberAccountOrPhone) {
  EXPECT_EQ(mask_id_number("13063319750601113X"), "130633********113X");
  EXPECT_EQ(mask_id_number("1234567890"), "**********");
  EXPECT_EQ(mask_account_or_phone("6228480000000000000"), "***************0000");
  EXPECT_EQ(mask_account_or_phone("13800138000"), "*******8000");
  EXPECT_EQ(mask_account_or_phone("123"), "****");
  EXPECT_EQ(mask_account_or_phone(""), "");
}

}  // namespace
}  // namespace zhixing
