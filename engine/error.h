// Operational errors: one canonical code set, a message, and context added on the way up.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace assay::engine {

// Canonical error codes (after absl::StatusCode); service/ maps them to HTTP statuses.
enum class Code {
  kInvalidArgument,    // the caller gave something unusable (bad flag, bad time)
  kMalformed,          // input bytes are not what they claim to be (bad XML, bad DER)
  kNotFound,           // a file, URL or record does not exist
  kUnavailable,        // a transient failure (network, busy); retrying may help
  kDeadlineExceeded,   // a timeout
  kResourceExhausted,  // a limit was hit (size, depth, count)
  kUnsupported,        // understood but not supported (version, algorithm)
  kInternal,           // a bug or an unexpected library failure
};

std::string_view code_name(Code code) noexcept;

// An operational failure. Values are cheap to move and safe to copy across threads.
class Error {
 public:
  Error(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  Code code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }

  // Prefixes context ("reading AT.xml: ...") and returns the error for chaining.
  Error&& with_context(std::string_view context) && {
    message_ = std::string(context) + ": " + message_;
    return std::move(*this);
  }

 private:
  Code code_;
  std::string message_;
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(Code code, std::string message) {
  return std::unexpected<Error>(Error(code, std::move(message)));
}

}  // namespace assay::engine
