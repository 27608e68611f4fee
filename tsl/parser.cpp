#include "tsl/parser.h"

namespace assay::tsl {

engine::Result<std::shared_ptr<const TrustedList>> parse_trusted_list(std::string_view bytes,
                                                                      const ParseOptions& options) {
  auto doc = engine::xml::Document::parse(bytes, options.limits);
  if (!doc) return std::unexpected(doc.error());
  return build_trusted_list(**doc, bytes);
}

engine::Result<std::shared_ptr<const TrustedList>> build_trusted_list(const engine::xml::Document&,
                                                                      std::string_view) {
  return engine::fail(engine::Code::kUnsupported, "not yet");
}

}  // namespace assay::tsl
