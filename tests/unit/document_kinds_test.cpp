#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <string>
#include <variant>

#include "core/id_number.h"
#include "documents/fonts/font_measurer.h"
#include "documents/kinds/document_renderer.h"
#include "documents/kinds/events.h"
#include "documents/kinds/kind_registry.h"
#include "documents/kinds/preconditions.h"
#include "documents/kinds/ruling_numbers.h"
#include "documents/layout/page_profile.h"
#include "documents/layout/paginate.h"
#include "documents/pdf/pdf_writer.h"
#include "pdf_test_support.h"

using namespace zhixing;
using namespace zhixing::documents;

namespace {

std::string synthetic_id(const std::string& first17) {
  return first17 + id_number_check_character(first17);
}

Date d(const char* iso) { return *Date::parse_iso(iso); }

const std::string kApplicantId = synthetic_id("13063319491231002");   // 女: even sequence
const std::string kRespondentId = synthetic_id("13063319750601113");  // 男: odd sequence

CaseRecord sample_case() {
  CaseRecord c;
  c.case_number = *CaseNumber::parse("（2024）冀0633执1234号");
  c.filed_on = d("2024-03-05");
  c.cause = "赡养费纠纷";
  c.title_document =
      TitleDocument{"（2023）冀0633民初567号", "民事判决书", "河北省易县人民法院", d("2023-11-02")};
  c.claim = Money::from_yuan(36000);
  c.recovered = Money::from_yuan(6000);
  c.filing_fee = Money::from_fen(45000);
  c.status = "open";
  c.officers.enforcers = {"王立新"};
  c.officers.presiding = "赵志远";
  c.officers.judges = {"王立新", "李红"};
  c.officers.clerk = "陈静";

  Party a;
  a.id = "a1";
  a.role = "applicant";
  a.kind = "person";
  a.name = "张秀兰";
  a.gender = "女";
  a.birth_date = d("1949-12-31");
  a.ethnicity = "汉族";
  a.occupation = "农民";
  a.id_number = kApplicantId;
  a.address = "河北省易县易州镇某村";
  a.phone = "13800000000";
  a.bank_account = BankAccount{"中国农业银行易县支行", "6228480000000000000"};
  a.agents.push_back(Agent{"李明", "lawyer", std::string("河北易州律师事务所"), true});
  Party r;
  r.id = "r1";
  r.role = "respondent";
  r.kind = "person";
  r.name = "刘建国";
  r.gender = "男";
  r.birth_date = d("1975-06-01");
  r.ethnicity = "汉族";
  r.id_number = kRespondentId;
  r.address = "河北省易县梁格庄镇某村";
  c.parties = {a, r};

  const auto measure = [](const char* kind, const char* on) {
    Measure m;
    m.kind = kind;
    m.on = d(on);
    m.against = "r1";
    return m;
  };
  c.measures.push_back(measure("notice", "2024-03-20"));
  c.measures.push_back(measure("property_report_order", "2024-03-20"));
  Measure freeze = measure("freeze", "2024-03-20");
  freeze.amount = Money::from_yuan(36000);
  freeze.target = "中国邮政储蓄银行易县支行账户（尾号1234）";
  freeze.period = "1y";
  c.measures.push_back(freeze);
  Measure deduct = measure("deduct", "2024-03-20");
  deduct.amount = Money::from_fen(120050);
  deduct.target = "中国农业银行易县支行账户（尾号5678）";
  c.measures.push_back(deduct);
  Measure inquiry = measure("inquiry", "2024-03-21");
  inquiry.note = "网络查控";
  inquiry.result = "none";
  c.measures.push_back(inquiry);
  Measure seal = measure("seal", "2024-04-10");
  seal.target =
      "被执行人名下位于易县梁格庄镇的房产一处（不动产权证号：冀（2020）易县不动产权第0001234号）";
  seal.period = "3y";
  c.measures.push_back(seal);
  Measure seize = measure("seize", "2024-04-10");
  seize.target = "被执行人名下小型轿车一辆（机动车登记证书编号：130000000001）";
  c.measures.push_back(seize);
  c.measures.push_back(measure("consumption_ban", "2024-03-20"));
  return c;
}

Court yi_court() { return Court{"冀0633", "河北省易县人民法院", "刘振东"}; }

const DocumentRenderer& renderer() {
  static const DocumentRenderer r(ZHIXING_SOURCE_DIR);
  return r;
}

layout::Document render(DocumentKind kind, const CaseRecord& c, const ReliefRecords& relief = {},
                        int index = 0) {
  const Court court = yi_court();
  const auto events = due_events(kind, c, relief);
  return renderer().render_blocks(kind, RenderInput{c, court, events.at(index), &relief});
}

template <typename T>
std::vector<std::string> texts(const layout::Document& doc) {
  std::vector<std::string> out;
  for (const auto& b : doc.blocks)
    if (const T* t = std::get_if<T>(&b)) out.push_back(t->text);
  return out;
}

std::vector<std::string> paragraphs(const layout::Document& doc) {
  return texts<layout::Paragraph>(doc);
}

std::vector<std::string> signature_titles(const layout::Document& doc) {
  std::vector<std::string> out;
  for (const auto& b : doc.blocks)
    if (const auto* s = std::get_if<layout::Signature>(&b))
      for (const auto& row : s->rows) out.push_back(row.title + " " + row.name);
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}

bool any_contains(const std::vector<std::string>& v, const std::string& part) {
  for (const auto& x : v)
    if (x.find(part) != std::string::npos) return true;
  return false;
}

std::string dump(const layout::Document& doc) {
  std::string out;
  for (const auto& b : doc.blocks) {
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, layout::Signature>) {
            for (const auto& r : x.rows) out += "[sig] " + r.title + " | " + r.name + "\n";
          } else if constexpr (std::is_same_v<T, layout::Table>) {
            out += "[table]\n";
            for (const auto& row : x.rows) {
              for (const auto& cell : row) out += cell + " | ";
              out += "\n";
            }
          } else if constexpr (std::is_same_v<T, layout::Blank>) {
            out += "[blank]\n";
          } else if constexpr (std::is_same_v<T, layout::BarChart>) {
            out += "[chart]\n";
          } else {
            out += x.text + "\n";
          }
        },
        b);
  }
  return out;
}

const std::string kApplicantBlock =
    "申请执行人：张秀兰，女，1949年12月31日出生，汉族，农民，住河北省易县易州镇某村，公民身份号码" +
    kApplicantId + "。";
const std::string kRespondentBlock =
    "被执行人：刘建国，男，1975年6月1日出生，汉族，住河北省易县梁格庄镇某村，公民身份号码" +
    kRespondentId + "。";

// （…（…）…）: a full-width bracket opened inside another one (never in a document).
void expect_no_nested_brackets(const layout::Document& doc) {
  const std::string text = dump(doc);
  int depth = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    if (text.compare(at, 3, "（") == 0) {
      EXPECT_EQ(depth, 0) << "nested bracket at byte " << at << " in:\n" << text;
      ++depth;
      at += 3;
    } else if (text.compare(at, 3, "）") == 0) {
      depth = std::max(0, depth - 1);
      at += 3;
    } else {
      ++at;
    }
  }
}

void expect_head(const layout::Document& doc, const std::string& title,
                 const std::string& number = "（2024）冀0633执1234号") {
  EXPECT_EQ(texts<layout::CourtName>(doc), std::vector<std::string>{"河北省易县人民法院"});
  EXPECT_EQ(texts<layout::Title>(doc), std::vector<std::string>{title});
  EXPECT_EQ(texts<layout::CaseNumber>(doc), std::vector<std::string>{number});
  EXPECT_EQ(doc.metadata.author, "河北省易县人民法院");
  EXPECT_EQ(doc.metadata.title, title);
  EXPECT_EQ(doc.metadata.subject, number);
}

