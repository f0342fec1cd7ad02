#include "documents/fonts/font_set.h"

#include <algorithm>
#include <unordered_set>

#include "core/invariant.h"

namespace zhixing::inline documents::fonts {

FallbackChain::FallbackChain(std::vector<std::shared_ptr<const Face>> faces)
    : faces_(std::move(faces)) {
  ZHIXING_INVARIANT(!faces_.empty(), "a fallback chain needs at least one face");
}

Pick FallbackChain::pick(char32_t cp) const {
  for (const auto& face : faces_) {
    if (face->has(cp)) return Pick{face.get(), Coverage::drawable};
  }
  return Pick{nullptr, Coverage::missing};
}

std::vector<Run> FallbackChain::runs(std::u32string_view text) const {
  std::vector<Run> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const Face* face = pick(text[i]).face;
    if (!out.empty() && out.back().face == face && face != nullptr) {
      out.back().end = i + 1;
    } else {
      out.push_back(Run{face, i, i + 1});
    }
  }
  return out;
}

std::vector<char32_t> FallbackChain::undrawable(std::u32string_view text) const {
  std::vector<char32_t> out;
  std::unordered_set<char32_t> seen;
  for (char32_t cp : text) {
    if (!pick(cp) && seen.insert(cp).second) out.push_back(cp);
  }
  return out;
}

FontSet FontSet::load(const FontManifest& manifest) {
  FontSet set;
  set.chains_.reserve(kAllRoles.size());
  for (Role role : kAllRoles) {
    ZHIXING_INVARIANT(static_cast<std::size_t>(role) == set.chains_.size(),
                      "the chains are built in role order");
    std::vector<std::shared_ptr<const Face>> faces;
    for (const std::string& id : manifest.chain(role)) {
      std::shared_ptr<const Face> face = Face::open(manifest.face(id));
      if (std::find(set.faces_.begin(), set.faces_.end(), face) == set.faces_.end()) {
        set.faces_.push_back(face);
      }
      faces.push_back(std::move(face));
    }
    set.chains_.emplace_back(std::move(faces));
  }
  return set;
}

const FallbackChain& FontSet::chain(Role role) const {
  return chains_.at(static_cast<std::size_t>(role));
}

}  // namespace zhixing::inline documents::fonts
