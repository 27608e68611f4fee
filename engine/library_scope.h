// Initialises and shuts down the C libraries (libxml2, xmlsec, OpenSSL, curl) once per process.
// Create exactly one in main() (and one per test binary) before any other engine call.
#pragma once

#include <string>

#include "engine/error.h"

namespace assay::engine {

class LibraryScope {
 public:
  LibraryScope();
  ~LibraryScope();
  LibraryScope(const LibraryScope&) = delete;
  LibraryScope& operator=(const LibraryScope&) = delete;

  // False when a library failed to initialise; `error()` then says which.
  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }
  // "libxml2 2.9.14, xmlsec 1.2.37 (openssl), OpenSSL 3.0.x, libcurl 7.88.1".
  std::string versions() const;

 private:
  bool ok_ = true;
  bool xmlsec_ready_ = false;
  std::string error_;
};

}  // namespace assay::engine
