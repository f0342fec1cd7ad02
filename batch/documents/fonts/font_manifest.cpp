#include "documents/fonts/font_manifest.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "documents/fonts/font_error.h"

namespace zhixing::inline documents::fonts {
namespace {

[[noreturn]] void invalid(std::string_view origin, const std::string& what) {
  throw FontError(FontErrorCode::manifest_invalid,
                  "font manifest " + std::string(origin) + ": " + what);
}

// "U+FFE5" -> 0xFFE5
std::optional<char32_t> parse_code_point(const std::string& text) {
  if (text.size() < 3 || text.size() > 8 || text[0] != 'U' || text[1] != '+') return std::nullopt;
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data() + 2, text.data() + text.size(), value, 16);
  if (ec != std::errc() || end != text.data() + text.size() || value > 0x10FFFF) {
    return std::nullopt;
  }
  return static_cast<char32_t>(value);
}

std::string string_field(const Poco::JSON::Object::Ptr& obj, const std::string& key,
                         std::string_view origin, const std::string& where, bool required) {
  if (!obj->has(key)) {
    if (required) invalid(origin, where + ": missing \"" + key + "\"");
    return {};
  }
  Poco::Dynamic::Var v = obj->get(key);
  if (!v.isString()) invalid(origin, where + ": \"" + key + "\" must be a string");
  return v.convert<std::string>();
}

}  // namespace

std::string_view font_program_name(FontProgram program) {
  switch (program) {
    case FontProgram::automatic:
      return "auto";
    case FontProgram::truetype:
      return "truetype";
    case FontProgram::cff:
      return "cff";
    case FontProgram::opentype:
      return "opentype";
  }
  return "?";
}

FontManifest FontManifest::parse(std::string_view json, const std::filesystem::path& root,
                                 std::string_view origin) {
  Poco::JSON::Object::Ptr top;
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var parsed = parser.parse(std::string(json));
    top = parsed.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    invalid(origin, "not a JSON object: " + e.displayText());
  }
  if (!top) invalid(origin, "not a JSON object");

  FontManifest m;
  Poco::JSON::Object::Ptr faces = top->getObject("faces");
  if (!faces) invalid(origin, "missing object \"faces\"");
  for (const std::string& id : faces->getNames()) {
    Poco::JSON::Object::Ptr f = faces->getObject(id);
    const std::string where = "face \"" + id + "\"";
    if (!f) invalid(origin, where + " must be an object");
    FaceSpec spec;
    spec.id = id;
    std::filesystem::path file = string_field(f, "file", origin, where, true);
    spec.file = file.is_absolute() ? file : root / file;
    if (f->has("index")) {
      Poco::Dynamic::Var idx = f->get("index");
      if (!idx.isInteger() || idx.convert<long long>() < 0 || idx.convert<long long>() > 255) {
        invalid(origin, where + ": \"index\" must be an integer 0..255");
      }
      spec.index = idx.convert<unsigned>();
    }
    spec.family = string_field(f, "family", origin, where, false);
    spec.licence = string_field(f, "licence", origin, where, false);
    if (f->has("pdf_program")) {
      const std::string p = string_field(f, "pdf_program", origin, where, false);
      bool known = false;
      for (FontProgram v : {FontProgram::automatic, FontProgram::truetype, FontProgram::cff,
                            FontProgram::opentype}) {
        if (p == font_program_name(v)) spec.program = v, known = true;
      }
      if (!known) {
        invalid(
            origin,
            where + ": \"pdf_program\" must be \"auto\", \"truetype\", \"cff\" or \"opentype\"");
      }
    }
    if (f->has("exclude")) {
      Poco::JSON::Array::Ptr ex = f->getArray("exclude");
      if (!ex) invalid(origin, where + ": \"exclude\" must be an array of \"U+XXXX\"");
      for (std::size_t i = 0; i < ex->size(); ++i) {
        Poco::Dynamic::Var item = ex->get(static_cast<unsigned>(i));
        auto cp = item.isString() ? parse_code_point(item.convert<std::string>()) : std::nullopt;
        if (!cp) invalid(origin, where + ": \"exclude\" entries must look like \"U+FFE5\"");
        spec.excluded.push_back(*cp);
      }
      std::sort(spec.excluded.begin(), spec.excluded.end());
    }
    m.faces_.push_back(std::move(spec));
  }

  Poco::JSON::Object::Ptr roles = top->getObject("roles");
  if (!roles) invalid(origin, "missing object \"roles\"");
  for (const std::string& name : roles->getNames()) {
    if (!parse_role(name)) invalid(origin, "unknown role \"" + name + "\"");
  }
  for (Role role : kAllRoles) {
    const std::string name(role_name(role));
    Poco::JSON::Array::Ptr chain = roles->has(name) ? roles->getArray(name) : nullptr;
    if (!chain || chain->size() == 0) {
      invalid(origin, "role \"" + name + "\" needs a non-empty array of face ids");
    }
    std::vector<std::string>& ids = m.chains_[role];
    std::set<std::string> seen;
    for (std::size_t i = 0; i < chain->size(); ++i) {
      Poco::Dynamic::Var item = chain->get(static_cast<unsigned>(i));
      if (!item.isString()) invalid(origin, "role \"" + name + "\": face ids must be strings");
      std::string id = item.convert<std::string>();
      if (!std::any_of(m.faces_.begin(), m.faces_.end(),
                       [&](const FaceSpec& f) { return f.id == id; })) {
        invalid(origin, "role \"" + name + "\" names undefined face \"" + id + "\"");
      }
      if (!seen.insert(id).second) {
        invalid(origin, "role \"" + name + "\" lists face \"" + id + "\" twice");
      }
      ids.push_back(std::move(id));
    }
  }
  return m;
}

FontManifest FontManifest::load(const std::filesystem::path& manifest_file,
                                const std::filesystem::path& root) {
  std::ifstream in(manifest_file, std::ios::binary);
  if (!in) {
    throw FontError(FontErrorCode::manifest_unreadable,
                    "cannot read font manifest " + manifest_file.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), root, manifest_file.string());
}

std::filesystem::path FontManifest::default_root(
    const std::optional<std::filesystem::path>& root_override) {
  if (root_override) return *root_override;
  if (const char* env = std::getenv("ZHIXING_FONT_ROOT"); env != nullptr && *env != '\0') {
    return env;
  }
  return ZHIXING_SOURCE_DIR;
}

FontManifest FontManifest::load_default(const std::optional<std::filesystem::path>& root_override) {
  const std::filesystem::path root = default_root(root_override);
  return load(root / "fonts" / "manifest.json", root);
}

const FaceSpec& FontManifest::face(std::string_view id) const {
  for (const FaceSpec& f : faces_) {
    if (f.id == id) return f;
  }
  throw FontError(FontErrorCode::manifest_invalid,
                  "font manifest has no face \"" + std::string(id) + "\"");
}

const std::vector<std::string>& FontManifest::chain(Role role) const { return chains_.at(role); }

}  // namespace zhixing::inline documents::fonts