ReliefRecords sample_relief(bool granted) {
  ReliefDecisionRecord dec;
  dec.relief_case_number = *CaseNumber::parse("（2024）冀0633司救执1号");
  dec.applicant = "a1";
  dec.applied_on = d("2024-08-01");
  dec.decided_on = d("2024-08-20");
  dec.granted = granted;
  if (granted) dec.amount = Money::from_yuan(50000);
  dec.basis_item = "六";
  dec.members = {"赵志远", "王立新", "李红"};
  dec.clerk = "陈静";
  ReliefRecords relief;
  relief.decisions.push_back(dec);
  if (granted) {
    ReliefGrantRecord g;
    g.voucher_number = "冀0633救2024001";
    g.decision_number = dec.relief_case_number;
    g.decided_on = dec.decided_on;
    g.amount = Money::from_yuan(50000);
    g.payee = "a1";
    g.disbursing_officer = "孙丽";
    relief.grants.push_back(g);
  }
  return relief;
}

}  // namespace

// ---------------------------------------------------------------- event planning

TEST(DocumentEvents, PlansEveryKindFromItsEventWithPositions) {
  CaseRecord c = sample_case();
  c.status = "closed";
  c.closure = Closure{"terminated_current", d("2024-07-15"), false};
  c.settlement = Settlement{
      d("2024-03-20"),
      Money::from_yuan(30000),
      {{d("2024-04-30"), Money::from_yuan(10000)}, {d("2024-05-31"), Money::from_yuan(20000)}},
      15,
      std::nullopt,
      std::nullopt};
  const auto events = due_events(c, sample_relief(true));
  std::vector<std::string> got;
  for (const auto& e : events)
    got.push_back(std::string(kind_name(e.kind)) + " " + e.date.iso() + " " +
                  std::to_string(e.position));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "notice 2024-03-20 1",
                     "property-report-order 2024-03-20 1",
                     "ruling-freeze 2024-03-20 1",  // freeze
                     "ruling-freeze 2024-03-20 2",  // deduct, same day
                     "ruling-seal 2024-04-10 1",
                     "ruling-seal 2024-04-10 2",
                     "assist-notice 2024-03-20 1",
                     "assist-notice 2024-03-20 2",
                     "assist-notice 2024-04-10 1",
                     "assist-notice 2024-04-10 2",
                     "ruling-zhongben 2024-07-15 1",
                     "consumption-ban 2024-03-20 1",
                     "settlement 2024-03-20 1",
                     "relief-decision 2024-08-20 1",
                     "relief-voucher 2024-08-20 1",
                 }));
  EXPECT_EQ(events[3].measure_index, 3u);  // the deduct measure
}

TEST(DocumentEvents, PositionsFollowDatesNotRecordOrder) {
  CaseRecord c = sample_case();
  Measure late = c.measures[2];
  late.on = d("2024-05-01");
  c.measures.insert(c.measures.begin(), late);  // first in the record, latest in time
  const auto events = due_events(DocumentKind::ruling_freeze, c);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].date, d("2024-05-01"));
  EXPECT_EQ(events[2].position, 1);
  EXPECT_EQ(events[2].measure_index, 0u);
}

TEST(DocumentEvents, AKindWithoutItsEventIsNotApplicable) {
  const CaseRecord c = sample_case();
  for (const auto kind : {DocumentKind::ruling_zhongben, DocumentKind::settlement,
                          DocumentKind::relief_decision, DocumentKind::relief_voucher}) {
    try {
      due_events(kind, c);
      FAIL() << kind_name(kind);
    } catch (const DocumentError& e) {
      EXPECT_EQ(e.code(), DocumentErrorCode::not_applicable);
      EXPECT_NE(e.message().find("（2024）冀0633执1234号"), std::string::npos);
    }
  }
  // A performed closure is no 终本 event.
  CaseRecord performed = c;
  performed.closure = Closure{"performed", d("2024-06-01"), false};
  EXPECT_THROW(due_events(DocumentKind::ruling_zhongben, performed), DocumentError);
}

TEST(DocumentEvents, FindEventByDateAndPosition) {
  const CaseRecord c = sample_case();
  EXPECT_EQ(find_event(DocumentKind::ruling_freeze, c, d("2024-03-20"), 2).measure_index, 3u);
  try {
    find_event(DocumentKind::ruling_freeze, c, d("2024-03-20"), 3);
    FAIL();
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), DocumentErrorCode::not_applicable);
  }
}

TEST(DocumentEvents, KindNamesRoundTrip) {
  for (const auto kind : all_kinds()) EXPECT_EQ(parse_kind(kind_name(kind)), kind);
  EXPECT_FALSE(parse_kind("ruling"));
  EXPECT_EQ(all_kinds().size(), 10u);
}

// ---------------------------------------------------------------- the kinds

TEST(DocumentKinds, Notice) {
  const auto doc = render(DocumentKind::notice, sample_case());
  expect_head(doc, "执行通知书");
  EXPECT_EQ(texts<layout::Addressee>(doc), std::vector<std::string>{"刘建国："});
  const auto items = texts<layout::Item>(doc);
  EXPECT_EQ(items, (std::vector<std::string>{
                       "一、向申请执行人支付36000元（大写：人民币叁万陆仟元整）；",
                       "二、加倍支付迟延履行期间的债务利息；", "三、负担申请执行费450元。"}))
      << dump(doc);
  EXPECT_TRUE(any_contains(
      paragraphs(doc), "河北省易县人民法院（2023）冀0633民初567号民事判决书已经发生法律效力。"));
  EXPECT_TRUE(any_contains(paragraphs(doc),
                           "《中华人民共和国民事诉讼法》第二百五十一条、第二百六十四条规定"));
  EXPECT_TRUE(any_contains(paragraphs(doc), "纳入失信被执行人名单"));
  EXPECT_EQ(signature_titles(doc), std::vector<std::string>{"执行员 王立新"});
  EXPECT_EQ(texts<layout::DateLine>(doc), std::vector<std::string>{"二〇二四年三月二十日"});
  EXPECT_FALSE(any_contains(paragraphs(doc), kRespondentId));  // addressed by name only
}

TEST(DocumentKinds, NoticeWithoutFilingFeeEndsItsItemsAtItemTwo) {
  CaseRecord c = sample_case();
  c.filing_fee.reset();
  const auto items = texts<layout::Item>(render(DocumentKind::notice, c));
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1], "二、加倍支付迟延履行期间的债务利息。");
}

TEST(DocumentKinds, PropertyReportOrder) {
  const auto doc = render(DocumentKind::property_report_order, sample_case());
  expect_head(doc, "报告财产令");
  EXPECT_EQ(texts<layout::Addressee>(doc), std::vector<std::string>{"刘建国："});
  EXPECT_TRUE(any_contains(paragraphs(doc), "《中华人民共和国民事诉讼法》第二百五十二条"));
  EXPECT_TRUE(any_contains(paragraphs(doc), "十日内向本院补充报告"));
  EXPECT_TRUE(any_contains(paragraphs(doc), "若干问题的规定》第三条、第五条规定"));
  EXPECT_EQ(texts<layout::Item>(doc).size(), 5u);
  EXPECT_EQ(texts<layout::DateLine>(doc), std::vector<std::string>{"二〇二四年三月二十日"});
}

