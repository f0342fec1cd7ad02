#include "core/court_registry.h"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace zhixing::inline core {

CourtRegistry CourtRegistry::load_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read court list " + path);
  CourtRegistry reg;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (n == 1 || line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, ',')) cols.push_back(col);
    if (cols.size() < 2)
      throw std::runtime_error(path + " line " + std::to_string(n) +
                               ": expected code,name,president");
    reg.add(Court{cols[0], cols[1], cols.size() > 2 ? cols[2] : ""});
  }
  return reg;
}

}  // namespace zhixing::inline core
