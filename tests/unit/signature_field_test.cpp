// The signature field written with the document (pdf/signature_field.h): the /Sig dictionary,
// field/widget and AcroForm read back through qpdf's JSON, the placeholders where render_pdf says
// they are, the seal's appearance over the date line, the text a reader extracts unchanged, and
// the output without a signature request unchanged. Needs the converted faces, poppler-utils and
// qpdf: without them these tests FAIL (never skip) and say why.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <stdexcept>
#include <string>
#include <variant>

#include "core/sha256.h"
#include "documents/fonts/font_measurer.h"
#include "documents/layout/page_profile.h"
#include "documents/layout/paginate.h"
#include "documents/pdf/pdf_error.h"
#include "documents/pdf/pdf_writer.h"
#include "documents/pdf/seal_drawing.h"
#include "pdf_test_support.h"

namespace {

using namespace zhixing;
using namespace zhixing::pdf_test;
using Poco::JSON::Object;

pdf::SignatureRequest sample_request() {
  pdf::SignatureRequest r;
  r.seal.court_name = "河北省易县人民法院";
  r.seal.purpose = "电子印章";
  r.signing_time = "D:20240822000000+08'00'";
  r.reason = "执行裁定书";
  r.location = "河北省易县人民法院";
  r.contents_bytes = 6000;
  return r;
}

class SignatureFieldTest : public SampleLayoutTest {
 protected:
  void SetUp() override {
    SampleLayoutTest::SetUp();
    if (HasFatalFailure()) return;
    request_ = sample_request();
    options_.signature = &request_;
    sealed_ = pdf::render_pdf(laid_, *fonts_, options_, nullptr, &placeholder_);
    sealed_file_ = dir_.write("sealed.pdf", sealed_);
    plain_ = pdf::render_pdf(laid_, *fonts_);
    plain_file_ = dir_.write("plain.pdf", plain_);
  }

  // qpdf's JSON (v2) of the sealed file: object "N 0 R" → its value (a stream's dictionary).
  Object::Ptr object(const std::string& ref) {
    if (!objects_) {
      const std::string json = run("qpdf --json --json-key=qpdf '" + sealed_file_.string() + "'");
      auto root = Poco::JSON::Parser().parse(json).extract<Object::Ptr>();
      objects_ = root->getArray("qpdf")->getObject(1);
    }
    Object::Ptr entry = objects_->getObject("obj:" + ref);
    if (!entry) return nullptr;
    if (entry->has("value")) return entry->getObject("value");
    return entry->getObject("stream")->getObject("dict");
  }

