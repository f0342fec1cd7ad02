// The ctest fixture of the seal token (tests/CMakeLists.txt): `test_seal_token make DIR` makes
// the run's token (support/seal_token.h), `test_seal_token remove DIR` removes it.
#include <filesystem>
#include <iostream>
#include <string>

#include "support/seal_token.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: test_seal_token make|remove DIR\n";
    return 2;
  }
  std::string verb = argv[1];
  try {
    if (verb == "make") {
      auto token = zhixing::testing::make_seal_token(argv[2]);
      std::cout << "test seal token in " << token.dir.string() << "\n";
    } else if (verb == "remove") {
      std::filesystem::remove_all(argv[2]);
    } else {
      return 2;
    }
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
