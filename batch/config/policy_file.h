// Reading the relief rule set's figures from their file: the text is parsed by relief/ (pure),
// the file is found and read here.
#pragma once

#include <filesystem>

#include "config/settings.h"
#include "relief/policy.h"

namespace zhixing::inline config {

// The file at `path`; an unreadable file is relief::PolicyError{unreadable}, a bad one whatever
// relief::parse_policy throws.
relief::Policy load_relief_policy(const std::filesystem::path& path);
// The file named by the setting relief.policy (default config/relief-policy.properties).
relief::Policy load_relief_policy(const Settings& settings);

}  // namespace zhixing::inline config
