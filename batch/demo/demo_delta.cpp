#include "demo/demo_delta.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <sstream>

namespace zhixing::inline demo {

std::string with_new_measure(const std::string& line, const std::string& date, int64_t index) {
  Poco::JSON::Parser parser;
  auto record = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
  std::string respondent;
  auto parties = record->getArray("parties");
  for (size_t i = 0; i < parties->size() && respondent.empty(); ++i) {
    auto p = parties->getObject(static_cast<unsigned>(i));
    if (p->getValue<std::string>("role") == "respondent")
      respondent = p->getValue<std::string>("id");
  }
  if (respondent.empty()) return line;
  Poco::JSON::Array::Ptr measures = record->has("measures")
                                        ? record->getArray("measures")
                                        : Poco::JSON::Array::Ptr(new Poco::JSON::Array);
  Poco::JSON::Object::Ptr m = new Poco::JSON::Object;
  const int slot = static_cast<int>(index % 10);
  m->set("on", date);
  m->set("against", respondent);
  if (slot < 5) {
    m->set("kind", "consumption_ban");
  } else if (slot < 9) {
    m->set("kind", "property_report_order");
  } else {
    m->set("kind", "freeze");
    m->set("amount", "1000");
    // A full synthetic account (the demo generator's form: "0000" in places 7–10, Luhn-valid).
    m->set("target", "中国农业银行股份有限公司易县支行账户（账号：6228480000123456782）");
    m->set("period", "1y");
  }
  measures->add(m);
  record->set("measures", measures);
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(record, out);
  return out.str();
}

int64_t write_demo_delta(std::istream& all, std::ostream& delta, const std::string& date,
                         int64_t every, int64_t limit) {
  const int64_t step = std::max<int64_t>(1, every);
  std::string line;
  int64_t i = 0, written = 0;
  while (std::getline(all, line) && (limit == 0 || written < limit))
    if (i++ % step == 0) {
      delta << with_new_measure(line, date, written) << "\n";
      ++written;
    }
  return written;
}

}  // namespace zhixing::inline demo
