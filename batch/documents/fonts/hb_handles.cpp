#include "documents/fonts/hb_handles.h"

#include <hb-subset.h>
#include <hb.h>

namespace zhixing::inline documents::fonts {

void HbDeleter::operator()(hb_blob_t* p) const { hb_blob_destroy(p); }
void HbDeleter::operator()(hb_face_t* p) const { hb_face_destroy(p); }
void HbDeleter::operator()(hb_font_t* p) const { hb_font_destroy(p); }
void HbDeleter::operator()(hb_set_t* p) const { hb_set_destroy(p); }
void HbDeleter::operator()(hb_subset_input_t* p) const { hb_subset_input_destroy(p); }
void HbDeleter::operator()(hb_subset_plan_t* p) const { hb_subset_plan_destroy(p); }

}  // namespace zhixing::inline documents::fonts
