// The 终本 register (zhongben_register.h) as the outputs of `zhixing report zhongben`: text, CSV
// and blocks for the document engine. Debtor names appear; ID numbers and bank accounts never do
// (the register carries neither, and measure targets are left out).
#pragma once

#include <string>

#include "documents/layout/blocks.h"
#include "reports/zhongben_register.h"

namespace zhixing::reports {

std::string zhongben_register_text(const ZhongbenRegister& reg);

// Header 序号,案号,被执行人,立案日期,终本日期,申请标的,已到位,未履行金额,执行措施,终本后月数,
// 已复查次数,最近复查,下次复查,复查逾期,可申请恢复执行; money in 元 with two decimals.
std::string zhongben_register_csv(const ZhongbenRegister& reg);

layout::Document zhongben_register_document(const ZhongbenRegister& reg);

}  // namespace zhixing::reports