TEST(DocumentKinds, RulingFreeze) {
  const auto doc = render(DocumentKind::ruling_freeze, sample_case());
  expect_head(doc, "执行裁定书");
  const auto paras = paragraphs(doc);
  ASSERT_GE(paras.size(), 3u) << dump(doc);
  EXPECT_EQ(paras[0], kApplicantBlock);
  EXPECT_EQ(paras[1], "委托诉讼代理人：李明，河北易州律师事务所律师。");
  EXPECT_EQ(paras[2], kRespondentBlock);
  EXPECT_TRUE(any_contains(paras, "本院于2024年3月20日向被执行人发出执行通知书"));
  EXPECT_TRUE(
      any_contains(paras, "依照《中华人民共和国民事诉讼法》第二百五十三条规定，裁定如下："));
  EXPECT_EQ(
      texts<layout::Item>(doc),
      std::vector<std::string>{"冻结被执行人刘建国在中国邮政储蓄银行易县支行账户（尾号1234）的存款"
                               "36000元（大写：人民币叁万陆仟元整），冻结期限一年。"});
  EXPECT_TRUE(contains(paras, "本裁定立即执行。"));
  EXPECT_EQ(signature_titles(doc), (std::vector<std::string>{"执行员 王立新", "书记员 陈静"}));
  EXPECT_EQ(texts<layout::DateLine>(doc), std::vector<std::string>{"二〇二四年三月二十日"});
  EXPECT_EQ(texts<layout::Note>(doc), std::vector<std::string>{"本件与原本核对无异"});
}

TEST(DocumentKinds, RulingFreezeForADeduction) {
  const auto doc = render(DocumentKind::ruling_freeze, sample_case(), {}, 1);
  EXPECT_EQ(
      texts<layout::Item>(doc),
      std::vector<std::string>{"划拨被执行人刘建国在中国农业银行易县支行账户（尾号5678）的存款"
                               "1200.50元（大写：人民币壹仟贰佰元零伍角整）。"});
}

TEST(DocumentKinds, RulingSeal) {
  const auto doc = render(DocumentKind::ruling_seal, sample_case());
  // The case's third ruling: the freeze and the deduction of 2024-03-20 come first.
  expect_head(doc, "执行裁定书", "（2024）冀0633执1234号之二");
  EXPECT_EQ(paragraphs(doc)[2], kRespondentBlock);
  const auto items = texts<layout::Item>(doc);
  ASSERT_EQ(items.size(), 2u) << dump(doc);
  EXPECT_EQ(items[0],
            "一、查封被执行人刘建国所有的被执行人名下位于易县梁格庄镇的房产一处"
            "（不动产权证号：冀（2020）易县不动产权第0001234号）；");
  EXPECT_EQ(items[1], "二、查封期限为三年，自2024年4月10日起至2027年4月9日止。");
  EXPECT_TRUE(any_contains(paragraphs(doc),
                           "第二百五十五条、《最高人民法院关于人民法院民事执行中查封、扣押、冻结财"
                           "产的规定》第一条规定"));
  EXPECT_EQ(texts<layout::DateLine>(doc), std::vector<std::string>{"二〇二四年四月十日"});
  // The seizure of a vehicle defaults to two years.
  const auto seize = texts<layout::Item>(render(DocumentKind::ruling_seal, sample_case(), {}, 1));
  EXPECT_EQ(seize[1], "二、扣押期限为二年，自2024年4月10日起至2026年4月9日止。");
}

TEST(DocumentKinds, AssistNoticeGoesToTheBankOrRegistry) {
  const auto doc = render(DocumentKind::assist_notice, sample_case());
  // The notice, then its 回执 slip.
  EXPECT_EQ(texts<layout::Title>(doc), (std::vector<std::string>{"协助执行通知书", "回执"}));
  EXPECT_EQ(texts<layout::CaseNumber>(doc), std::vector<std::string>{"（2024）冀0633执1234号"});
  EXPECT_TRUE(any_contains(paragraphs(doc), "于2024年3月20日作出（2024）冀0633执1234号执行裁定书"));
  EXPECT_TRUE(contains(paragraphs(doc), "附：（2024）冀0633执1234号执行裁定书")) << dump(doc);
  EXPECT_TRUE(any_contains(paragraphs(doc), "协助执行单位（盖章）"));
  EXPECT_EQ(texts<layout::Addressee>(doc), std::vector<std::string>{"中国邮政储蓄银行易县支行："});
  EXPECT_EQ(texts<layout::Item>(doc),
            std::vector<std::string>{
                "冻结被执行人刘建国（公民身份号码" + kRespondentId +
                "）在你行中国邮政储蓄银行易县支行账户（尾号1234）的存款36000元（大写："
                "人民币叁万陆仟元整），冻结期限一年，自2024年3月20日起至2025年3月19日止。"})
      << dump(doc);
  EXPECT_TRUE(any_contains(
      paragraphs(doc), "依照《中华人民共和国民事诉讼法》第二百五十三条规定，请协助执行下列事项："));
  EXPECT_EQ(texts<layout::DateLine>(doc), std::vector<std::string>{"二〇二四年三月二十日"});

  const auto seal = render(DocumentKind::assist_notice, sample_case(), {}, 2);
  EXPECT_EQ(texts<layout::Addressee>(seal), std::vector<std::string>{"易县不动产登记中心："});
  EXPECT_TRUE(any_contains(paragraphs(seal), "第二百五十五条规定"));
  // The seal's ruling is the case's third: the notice cites it with its suffix.
  EXPECT_TRUE(any_contains(paragraphs(seal), "作出（2024）冀0633执1234号之二执行裁定书"));
  EXPECT_TRUE(contains(paragraphs(seal), "附：（2024）冀0633执1234号之二执行裁定书"));
  const auto seize = render(DocumentKind::assist_notice, sample_case(), {}, 3);
  EXPECT_EQ(texts<layout::Addressee>(seize),
            std::vector<std::string>{"易县公安局交通警察大队车辆管理所："});
}

TEST(DocumentKinds, RulingZhongbenSignedByThePanel) {
  CaseRecord c = sample_case();
  c.status = "closed";
  c.closure = Closure{"terminated_current", d("2024-07-15"), false};
  const auto doc = render(DocumentKind::ruling_zhongben, c);
  expect_head(doc, "执行裁定书", "（2024）冀0633执1234号之四");  // the case's fifth ruling
  EXPECT_EQ(paragraphs(doc)[0], kApplicantBlock);
  EXPECT_EQ(texts<layout::Item>(doc), std::vector<std::string>{"终结本次执行程序。"});
  EXPECT_TRUE(contains(paragraphs(doc), "2024年3月20日，向被执行人刘建国发出执行通知书；"))
      << dump(doc);
  EXPECT_TRUE(any_contains(paragraphs(doc),
                           "扣押被执行人名下小型轿车一辆（机动车登记证书编号：130000000001）。"));
  EXPECT_TRUE(any_contains(paragraphs(doc), "本案已执行到位6000元，尚有30000元未执行到位。"));
  EXPECT_TRUE(any_contains(paragraphs(doc), "经合议庭评议"));
  EXPECT_TRUE(any_contains(paragraphs(doc), "的解释》第五百一十七条规定，裁定如下："));
  EXPECT_EQ(signature_titles(doc), (std::vector<std::string>{"审判长 赵志远", "审判员 王立新",
                                                             "审判员 李红", "书记员 陈静"}));
  EXPECT_EQ(texts<layout::DateLine>(doc), std::vector<std::string>{"二〇二四年七月十五日"});
}

