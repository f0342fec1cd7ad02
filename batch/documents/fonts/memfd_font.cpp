#include "documents/fonts/memfd_font.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "documents/fonts/font_error.h"

namespace zhixing::inline documents::fonts {

MemfdFont::MemfdFont(std::span<const std::byte> bytes, const char* debug_name) {
  fd_ = memfd_create(debug_name, MFD_CLOEXEC);
  if (fd_ < 0) {
    throw FontError(FontErrorCode::memfd_failed,
                    std::string("memfd_create failed: ") + std::strerror(errno));
  }
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd_);
      fd_ = -1;
      throw FontError(FontErrorCode::memfd_failed,
                      std::string("writing a font to a memfd failed: ") + std::strerror(err));
    }
    written += static_cast<std::size_t>(n);
  }
  size_ = written;
  path_ = "/proc/self/fd/" + std::to_string(fd_);
}

MemfdFont::~MemfdFont() {
  if (fd_ >= 0) ::close(fd_);
}

MemfdFont::MemfdFont(MemfdFont&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      size_(std::exchange(other.size_, 0)),
      path_(std::move(other.path_)) {}

MemfdFont& MemfdFont::operator=(MemfdFont&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    size_ = std::exchange(other.size_, 0);
    path_ = std::move(other.path_);
  }
  return *this;
}

}  // namespace zhixing::inline documents::fonts
