// Renders N two-page 执行裁定书 (冻结存款) for different cases and prints documents per second per
// core, mean KB per document and where the CPU time goes (issue 17's targets: ≥ 300 documents/s
// per core and ≤ 60 KB per document with the title, body and page-number faces embedded).
//
//   build/render_bench [N=500] [--threads T] [--runs R] [--level L] [--stream-level L]
//   [--manifest FILE] [--out FILE.pdf [--out-index K]] [--seal]
//
// --threads: render on T threads at once (the nightly uses all cores); per-core figures divide
//            by T and are also given per CPU second of the process.
// --runs:    R passes over the same documents, each printed, then min / median / max of the speeds
//            (the figures: `render_bench 500 --threads 1 --runs 3`).
// --level:   libdeflate level for font programs (RenderOptions::font_deflate_level);
// --stream-level: the same for the other streams (RenderOptions::stream_deflate_level).
// --manifest: another fonts manifest (e.g. to compare body faces); default fonts/manifest.json.
// --out:     also write document K (default 0) there.
// --seal:    render the documents twice, without and with the court's electronic seal (the
//            signature field over the date line, then SHA-256 of the byte ranges, the CMS and
//            its RSA signature written into /Contents), and print both and the difference. The
//            signer is the configured PKCS#11 token (seal.* settings, e.g. the SoftHSM2 token
//            of `zhixing seal init`) when it opens, else the in-memory test signer
//            (tests/support/test_signer, RSA 3072); the output says which.
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "config/settings.h"
#include "core/chinese_date.h"
#include "core/date.h"
#include "core/money.h"
#include "core/money_in_words.h"
#include "documents/document_engine.h"
#include "documents/fonts/font_manifest.h"
#include "documents/fonts/font_measurer.h"
#include "documents/fonts/font_set.h"
#include "documents/kinds/document_kind.h"
#include "documents/layout/blocks.h"
#include "documents/layout/page_profile.h"
#include "documents/layout/paginate.h"
#include "documents/pdf/pdf_writer.h"
#include "seal/certificates.h"
#include "seal/seal_settings.h"
#include "seal/sealer.h"
#include "support/test_signer.h"
#include "bench_cpu.h"

namespace {

using namespace zhixing;
using Clock = std::chrono::steady_clock;

const char* const kSurnames[] = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴",
                                 "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"};
const char* const kGiven[] = {"建国", "秀英", "志强", "丽娟", "海涛", "晓明", "桂兰", "文博",
                              "淑珍", "国平", "红梅", "振华", "玉兰", "立新", "春生", "雅琴",
                              "喆",   "子堃", "珺瑶", "玥",   "德胜", "永刚", "凤英", "家豪"};
const char* const kCompanies[] = {"保定市鑫源建材有限公司",   "易县恒通物流有限公司",
                                  "河北广厦建筑工程有限公司", "易县福润农业开发有限公司",
                                  "保定华北机械制造有限公司", "易县金秋商贸有限责任公司"};
const char* const kBanks[] = {
    "中国工商银行股份有限公司易县支行", "中国农业银行股份有限公司易县支行",
    "中国建设银行股份有限公司易县支行", "河北易县农村商业银行股份有限公司",
    "中国邮政储蓄银行股份有限公司易县支行"};
const char* const kCauses[] = {"买卖合同纠纷", "民间借贷纠纷", "劳务合同纠纷", "租赁合同纠纷",
                               "建设工程施工合同纠纷"};
const char* const kTowns[] = {"易州镇", "梁格庄镇", "西陵镇", "裴山镇", "塘湖镇", "高村镇"};

std::string pick(const char* const* list, std::size_t n, std::uint64_t k) { return list[k % n]; }
#define PICK(list, k) pick(list, sizeof(list) / sizeof(*(list)), k)

std::string amount_text(Money m) {  // 50000元 / 1200.5元 style of rulings
  std::string s = std::to_string(m.fen() / 100);
  if (m.fen() % 100 != 0) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%02lld", static_cast<long long>(m.fen() % 100));
    s += buf;
    while (s.back() == '0') s.pop_back();
  }
  return s + "元";
}