TEST(DocumentKinds, RulingZhongbenWithTheApplicantsConsentSignedByTheEnforcer) {
  CaseRecord c = sample_case();
  c.status = "closed";
  c.closure = Closure{"terminated_current", d("2024-07-15"), true};
  const auto doc = render(DocumentKind::ruling_zhongben, c);
  EXPECT_EQ(signature_titles(doc), (std::vector<std::string>{"执行员 王立新", "书记员 陈静"}));
  EXPECT_TRUE(any_contains(paragraphs(doc), "申请执行人书面同意终结本次执行程序。"));
  EXPECT_FALSE(any_contains(paragraphs(doc), "合议庭"));
}

TEST(DocumentKinds, ConsumptionBanSignedByThePresident) {
  const auto doc = render(DocumentKind::consumption_ban, sample_case());
  expect_head(doc, "限制消费令");
  EXPECT_EQ(paragraphs(doc)[0], kRespondentBlock);
  const auto items = texts<layout::Item>(doc);
  ASSERT_EQ(items.size(), 9u);
  EXPECT_EQ(items[0], "（一）乘坐交通工具时，选择飞机、列车软卧、轮船二等以上舱位；");
  EXPECT_EQ(items[8],
            "（九）乘坐G字头动车组列车全部座位、其他动车组列车一等以上座位等其他非生活和工作必需的"
            "消费行为。");
  EXPECT_TRUE(any_contains(paragraphs(doc),
                           "第二百六十六条、《最高人民法院关于限制被执行人高消费及有关消费的若干规"
                           "定》第一条、第三条规定"));
  EXPECT_TRUE(any_contains(paragraphs(doc), "第一百一十四条规定，予以罚款、拘留"));
  EXPECT_EQ(signature_titles(doc), std::vector<std::string>{"院长 刘振东"});
  EXPECT_EQ(texts<layout::DateLine>(doc), std::vector<std::string>{"二〇二四年三月二十日"});
}

TEST(DocumentKinds, ConsumptionBanOnAnOrganisationBindsItsManagers) {
  CaseRecord c = sample_case();
  Party org;
  org.id = "r2";
  org.role = "respondent";
  org.kind = "org";
  org.name = "易县某某建材有限公司";
  org.address = "河北省易县易州镇某路1号";
  org.uscc = "91130633MA0000000X";
  org.legal_rep = LegalRep{"王某", "总经理", "法定代表人"};
  c.parties.push_back(org);
  c.measures.back().against = "r2";
  const auto doc = render(DocumentKind::consumption_ban, c);
  const auto paras = paragraphs(doc);
  EXPECT_EQ(paras[0],
            "被执行人：易县某某建材有限公司，住所地河北省易县易州镇某路1号，统一社会信用代码9113063"
            "3MA0000000X。");
  EXPECT_EQ(paras[1], "法定代表人：王某，该公司总经理。");
  EXPECT_TRUE(
      any_contains(paras,
                   "你单位及你单位的法定代表人王某、主要负责人、影响债务履行的直接责任人员、"
                   "实际控制人不得实施以下高消费"))
      << dump(doc);
  EXPECT_TRUE(any_contains(paras, "前款所列人员因私消费以个人财产实施前款规定行为的"));
  EXPECT_TRUE(any_contains(paras, "你单位因生活或者经营必需而进行本令禁止的消费活动的"));
  EXPECT_TRUE(any_contains(paras, "因私消费以个人财产实施前款规定行为的"));
}

TEST(DocumentKinds, Settlement) {
  CaseRecord c = sample_case();
  c.settlement = Settlement{
      d("2024-03-20"),
      Money::from_yuan(30000),
      {{d("2024-04-30"), Money::from_yuan(10000)}, {d("2024-05-31"), Money::from_fen(2000050)}},
      15,
      std::nullopt,
      std::string("易县人民法院执行局")};
  c.settlement->total = Money::from_fen(3000050);
  const auto doc = render(DocumentKind::settlement, c);
  EXPECT_EQ(texts<layout::Title>(doc), std::vector<std::string>{"执行和解协议"});
  EXPECT_EQ(texts<layout::CaseNumber>(doc), std::vector<std::string>{"（2024）冀0633执1234号"});
  const auto paras = paragraphs(doc);
  EXPECT_EQ(paras[0],
            "甲方（申请执行人）：张秀兰，女，1949年12月31日出生，汉族，农民，住河北省易县易州镇某村"
            "，公民身份号码" +
                kApplicantId + "，联系电话13800000000。");
  EXPECT_EQ(paras[1], "委托诉讼代理人：李明，河北易州律师事务所律师，代理权限为特别授权。");
  EXPECT_EQ(paras[2],
            "乙方（被执行人）：刘建国，男，1975年6月1日出生，汉族，住河北省易县梁格庄镇某村，公民身"
            "份号码" +
                kRespondentId + "。");
  const auto items = texts<layout::Item>(doc);
  EXPECT_EQ(items[0],
            "一、双方确认，乙方应向甲方支付款项共计30000.50元（大写：人民币叁万元零伍角整）。");
  EXPECT_TRUE(any_contains(items, "逾期超过15日未履行的"));
  const layout::Table* table = nullptr;
  for (const auto& b : doc.blocks)
    if (const auto* t = std::get_if<layout::Table>(&b)) table = t;
  ASSERT_NE(table, nullptr) << dump(doc);
  EXPECT_EQ(table->columns, (std::vector<std::string>{"期数", "履行期限", "金额（元）"}));
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[1], (std::vector<std::string>{"2", "2024年5月31日前", "20000.50"}));
  EXPECT_TRUE(contains(paras, "甲方（签名、捺印）："));
  EXPECT_TRUE(contains(paras, "乙方（签名、捺印）："));
  EXPECT_EQ(std::count(paras.begin(), paras.end(), "日期：二〇二四年三月二十日"), 2);
  EXPECT_TRUE(contains(paras, "签订地点：易县人民法院执行局"));
}

TEST(DocumentKinds, ReliefDecisionGrant) {
  const CaseRecord c = sample_case();
  const auto doc = render(DocumentKind::relief_decision, c, sample_relief(true));
  expect_head(doc, "国家司法救助决定书", "（2024）冀0633司救执1号");
  const auto paras = paragraphs(doc);
  EXPECT_EQ(paras[0],
            "救助申请人：张秀兰，女，1949年12月31日出生，汉族，农民，住河北省易县易州镇某村。");
  EXPECT_TRUE(any_contains(paras, "（法发〔2016〕16号）第三条第（六）项规定")) << dump(doc);
  EXPECT_TRUE(any_contains(paras, "赡养费纠纷一案，于2024年8月1日向本院申请国家司法救助"))
      << dump(doc);
  EXPECT_TRUE(any_contains(paras, "《最高人民法院关于加强和规范人民法院国家司法救助工作的意见》"));
  expect_no_nested_brackets(doc);
  EXPECT_EQ(texts<layout::Item>(doc),
            std::vector<std::string>{
                "给予救助申请人张秀兰国家司法救助金50000元（大写：人民币伍万元整）。"});
  EXPECT_EQ(signature_titles(doc), (std::vector<std::string>{"审判长 赵志远", "审判员 王立新",
                                                             "审判员 李红", "书记员 陈静"}));
  EXPECT_EQ(texts<layout::DateLine>(doc), std::vector<std::string>{"二〇二四年八月二十日"});
  for (const auto& p : paras) EXPECT_EQ(p.find(kApplicantId), std::string::npos);
}

