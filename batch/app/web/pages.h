// The console's HTML: one layout (header, navigation by role, content) and the small pieces the
// pages share. Everything staff read is Chinese; every value is escaped with h().
#pragma once

#include <string>
#include <vector>

namespace zhixing::app::web {

struct Session;

struct PageLink {
  std::string href, label;
};

// A whole page. `active`: the navigation entry to highlight ("runs", "batch", "cases",
// "finance", "audit"); `session` null on the login page.
std::string page(const std::string& title, const Session* session, const std::string& active,
                 const std::string& content);

// An error page: the Chinese message with the stable English code beside it.
std::string error_page(const Session* session, int status, const std::string& code,
                       const std::string& message);

std::string role_label(const std::string& role);
std::string status_label(const std::string& status);  // run and step statuses
std::string status_badge(const std::string& status);  // <span class="badge …">…</span>

// A hidden CSRF field for a form.
std::string csrf_field(const Session& session);

// <table> with a header row; cells are HTML already.
std::string table(const std::vector<std::string>& headers,
                  const std::vector<std::vector<std::string>>& rows, const std::string& empty_text);

}  // namespace zhixing::app::web
