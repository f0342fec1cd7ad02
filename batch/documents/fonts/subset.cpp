#include "documents/fonts/subset.h"

#include <hb-subset.h>
#include <hb.h>

#include <cstring>
#include <memory>

#include "documents/fonts/font_error.h"
#include "documents/fonts/hb_handles.h"

namespace zhixing::inline documents::fonts {
namespace {

constexpr const char* kDroppedTables[] = {"GSUB", "GPOS", "GDEF", "BASE", "vhea",
                                          "vmtx", "VORG", "EBDT", "EBLC"};

}  // namespace

FontBytes subset(const Face& face, std::u32string_view code_points) {
  HbSubsetInput input(hb_subset_input_create_or_fail());
  if (!input) {
    throw FontError(FontErrorCode::subset_failed, "hb_subset_input_create_or_fail failed");
  }
  hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
  hb_set_add_range(unicodes, 0x20, 0x7E);
  for (char32_t cp : code_points) hb_set_add(unicodes, cp);
  hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);
  hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : kDroppedTables) hb_set_add(drop, hb_tag_from_string(tag, 4));

  HbFace result(hb_subset_or_fail(face.hb_face(), input.get()));
  if (!result) {
    throw FontError(FontErrorCode::subset_failed, "hb-subset failed for font face " + face.id() +
                                                      " (" + face.file().string() + " #" +
                                                      std::to_string(face.index()) + ")");
  }
  HbBlob blob(hb_face_reference_blob(result.get()));
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob.get(), &length);
  if (data == nullptr || length == 0) {
    throw FontError(FontErrorCode::subset_failed,
                    "hb-subset produced an empty font for face " + face.id());
  }
  FontBytes bytes(length);
  std::memcpy(bytes.data(), data, length);
  return bytes;
}

}  // namespace zhixing::inline documents::fonts