TEST(DocumentKinds, ReliefDecisionRejectionUsesItsOwnTemplate) {
  const CaseRecord c = sample_case();
  const ReliefRecords relief = sample_relief(false);
  const Court court = yi_court();
  const auto prepared = renderer().prepare(
      {c, court, due_events(DocumentKind::relief_decision, c, relief)[0], &relief});
  EXPECT_EQ(prepared.template_name, "relief-rejection");
  const auto doc = renderer().render(prepared);
  expect_head(doc, "国家司法救助决定书", "（2024）冀0633司救执1号");
  EXPECT_EQ(texts<layout::Item>(doc), std::vector<std::string>{"对救助申请人张秀兰不予救助。"});
  EXPECT_EQ(signature_titles(doc).front(), "审判长 赵志远");
}

TEST(DocumentKinds, ReliefVoucher) {
  const CaseRecord c = sample_case();
  const auto doc = render(DocumentKind::relief_voucher, c, sample_relief(true));
  EXPECT_EQ(texts<layout::Title>(doc), std::vector<std::string>{"司法救助金发放凭证"});
  EXPECT_EQ(texts<layout::CaseNumber>(doc), std::vector<std::string>{"凭证编号：冀0633救2024001"});
  EXPECT_EQ(doc.metadata.subject, "（2024）冀0633司救执1号");
  EXPECT_EQ(doc.metadata.author, "河北省易县人民法院");
  const layout::Table* table = nullptr;
  for (const auto& b : doc.blocks)
    if (const auto* t = std::get_if<layout::Table>(&b)) table = t;
  ASSERT_NE(table, nullptr);
  const auto row = [&](const std::string& label) {
    for (const auto& r : table->rows)
      if (r[0] == label) return r[1];
    return std::string("(none)");
  };
  EXPECT_EQ(row("领款人"), "张秀兰");
  EXPECT_EQ(row("公民身份号码"), kApplicantId);
  EXPECT_EQ(row("开户银行"), "中国农业银行易县支行");
  EXPECT_EQ(row("账号"), "6228480000000000000");
  EXPECT_EQ(row("救助金额"), "¥50,000.00（大写：人民币伍万元整）");
  EXPECT_EQ(row("救助决定书"), "（2024）冀0633司救执1号");
  EXPECT_TRUE(contains(paragraphs(doc), "领款人（签名、捺印）："));
  EXPECT_TRUE(contains(paragraphs(doc), "经办人（签名）：孙丽"));
  EXPECT_EQ(texts<layout::DateLine>(doc), std::vector<std::string>{"二〇二四年八月二十日"});
}

// ---------------------------------------------------------------- contexts and errors

TEST(DocumentKinds, EveryContextMatchesItsKindsSchema) {
  CaseRecord c = sample_case();
  c.status = "closed";
  c.closure = Closure{"terminated_current", d("2024-07-15"), false};
  c.settlement = Settlement{
      d("2024-03-20"),   Money::from_yuan(30000), {{d("2024-04-30"), Money::from_yuan(30000)}}, 15,
      std::string("a1"), std::string("易县")};
  const ReliefRecords relief = sample_relief(true);
  const Court court = yi_court();
  for (const auto& event : due_events(c, relief)) {
    const auto prepared = renderer().prepare({c, court, event, &relief});
    const auto schema = kind_schema(kind_spec(event.kind), renderer().law());
    EXPECT_TRUE(schema.undeclared(prepared.context).empty())
        << kind_name(event.kind) << ": " << schema.undeclared(prepared.context).front();
    EXPECT_NO_THROW(renderer().render(prepared)) << kind_name(event.kind);
  }
}

TEST(DocumentKinds, FieldsListEveryValueWithItsPath) {
  const CaseRecord c = sample_case();
  const Court court = yi_court();
  const auto prepared =
      renderer().prepare({c, court, due_events(DocumentKind::ruling_freeze, c)[0], nullptr});
  bool found = false;
  for (const auto& f : prepared.fields())
    if (f.path == "respondents[0].name" && f.value == "刘建国") found = true;
  EXPECT_TRUE(found);
  EXPECT_EQ(prepared.template_version.size(), 64u);
}

TEST(DocumentKinds, AnUndrawableCharacterFailsWithCodePointFieldAndCase) {
  CaseRecord c = sample_case();
  c.parties[1].name = "刘\uE000";  // private use: in no configured face
  const FirstUndrawable private_use = [](std::string_view text) -> std::optional<char32_t> {
    if (text.find("\uE000") != std::string_view::npos) return U'\uE000';
    return std::nullopt;
  };
  try {
    render(DocumentKind::ruling_freeze, c);  // no check: renders
    const Court court = yi_court();
    renderer().render_blocks(DocumentKind::ruling_freeze,
                             {c, court, due_events(DocumentKind::ruling_freeze, c)[0], nullptr},
                             private_use);
    FAIL() << "no missing_glyph";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), DocumentErrorCode::missing_glyph);
    EXPECT_EQ(e.message(),
              "U+E000 \uE000 in respondents[0].name, case （2024）冀0633执1234号, ruling-freeze");
  }
}

TEST(DocumentKinds, AMismatchedEventOrMissingDataIsRefusedWithACode) {
  const CaseRecord c = sample_case();
  const Court court = yi_court();
  const auto notice = due_events(DocumentKind::notice, c)[0];
  try {
    renderer().render_blocks(DocumentKind::ruling_freeze, {c, court, notice, nullptr});
    FAIL();
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), DocumentErrorCode::not_applicable);
  }
  CaseRecord broken = c;
  broken.measures[0].against = "nobody";
  try {
    renderer().prepare({broken, court, notice, nullptr});
    FAIL();
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), DocumentErrorCode::render_failed);
  }
  Court no_president = court;
  no_president.president.clear();
  try {
    renderer().prepare({c, no_president, due_events(DocumentKind::consumption_ban, c)[0], nullptr});
    FAIL();
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), DocumentErrorCode::render_failed);
  }
}

TEST(DocumentKinds, LawArticlesFollowTheVersionInForceOnTheDocumentDate) {
  CaseRecord c = sample_case();
  for (auto& m : c.measures) m.on = d("2023-06-01");  // the 2021 text: notice 247, interest 260
  const auto doc = render(DocumentKind::notice, c);
  EXPECT_TRUE(any_contains(paragraphs(doc), "第二百四十七条、第二百六十条规定")) << dump(doc);
  EXPECT_EQ(renderer().law().version_on(d("2024-01-01")), "2023");
  EXPECT_EQ(renderer().law().version_on(d("2023-12-31")), "2021");
}

TEST(DocumentKinds, RenderingIsDeterministic) {
  const auto a = dump(render(DocumentKind::ruling_zhongben, [] {
    CaseRecord c = sample_case();
    c.closure = Closure{"terminated_current", d("2024-07-15"), false};
    return c;
  }()));
  const auto b = dump(render(DocumentKind::ruling_zhongben, [] {
    CaseRecord c = sample_case();
    c.closure = Closure{"terminated_current", d("2024-07-15"), false};
    return c;
  }()));
  EXPECT_EQ(a, b);
}

// ---------------------------------------------------------------- clauses, numbers

namespace {

CaseRecord zhongben_case(bool consents = false) {
  CaseRecord c = sample_case();
  c.status = "closed";
  c.closure = Closure{"terminated_current", d("2024-07-15"), consents};
  return c;
}

std::vector<std::string> unmet_codes(const CaseRecord& c) {
  std::vector<std::string> out;
  for (const auto& u : unmet_zhongben_conditions(c)) out.push_back(u.code);
  return out;
}

}  // namespace

