#include "demo/identities.h"

#include <array>

#include "core/credit_code.h"
#include "core/id_number.h"
#include "demo/demo_names.h"

namespace zhixing::inline demo {

using namespace demo_names;

std::string person_name(Rng& r, bool male) {
  std::string n(r.pick(kSurnames));
  const auto& given = male ? kMaleGiven : kFemaleGiven;
  n += r.pick(given);
  if (r.per_mille(700)) n += r.pick(given);
  return n;
}

Person make_person(Rng& r, Date on, int age_min, int age_max, bool male) {
  Person p;
  p.male = male;
  p.name = person_name(r, male);
  const int by = on.year() - static_cast<int>(r.range(age_min, age_max));
  p.birth = Date::from_ymd(by, 1, 1)->plus_days(
      static_cast<int32_t>(r.below(is_leap_year(by) ? 366 : 365)));
  if (p.birth > on.plus_days(-365 * age_min))
    p.birth = on.plus_days(-366 * age_min - 1);  // at least age_min
  // GB 11643: area code, YYYYMMDD, sequence (odd = male), check character.
  std::string id(r.pick(kAreaCodes));
  const int y = p.birth.year(), m = p.birth.month(), d = p.birth.day();
  id += static_cast<char>('0' + y / 1000);
  id += static_cast<char>('0' + y / 100 % 10);
  id += static_cast<char>('0' + y / 10 % 10);
  id += static_cast<char>('0' + y % 10);
  id += static_cast<char>('0' + m / 10);
  id += static_cast<char>('0' + m % 10);
  id += static_cast<char>('0' + d / 10);
  id += static_cast<char>('0' + d % 10);
  const int seq = static_cast<int>(r.below(500)) * 2 + (male ? 1 : 0);
  id += static_cast<char>('0' + seq / 100);
  id += static_cast<char>('0' + seq / 10 % 10);
  id += static_cast<char>('0' + seq % 10);
  id += id_number_check_character(id);
  p.id_number = std::move(id);
  return p;
}

namespace {

std::string village_address(Rng& r) {
  std::string a = "河北省易县";
  a += r.pick(kTownships);
  a += r.pick(kVillageStems);
  a += r.pick(kVillageSuffixes);
  a += "村";
  append_int(a, r.range(1, 260));
  a += "号";
  return a;
}

std::string street_address(Rng& r) {
  std::string a = "河北省易县";
  const auto& t = r.pick(kTownships);
  a += t;
  a += r.pick(kStreets);
  append_int(a, r.range(1, 388));
  a += "号";
  return a;
}

std::string credit_code(Rng& r) {
  // 9 工商 + 1 企业 + 130633 + 主体标识码 (MA + 7) + check (GB 32100).
  std::string c = "91130633MA";
  for (int k = 0; k < 7; ++k) c += kCreditCodeAlphabet[r.below(kCreditCodeAlphabet.size())];
  c += credit_code_check_character(c);
  return c;
}

std::string_view ethnicity(Rng& r) {
  uint64_t u = r.below(1000);
  return u < 940 ? "汉族" : u < 980 ? "满族" : "回族";
}

}  // namespace

void write_person_party(JsonWriter& j, Rng& r, std::string_view id, std::string_view role,
                        const Person& p, std::string_view occupation) {
  j.begin_object();
  j.field("id", id);
  j.field("role", role);
  j.field("kind", "person");
  j.field("name", p.name);
  j.field("gender", p.male ? "男" : "女");
  j.field_date("birth_date", p.birth);
  j.field("ethnicity", ethnicity(r));
  if (!occupation.empty()) j.field("occupation", occupation);
  j.field("id_number", p.id_number);
  j.field("address", village_address(r));
}

void write_org_party(JsonWriter& j, Rng& r, std::string_view id, std::string_view role,
                     OrgKind kind) {
  j.begin_object();
  j.field("id", id);
  j.field("role", role);
  j.field("kind", "org");
  std::string name;
  std::string_view rep_title = "总经理", rep_kind = "法定代表人";
  if (kind == OrgKind::bank) {
    const size_t b = r.below(kBanks.size());
    name = kBanks[b];
    if (b + 1 == kBanks.size())
      rep_title = "董事长";
    else {
      rep_title = "行长";
      rep_kind = "主要负责人";
    }
  } else {
    name = r.per_mille(800) ? "易县" : "保定";
    name += r.pick(kTradeNames);
    if (kind == OrgKind::builder)
      name += "建筑工程有限公司";
    else if (kind == OrgKind::labour)
      name += "劳务服务有限公司";
    else {
      name += r.pick(kTrades);
      name += "有限公司";
    }
    static constexpr std::array<std::string_view, 4> kTitles = {"总经理", "执行董事", "董事长",
                                                                "经理"};
    rep_title = r.pick(kTitles);
  }
  j.field("name", name);
  j.field("address", street_address(r));
  j.field("uscc", credit_code(r));
  j.key("legal_rep");
  j.begin_object();
  j.field("name", person_name(r, r.per_mille(800)));
  j.field("title", rep_title);
  j.field("kind", rep_kind);
  j.end_object();
}

}  // namespace zhixing::inline demo
