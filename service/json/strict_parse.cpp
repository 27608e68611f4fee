#include "service/json/strict_parse.h"

#include "engine/json/strict_json.h"

namespace assay::service::json {

engine::Result<boost::json::value> parse_strict(std::string_view text) {
  // The engine's reader refuses duplicates and bounds depth and size; request bodies are already
  // capped by the server, and a body too deep is a malformed request (400), as it always was here.
  auto value = engine::json::parse_strict(text);
  if (!value && value.error().code() == engine::Code::kResourceExhausted) {
    return engine::fail(engine::Code::kMalformed, value.error().message());
  }
  return value;
}

}  // namespace assay::service::json