TEST(DocumentKinds, RulingZhongbenStatesReasonsResumptionAndObjection) {
  const auto doc = render(DocumentKind::ruling_zhongben, zhongben_case());
  const auto paras = paragraphs(doc);
  // The fifth ruling of the sample case (freeze, deduction, seal, seizure before it).
  expect_head(doc, "执行裁定书", "（2024）冀0633执1234号之四");
  EXPECT_TRUE(any_contains(paras, "本院认为，本院已向被执行人发出执行通知、责令被执行人报告财产"))
      << dump(doc);
  EXPECT_TRUE(
      any_contains(paras, "终结本次执行程序的规定（试行）》第一条规定的终结本次执行程序的条件"));
  EXPECT_TRUE(
      any_contains(paras, "截至2024年7月15日，本案已执行到位6000元，尚有30000元未执行到位。"));
  EXPECT_TRUE(any_contains(paras, "可以向本院申请恢复执行"));
  EXPECT_TRUE(any_contains(paras,
                           "的解释》第五百一十七条规定，\n"
                           "再次申请不受申请执行时效期间的限制。") ||
              any_contains(paras, "第五百一十七条规定，再次申请不受申请执行时效期间的限制。"));
  EXPECT_TRUE(any_contains(paras,
                           "当事人、利害关系人认为终结本次执行程序违反法律规定的，可以依照"
                           "《中华人民共和国民事诉讼法》第二百三十六条规定，向本院提出书面异议。"));
  // Neither consent nor an interview on record: the ruling does not claim either.
  EXPECT_FALSE(any_contains(paras, "听取了申请执行人的意见"));
  EXPECT_FALSE(any_contains(paras, "约谈"));
  EXPECT_FALSE(any_contains(paras, "书面同意"));
  // With closure.applicant_informed_on it does.
  CaseRecord informed = zhongben_case();
  informed.closure->applicant_informed_on = d("2024-07-10");
  EXPECT_TRUE(
      any_contains(paragraphs(render(DocumentKind::ruling_zhongben, informed)),
                   "本院于2024年7月10日将本案执行情况、财产调查措施、被执行人的财产情况及终结"
                   "本次执行程序的依据和法律后果告知申请执行人，并听取了申请执行人的意见。"));
}

TEST(DocumentKinds, RulingZhongbenFollowsTheInterpretationInForceOnItsDate) {
  // The 2022 amendment of the interpretation (in force 2022-04-10) renumbered 第五百一十九条 as
  // 第五百一十七条.
  CaseRecord before = sample_case();
  before.filed_on = d("2021-10-08");
  for (auto& m : before.measures) m.on = d("2021-11-01");
  before.closure = Closure{"terminated_current", d("2022-04-09"), false};
  EXPECT_TRUE(any_contains(paragraphs(render(DocumentKind::ruling_zhongben, before)),
                           "的解释》第五百一十九条规定，裁定如下："));
  CaseRecord after = before;
  after.closure->on = d("2022-04-10");
  EXPECT_TRUE(any_contains(paragraphs(render(DocumentKind::ruling_zhongben, after)),
                           "的解释》第五百一十七条规定，裁定如下："));
}

TEST(DocumentKinds, LawArticlesOfEverySourceFollowTheDate) {
  const LawArticles& law = renderer().law();
  EXPECT_EQ(law.version_on(d("2022-04-09"), "interp"), "2020");
  EXPECT_EQ(law.version_on(d("2022-04-10"), "interp"), "2022");
  EXPECT_EQ(law.version_on(d("2016-01-01"), "interp"), "2015");
  const auto cite = [&](const char* date, const std::string& key) {
    for (const auto& [k, text] : law.citations_on(d(date)))
      if (k == key) return text;
    return std::string("(none)");
  };
  EXPECT_EQ(cite("2022-04-09", "interp_zhongben"), "第五百一十九条");
  EXPECT_EQ(cite("2022-04-10", "interp_zhongben"), "第五百一十七条");
  EXPECT_EQ(cite("2021-06-01", "interp_attachment_term"), "第四百八十七条");
  EXPECT_EQ(cite("2024-06-01", "interp_attachment_term"), "第四百八十五条");
  // The CPL's own versions are unaffected.
  EXPECT_EQ(cite("2022-04-10", "objection"), "第二百三十二条");
  EXPECT_EQ(cite("2024-01-01", "objection"), "第二百三十六条");
  EXPECT_EQ(cite("2024-01-01", "criminal_refusal"), "第三百一十三条");
}

TEST(LawArticles, AKeyBelongsToOneSourceAndEveryVersionHasIt) {
  const std::string base =
      "cpl.2023.in_force = 2024-01-01\ncpl.2023.notice = 251\n"
      "interp.2022.in_force = 2022-04-10\ninterp.2022.interp_zhongben = 517\n";
  EXPECT_NO_THROW(LawArticles::parse(base, "t"));
  EXPECT_THROW(LawArticles::parse(base + "interp.2022.notice = 1\n", "t"), std::runtime_error);
  EXPECT_THROW(LawArticles::parse(base + "interp.2015.in_force = 2015-02-04\n", "t"),
               std::runtime_error);  // the 2015 text lacks interp_zhongben
  EXPECT_THROW(LawArticles::parse(base + "interp.2020.interp_zhongben = 519\n", "t"),
               std::runtime_error);  // no in_force
  EXPECT_THROW(LawArticles::parse(base + "interp.x = 1\n", "t"), std::runtime_error);
}

TEST(ZhongbenPreconditions, AllMetInTheSampleCase) {
  EXPECT_TRUE(unmet_zhongben_conditions(zhongben_case()).empty());
  EXPECT_NO_THROW(check_preconditions(DocumentKind::ruling_zhongben, zhongben_case()));
  // Other kinds and other closures have none.
  CaseRecord performed = sample_case();
  performed.closure = Closure{"performed", d("2024-04-01"), false};
  EXPECT_TRUE(unmet_zhongben_conditions(performed).empty());
}

TEST(ZhongbenPreconditions, EachMissingMeasureIsNamed) {
  for (const std::string kind : {"notice", "property_report_order", "consumption_ban", "inquiry"}) {
    CaseRecord c = zhongben_case();
    std::erase_if(c.measures, [&](const Measure& m) { return m.kind == kind; });
    EXPECT_EQ(unmet_codes(c), std::vector<std::string>{kind});
  }
  // A measure after the closure does not count.
  CaseRecord late = zhongben_case();
  for (auto& m : late.measures)
    if (m.kind == "property_report_order") m.on = d("2024-07-16");
  EXPECT_EQ(unmet_codes(late), std::vector<std::string>{"property_report_order"});
}

TEST(ZhongbenPreconditions, StrictlyMoreThanThreeMonthsAfterFiling) {
  CaseRecord c = zhongben_case();
  c.filed_on = d("2024-03-05");
  c.closure->on = d("2024-06-05");  // exactly three months
  for (auto& m : c.measures) m.on = d("2024-03-20");
  EXPECT_EQ(unmet_codes(c), std::vector<std::string>{"three_months"});
  c.closure->on = d("2024-06-06");
  EXPECT_TRUE(unmet_codes(c).empty());
}

