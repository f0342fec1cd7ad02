#include "support/placeholder_pdf.h"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <stdexcept>

namespace zhixing::testing {

namespace {

using QOH = QPDFObjectHandle;

QOH name(const char* n) { return QOH::newName(n); }

// The page with one line of text.
QOH make_page(QPDF& q, const std::string& text) {
  QOH font = QOH::newDictionary(
      {{"/Type", name("/Font")}, {"/Subtype", name("/Type1")}, {"/BaseFont", name("/Helvetica")}});
  QOH resources =
      QOH::newDictionary({{"/Font", QOH::newDictionary({{"/F1", q.makeIndirectObject(font)}})}});
  QOH content = q.newStream("BT /F1 14 Tf 72 720 Td (" + text + ") Tj ET\n");
  return q.makeIndirectObject(QOH::newDictionary({
      {"/Type", name("/Page")},
      {"/MediaBox", QOH::newArray(QOH::Rectangle(0, 0, 595, 842))},
      {"/Resources", resources},
      {"/Contents", content},
  }));
}

// Where the `[` … `]` after /ByteRange and the `<` … `>` after /Contents lie.
documents::pdf::SignaturePlaceholder locate(const std::string& pdf) {
  documents::pdf::SignaturePlaceholder place;
  const std::size_t br = pdf.find("/ByteRange");
  const std::size_t ct = pdf.find("/Contents <");
  if (br == std::string::npos || ct == std::string::npos)
    throw std::runtime_error("placeholder PDF: /ByteRange or /Contents not found");
  place.byte_range_begin = pdf.find('[', br);
  place.byte_range_end = pdf.find(']', place.byte_range_begin) + 1;
  place.contents_begin = pdf.find('<', ct);
  place.contents_end = pdf.find('>', place.contents_begin) + 1;
  return place;
}

}  // namespace

PlaceholderPdf make_placeholder_pdf(std::size_t contents_bytes, const std::string& signing_time,
                                    const std::string& text) {
  QPDF q;
  q.emptyPDF();
  QOH page = make_page(q, text);
  QPDFPageDocumentHelper(q).addPage(QPDFPageObjectHelper(page), false);
  page = QPDFPageDocumentHelper(q).getAllPages().at(0).getObjectHandle();

  const QOH wide = QOH::newInteger(9999999999LL);  // room for the real offsets
  QOH sig = q.makeIndirectObject(QOH::newDictionary({
      {"/Type", name("/Sig")},
      {"/Filter", name("/Adobe.PPKLite")},
      {"/SubFilter", name("/ETSI.CAdES.detached")},
      {"/ByteRange", QOH::newArray({QOH::newInteger(0), wide, wide, wide})},
      {"/Contents", QOH::newString(std::string(contents_bytes, '\0'))},
      {"/M", QOH::newString(signing_time)},
  }));
  QOH field = q.makeIndirectObject(QOH::newDictionary({
      {"/FT", name("/Sig")},
      {"/T", QOH::newString("CourtSeal")},
      {"/V", sig},
      {"/Type", name("/Annot")},
      {"/Subtype", name("/Widget")},
      {"/Rect", QOH::newArray(QOH::Rectangle(0, 0, 0, 0))},
      {"/F", QOH::newInteger(132)},  // print + locked
      {"/P", page},
  }));
  page.replaceKey("/Annots", QOH::newArray({field}));
  q.getRoot().replaceKey("/AcroForm", QOH::newDictionary({
                                          {"/Fields", QOH::newArray({field})},
                                          {"/SigFlags", QOH::newInteger(3)},
                                      }));

  QPDFWriter w(q);
  w.setOutputMemory();
  w.setStaticID(true);
  w.setObjectStreamMode(qpdf_o_disable);
  w.setCompressStreams(false);  // the page text stays findable (tamper tests)
  w.write();
  const std::shared_ptr<Buffer> buffer = w.getBufferSharedPointer();
  PlaceholderPdf out;
  out.pdf.assign(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
  out.placeholder = locate(out.pdf);
  return out;
}

}  // namespace zhixing::testing