// A 冻结存款 ruling for case number k: about 1,000 characters, two A4 pages.
layout::Document freeze_ruling(std::uint64_t k) {
  std::uint64_t r = k * 2654435761u + 12345;
  auto next = [&r]() {
    r ^= r << 13, r ^= r >> 7, r ^= r << 17;
    return r;
  };
  const std::string applicant = PICK(kSurnames, next()) + PICK(kGiven, next());
  const std::string company = PICK(kCompanies, next());
  const std::string legal_rep = PICK(kSurnames, next()) + PICK(kGiven, next());
  const std::string bank = PICK(kBanks, next());
  const std::string cause = PICK(kCauses, next());
  const std::string town = PICK(kTowns, next());
  const int number = 100 + static_cast<int>(k % 9000);
  const std::string case_no = "（2024）冀0633执" + std::to_string(number) + "号";
  const std::string origin_no = "（2023）冀0633民初" + std::to_string(1000 + (k * 7) % 8000) + "号";
  const Money principal = Money::from_fen(static_cast<std::int64_t>(1000000 + next() % 90000000));
  const Money interest = Money::from_fen(static_cast<std::int64_t>(next() % 500000));
  const Money total = principal + interest;
  const Date filed =
      *Date::from_ymd(2024, 3 + static_cast<int>(k % 4), 1 + static_cast<int>(k % 27));
  const Date ruled = filed.plus_days(40 + static_cast<int>(k % 60));
  const int birth_year = 1955 + static_cast<int>(k % 45);
  std::string id = "130633" + std::to_string(birth_year) + "0" + std::to_string(1 + k % 9) + "1" +
                   std::to_string(k % 10) + std::to_string(1000 + (k * 37) % 9000);
  std::string account = "62220204090" + std::to_string(10000000 + (k * 7919) % 89999999);

  layout::Document d;
  d.metadata = {"执行裁定书", "河北省易县人民法院", case_no};
  auto& b = d.blocks;
  b.push_back(layout::CourtName{"河北省易县人民法院"});
  b.push_back(layout::Title{"执行裁定书"});
  b.push_back(layout::CaseNumber{case_no});
  b.push_back(layout::Paragraph{"申请执行人：" + applicant + "，男，" + std::to_string(birth_year) +
                                "年" + std::to_string(1 + k % 12) + "月" +
                                std::to_string(1 + k % 28) + "日出生，汉族，住河北省易县" + town +
                                "朝阳街" + std::to_string(1 + k % 80) + "号，公民身份号码" + id +
                                "。"});
  b.push_back(layout::Paragraph{"被执行人：" + company +
                                "，住所地河北省保定市易县经济开发区工业路" +
                                std::to_string(1 + k % 200) + "号，统一社会信用代码91130633MA0" +
                                std::to_string(10000 + k % 89999) + "X。"});
  b.push_back(layout::Paragraph{"法定代表人：" + legal_rep + "，该公司总经理。"});
  b.push_back(layout::Paragraph{
      "本院依据已经发生法律效力的河北省易县人民法院" + origin_no + "民事判决书，于" +
      chinese_date(filed) + "立案执行申请执行人" + applicant + "与被执行人" + company + cause +
      "一案。该判决书确定被执行人应向申请执行人支付货款" + amount_text(principal) + "及利息" +
      amount_text(interest) + "，合计" + amount_text(total) + "（大写：" + money_in_words(total) +
      "），案件受理费由被执行人负担。"});
  b.push_back(
      layout::Paragraph{"本院于立案当日向被执行人送达了执行通知书、报告财产令，被执行人逾期未履行义"
                        "务。经本院通过网络执行查控系统查询，"
                        "被执行人在" +
                        bank + "开立的账户（账号" + account + "）内有存款可供执行。"});
  b.push_back(layout::Paragraph{
      "本院认为，被执行人未按执行通知履行法律文书确定的义务，本院有权冻结、划拨被执行人的存款，"
      "但不得超出其应当履行义务的范围。依照《中华人民共和国民事诉讼法》第二百四十九条、第二百五十条"
      "、"
      "第二百五十三条规定，裁定如下："});
  b.push_back(layout::Item{"一、冻结被执行人" + company + "在" + bank + "开立的账户（账号" +
                           account + "）内的存款" + amount_text(total) + "（大写：" +
                           money_in_words(total) + "），冻结期限为一年，自冻结之日起计算。"});
  b.push_back(layout::Item{
      "二、冻结期间，被执行人不得提取、转移上述款项，协助执行单位不得擅自解冻或者支付。"});
  b.push_back(
      layout::Paragraph{"本裁定送达后立即生效。当事人、利害关系人认为执行行为违反法律规定的，可以自"
                        "裁定书送达之日起十日内"
                        "向本院提出书面异议。"});
  b.push_back(layout::Blank{1});
  b.push_back(layout::Signature{{{"审判长", PICK(kSurnames, next()) + PICK(kGiven, next())},
                                 {"审判员", PICK(kSurnames, next()) + PICK(kGiven, next())}}});
  b.push_back(layout::DateLine{chinese_date(ruled)});
  b.push_back(layout::Note{"本件与原本核对无异"});
  b.push_back(layout::Signature{{{"书记员", PICK(kSurnames, next()) + PICK(kGiven, next())}}});
  return d;
}

