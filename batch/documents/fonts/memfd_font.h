// Font bytes in an anonymous memory file, for libharu 2.3.0, which has no "load TTF from memory"
// (it loads /proc/self/fd/N): HPDF_LoadTTFontFromFile(pdf, font.path().c_str(), HPDF_TRUE).
//
// libharu reads the glyphs again when the document is saved, so a MemfdFont must outlive the
// HPDF_Doc: destroy it only after HPDF_Free.
#pragma once

#include <cstddef>
#include <span>
#include <string>

namespace zhixing::inline documents::fonts {

class MemfdFont {
 public:
  // Writes `bytes` into a new memfd (close-on-exec). Throws FontError(memfd_failed).
  explicit MemfdFont(std::span<const std::byte> bytes, const char* debug_name = "zhixing-font");
  ~MemfdFont();
  MemfdFont(MemfdFont&& other) noexcept;
  MemfdFont& operator=(MemfdFont&& other) noexcept;
  MemfdFont(const MemfdFont&) = delete;
  MemfdFont& operator=(const MemfdFont&) = delete;

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }  // "/proc/self/fd/<fd>"
  std::size_t size() const { return size_; }

 private:
  int fd_ = -1;
  std::size_t size_ = 0;
  std::string path_;
};

}  // namespace zhixing::inline documents::fonts