TEST(ZhongbenPreconditions, ARefusalNamesEveryUnmetCondition) {
  CaseRecord c = zhongben_case();
  std::erase_if(c.measures, [](const Measure& m) {
    return m.kind == "property_report_order" || m.kind == "consumption_ban";
  });
  c.closure->on = d("2024-05-01");
  try {
    render(DocumentKind::ruling_zhongben, c);
    FAIL() << "rendered a 终本 ruling whose preconditions fail";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), DocumentErrorCode::precondition_failed);
    EXPECT_EQ(error_code_name(e.code()), "precondition_failed");
    EXPECT_NE(e.message().find("property_report_order"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("consumption_ban"), std::string::npos);
    EXPECT_NE(e.message().find("未超过三个月"), std::string::npos);
    EXPECT_EQ(e.message().find("inquiry"), std::string::npos);
  }
}

TEST(RulingNumbers, FirstRulingAloneThenZhiYiZhiEr) {
  EXPECT_EQ(ruling_suffix(0), "");
  EXPECT_EQ(ruling_suffix(1), "之一");
  EXPECT_EQ(ruling_suffix(2), "之二");
  EXPECT_EQ(ruling_suffix(12), "之十二");
  const CaseRecord c = zhongben_case();
  const auto all = ruling_events(c);
  ASSERT_EQ(all.size(), 5u);
  const auto assigned = assign_ruling_numbers(c, {}, all);
  ASSERT_EQ(assigned.size(), 5u);
  for (std::size_t i = 0; i < assigned.size(); ++i) {
    EXPECT_EQ(assigned[i].first, all[i]);
    EXPECT_EQ(assigned[i].second, static_cast<int>(i));
  }
  // Order (date, kind, position): the two rulings of 2024-03-20 first.
  EXPECT_EQ(all[0].kind, DocumentKind::ruling_freeze);
  EXPECT_EQ(all[1].position, 2);
  EXPECT_EQ(all[2].kind, DocumentKind::ruling_seal);
  EXPECT_EQ(all[4].kind, DocumentKind::ruling_zhongben);
}

TEST(RulingNumbers, AssignedOnceInPlanningOrder) {
  const CaseRecord c = zhongben_case();
  const auto all = ruling_events(c);
  // Planning the deduction's ruling numbers the freeze's before it, nothing after it.
  RulingNumbers have;
  for (const auto& [k, n] : assign_ruling_numbers(c, have, {all[1]})) have[k] = n;
  EXPECT_EQ(have, (RulingNumbers{{all[0], 0}, {all[1], 1}}));
  // Planning again adds nothing; later events continue the sequence.
  EXPECT_TRUE(assign_ruling_numbers(c, have, {all[0], all[1]}).empty());
  for (const auto& [k, n] : assign_ruling_numbers(c, have, {all[4]})) have[k] = n;
  EXPECT_EQ(have.at(all[4]), 4);
  // An assistance notice serves the ruling of its measure.
  const auto seal_notice = due_events(DocumentKind::assist_notice, c)[2];
  EXPECT_EQ(ruling_of(seal_notice, c), all[2]);
  EXPECT_EQ(ruling_of(due_events(DocumentKind::notice, c)[0], c), std::nullopt);
}

TEST(RulingNumbers, RulingsIssuedBeforeNumberingKeepTheCaseNumberAlone) {
  const CaseRecord c = zhongben_case();
  const auto all = ruling_events(c);
  // The freeze and the seal rulings were issued without a suffix before this change.
  const auto assigned = assign_ruling_numbers(c, {}, {all[4]}, {all[0], all[2]});
  const RulingNumbers got(assigned.begin(), assigned.end());
  EXPECT_EQ(got.at(all[0]), 0);
  EXPECT_EQ(got.at(all[2]), 0);
  EXPECT_EQ(got.at(all[1]), 1);
  EXPECT_EQ(got.at(all[3]), 2);
  EXPECT_EQ(got.at(all[4]), 3);
  // The stored numbers are what a document prints.
  const Court court = yi_court();
  const auto event = due_events(DocumentKind::ruling_freeze, c)[1];
  const auto doc = renderer().render_blocks(DocumentKind::ruling_freeze,
                                            RenderInput{c, court, event, nullptr, &got});
  expect_head(doc, "执行裁定书", "（2024）冀0633执1234号之一");
  // Without a stored number the render path refuses rather than invent one.
  const RulingNumbers none;
  try {
    renderer().render_blocks(DocumentKind::ruling_freeze,
                             RenderInput{c, court, event, nullptr, &none});
    FAIL();
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.code(), DocumentErrorCode::render_failed);
  }
}

TEST(DocumentKinds, ConsumptionBanPermissionConsequencesAndCiLing) {
  const auto doc = render(DocumentKind::consumption_ban, sample_case());
  const auto paras = paragraphs(doc);
  EXPECT_TRUE(any_contains(paras, "在履行完毕生效法律文书确定的义务之前，\n") ||
              any_contains(paras, "在履行完毕生效法律文书确定的义务之前，你不得实施以下高消费"))
      << dump(doc);
  EXPECT_TRUE(any_contains(paras,
                           "若干规定》第八条规定，你因生活或者经营必需而进行本令禁止的消费活"
                           "动的，应当向本院提出申请，获批准后方可进行。"));
  EXPECT_TRUE(any_contains(paras,
                           "若干规定》第十一条及《中华人民共和国民事诉讼法》第一百一十四条规定，"
                           "予以罚款、拘留；情节严重，构成犯罪的，依法追究刑事责任。"));
  EXPECT_EQ(paras.back(), "此令。");
  // A person's order does not list an organisation's managers.
  EXPECT_FALSE(any_contains(paras, "实际控制人"));
}

TEST(DocumentKinds, PropertyReportOrderStatesTheConsequencesAndTheirBasis) {
  const auto paras = paragraphs(render(DocumentKind::property_report_order, sample_case()));
  EXPECT_TRUE(any_contains(paras,
                           "你拒绝报告或者虚假报告的，本院将依照《中华人民共和国民事诉讼法》第二"
                           "百五十二条规定，"));
  EXPECT_TRUE(any_contains(paras, "予以罚款、拘留"));
  EXPECT_TRUE(any_contains(paras,
                           "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条规定，"
                           "将你纳入失信被执行人名单"));
  EXPECT_TRUE(
      any_contains(paras, "依照《中华人民共和国刑法》第三百一十三条规定，依法追究刑事责任"));
}

TEST(DocumentKinds, ReliefDecisionStatesHardshipAndHowTheAmountWasSet) {
  CaseRecord c = sample_case();
  ReliefApplication app;
  app.applicant = "a1";
  app.applied_on = d("2024-08-01");
  app.ground = "support";
  app.has_dibao = true;
  app.household_size = 3;
  app.household_monthly_income = Money::from_yuan(1500);
  app.medical_expenses = Money::from_yuan(42000);
  c.relief = app;
  ReliefRecords relief = sample_relief(true);
  relief.decisions[0].cap = Money::from_yuan(284454);
  relief.decisions[0].outstanding_loss = Money::from_yuan(30000);
  const auto doc = render(DocumentKind::relief_decision, c, relief);
  const auto paras = paragraphs(doc);
  EXPECT_TRUE(any_contains(paras,
                           "救助申请人家庭享受最低生活保障；家庭共3人，月收入1500元，人均月收入"
                           "500元；需负担医疗费用42000元。"))
      << dump(doc);
  EXPECT_TRUE(
      any_contains(paras, "本案救助限额为284454元；救助申请人未获执行到位的损失为30000元。"));
  EXPECT_TRUE(any_contains(paras, "本院确定救助金额为50000元。"));
  expect_no_nested_brackets(doc);
}

// ---------------------------------------------------------------- facts as of the document's date

