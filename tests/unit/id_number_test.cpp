#include "core/id_number.h"
#include "core/masking.h"

#include <gtest/gtest.h>

#include <string>

using zhixing::check_id_number;
using zhixing::Date;
using zhixing::id_number_birth_date;
using zhixing::id_number_check_character;
using zhixing::id_number_is_male;
using zhixing::IdNumberFault;
using zhixing::mask_id_number;

namespace {

// Synthetic numbers only: 17 chosen digits plus the check character computed here.
std::string synthetic(const std::string& first17) {
  return first17 + id_number_check_character(first17);
}

}  // namespace

TEST(IdNumber, AcceptsTheStandardsExample) {
  // GB 11643-1999's own worked example.
  EXPECT_EQ(id_number_check_character("11010519491231002"), 'X');
  EXPECT_EQ(check_id_number("11010519491231002X"), IdNumberFault::none);
}

TEST(IdNumber, RejectsWrongCheckCharacter) {
  EXPECT_EQ(check_id_number("110105194912310021"), IdNumberFault::bad_check_character);
  std::string id = synthetic("13063319800101001");
  id[17] = id[17] == '9' ? '8' : static_cast<char>(id[17] == 'X' ? '1' : id[17] + 1);
  EXPECT_EQ(check_id_number(id), IdNumberFault::bad_check_character);
}

TEST(IdNumber, RejectsImpossibleBirthDate) {
  EXPECT_EQ(check_id_number(synthetic("13063319800230001")), IdNumberFault::bad_birth_date);
  EXPECT_EQ(check_id_number(synthetic("13063319801301001")), IdNumberFault::bad_birth_date);
  EXPECT_EQ(check_id_number(synthetic("13063320000229004")), IdNumberFault::none);
}

TEST(IdNumber, AcceptsLowercaseX) {
  EXPECT_EQ(check_id_number("11010519491231002x"), IdNumberFault::none);
}

TEST(IdNumber, RejectsFifteenDigitLegacyNumbers) {
  EXPECT_EQ(check_id_number("130633800101001"), IdNumberFault::bad_length);
}

TEST(IdNumber, RejectsLettersAmongTheDigits) {
  EXPECT_EQ(check_id_number("1306331980010100A2"), IdNumberFault::bad_character);
  EXPECT_EQ(check_id_number("13063319800101001Y"), IdNumberFault::bad_character);
}

TEST(IdNumber, ReadsBirthDateAndSex) {
  std::string male = synthetic("13063319750601113");
  std::string female = synthetic("13063319800101002");
  EXPECT_EQ(id_number_birth_date(male), *Date::parse_iso("1975-06-01"));
  EXPECT_TRUE(id_number_is_male(male));
  EXPECT_FALSE(id_number_is_male(female));
}

TEST(IdNumber, MaskKeepsAreaCodeAndLastFour) {
  EXPECT_EQ(mask_id_number("11010519491231002X"), "110105********002X");
  EXPECT_EQ(mask_id_number("12345"), "*****");
  EXPECT_EQ(mask_id_number(""), "");
}
