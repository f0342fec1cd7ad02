// zhixing: the enforcement bureau's batch system. One executable, one subcommand per task.
#include <iostream>

int main(int argc, char** argv) {
  (void)argc;
  (void)argv;
  std::cout << "zhixing\n";
  return 0;
}
