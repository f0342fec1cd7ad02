#include "seal/pdf_verify.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFAcroFormDocumentHelper.hh>
#include <qpdf/QPDFFormFieldObjectHelper.hh>

#include <ctime>
#include <memory>

#include "core/sha256.h"
#include "seal/certificates.h"
#include "seal/openssl_support.h"

namespace zhixing::seal {
namespace {

void free_x509_stack(STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); }
using X509StackPtr = OpensslPtr<STACK_OF(X509), free_x509_stack>;
// A stack that does not own its certificates (CMS_get0_signers).
void free_stack_only(STACK_OF(X509) * s) { sk_X509_free(s); }
using X509ViewStackPtr = OpensslPtr<STACK_OF(X509), free_stack_only>;

// What the signature dictionary holds.
struct SignatureValue {
  std::vector<long long> byte_range;
  std::string contents;  // the CMS (DER, padded with zero bytes)
  std::string m;         // /M, "D:20241231000000+08'00'"
};

// The first signature field with a value; nullopt when there is none. Throws on a file qpdf
// cannot read.
std::optional<SignatureValue> read_signature(std::string_view pdf) {
  QPDF q;
  q.setSuppressWarnings(true);
  q.processMemoryFile("document.pdf", pdf.data(), pdf.size());
  QPDFAcroFormDocumentHelper acroform(q);
  for (QPDFFormFieldObjectHelper& field : acroform.getFormFields()) {
    if (field.getFieldType() != "/Sig") continue;
    QPDFObjectHandle v = field.getValue();
    if (!v.isDictionary()) continue;
    SignatureValue out;
    QPDFObjectHandle range = v.getKey("/ByteRange");
    if (range.isArray())
      for (QPDFObjectHandle& n : range.getArrayAsVector())
        out.byte_range.push_back(n.isInteger() ? n.getIntValue() : -1);
    QPDFObjectHandle contents = v.getKey("/Contents");
    if (contents.isString()) out.contents = contents.getStringValue();
    QPDFObjectHandle m = v.getKey("/M");
    if (m.isString()) out.m = m.getStringValue();
    return out;
  }
  return std::nullopt;
}

// "D:YYYYMMDD…" → the date.
std::optional<Date> pdf_date(std::string_view m) {
  if (m.substr(0, 2) == "D:") m.remove_prefix(2);
  if (m.size() < 8) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (m[i] < '0' || m[i] > '9') return -1;
      v = v * 10 + (m[i] - '0');
    }
    return v;
  };
  return Date::from_ymd(num(0, 4), num(4, 2), num(6, 2));
}

// The instant a certificate must be valid at for a document dated `d`: noon in China
// (04:00 UTC), inside that calendar day whichever way the certificate's times were written.
time_t check_time(Date d) { return static_cast<time_t>(d.days_since_epoch()) * 86400 + 4 * 3600; }

bool ranges_cover_file(const SignatureValue& sig, std::string_view pdf) {
  const auto& r = sig.byte_range;
  if (r.size() != 4 || r[0] != 0) return false;
  const long long size = static_cast<long long>(pdf.size());
  if (r[1] <= 0 || r[2] <= r[1] || r[3] < 0 || r[2] + r[3] != size) return false;
  // The gap is exactly the /Contents hex string.
  if (pdf[static_cast<std::size_t>(r[1])] != '<' || pdf[static_cast<std::size_t>(r[2] - 1)] != '>')
    return false;
  return static_cast<std::size_t>(r[2] - r[1]) == 2 * sig.contents.size() + 2;
}

SignatureCheck fail(SignatureCheck c, SignatureStatus status, std::string detail) {
  c.status = status;
  c.detail = std::move(detail);
  return c;
}

}  // namespace

std::string_view signature_status_name(SignatureStatus status) {
  switch (status) {
    case SignatureStatus::valid:
      return "valid";
    case SignatureStatus::not_pdf:
      return "not_pdf";
    case SignatureStatus::unsigned_document:
      return "unsigned_document";
    case SignatureStatus::modified:
      return "modified";
    case SignatureStatus::bad_signature:
      return "bad_signature";
    case SignatureStatus::untrusted:
      return "untrusted";
    case SignatureStatus::not_valid_on_date:
      return "not_valid_on_date";
  }
  return "bad_signature";
}

