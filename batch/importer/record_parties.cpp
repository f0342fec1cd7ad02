// RecordWalker: a party (person or organisation) with its legal representative, agents and
// bank account.
#include "importer/record_walker.h"

#include <string>

#include "core/id_number.h"
#include "core/masking.h"

namespace zhixing::inline importer {

Party RecordWalker::party(const Json& v) {
  const Json& o = object(v);
  // The kind decides which of the person and organisation fields are defined. It is read
  // ahead so that the fields' order within the party does not matter. While the kind is
  // absent or invalid both sets are accepted; the kind itself then fails in its place.
  std::string kind_hint;
  if (o.has("kind")) {
    const Json& k = *o.member("kind");
    if (k.type == Json::Type::string && one_of(k.string, kPartyKinds)) kind_hint = k.string;
  }
  const bool may_be_person = kind_hint != "org";
  const bool may_be_org = kind_hint != "person";

  Party p;
  each_field(o, [&](const std::string& k, const Json& f) {
    if (k == "id") {
      p.id = identifier(f);
      if (rec_.party(p.id)) fail("bad_value", "当事人编号重复：" + p.id);
    } else if (k == "role") {
      p.role = choice(f, kRoles);
    } else if (k == "kind") {
      p.kind = choice(f, kPartyKinds);
    } else if (k == "name") {
      p.name = name(f);
    } else if (k == "address") {
      p.address = text(f);
    } else if (k == "phone") {
      p.phone = text(f);
    } else if (k == "gender" && may_be_person) {
      p.gender = choice(f, kGenders);
    } else if (k == "birth_date" && may_be_person) {
      p.birth_date = date(f);
    } else if (k == "ethnicity" && may_be_person) {
      p.ethnicity = text(f);
      bool known = false;
      for (auto e : kEthnicities) known = known || e == p.ethnicity;
      if (!known) fail("bad_value", "民族应为56个民族名称之一，如汉族：" + p.ethnicity);
    } else if (k == "occupation" && may_be_person) {
      p.occupation = text(f);
    } else if (k == "id_number" && may_be_person) {
      p.id_number = id_number(f);
    } else if (k == "uscc" && may_be_org) {
      p.uscc = credit_code(f);
    } else if (k == "legal_rep" && may_be_org) {
      p.legal_rep = legal_rep(f);
    } else if (k == "agents") {
      each_element(array(f), [&](const Json& e, size_t) { p.agents.push_back(agent(e)); });
    } else if (k == "bank_account") {
      p.bank_account = bank_account(f);
    } else {
      return false;
    }
    return true;
  });
  require(o, {"id", "role", "kind", "name", "address"});
  if (p.kind == "person") {
    require(o, {"gender", "birth_date", "ethnicity", "id_number"});
    // GB 11643 §4: digits 7–14 are the birth date, the 17th is odd for men.
    const std::string field = child("id_number");
    if (id_number_birth_date(p.id_number) != *p.birth_date)
      fail_at("id_mismatch", field,
              "公民身份号码" + mask_id_number(p.id_number) + "中的出生日期与出生日期字段不一致");
    if (id_number_is_male(p.id_number) != (p.gender == "男"))
      fail_at("id_mismatch", field,
              "公民身份号码" + mask_id_number(p.id_number) + "中的性别码与性别字段不一致");
  } else {
    require(o, {"uscc", "legal_rep"});
  }
  return p;
}

LegalRep RecordWalker::legal_rep(const Json& v) {
  const Json& o = object(v);
  LegalRep r;
  each_field(o, [&](const std::string& k, const Json& f) {
    if (k == "name")
      r.name = name(f);
    else if (k == "title")
      r.title = text(f);
    else if (k == "kind")
      r.kind = choice(f, kLegalRepKinds);
    else
      return false;
    return true;
  });
  require(o, {"name", "title", "kind"});
  return r;
}

Agent RecordWalker::agent(const Json& v) {
  const Json& o = object(v);
  Agent a;
  each_field(o, [&](const std::string& k, const Json& f) {
    if (k == "name")
      a.name = name(f);
    else if (k == "kind")
      a.kind = choice(f, kAgentKinds);
    else if (k == "firm")
      a.firm = text(f);
    else if (k == "special_authority")
      a.special_authority = boolean(f);
    else
      return false;
    return true;
  });
  require(o, {"name", "kind"});
  return a;
}

BankAccount RecordWalker::bank_account(const Json& v) {
  const Json& o = object(v);
  BankAccount b;
  each_field(o, [&](const std::string& k, const Json& f) {
    if (k == "bank")
      b.bank = text(f);
    else if (k == "account")
      b.account = text(f, kIdMax);
    else
      return false;
    return true;
  });
  require(o, {"bank", "account"});
  return b;
}

}  // namespace zhixing::inline importer
