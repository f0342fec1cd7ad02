// Synthetic people and organisations of 易县 for the demo data: names, ID numbers (GB 11643,
// checksum-valid), addresses, credit codes (GB 32100), and their party objects.
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "demo/json_writer.h"
#include "demo/rng.h"

namespace zhixing::inline demo {

struct Person {
  std::string name;
  bool male = true;
  Date birth;
  std::string id_number;
};

enum class OrgKind { company, builder, labour, bank };

std::string person_name(Rng& r, bool male);
// A person aged age_min..age_max on `on`, with a matching ID number.
Person make_person(Rng& r, Date on, int age_min, int age_max, bool male);

// Opens a party object and writes its fields; the caller adds agents or an account and closes it.
void write_person_party(JsonWriter& j, Rng& r, std::string_view id, std::string_view role,
                        const Person& p, std::string_view occupation);
void write_org_party(JsonWriter& j, Rng& r, std::string_view id, std::string_view role,
                     OrgKind kind);

}  // namespace zhixing::inline demo
