#include "documents/pdf/flate.h"

#include <hpdf_objects.h>
#include <libdeflate.h>

#include <array>
#include <memory>
#include <stdexcept>

#include "documents/pdf/pdf_error.h"

namespace zhixing::inline documents::pdf {
namespace {

struct CompressorFree {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};
using Compressor = std::unique_ptr<libdeflate_compressor, CompressorFree>;

// One compressor per level and thread: allocating one costs more than deflating a content stream
// (level 12 sets up ~1 MB of match finder), and a compressor may be used by one thread at a time.
libdeflate_compressor* compressor(int level) {
  thread_local std::array<Compressor, kMaxFlateLevel + 1> cache;
  Compressor& c = cache.at(static_cast<std::size_t>(level));
  if (!c) {
    c.reset(libdeflate_alloc_compressor(level));
    if (!c) {
      throw PdfError(PdfErrorCode::libharu_failed,
                     "libdeflate_alloc_compressor(" + std::to_string(level) + ") failed");
    }
  }
  return c.get();
}

// libharu writes /Filter only for streams it deflates itself (HPDF_Dict_Write removes a "Filter"
// key when dict->filter is NONE); the key comes from the dictionary's write hook, just before ">>".
HPDF_STATUS write_flate_filter(HPDF_Dict /*dict*/, HPDF_Stream stream) {
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

}  // namespace

std::string flate(std::string_view data, int level) {
  if (level < kMinFlateLevel || level > kMaxFlateLevel) {
    throw std::invalid_argument("deflate level " + std::to_string(level) + " outside 0–12");
  }
  libdeflate_compressor* c = compressor(level);
  std::string out(libdeflate_zlib_compress_bound(c, data.size()), '\0');
  const std::size_t n =
      libdeflate_zlib_compress(c, data.data(), data.size(), out.data(), out.size());
  if (n == 0) {  // cannot happen with a buffer of the bound's size
    throw PdfError(PdfErrorCode::libharu_failed, "libdeflate_zlib_compress: output too small");
  }
  out.resize(n);
  return out;
}

void write_flate_stream(HpdfDocument& doc, HPDF_Dict stream_dict, std::string_view data,
                        int level) {
  const std::string bytes = flate(data, level);
  doc.check("HPDF_Stream_Write",
            HPDF_Stream_Write(stream_dict->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                              static_cast<HPDF_UINT>(bytes.size())));
  stream_dict->filter = HPDF_STREAM_FILTER_NONE;
  stream_dict->write_fn = &write_flate_filter;
}

}  // namespace zhixing::inline documents::pdf
