// The screening list: enforcement cases with no relief application that look
// eligible, so that the court can tell the applicant of the right to apply (依职权告知,
// 法发〔2019〕2号 arts. 2–3). Pure, no I/O.
#pragma once

#include <optional>

#include "core/case_record.h"
#include "core/date.h"
#include "relief/assessment.h"
#include "relief/policy.h"

namespace zhixing::relief {

// nullopt unless the case has no relief application, a natural-person applicant, a livelihood
// category (is_livelihood_category), a 终本 or 终结执行 closure and money outstanding
// (claim > recovered). A listed case gets an Assessment with outcome needs_review (rule
// `no_application` failed: nobody has applied), no proposed amount, the cap for
// `business_date`'s year, the rules that put it on the list and an input hash.
// Cheap for the cases it skips: no allocation before the conditions hold.
std::optional<Assessment> screen(const CaseRecord& record, const Policy& policy,
                                 Date business_date);

}  // namespace zhixing::relief
