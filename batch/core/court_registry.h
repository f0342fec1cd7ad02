// Known courts (config/courts.csv): code, full name with province prefix, president.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace zhixing::inline core {

struct Court {
  std::string code;       // 冀0633
  std::string name;       // 河北省易县人民法院
  std::string president;  // signs consumption bans
};

class CourtRegistry {
 public:
  // CSV with header "code,name,president"; throws std::runtime_error naming the line.
  static CourtRegistry load_csv(const std::string& path);
  void add(Court court) {
    std::string k = court.code;
    courts_[k] = std::move(court);
  }
  const Court* find(std::string_view code) const {
    auto it = courts_.find(std::string(code));
    return it == courts_.end() ? nullptr : &it->second;
  }
  const std::map<std::string, Court>& all() const { return courts_; }

 private:
  std::map<std::string, Court> courts_;
};

}  // namespace zhixing::inline core
