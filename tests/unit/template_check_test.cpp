#include "documents/templates/template_check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "documents/templates/mustache_scan.h"
#include "documents/templates/template_set.h"

using zhixing::documents::check_template;
using zhixing::documents::check_templates;
using zhixing::documents::ContextSchema;
using zhixing::documents::ContextValue;
using zhixing::documents::template_version;
using zhixing::documents::TemplateProblem;
using zhixing::documents::TemplateSet;

namespace {

const ContextSchema kSchema({"court.name", "case_number", "judges[]", "rows[].amount", "flag",
                             "law.freeze"});

std::vector<TemplateProblem> check(const std::string& text) {
  return check_template(text, "templates/x.mustache", kSchema);
}

std::string joined(const std::vector<TemplateProblem>& problems) {
  std::string s;
  for (const auto& p : problems) s += p.str() + "\n";
  return s;
}

}  // namespace

TEST(TemplateCheck, ShippedTemplatesAreClean) {
  const auto problems = check_templates(ZHIXING_SOURCE_DIR);
  EXPECT_TRUE(problems.empty()) << joined(problems);
}

TEST(TemplateCheck, AcceptsDeclaredNamesSectionsAndDot) {
  const auto problems = check(
      "@court {{court.name}}\n@case-number {{case_number}}\n{{#judges}}\n@signature 审判员 | "
      "{{.}}\n"
      "{{/judges}}\n@table 金额\n{{#rows}}\n| {{amount}}\n{{/rows}}\n"
      "@para 依照{{law.freeze}}{{#flag}}，{{court.name}}{{/flag}}\n{{! a comment }}\n");
  EXPECT_TRUE(problems.empty()) << joined(problems);
}

TEST(TemplateCheck, CatchesAnUnknownVariableWithItsLine) {
  const auto problems = check("@court {{court.name}}\n@para 标的{{clam}}元\n");
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[0].str(), "templates/x.mustache:2: unknown variable {{clam}}");
}

TEST(TemplateCheck, ResolvesNamesByScopeLikeMustache) {
  // amount exists only inside rows; court.name resolves from the outer scope inside a section.
  EXPECT_EQ(check("@para {{amount}}\n")[0].line, 1);
  EXPECT_TRUE(check("{{#rows}}\n@para {{amount}}{{court.name}}\n{{/rows}}\n").empty());
  EXPECT_EQ(check("@para {{law.seal}}\n").size(), 1u);
  EXPECT_EQ(check("@para {{.}}\n").size(), 1u);  // {{.}} outside a list
}

TEST(TemplateCheck, RejectsAListUsedAsAValue) {
  const auto problems = check("@para {{judges}}\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("list"), std::string::npos);
}

TEST(TemplateCheck, CatchesBadMarkupWithTheTemplateLine) {
  const auto problems = check(
      "@court {{court.name}}\n{{#flag}}\n@title 标题\n{{/flag}}\n\n孤立的文字{{case_number}}\n");
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_EQ(problems[0].line, 6);
  EXPECT_NE(problems[0].message.find("bad markup"), std::string::npos);

  const auto directive = check("@court {{court.name}}\n@signatur 审判长 | 某\n");
  ASSERT_EQ(directive.size(), 1u);
  EXPECT_EQ(directive[0].line, 2);
}

TEST(TemplateCheck, CatchesMustacheSyntaxErrorsWithTheirLines) {
  EXPECT_EQ(check("@para x\n@para {{#flag}}y\n")[0].line, 2);       // never closed
  EXPECT_EQ(check("@para x\n@para y{{/flag}}\n")[0].line, 2);       // closes nothing
  EXPECT_EQ(check("@para x\n\n@para {{case_number\n")[0].line, 3);  // unclosed tag
  EXPECT_EQ(check("{{#flag}}\n@para {{/judges}}\n")[0].line, 2);    // wrong end tag
  EXPECT_EQ(check("@para {{> partial}}\n")[0].line, 1);
}

TEST(TemplateCheck, ReportsMissingAndUnusedTemplateFiles) {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / "zhixing-template-check-test";
  fs::remove_all(root);
  fs::create_directories(root / "templates");
  fs::create_directories(root / "config");
  fs::copy_file(fs::path(ZHIXING_SOURCE_DIR) / "config/law-articles.properties",
                root / "config/law-articles.properties");
  for (const auto& entry : fs::directory_iterator(fs::path(ZHIXING_SOURCE_DIR) / "templates"))
    if (entry.path().filename() != "notice.mustache")
      fs::copy_file(entry.path(), root / "templates" / entry.path().filename());
  std::ofstream(root / "templates/old-notice.mustache") << "@title x\n";
  std::ofstream(root / "templates/ruling-seal.mustache", std::ios::app) << "@para {{bogus}}\n";

  const auto problems = check_templates(root.string());
  const std::string all = joined(problems);
  EXPECT_NE(all.find("templates/notice.mustache:0: missing"), std::string::npos) << all;
  EXPECT_NE(all.find("templates/old-notice.mustache:0: no document kind"), std::string::npos)
      << all;
  EXPECT_NE(all.find("templates/ruling-seal.mustache:"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown variable {{bogus}}"), std::string::npos) << all;
  fs::remove_all(root);
}

TEST(TemplateVersion, IsTheSha256OfTheFileAndStable) {
  EXPECT_EQ(template_version("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const TemplateSet set(ZHIXING_SOURCE_DIR, {"ruling-freeze"});
  const auto& t = set.get("ruling-freeze");
  EXPECT_EQ(t.version, template_version(t.source));
  EXPECT_EQ(TemplateSet(ZHIXING_SOURCE_DIR, {"ruling-freeze"}).get("ruling-freeze").version,
            t.version);
  EXPECT_NE(template_version(t.source + "\n"), t.version);
}

TEST(TemplateRender, DropsLinesThatRenderToNothingAndDoesNotEscapeHtml) {
  zhixing::documents::Template t{"t", "t.mustache",
                                 "@para 甲\n{{#absent}}乙{{/absent}}\n{{maybe}}\n丙<&>{{v}}\n", ""};
  ContextValue ctx;
  ctx.set("v", "“引号”&<b>\n换行");
  EXPECT_EQ(TemplateSet::render(t, ctx), "@para 甲\n丙<&>“引号”&<b> 换行\n");
}

TEST(TemplateRender, RemovesStandaloneSectionLines) {
  zhixing::documents::Template t{"t", "t.mustache",
                                 "@para a\n{{#list}}\n@item {{.}}\n{{/list}}\n@para b\n", ""};
  ContextValue ctx;
  ctx.set("list", ContextValue::text_list({"一", "二"}));
  EXPECT_EQ(TemplateSet::render(t, ctx), "@para a\n@item 一\n@item 二\n@para b\n");
}
