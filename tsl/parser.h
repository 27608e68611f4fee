// Reading trusted lists (ETSI TS 119 612) into the immutable model.
#pragma once

#include <memory>
#include <string_view>

#include "engine/error.h"
#include "engine/xml/document.h"
#include "tsl/trusted_list.h"

namespace assay::tsl {

// XML limits for trusted lists, tighter than the generic ones (issue 21): the whole tree is built
// before the signature is checked, so unsigned content (UnsignedProperties, comments) must not be
// able to cost more than a real list. The largest list in ../shared/corpus (ES, 2026-08) has
// 20,774 elements in 2.9 MB; the caps leave a margin of about 12x and hold one parse to roughly
// 100-200 MB in the worst case instead of gigabytes.
inline engine::xml::Limits trusted_list_limits() {
  engine::xml::Limits limits;
  limits.max_bytes = std::size_t{32} << 20;
  limits.max_elements = 250'000;
  limits.max_nodes = 1'000'000;
  return limits;
}

struct ParseOptions {
  engine::xml::Limits limits = trusted_list_limits();
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
