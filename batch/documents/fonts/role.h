// What a piece of text is for on the page; each role has its own face and fallback chain.
// GB/T 9704-2012 §7: title 小标宋, body 仿宋, first-level heading 黑体, second-level heading 楷体;
// page numbers 4号半角宋体 (§7.5).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace zhixing::inline documents::fonts {

enum class Role { title, body, heading, heading2, page_number };

inline constexpr std::array<Role, 5> kAllRoles = {Role::title, Role::body, Role::heading,
                                                  Role::heading2, Role::page_number};

// The manifest's spelling: "title", "body", "heading", "heading2", "page_number".
std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

}  // namespace zhixing::inline documents::fonts
