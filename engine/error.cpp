#include "engine/error.h"

namespace assay::engine {

std::string_view code_name(Code code) noexcept {
  switch (code) {
    case Code::kInvalidArgument: return "invalid_argument";
    case Code::kMalformed: return "malformed";
    case Code::kNotFound: return "not_found";
    case Code::kUnavailable: return "unavailable";
    case Code::kDeadlineExceeded: return "deadline_exceeded";
    case Code::kResourceExhausted: return "resource_exhausted";
    case Code::kUnsupported: return "unsupported";
    case Code::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace assay::engine
