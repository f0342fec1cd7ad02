#include "documents/fonts/role.h"

namespace zhixing::inline documents::fonts {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::title:
      return "title";
    case Role::body:
      return "body";
    case Role::heading:
      return "heading";
    case Role::heading2:
      return "heading2";
    case Role::page_number:
      return "page_number";
  }
  return "?";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : kAllRoles) {
    if (role_name(r) == name) return r;
  }
  return std::nullopt;
}

}  // namespace zhixing::inline documents::fonts