namespace {

CaseRecord with_receipts_and_settlement() {
  CaseRecord c = sample_case();
  c.recovered = Money::from_yuan(1500);
  c.receipts = std::vector<Receipt>{{d("2024-03-20"), Money::from_yuan(1000), "deduct", "YX-1"},
                                    {d("2024-06-01"), Money::from_yuan(500), "payment", "YX-2"}};
  c.settlement = Settlement{d("2024-04-01"),
                            Money::from_yuan(35000),
                            {{d("2024-04-30"), Money::from_yuan(35000)}},
                            15,
                            std::nullopt,
                            std::nullopt};
  return c;
}

}  // namespace

TEST(DocumentKinds, EveryAmountRecoveredIsThatOfTheDocumentsOwnDate) {
  CaseRecord c = with_receipts_and_settlement();
  EXPECT_TRUE(any_contains(
      paragraphs(render(DocumentKind::settlement, c)),
      "申请执行标的为36000元，截至本协议签订之日已执行到位1000元，尚有35000元未执行到位。"))
      << dump(render(DocumentKind::settlement, c));

  // The notice of 2024-03-20: the deduction of that day is taken off what it orders paid.
  EXPECT_EQ(texts<layout::Item>(render(DocumentKind::notice, c)).front(),
            "一、向申请执行人支付36000元（大写：人民币叁万陆仟元整），已执行到位的1000元予以扣除，"
            "尚应支付35000元；");

  c.status = "closed";
  c.closure = Closure{"terminated_current", d("2024-05-15"), false};
  // 终本规定 第一条第四项: a 终本 ruling more than three months after filing (2024-03-05 would be
  // refused on 2024-05-15 with precondition_failed).
  c.filed_on = d("2024-02-01");
  const auto ruling = render(DocumentKind::ruling_zhongben, c);
  EXPECT_TRUE(any_contains(paragraphs(ruling), "本案已执行到位1000元，尚有35000元未执行到位。"))
      << dump(ruling);

  // The relief panel decided on 2024-08-20: both receipts.
  const auto decision = render(DocumentKind::relief_decision, c, sample_relief(true));
  EXPECT_TRUE(any_contains(paragraphs(decision),
                           "申请执行标的为36000元，已执行到位1500元，尚有34500元未执行到位。"))
      << dump(decision);
  EXPECT_TRUE(any_contains(paragraphs(decision), "本院于2024年5月15日裁定终结本次执行程序。"));
  const auto refusal = render(DocumentKind::relief_decision, c, sample_relief(false));
  EXPECT_TRUE(any_contains(paragraphs(refusal), "申请执行标的为36000元，已执行到位1500元。"))
      << dump(refusal);
}

TEST(DocumentKinds, WithoutReceiptsNoAmountRecoveredIsStatedBeforeTheClosure) {
  CaseRecord c = with_receipts_and_settlement();
  c.receipts.reset();  // recovered 1500 today, undated
  const auto settlement = render(DocumentKind::settlement, c);
  EXPECT_TRUE(any_contains(paragraphs(settlement), "申请执行标的为36000元。双方依照"))
      << dump(settlement);
  EXPECT_FALSE(any_contains(paragraphs(settlement), "执行到位"));
  EXPECT_EQ(texts<layout::Item>(render(DocumentKind::notice, c)).front(),
            "一、向申请执行人支付36000元（大写：人民币叁万陆仟元整）；");
  const auto decision = render(DocumentKind::relief_decision, c, sample_relief(true));
  EXPECT_FALSE(any_contains(paragraphs(decision), "执行到位")) << dump(decision);

  // Closed after the relief decision: the closure and its total postdate the decision.
  c.status = "closed";
  c.closure = Closure{"terminated_current", d("2024-09-01"), false};
  const auto early = render(DocumentKind::relief_decision, c, sample_relief(true));
  EXPECT_FALSE(any_contains(paragraphs(early), "执行到位")) << dump(early);
  EXPECT_FALSE(any_contains(paragraphs(early), "裁定终结本次执行程序")) << dump(early);
  EXPECT_TRUE(any_contains(paragraphs(render(DocumentKind::ruling_zhongben, c)),
                           "本案已执行到位1500元，尚有34500元未执行到位。"));
}

// The notice and the freeze ruling sealed as the render queue seals them: the seal's field on the
// page of the date line, a clean qpdf check, and the text a reader extracts unchanged. With
// ZHIXING_SEAL_SAMPLES=DIR the sealed PDFs are written there (to look at them as PNGs).
TEST(DocumentKinds, SealedNoticeAndRulingCarryTheSealWithTheirTextUnchanged) {
  REQUIRE_FONTS(fonts);
  REQUIRE_TOOL("qpdf");
  const fonts::FontMeasurer measurer(*fonts);
  pdf::SignatureRequest request;
  request.seal = {"河北省易县人民法院", "电子印章", 42};
  request.signing_time = "D:20240320000000+08'00'";
  pdf_test::TempDir dir;
  for (DocumentKind kind : {DocumentKind::notice, DocumentKind::ruling_freeze}) {
    const auto laid =
        layout::paginate(render(kind, sample_case()), layout::PageProfile::gbt9704(), measurer);
    pdf::RenderOptions options;
    options.signature = &request;
    pdf::SignaturePlaceholder at;
    const std::string sealed = pdf::render_pdf(laid, *fonts, options, nullptr, &at);
    const std::string name(kind_name(kind));
    const auto sealed_file = dir.write(name + "-sealed.pdf", sealed);
    const auto plain_file = dir.write(name + ".pdf", pdf::render_pdf(laid, *fonts));
    if (const char* out = std::getenv("ZHIXING_SEAL_SAMPLES")) {
      std::filesystem::copy_file(sealed_file, std::filesystem::path(out) / sealed_file.filename(),
                                 std::filesystem::copy_options::overwrite_existing);
    }
    int status = -1;
    const std::string check = pdf_test::run("qpdf --check '" + sealed_file.string() + "'", &status);
    EXPECT_EQ(status, 0) << name << ": " << check;
    EXPECT_EQ(pdf_test::run("pdftotext -layout '" + sealed_file.string() + "' -"),
              pdf_test::run("pdftotext -layout '" + plain_file.string() + "' -"))
        << name;
    EXPECT_EQ(sealed.compare(at.contents_begin, 2, "<0"), 0) << name;
    EXPECT_LT(at.byte_range_end, at.contents_begin) << name;
    // The seal lies over the date's middle and off the page number (the notice's date is on the
    // page's last lines: the seal is lifted, and its round edge passes beside "— 1 —").
    std::smatch m;
    ASSERT_TRUE(std::regex_search(
        sealed, m, std::regex(R"(/Rect \[ ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) \])")));
    const double x0 = std::stod(m[1]), y0 = std::stod(m[2]), x1 = std::stod(m[3]),
                 y1 = std::stod(m[4]);
    const double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, r = (x1 - x0) / 2;
    for (const auto& line : laid.pages.back().lines) {
      if (line.kind == layout::LineKind::date) {
        const double middle = line.baseline_y_pt + 0.38 * line.size_pt;
        EXPECT_GT(middle, y0 + 0.3 * r) << name;
        EXPECT_LT(middle, cy + 0.05) << name;
      }
      if (line.kind == layout::LineKind::page_number) {
        const double nx = std::clamp(cx, line.x_pt, line.right_pt());
        const double ny =
            std::clamp(cy, line.baseline_y_pt, line.baseline_y_pt + 0.88 * line.size_pt);
        EXPECT_GT(std::hypot(nx - cx, ny - cy), r) << name << ": the seal covers the page number";
      }
    }
  }
}
