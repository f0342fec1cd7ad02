// /FlateDecode streams (ISO 32000-1 §7.4.4: the zlib format of RFC 1950) deflated by libdeflate
// instead of libharu's zlib calls.
//
// Why: per document the font programs, content streams and ToUnicode CMaps are deflated once;
// with zlib at level 6 the 91 KB body-font subset alone took 4.5 ms of a 6 ms document. libdeflate
// compresses the same bytes 3× faster at the same size and lets the level be chosen (1 fast … 12
// smallest). libharu is handed the finished bytes: the stream dictionary's filter is set to none
// (so libharu neither deflates again nor writes its own /Filter array) and a write hook adds
// `/Filter /FlateDecode` to the dictionary.
//
// Deterministic: libdeflate gives the same bytes for the same input and level on every run (and
// every thread). Thread-safe: each thread keeps its own compressor per level.
#pragma once

#include <hpdf.h>

#include <string>
#include <string_view>

#include "documents/pdf/hpdf_document.h"

namespace zhixing::inline documents::pdf {

constexpr int kMinFlateLevel = 0;   // libdeflate: 0 stores the data, 1 fastest
constexpr int kMaxFlateLevel = 12;  // libdeflate: 10–12 optimal parsing, slowest

// `data` deflated in the zlib format at `level`; throws std::invalid_argument for a level outside
// [kMinFlateLevel, kMaxFlateLevel], PdfError(libharu_failed) if libdeflate cannot allocate.
std::string flate(std::string_view data, int level);

// Writes `data` deflated at `level` as the whole content of `stream_dict` (a libharu stream
// dictionary that has none yet, e.g. from HPDF_DictStream_New) and marks it /FlateDecode.
void write_flate_stream(HpdfDocument& doc, HPDF_Dict stream_dict, std::string_view data, int level);

}  // namespace zhixing::inline documents::pdf