  pdf::SignatureRequest request_;
  pdf::RenderOptions options_;
  pdf::SignaturePlaceholder placeholder_;
  std::string sealed_, plain_;
  fs::path sealed_file_, plain_file_;
  Object::Ptr objects_;
};

TEST_F(SignatureFieldTest, QpdfFindsNoStructuralErrors) {
  REQUIRE_TOOL("qpdf");
  int status = -1;
  const std::string out = run("qpdf --check '" + sealed_file_.string() + "'", &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("No syntax or stream encoding errors"), std::string::npos) << out;
}

TEST_F(SignatureFieldTest, AcroFormFieldWidgetAndSignatureDictionaryReadBack) {
  REQUIRE_TOOL("qpdf");
  Object::Ptr catalog = object("1 0 R");
  ASSERT_TRUE(catalog);
  ASSERT_EQ(catalog->getValue<std::string>("/Type"), "/Catalog");
  Object::Ptr acroform = catalog->getObject("/AcroForm");
  ASSERT_TRUE(acroform) << "no /AcroForm in the catalog";
  EXPECT_EQ(acroform->getValue<int>("/SigFlags"), 3);
  auto fields = acroform->getArray("/Fields");
  ASSERT_TRUE(fields);
  ASSERT_EQ(fields->size(), 1u);

  Object::Ptr field = object(fields->getElement<std::string>(0));
  ASSERT_TRUE(field);
  EXPECT_EQ(field->getValue<std::string>("/FT"), "/Sig");
  EXPECT_EQ(field->getValue<std::string>("/T"), "u:CourtSeal");
  EXPECT_EQ(field->getValue<std::string>("/Type"), "/Annot");
  EXPECT_EQ(field->getValue<std::string>("/Subtype"), "/Widget");
  EXPECT_EQ(field->getValue<int>("/F"), 4);
  ASSERT_TRUE(field->getObject("/AP"));
  Object::Ptr form = object(field->getObject("/AP")->getValue<std::string>("/N"));
  ASSERT_TRUE(form);
  EXPECT_EQ(form->getValue<std::string>("/Subtype"), "/Form");

  Object::Ptr sig = object(field->getValue<std::string>("/V"));
  ASSERT_TRUE(sig);
  EXPECT_EQ(sig->getValue<std::string>("/Type"), "/Sig");
  EXPECT_EQ(sig->getValue<std::string>("/Filter"), "/Adobe.PPKLite");
  EXPECT_EQ(sig->getValue<std::string>("/SubFilter"), "/ETSI.CAdES.detached");
  EXPECT_EQ(sig->getValue<std::string>("/M"), "u:D:20240822000000+08'00'");
  EXPECT_EQ(sig->getValue<std::string>("/Reason"), "u:执行裁定书");
  EXPECT_EQ(sig->getValue<std::string>("/Location"), "u:河北省易县人民法院");
  EXPECT_EQ(sig->getArray("/ByteRange")->size(), 4u);
  EXPECT_EQ(sig->getValue<std::string>("/Contents"), "b:" + std::string(2 * 6000, '0'));

  // The widget is in its page's /Annots and names that page.
  Object::Ptr page = object(field->getValue<std::string>("/P"));
  ASSERT_TRUE(page);
  auto annots = page->getArray("/Annots");
  ASSERT_TRUE(annots);
  EXPECT_EQ(annots->getElement<std::string>(0), fields->getElement<std::string>(0));
}

TEST_F(SignatureFieldTest, PlaceholderOffsetsPointAtTheByteRangeAndTheContents) {
  const pdf::SignaturePlaceholder& p = placeholder_;
  ASSERT_LT(p.byte_range_end, sealed_.size());
  ASSERT_LT(p.contents_end, sealed_.size());
  EXPECT_EQ(sealed_[p.byte_range_begin], '[');
  EXPECT_EQ(sealed_[p.byte_range_end - 1], ']');
  const std::string range =
      sealed_.substr(p.byte_range_begin, p.byte_range_end - p.byte_range_begin);
  EXPECT_TRUE(std::regex_match(range, std::regex(R"(\[ 0 2147480001 2147480002 2147480003 \])")))
      << range;
  EXPECT_EQ(sealed_.compare(p.byte_range_begin - 11, 11, "/ByteRange "), 0);
  EXPECT_EQ(sealed_[p.contents_begin], '<');
  EXPECT_EQ(sealed_[p.contents_end - 1], '>');
  EXPECT_EQ(p.contents_end - p.contents_begin, 2 * request_.contents_bytes + 2);
  EXPECT_EQ(sealed_.find_first_not_of('0', p.contents_begin + 1), p.contents_end - 1);
  EXPECT_EQ(sealed_.compare(p.contents_begin - 10, 10, "/Contents "), 0);
  // Room for the real numbers: the sealer pads "[0 a b c]" with spaces to the same width.
  EXPECT_GE(range.size(), std::string("[0 4294967295 4294967295 4294967295]").size() - 6);
}

TEST_F(SignatureFieldTest, ExtractedTextIsTheSameWithAndWithoutTheSeal) {
  REQUIRE_TOOL("pdftotext");
  const std::string sealed_text = run("pdftotext '" + sealed_file_.string() + "' -");
  const std::string plain_text = run("pdftotext '" + plain_file_.string() + "' -");
  ASSERT_FALSE(plain_text.empty());
  EXPECT_EQ(sealed_text, plain_text);
  const std::string sealed_layout = run("pdftotext -layout '" + sealed_file_.string() + "' -");
  EXPECT_EQ(sealed_layout, run("pdftotext -layout '" + plain_file_.string() + "' -"));
  EXPECT_EQ(sealed_text.find("电子印章"), std::string::npos);
}

TEST_F(SignatureFieldTest, WidgetRectCoversTheDateLineOnItsPage) {
  REQUIRE_TOOL("qpdf");
  Object::Ptr field = object(
      object("1 0 R")->getObject("/AcroForm")->getArray("/Fields")->getElement<std::string>(0));
  ASSERT_TRUE(field);
  auto rect = field->getArray("/Rect");
  ASSERT_EQ(rect->size(), 4u);
  const double x0 = rect->getElement<double>(0), y0 = rect->getElement<double>(1);
  const double x1 = rect->getElement<double>(2), y1 = rect->getElement<double>(3);
  const layout::PlacedLine* date = nullptr;
  for (const layout::PlacedLine& line : laid_.pages[1].lines) {
    if (line.kind == layout::LineKind::date) date = &line;
  }
  ASSERT_NE(date, nullptr) << "the sample's date line is on page 2";
  // The date (11 ideographs) is wider than the seal: the seal covers its middle.
  const double middle = date->x_pt + date->width_pt / 2;
  EXPECT_LT(x0, middle);
  EXPECT_GT(x1, middle);
  EXPECT_LE(y0, date->baseline_y_pt);
  EXPECT_GE(y1, date->baseline_y_pt + date->size_pt);
  EXPECT_NEAR(x1 - x0, 42 * 72 / 25.4, 0.05) << "42 mm across";
  EXPECT_NEAR((x0 + x1) / 2, middle, 0.05) << "centred on the date";
  // On page 2: the page object qpdf lists second.
  const std::string pages = run("qpdf --show-pages '" + sealed_file_.string() + "'");
  EXPECT_NE(pages.find("page 2: " + field->getValue<std::string>("/P")), std::string::npos)
      << pages;
}

TEST_F(SignatureFieldTest, SealedRenderingIsDeterministic) {
  pdf::SignaturePlaceholder again;
  EXPECT_EQ(pdf::render_pdf(laid_, *fonts_, options_, nullptr, &again), sealed_);
  EXPECT_EQ(again.contents_begin, placeholder_.contents_begin);
  EXPECT_EQ(again.byte_range_begin, placeholder_.byte_range_begin);
}

TEST_F(SignatureFieldTest, WithoutARequestTheBytesAreThoseOfTheWriterBeforeSealing) {
  // The sample rendered by the writer without the signature field: sealing off must not change
  // one byte of any document. Update only with a change to the writer that is meant to change
  // every document (last: issue 17, every stream deflated by libdeflate, no /ProcSet, the body
  // face on a 125-unit em, font programs at level 5; before it 3d353205…, the writer as it was
  // before the signature field existed, commit 9488dcc).
  EXPECT_EQ(sha256_hex(plain_), "8d73d0fa6fa08da97e1ad0955e6e83fb22c3bd711d518b1c827beea8269689fa");
  EXPECT_EQ(plain_.find("/AcroForm"), std::string::npos);
  EXPECT_EQ(plain_.find("/Annots"), std::string::npos);
}

TEST_F(SignatureFieldTest, AppearanceIsRedVectorPathsWithoutText) {
  REQUIRE_TOOL("qpdf");
  Object::Ptr field = object(
      object("1 0 R")->getObject("/AcroForm")->getArray("/Fields")->getElement<std::string>(0));
  const std::string ref = field->getObject("/AP")->getValue<std::string>("/N");
  const std::string id = ref.substr(0, ref.find(' '));
  const std::string stream =
      run("qpdf --show-object=" + id + " --filtered-stream-data '" + sealed_file_.string() + "'");
  EXPECT_EQ(stream.find("BT"), std::string::npos) << "the seal's text must be outlines";
  EXPECT_NE(stream.find("0.86 0.08 0.1 rg"), std::string::npos);
  EXPECT_NE(stream.find("/SealInk gs"), std::string::npos);
  EXPECT_GT(std::count(stream.begin(), stream.end(), 'c'), 200) << "glyph outlines are curves";
  EXPECT_NE(sealed_.find("/BM /Multiply"), std::string::npos);
}

TEST_F(SignatureFieldTest, WithoutADateLineTheSealGoesToTheLastPagesLowerRight) {
  layout::Document d = sample_document();
  std::erase_if(d.blocks,
                [](const layout::Block& b) { return std::holds_alternative<layout::DateLine>(b); });
  const auto laid = layout::paginate(d, layout::PageProfile::gbt9704(), *measurer_);
  const std::string pdf = pdf::render_pdf(laid, *fonts_, options_);
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(pdf, m, std::regex(R"(/Rect \[ ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) \])")));
  const double mm = 72 / 25.4;
  EXPECT_NEAR(std::stod(m[3]), laid.page_width_pt - 26 * mm, 0.05) << "at the right margin";
  EXPECT_NEAR(std::stod(m[2]), 35 * mm, 0.05) << "on the bottom margin";
  const std::string file = dir_.write("no-date.pdf", pdf).string();
  const std::string pages = run("qpdf --show-pages --with-images '" + file + "'");
  std::smatch p;
  ASSERT_TRUE(std::regex_search(pdf, p, std::regex(R"(/P (\d+) 0 R)")));
  EXPECT_NE(pages.find("page 2: " + p[1].str() + " 0 R"), std::string::npos) << pages;
}

TEST(SealDrawing, RefusesAnUndrawableCharacterAndABadDiameter) {
  REQUIRE_FONTS(fonts);
  pdf::SealAppearance seal;
  seal.court_name = "河北省易县人民法院";
  seal.purpose = "电子印章";
  EXPECT_FALSE(pdf::draw_seal(seal, *fonts, "GS").content.empty());
  seal.purpose = "\xEE\x80\x80";  // U+E000, private use
  try {
    pdf::draw_seal(seal, *fonts, "GS");
    ADD_FAILURE() << "no error";
  } catch (const pdf::PdfError& e) {
    EXPECT_EQ(e.code(), pdf::PdfErrorCode::missing_glyph);
    EXPECT_NE(std::string(e.what()).find("purpose holds U+E000"), std::string::npos) << e.what();
  }
  seal.purpose = "电子印章";
  seal.diameter_mm = 5;
  EXPECT_THROW(pdf::draw_seal(seal, *fonts, "GS"), std::invalid_argument);
}

}  // namespace
