// HarfBuzz objects owned through std::unique_ptr: one deleter with an overload per HarfBuzz type,
// one alias per owned type. The HarfBuzz headers stay out of this header (the types are only
// declared), so Face can hold an HbFace without exposing HarfBuzz to its users.
#pragma once

#include <memory>

struct hb_blob_t;
struct hb_face_t;
struct hb_font_t;
struct hb_set_t;
struct hb_subset_input_t;
struct hb_subset_plan_t;

namespace zhixing::inline documents::fonts {

struct HbDeleter {
  void operator()(hb_blob_t* p) const;
  void operator()(hb_face_t* p) const;
  void operator()(hb_font_t* p) const;
  void operator()(hb_set_t* p) const;
  void operator()(hb_subset_input_t* p) const;
  void operator()(hb_subset_plan_t* p) const;
};

using HbBlob = std::unique_ptr<hb_blob_t, HbDeleter>;
using HbFace = std::unique_ptr<hb_face_t, HbDeleter>;
using HbFont = std::unique_ptr<hb_font_t, HbDeleter>;
using HbSet = std::unique_ptr<hb_set_t, HbDeleter>;
using HbSubsetInput = std::unique_ptr<hb_subset_input_t, HbDeleter>;
using HbSubsetPlan = std::unique_ptr<hb_subset_plan_t, HbDeleter>;

}  // namespace zhixing::inline documents::fonts
