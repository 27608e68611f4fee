// Reading trusted lists (ETSI TS 119 612) into the immutable model.
#pragma once

#include <memory>
#include <string_view>

#include "engine/error.h"
#include "engine/xml/document.h"
#include "tsl/trusted_list.h"

namespace assay::tsl {

struct ParseOptions {
  engine::xml::Limits limits;
};

// Parses the document bytes and builds the model. Fails (kMalformed, kResourceExhausted,
// kUnsupported) only when the bytes are not a usable XML document or the root is not a
// TrustServiceStatusList; every other problem becomes a finding on the returned list.
engine::Result<std::shared_ptr<const TrustedList>> parse_trusted_list(std::string_view bytes,
                                                                      const ParseOptions& options = {});

// Builds the model from an already parsed document (parse once, then authenticate and read the
// same tree). `bytes` are the exact document bytes, used for the SHA-256 only.
engine::Result<std::shared_ptr<const TrustedList>> build_trusted_list(const engine::xml::Document& document,
                                                                      std::string_view bytes);

}  // namespace assay::tsl
