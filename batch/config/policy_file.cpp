#include "config/policy_file.h"

#include <fstream>
#include <sstream>

namespace zhixing::inline config {

relief::Policy load_relief_policy(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw relief::PolicyError(relief::PolicyError::Code::unreadable, "",
                              "无法读取救助规则配置文件：" + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return relief::parse_policy(text.str());
}

relief::Policy load_relief_policy(const Settings& settings) {
  return load_relief_policy(settings.data_path("relief.policy", "config/relief-policy.properties"));
}

}  // namespace zhixing::inline config
