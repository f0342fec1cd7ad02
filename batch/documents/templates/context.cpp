#include "documents/templates/context.h"

#include "core/invariant.h"

namespace zhixing::inline documents {

ContextValue ContextValue::text(std::string value) {
  ContextValue v(Type::text);
  v.text_ = std::move(value);
  return v;
}

ContextValue ContextValue::flag(bool value) {
  ContextValue v(Type::flag);
  v.flag_ = value;
  return v;
}

ContextValue ContextValue::text_list(const std::vector<std::string>& values) {
  ContextValue v(Type::list);
  for (const auto& s : values) v.push(text(s));
  return v;
}

ContextValue& ContextValue::set(std::string key, ContextValue value) {
  ZHIXING_INVARIANT(type_ == Type::object, "set() on an object");
  value.key_ = std::move(key);
  for (auto& member : items_) {
    if (member.key_ == value.key_) {
      member = std::move(value);
      return *this;
    }
  }
  items_.push_back(std::move(value));
  return *this;
}

const ContextValue* ContextValue::find(std::string_view key) const {
  if (type_ != Type::object) return nullptr;
  for (const auto& member : items_)
    if (member.key_ == key) return &member;
  return nullptr;
}

ContextValue& ContextValue::push(ContextValue value) {
  ZHIXING_INVARIANT(type_ == Type::list, "push() on a list");
  value.key_.clear();
  items_.push_back(std::move(value));
  return *this;
}

namespace {

void flatten_into(const ContextValue& value, const std::string& path,
                  std::vector<ContextField>& out) {
  switch (value.type()) {
    case ContextValue::Type::text:
      out.push_back({path, value.text_value()});
      break;
    case ContextValue::Type::flag:
      break;
    case ContextValue::Type::object:
      for (const auto& member : value.items())
        flatten_into(member, path.empty() ? member.key() : path + "." + member.key(), out);
      break;
    case ContextValue::Type::list:
      for (std::size_t i = 0; i < value.items().size(); ++i)
        flatten_into(value.items()[i], path + "[" + std::to_string(i) + "]", out);
      break;
  }
}

void undeclared_into(const ContextValue& value, const ContextSchema::Node& node,
                     const std::string& path, std::vector<std::string>& out) {
  if (value.type() == ContextValue::Type::object) {
    for (const auto& member : value.items()) {
      const std::string member_path = path.empty() ? member.key() : path + "." + member.key();
      const auto it = node.children.find(member.key());
      if (it == node.children.end()) {
        out.push_back(member_path + " is not in the schema");
        continue;
      }
      undeclared_into(member, it->second, member_path, out);
    }
  } else if (value.type() == ContextValue::Type::list) {
    if (!node.list) {
      out.push_back(path + " is a list but the schema declares a value");
      return;
    }
    for (const auto& item : value.items()) undeclared_into(item, node, path + "[]", out);
  } else if (node.list && path.ends_with("[]") == false) {
    out.push_back(path + " is a value but the schema declares a list");
  }
}

}  // namespace

std::vector<ContextField> flatten(const ContextValue& context) {
  std::vector<ContextField> out;
  flatten_into(context, "", out);
  return out;
}

ContextSchema::ContextSchema(const std::vector<std::string>& paths) {
  for (const auto& p : paths) add(p);
}

void ContextSchema::add(std::string_view path) {
  Node* node = &root_;
  while (!path.empty()) {
    const std::size_t dot = path.find('.');
    std::string_view part = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    bool list = false;
    if (part.ends_with("[]")) {
      list = true;
      part.remove_suffix(2);
    }
    node = &node->children[std::string(part)];
    if (list) node->list = true;
  }
}

std::vector<std::string> ContextSchema::undeclared(const ContextValue& context) const {
  std::vector<std::string> out;
  undeclared_into(context, root_, "", out);
  return out;
}

}  // namespace zhixing::inline documents
