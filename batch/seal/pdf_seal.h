// Filling a rendered PDF's signature placeholder (documents/pdf/signature_field.h): the byte
// ranges around /Contents, their SHA-256, the CMS over it (cms.h), written into /Contents in
// hex. The file keeps its length; nothing else changes.
#pragma once

#include <string>

#include "documents/pdf/signature_field.h"

namespace zhixing::seal {

class Signer;

// Throws SealError(placeholder_too_small) when the CMS does not fit, signing_failed otherwise.
void seal_pdf(std::string& pdf, const documents::pdf::SignaturePlaceholder& placeholder,
              const Signer& signer);

}  // namespace zhixing::seal
