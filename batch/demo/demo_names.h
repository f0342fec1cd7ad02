// Data tables for the demo data set: synthetic names, places and organisations of 易县.
// Names are built from common surnames and given-name characters; no real person is meant.
#pragma once

#include <array>
#include <string_view>

namespace zhixing::inline demo::demo_names {

inline constexpr std::array<std::string_view, 80> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程", "曹", "袁",
    "邓", "许", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎",
    "潘", "杜", "戴", "夏", "田", "任", "姜", "范", "方", "石", "姚", "崔", "康", "孟", "邱", "秦",
    "史", "顾", "侯", "邵", "段", "雷", "钱", "尹", "常", "武", "乔", "贺", "安", "霍", "牛", "齐"};

inline constexpr std::array<std::string_view, 48> kMaleGiven = {
    "建", "国", "志", "军", "伟", "强", "磊", "勇", "涛", "明", "永", "海", "立", "新", "文", "东",
    "振", "刚", "峰", "辉", "宏", "利", "庆", "春", "福", "宝", "成", "德", "金", "保", "树", "俊",
    "亮", "鹏", "斌", "超", "浩", "宇", "博", "晨", "瑞", "杰", "凯", "旭", "雷", "学", "占", "洪"};

inline constexpr std::array<std::string_view, 48> kFemaleGiven = {
    "秀", "丽", "英", "华", "芳", "玉", "兰", "敏", "静", "燕", "红", "霞", "艳", "娟", "桂", "凤",
    "梅", "萍", "琳", "雪", "婷", "慧", "莉", "娜", "淑", "荣", "翠", "月", "欣", "悦", "雅", "晓",
    "颖", "洁", "佳", "琪", "倩", "璐", "彤", "怡", "瑶", "丹", "春", "文", "爱", "云", "青", "宁"};

// 易县's towns and townships (乡镇), plus the development zone.
inline constexpr std::array<std::string_view, 27> kTownships = {
    "易州镇",   "梁格庄镇", "西陵镇",   "裴山镇",   "塘湖镇",   "狼牙山镇",  "良岗镇",
    "紫荆关镇", "高村镇",   "桥家河乡", "甘河净乡", "大龙华乡", "安格庄乡",  "流井乡",
    "独乐乡",   "七峪乡",   "富岗乡",   "坡仓乡",   "牛岗乡",   "南城司乡",  "尉都乡",
    "凌云册乡", "蔡家峪乡", "白马乡",   "西山北乡", "步云乡",   "易县开发区"};

// Village names are a stem plus a suffix: 东韩庄村, 北营村 … (synthetic, not a gazetteer).
inline constexpr std::array<std::string_view, 24> kVillageStems = {
    "东", "西", "南", "北", "大", "小", "前", "后", "上", "下", "新", "马",
    "石", "白", "黄", "龙", "张", "王", "李", "刘", "高", "柳", "杨", "河"};
inline constexpr std::array<std::string_view, 16> kVillageSuffixes = {
    "家庄", "各庄", "庄", "营", "店", "峪", "沟", "台",
    "岭",   "坨",   "头", "堡", "屯", "河", "韩", "坊"};

// Streets of the county seat, for companies.
inline constexpr std::array<std::string_view, 10> kStreets = {
    "朝阳路", "易水路", "燕都路", "荆轲路", "建设大街",
    "迎宾路", "凤凰街", "东环路", "西环路", "工业路"};

inline constexpr std::array<std::string_view, 24> kTradeNames = {
    "鑫源", "华泰", "永兴", "宏达", "恒信", "瑞丰", "金盛", "泰和", "康达", "通达", "兴隆", "福瑞",
    "易安", "荆盛", "燕山", "易水", "德润", "汇通", "博远", "嘉禾", "正大", "联创", "顺发", "裕隆"};

inline constexpr std::array<std::string_view, 12> kTrades = {
    "建材", "商贸", "机械设备", "食品",     "农业科技", "物流",
    "石材", "家具", "汽车服务", "文化旅游", "电子科技", "饲料"};

// Lenders in financial-loan cases (names of the kind found in the county; credit codes synthetic).
inline constexpr std::array<std::string_view, 6> kBanks = {
    "中国农业银行股份有限公司易县支行",     "中国工商银行股份有限公司易县支行",
    "中国建设银行股份有限公司易县支行",     "中国银行股份有限公司易县支行",
    "中国邮政储蓄银行股份有限公司易县支行", "河北易县农村商业银行股份有限公司"};

inline constexpr std::array<std::string_view, 6> kBanksShort = {
    "中国农业银行易县支行", "中国工商银行易县支行",     "中国建设银行易县支行",
    "中国银行易县支行",     "中国邮政储蓄银行易县支行", "易县农村商业银行"};

// Where debtors' accounts are held (freeze and deduct targets): the bank's full name with its
// branch, and the 6-digit prefix of its debit cards that the demo's synthetic numbers start with.
struct AccountBank {
  std::string_view branch;
  std::string_view prefix;
};
inline constexpr std::array<AccountBank, 6> kAccountBanks = {{
    {"中国农业银行股份有限公司易县支行", "622848"},
    {"中国工商银行股份有限公司易县支行", "622202"},
    {"中国建设银行股份有限公司易县支行", "621700"},
    {"中国银行股份有限公司易县支行", "621661"},
    {"中国邮政储蓄银行股份有限公司易县支行", "621799"},
    {"河北易县农村商业银行股份有限公司城关支行", "623038"},
}};

inline constexpr std::array<std::string_view, 5> kLawFirms = {
    "河北易州律师事务所", "河北荆轲律师事务所", "河北燕赵易水律师事务所", "河北保定正信律师事务所",
    "河北涞易律师事务所"};

// Area codes (GB/T 2260) for ID numbers: mostly 易县 130633, some neighbouring counties.
inline constexpr std::array<std::string_view, 8> kAreaCodes = {
    "130633", "130633", "130633", "130633", "130633", "130623", "130626", "130681"};

inline constexpr std::array<std::string_view, 8> kOccupations = {
    "农民", "农民", "农民", "务工", "个体工商户", "无业", "职工", "司机"};

// Officers of the enforcement bureau (synthetic): enforcers with their title, panel judges, clerks.
struct Officer {
  std::string_view name;
  std::string_view title;
};
inline constexpr std::array<Officer, 8> kEnforcers = {{{"王立新", "审判员"},
                                                       {"李振华", "执行员"},
                                                       {"张海涛", "执行员"},
                                                       {"刘建军", "审判员"},
                                                       {"陈志强", "执行员"},
                                                       {"杨文博", "执行员"},
                                                       {"赵永刚", "审判员"},
                                                       {"孙国梁", "执行员"}}};
inline constexpr std::array<std::string_view, 3> kPresiding = {"赵志远", "高德明", "孟庆华"};
inline constexpr std::array<std::string_view, 5> kJudges = {"李红", "王立新", "刘建军", "赵永刚",
                                                            "周静怡"};
inline constexpr std::array<std::string_view, 6> kClerks = {"陈静", "郭婷", "马晓雪",
                                                            "韩璐", "杜佳", "石雅"};
inline constexpr std::string_view kPresident = "刘振东";  // config/courts.csv, 冀0633

}  // namespace zhixing::inline demo::demo_names
