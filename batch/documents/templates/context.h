// The values a template sees (a mustache context) as a small ordered tree, plus the schema that
// declares which names a kind's templates may use. Kept separate from kainjow's data type so that
// (1) every value can be listed as (field path, value) for the glyph check before anything is
// drawn, and (2) `templates check` can compare a template's variables with the declared schema.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace zhixing::inline documents {

// text: a value ({{name}}); flag: a condition ({{#name}}…{{/name}}); object: nested names
// ({{court.name}}); list: repeated sections ({{#judges}}{{.}}{{/judges}}).
class ContextValue {
 public:
  enum class Type { text, flag, object, list };

  ContextValue() : type_(Type::object) {}
  static ContextValue text(std::string value);
  static ContextValue flag(bool value);
  static ContextValue object() { return ContextValue(); }
  static ContextValue list() { return ContextValue(Type::list); }
  static ContextValue text_list(const std::vector<std::string>& values);

  Type type() const { return type_; }
  const std::string& text_value() const { return text_; }
  bool flag_value() const { return flag_; }
  const std::vector<ContextValue>& items() const { return items_; }  // list elements or members
  const std::string& key() const { return key_; }                    // as a member of an object

  // Objects: adds or replaces a member, keeping first-insertion order. Returns *this.
  ContextValue& set(std::string key, ContextValue value);
  ContextValue& set(std::string key, std::string value) {
    return set(std::move(key), text(std::move(value)));
  }
  ContextValue& set(std::string key, const char* value) { return set(std::move(key), text(value)); }
  ContextValue& set_flag(std::string key, bool value) { return set(std::move(key), flag(value)); }
  const ContextValue* find(std::string_view key) const;
  // Lists: appends an element.
  ContextValue& push(ContextValue value);

 private:
  explicit ContextValue(Type type) : type_(type) {}
  Type type_;
  std::string key_;
  std::string text_;
  bool flag_ = false;
  std::vector<ContextValue> items_;
};

// One text value with its path, e.g. {"respondents[0].name", "刘建国"}; flags are not listed.
struct ContextField {
  std::string path;
  std::string value;
};
// Depth-first, in insertion order, so the first undrawable character found is reported for the
// field a reader meets first.
std::vector<ContextField> flatten(const ContextValue& context);

// Which names a template may use. Declared as paths: "court.name" (object member), "judges[]"
// (list of texts, used as {{.}}), "installments[].amount" (list of objects), "panel" (a value
// or a flag: sections over a value test it).
class ContextSchema {
 public:
  struct Node {
    std::map<std::string, Node, std::less<>> children;
    bool list = false;
  };

  ContextSchema() = default;
  explicit ContextSchema(const std::vector<std::string>& paths);
  void add(std::string_view path);
  const Node& root() const { return root_; }

  // Problems where `context` holds a value the schema does not declare ("law.foo is not in the
  // schema"); a test keeps every kind's builder and its schema in step.
  std::vector<std::string> undeclared(const ContextValue& context) const;

 private:
  Node root_;
};

}  // namespace zhixing::inline documents