struct Totals {
  double layout_ms = 0, subset_ms = 0, objects_ms = 0, save_ms = 0, seal_ms = 0;
  std::size_t bytes = 0, font_program_bytes = 0;
  int pages = 0, faces = 0, docs = 0;
};

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// What every pass renders from.
struct Bench {
  std::vector<layout::Document> docs;
  const fonts::FontSet* font_set = nullptr;
  const fonts::FontMeasurer* measurer = nullptr;
  layout::PageProfile profile;
  pdf::RenderOptions options;
  int threads = 1;
};

struct Pass {
  Totals all;
  double wall_s = 0, cpu_s = 0;
};

// Renders every document on bench.threads threads; with a sealer, each with the seal's
// signature field, then sealed (seal_ms: hash, CMS, RSA signature, /Contents filled).
Pass run_pass(const Bench& bench, const seal::Sealer* sealer, int out_index, std::string* out_pdf) {
  const int n = static_cast<int>(bench.docs.size());
  std::vector<Totals> totals(bench.threads);
  std::atomic<int> next{0};
  const double cpu0 = zhixing::bench::own_cpu_seconds();
  const auto wall0 = Clock::now();
  auto work = [&](int t) {
    Totals& tot = totals[t];
    for (int i = next++; i < n; i = next++) {
      const double l0 = thread_cpu_ms();
      const layout::LaidOutDocument laid =
          layout::paginate(bench.docs[i], bench.profile, *bench.measurer);
      tot.layout_ms += thread_cpu_ms() - l0;
      pdf::RenderOptions options = bench.options;
      std::optional<pdf::SignatureRequest> request;
      if (sealer) {
        request = sealer->request(DocumentKind::ruling_freeze, *Date::from_ymd(2024, 6, 30),
                                  "河北省易县人民法院");
        options.signature = &*request;
      }
      pdf::RenderStats st;
      RenderedDocument doc;
      pdf::SignaturePlaceholder placeholder;
      doc.pdf = pdf::render_pdf(laid, *bench.font_set, options, &st, &placeholder);
      if (sealer) {
        // CPU time of this thread: the token's or OpenSSL's work, not the machine's contention.
        const double s0 = thread_cpu_ms();
        doc.signature = placeholder;
        sealer->seal(doc);
        tot.seal_ms += thread_cpu_ms() - s0;
      }
      tot.subset_ms += st.subset_ms;
      tot.objects_ms += st.objects_ms;
      tot.save_ms += st.save_ms;
      tot.bytes += doc.pdf.size();
      tot.font_program_bytes += st.font_program_bytes;
      tot.pages += static_cast<int>(laid.pages.size());
      tot.faces += st.faces;
      ++tot.docs;
      if (i == out_index && out_pdf) *out_pdf = std::move(doc.pdf);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < bench.threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  Pass p;
  p.wall_s = std::chrono::duration<double>(Clock::now() - wall0).count();
  p.cpu_s = zhixing::bench::own_cpu_seconds() - cpu0;
  for (const Totals& t : totals) {
    p.all.layout_ms += t.layout_ms, p.all.subset_ms += t.subset_ms;
    p.all.objects_ms += t.objects_ms, p.all.save_ms += t.save_ms, p.all.seal_ms += t.seal_ms;
    p.all.bytes += t.bytes, p.all.font_program_bytes += t.font_program_bytes;
    p.all.pages += t.pages, p.all.faces += t.faces, p.all.docs += t.docs;
  }
  return p;
}

void print_pass(const char* label, const Pass& p, int threads) {
  const Totals& all = p.all;
  const double d = all.docs;
  if (*label) std::printf("%s\n", label);
  std::printf("  pages/doc %.2f, faces/doc %.2f\n", all.pages / d, all.faces / d);
  std::printf(
      "  documents/s per core: %.1f (wall: %.1f docs/s over %d thread(s)); per CPU-second: %.1f\n",
      d / p.wall_s / threads, d / p.wall_s, threads, d / p.cpu_s);
  std::printf("  mean KB/doc: %.1f (font programs before deflate: %.1f KB/doc)\n",
              all.bytes / d / 1024.0, all.font_program_bytes / d / 1024.0);
  const double per = 1.0 / d;
  std::printf(
      "  CPU ms/doc: layout %.2f | subset %.2f | libharu objects+deflate %.2f | save %.2f | "
      "seal %.2f | total %.2f (wall per doc per thread %.2f)\n",
      all.layout_ms * per, all.subset_ms * per, all.objects_ms * per, all.save_ms * per,
      all.seal_ms * per,
      (all.layout_ms + all.subset_ms + all.objects_ms + all.save_ms + all.seal_ms) * per,
      p.wall_s * 1000.0 * threads / d);
}

// `runs` passes, each printed (with `label`), then the minimum, median and maximum of the
// speeds; returns the median pass by documents per CPU-second.
Pass run_passes(const Bench& bench, const seal::Sealer* sealer, int runs, const char* label,
                int out_index, std::string* out_pdf) {
  std::vector<Pass> passes;
  for (int r = 0; r < runs; ++r) {
    passes.push_back(run_pass(bench, sealer, r == 0 ? out_index : -1, out_pdf));
    const std::string title = runs == 1
                                  ? std::string(label)
                                  : std::string(label) + (*label ? " " : "") + "run " +
                                        std::to_string(r + 1) + "/" + std::to_string(runs) + ":";
    print_pass(title.c_str(), passes.back(), bench.threads);
  }
  auto per_cpu = [](const Pass& p) { return p.all.docs / p.cpu_s; };
  auto per_core = [&bench](const Pass& p) { return p.all.docs / p.wall_s / bench.threads; };
  std::vector<double> cpu, core;
  for (const Pass& p : passes) cpu.push_back(per_cpu(p)), core.push_back(per_core(p));
  std::sort(cpu.begin(), cpu.end());
  std::sort(core.begin(), core.end());
  if (runs > 1) {
    std::printf(
        "  %s%d runs, min / median / max: documents/s per core (wall) %.1f / %.1f / %.1f; per "
        "CPU-second %.1f / %.1f / %.1f; mean KB/doc %.1f\n",
        label, runs, core.front(), core[core.size() / 2], core.back(), cpu.front(),
        cpu[cpu.size() / 2], cpu.back(),
        static_cast<double>(passes[0].all.bytes) / passes[0].all.docs / 1024.0);
  }
  std::sort(passes.begin(), passes.end(),
            [&](const Pass& a, const Pass& b) { return per_cpu(a) < per_cpu(b); });
  return passes[passes.size() / 2];
}

// The configured token when it opens, else the in-memory test signer; `which` says which.
std::unique_ptr<seal::Sealer> open_sealer(std::string& which) {
  try {
    const seal::SealSettings settings = seal::SealSettings::from(Settings::load());
    auto sealer = seal::Sealer::open(settings);
    which = "PKCS#11 token \"" + settings.token_label + "\" (" + settings.pkcs11_module +
            "), key \"" + settings.key_label + "\", certificate " +
            sealer->certificate().fingerprint.substr(0, 16) + "…";
    return sealer;
  } catch (const std::exception& e) {
    auto signer = testing::make_test_seal();
    which = std::string(
                "in-memory test signer (OpenSSL, RSA 3072; tests/support/test_signer) — "
                "no token: ") +
            e.what();
    return std::make_unique<seal::Sealer>(seal::SealSettings{}, signer,
                                          seal::parse_certificate(signer->chain_der().at(0)));
  }
}

}  // namespace

int main(int argc, char** argv) {
  int n = 500;
  std::string manifest_file, out_file;
  int out_index = 0, runs = 1;
  bool with_seal = false;
  Bench bench;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--threads") {
      bench.threads = std::max(1, std::atoi(value().c_str()));
    } else if (a == "--level") {
      bench.options.font_deflate_level = std::atoi(value().c_str());
    } else if (a == "--stream-level") {
      bench.options.stream_deflate_level = std::atoi(value().c_str());
    } else if (a == "--manifest") {
      manifest_file = value();
    } else if (a == "--out") {
      out_file = value();
    } else if (a == "--out-index") {
      out_index = std::max(0, std::atoi(value().c_str()));
    } else if (a == "--seal") {
      with_seal = true;
    } else if (a == "--runs") {
      runs = std::max(1, std::atoi(value().c_str()));
    } else if (!a.empty() && a[0] != '-') {
      n = std::max(1, std::atoi(a.c_str()));
    } else {
      std::fprintf(stderr,
                   "usage: render_bench [N] [--threads T] [--runs R] [--level L] "
                   "[--stream-level L] [--manifest F] [--out F [--out-index K]] [--seal]\n");
      return 2;
    }
  }

  const fonts::FontManifest manifest =
      manifest_file.empty()
          ? fonts::FontManifest::load_default()
          : fonts::FontManifest::load(manifest_file, fonts::FontManifest::default_root());
  const fonts::FontSet font_set = fonts::FontSet::load(manifest);
  const fonts::FontMeasurer measurer(font_set);
  bench.font_set = &font_set;
  bench.measurer = &measurer;
  bench.profile = layout::PageProfile::gbt9704();
  std::string which;
  std::unique_ptr<seal::Sealer> sealer = with_seal ? open_sealer(which) : nullptr;

  // Warm-up (HarfBuzz's lazy tables, page cache, the token's session): not counted.
  for (int i = 0; i < 3; ++i) bench.docs.push_back(freeze_ruling(1000000 + i));
  run_pass(bench, sealer.get(), -1, nullptr);
  bench.docs.clear();
  bench.docs.reserve(n);
  for (int i = 0; i < n; ++i) bench.docs.push_back(freeze_ruling(static_cast<std::uint64_t>(i)));

  std::string first_pdf;
  std::printf(
      "render_bench: %d documents (冻结裁定书), %d thread(s), deflate level %d (font programs) / "
      "%d "
      "(other streams)\n",
      n, bench.threads, bench.options.font_deflate_level, bench.options.stream_deflate_level);
  const Pass plain = run_passes(bench, nullptr, runs, with_seal ? "without the seal:" : "",
                                with_seal ? -1 : out_index, &first_pdf);
  if (sealer) {
    std::printf("signer: %s\n", which.c_str());
    const Pass sealed =
        run_passes(bench, sealer.get(), runs, "with the seal:", out_index, &first_pdf);
    const double d = n;
    std::printf(
        "  sealing costs %.2f ms/doc of process CPU in all (of which hash + CMS + RSA signature + "
        "/Contents: %.2f ms/doc; the rest is the signature field and the seal's drawing), "
        "%+.1f KB/doc (target: ≤ 2 ms/doc)\n",
        (sealed.cpu_s - plain.cpu_s) * 1000.0 / d, sealed.all.seal_ms / d,
        (static_cast<double>(sealed.all.bytes) - static_cast<double>(plain.all.bytes)) / d /
            1024.0);
  }
  if (!out_file.empty()) {
    std::ofstream(out_file, std::ios::binary) << first_pdf;
    std::printf("  wrote document %d to %s\n", out_index, out_file.c_str());
  }
  return 0;
}