std::string signature_status_message(SignatureStatus status) {
  switch (status) {
    case SignatureStatus::valid:
      return "电子印章有效";
    case SignatureStatus::not_pdf:
      return "不是可读取的 PDF 文件";
    case SignatureStatus::unsigned_document:
      return "文件没有电子印章（签名）";
    case SignatureStatus::modified:
      return "文件在盖章后被修改";
    case SignatureStatus::bad_signature:
      return "电子签名无效";
    case SignatureStatus::untrusted:
      return "印章证书不是本院根证书签发的";
    case SignatureStatus::not_valid_on_date:
      return "文书日期不在印章证书有效期内";
  }
  return "电子签名无效";
}

SignatureCheck verify_pdf_signature(std::string_view pdf,
                                    const std::vector<std::string>& trusted_roots_der) {
  SignatureCheck c;
  c.file_sha256 = sha256_hex(pdf);
  std::optional<SignatureValue> sig;
  try {
    sig = read_signature(pdf);
  } catch (const std::exception& e) {
    return fail(c, SignatureStatus::not_pdf, e.what());
  }
  if (!sig) return fail(c, SignatureStatus::unsigned_document, "no signature field with a value");
  c.signing_date = pdf_date(sig->m);
  if (!ranges_cover_file(*sig, pdf))
    return fail(c, SignatureStatus::modified, "/ByteRange does not cover the whole file");

  const auto& r = sig->byte_range;
  std::string signed_bytes;
  signed_bytes.reserve(static_cast<std::size_t>(r[1] + r[3]));
  signed_bytes.append(pdf.substr(0, static_cast<std::size_t>(r[1])));
  signed_bytes.append(pdf.substr(static_cast<std::size_t>(r[2]), static_cast<std::size_t>(r[3])));

  ERR_clear_error();
  const auto* der = reinterpret_cast<const unsigned char*>(sig->contents.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &der, static_cast<long>(sig->contents.size())));
  if (!cms) return fail(c, SignatureStatus::bad_signature, "CMS: " + openssl_errors());
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  if (infos == nullptr || sk_CMS_SignerInfo_num(infos) != 1)
    return fail(c, SignatureStatus::bad_signature, "CMS: not exactly one signer");
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);

  // The message digest first: a mismatch means the file changed after sealing.
  auto* md = static_cast<ASN1_OCTET_STRING*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  const std::string digest = sha256_bytes(signed_bytes);
  if (md == nullptr || static_cast<std::size_t>(ASN1_STRING_length(md)) != digest.size() ||
      digest.compare(0, digest.size(), reinterpret_cast<const char*>(ASN1_STRING_get0_data(md)),
                     digest.size()) != 0)
    return fail(c, SignatureStatus::modified, "message digest does not match the signed ranges");

  BioPtr content(BIO_new_mem_buf(signed_bytes.data(), static_cast<int>(signed_bytes.size())));
  if (CMS_verify(cms.get(), nullptr, nullptr, content.get(), nullptr,
                 CMS_DETACHED | CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1)
    return fail(c, SignatureStatus::bad_signature, "CMS_verify: " + openssl_errors());

  X509ViewStackPtr signers(CMS_get0_signers(cms.get()));
  if (!signers || sk_X509_num(signers.get()) != 1)
    return fail(c, SignatureStatus::bad_signature, "no signer certificate");
  X509* signer = sk_X509_value(signers.get(), 0);
  {
    const CertificateInfo info = parse_certificate(x509_der(signer));
    c.signer_subject = info.subject;
    c.signer_fingerprint = info.fingerprint;
  }

  X509StorePtr store(X509_STORE_new());
  for (const std::string& root_der : trusted_roots_der) {
    X509Ptr root = x509_from_der(root_der);
    if (root) X509_STORE_add_cert(store.get(), root.get());
  }
  X509StackPtr chain(CMS_get1_certs(cms.get()));
  X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), signer, chain.get());
  if (c.signing_date) {
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_time(param, check_time(*c.signing_date));
  }
  if (X509_verify_cert(ctx.get()) != 1) {
    const int err = X509_STORE_CTX_get_error(ctx.get());
    const std::string why = X509_verify_cert_error_string(err);
    if (err == X509_V_ERR_CERT_NOT_YET_VALID || err == X509_V_ERR_CERT_HAS_EXPIRED)
      return fail(c, SignatureStatus::not_valid_on_date, why);
    return fail(c, SignatureStatus::untrusted, why);
  }
  if (!c.signing_date)
    return fail(c, SignatureStatus::bad_signature, "the signature has no date (/M)");
  c.status = SignatureStatus::valid;
  return c;
}

}  // namespace zhixing::seal
