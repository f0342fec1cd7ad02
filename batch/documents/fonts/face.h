// One font face (a file plus a TTC index) opened once per process and shared read-only.
//
// Everything a layout pass asks for is computed when the face is opened: the set of covered code
// points (a bitset over all of Unicode, 136 KB) and the horizontal advance of each covered code
// point. After that a Face is immutable, so any number of threads may use one concurrently
// (HarfBuzz faces are immutable once made so; see subset.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "documents/fonts/font_manifest.h"
#include "documents/fonts/hb_handles.h"  // declares the HarfBuzz types only

namespace zhixing::inline documents::fonts {

struct FaceSpec;

class Face {
 public:
  // The process-wide instance for (file, index, excluded): the first call loads, later calls
  // return the same object. Throws FontError(face_missing / face_unreadable).
  static std::shared_ptr<const Face> open(const FaceSpec& spec);
  static std::shared_ptr<const Face> open(const std::filesystem::path& file, unsigned index = 0);

  ~Face();
  Face(const Face&) = delete;
  Face& operator=(const Face&) = delete;

  const std::string& id() const { return id_; }  // manifest id, or the file name
  const std::filesystem::path& file() const { return file_; }
  unsigned index() const { return index_; }
  unsigned units_per_em() const { return units_per_em_; }
  unsigned glyph_count() const { return glyph_count_; }
  std::size_t code_point_count() const { return code_point_count_; }
  // Does the face have CFF outlines (a 'CFF ' table) rather than glyf?
  bool cff_outlines() const { return cff_outlines_; }
  // How the PDF writer embeds this face's subsets: the manifest's "pdf_program", with
  // `automatic` resolved by the outlines (never `automatic` here).
  FontProgram program() const { return program_; }

  // Does the cmap map `cp` to a glyph (and is `cp` not excluded by the manifest)?
  bool has(char32_t cp) const {
    return cp <= 0x10FFFF && ((coverage_[cp >> 6] >> (cp & 63)) & 1u) != 0;
  }
  // Horizontal advance of the glyph for `cp`, in font units; nullopt when !has(cp).
  std::optional<unsigned> advance_units(char32_t cp) const;
  // The same divided by units-per-em: multiply by the font size in pt to get pt.
  std::optional<double> advance_em(char32_t cp) const;

  hb_face_t* hb_face() const { return hb_face_.get(); }  // immutable; for subset.cpp

 private:
  Face() = default;
  static std::shared_ptr<const Face> load(const std::filesystem::path& file, unsigned index,
                                          std::string id, const std::vector<char32_t>& excluded,
                                          FontProgram program);

  std::string id_;
  std::filesystem::path file_;
  unsigned index_ = 0;
  unsigned units_per_em_ = 1000;
  unsigned glyph_count_ = 0;
  std::size_t code_point_count_ = 0;
  bool cff_outlines_ = false;
  FontProgram program_ = FontProgram::truetype;
  HbFace hb_face_;
  std::vector<std::uint64_t> coverage_;     // bit per code point, 0..0x10FFFF
  std::vector<std::uint16_t> bmp_advance_;  // font units, indexed by BMP code point
  std::vector<std::pair<char32_t, std::uint16_t>> astral_advance_;  // sorted, outside the BMP
};

}  // namespace zhixing::inline documents::fonts
