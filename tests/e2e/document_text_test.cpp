// For every document kind: the text a reader extracts from the PDF (pdftotext) equals the text
// of the blocks the template produced, in order — nothing dropped, nothing garbled.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/court_registry.h"
#include "demo/demo_generator.h"
#include "documents/document_engine.h"
#include "documents/kinds/events.h"
#include "documents/kinds/preconditions.h"
#include "importer/record_parser.h"
#include "support/scratch_db.h"

namespace zhixing {
namespace {

using namespace documents;
namespace fs = std::filesystem;

std::string squeeze(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\f' && c != '\r' && c != '\t') out += c;
  // U+3000 ideographic space (letter-spacing in titles and signatures) is layout, not text.
  for (size_t k; (k = out.find("\u3000")) != std::string::npos;) out.erase(k, 3);
  return out;
}

std::string block_text(const layout::Document& doc) {
  std::string s;
  for (const auto& block : doc.blocks) {
    std::visit(
        [&](const auto& b) {
          using T = std::decay_t<decltype(b)>;
          if constexpr (std::is_same_v<T, layout::Table>) {
            for (const auto& c : b.columns) s += c;
            for (const auto& row : b.rows)
              for (const auto& cell : row) s += cell;
          } else if constexpr (std::is_same_v<T, layout::Signature>) {
            for (const auto& r : b.rows) s += r.title + r.name;
          } else if constexpr (std::is_same_v<T, layout::Blank> ||
                               std::is_same_v<T, layout::BarChart>) {
          } else {
            s += b.text;
          }
        },
        block);
  }
  return squeeze(s);
}

std::string pdf_text(const std::string& pdf) {
  fs::path file = fs::temp_directory_path() / ("zhixing-text-" + std::to_string(getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf;
  std::string out;
  FILE* p = popen(("pdftotext -layout " + file.string() + " - 2>&1").c_str(), "r");
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  fs::remove(file);
  // Page numbers "— 1 —" are furniture, not the document's text.
  out = std::regex_replace(out, std::regex("— *[0-9]+ *—"), "");
  return squeeze(out);
}

class DocumentText : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    courts_ = new CourtRegistry(load_courts(testing::ScratchDatabase::settings()));
    engine_ = new DocumentEngine(std::string(ZHIXING_SOURCE_DIR), "gbt9704");
    std::ostringstream out;
    DemoOptions options;
    write_demo_data(out, options);
    std::istringstream lines(out.str());
    std::string line;
    cases_ = new std::vector<CaseRecord>;
    while (std::getline(lines, line)) {
      auto parsed = parse_case_record(line, *courts_);
      cases_->push_back(std::get<CaseRecord>(parsed));
    }
  }
  static void TearDownTestSuite() {
    delete engine_;
    delete courts_;
    delete cases_;
  }

  void expect_text_round_trips(DocumentKind kind, const CaseRecord& record,
                               const ReliefRecords& relief) {
    const Court& court = *courts_->find(record.case_number.court_code);
    auto events = due_events(kind, record, relief);
    ASSERT_FALSE(events.empty());
    RenderInput input{record, court, events.front(), &relief};
    layout::Document blocks = engine_->renderer().render(engine_->renderer().prepare(input));
    RenderedDocument doc = engine_->render(input);
    std::string extracted = pdf_text(doc.pdf);
    // A table's header row repeats on each continuation page (the layout engine's rule).
    for (const auto& block : blocks.blocks)
      if (const auto* table = std::get_if<layout::Table>(&block)) {
        std::string header;
        for (const auto& c : table->columns) header += c;
        header = squeeze(header);
        size_t first = extracted.find(header);
        for (size_t k; first != std::string::npos &&
                       (k = extracted.find(header, first + header.size())) != std::string::npos;)
          extracted.erase(k, header.size());
      }
    EXPECT_EQ(extracted, block_text(blocks)) << kind_name(kind) << " " << record.case_number.text();
  }

  // The first demo case due the kind (for a 终本 ruling: one whose record shows its
  // preconditions; the others are refused with precondition_failed).
  const CaseRecord& first_with(DocumentKind kind) {
    for (const auto& c : *cases_)
      if (!due_events(c).empty() &&
          (kind != DocumentKind::ruling_zhongben || unmet_zhongben_conditions(c).empty()))
        for (const auto& e : due_events(c))
          if (e.kind == kind) return c;
    throw std::runtime_error("no demo case has the event");
  }

  static CourtRegistry* courts_;
  static DocumentEngine* engine_;
  static std::vector<CaseRecord>* cases_;
};

CourtRegistry* DocumentText::courts_ = nullptr;
DocumentEngine* DocumentText::engine_ = nullptr;
std::vector<CaseRecord>* DocumentText::cases_ = nullptr;

TEST_F(DocumentText, EveryCaseKindExtractsAsItsBlocks) {
  for (auto kind :
       {DocumentKind::notice, DocumentKind::property_report_order, DocumentKind::ruling_freeze,
        DocumentKind::ruling_seal, DocumentKind::assist_notice, DocumentKind::ruling_zhongben,
        DocumentKind::consumption_ban, DocumentKind::settlement}) {
    SCOPED_TRACE(std::string(kind_name(kind)));
    expect_text_round_trips(kind, first_with(kind), {});
  }
}

TEST_F(DocumentText, ReliefDecisionsAndVoucherExtractAsTheirBlocks) {
  const CaseRecord* applicant_case = nullptr;
  for (const auto& c : *cases_)
    if (c.relief && c.relief->panel && c.relief->panel->granted) {
      applicant_case = &c;
      break;
    }
  ASSERT_NE(applicant_case, nullptr);
  const auto& app = *applicant_case->relief;
  ReliefRecords relief;
  ReliefDecisionRecord granted;
  granted.relief_case_number = *CaseNumber::parse("（2024）冀0633司救执1号");
  granted.applicant = app.applicant;
  granted.applied_on = app.applied_on;
  granted.decided_on = app.panel->decided_on;
  granted.granted = true;
  granted.amount = app.panel->amount;
  granted.basis_item = app.basis_item;
  granted.members = app.panel->members;
  granted.clerk = applicant_case->officers.clerk;
  relief.decisions.push_back(granted);
  ReliefGrantRecord grant;
  grant.voucher_number = "冀0633-2024-JZ-0001";
  grant.decision_number = granted.relief_case_number;
  grant.decided_on = granted.decided_on;
  grant.amount = *granted.amount;
  grant.payee = app.applicant;
  relief.grants.push_back(grant);
  expect_text_round_trips(DocumentKind::relief_decision, *applicant_case, relief);
  expect_text_round_trips(DocumentKind::relief_voucher, *applicant_case, relief);

  ReliefRecords refused;
  ReliefDecisionRecord no = granted;
  no.granted = false;
  no.amount.reset();
  refused.decisions.push_back(no);
  expect_text_round_trips(DocumentKind::relief_decision, *applicant_case, refused);
}

}  // namespace
}  // namespace zhixing
