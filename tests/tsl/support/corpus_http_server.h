// Serves a real trusted-list set (a url<TAB>file map such as corpus/eu-2026-08/urls.tsv) from the
// scriptable loopback server, with per-document fault injection and optional response delays,
// and writes the mirror map that points every real URL at it. Used by the refresh fault and kill
// tests and by the refresh benchmark (so it depends on nothing but the test server).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tests/engine/support/test_http_server.h"

namespace assay::testing {

// One document of the set, as served.
struct CorpusDocument {
  std::string url;          // the real URL (as the LOTL announces it)
  std::string server_path;  // "/<file name>" on the local server
  std::string bytes;
  std::string etag;           // "\"<sha256 hex>\"", sent with every normal response
  std::string last_modified;  // a fixed HTTP-date, sent with every normal response
};

// Normal responses carry ETag and Last-Modified and answer conditional requests with 304.
// Threading: inject/clear/set_delay may be called while the server answers (guarded by a mutex).
class CorpusHttpServer {
 public:
  using Fault = std::function<HttpScript(const RecordedRequest&)>;

  // Reads every file of `urls_tsv` (paths relative to its folder) and starts serving them.
  // Returns null (with `error` set) when the map or a file cannot be read.
  static std::unique_ptr<CorpusHttpServer> start(const std::filesystem::path& urls_tsv, std::string& error);

  // Writes url<TAB>http://127.0.0.1:PORT/<file> for every document; `overrides` replaces the
  // target of the given URLs (e.g. a closed port, or an https server).
  void write_mirror(const std::filesystem::path& tsv, const std::map<std::string, std::string>& overrides = {}) const;

  // From now on the document behind `url` (a real URL) is answered by `fault` instead.
  void inject(const std::string& url, Fault fault);
  void clear(const std::string& url);
  // Every normal response waits `delay()` first (e.g. seeded random delays for the kill test).
  void set_delay(std::function<std::chrono::milliseconds()> delay);

  const std::vector<CorpusDocument>& documents() const { return documents_; }
  const CorpusDocument& document(const std::string& url) const;
  TestHttpServer& server() { return server_; }
  // Requests the server received for the document behind `url`.
  std::vector<RecordedRequest> requests_for(const std::string& url) const;

 private:
  CorpusHttpServer() = default;
  HttpScript answer(std::size_t index, const RecordedRequest& request);

  TestHttpServer server_;
  std::vector<CorpusDocument> documents_;
  mutable std::mutex mutex_;
  std::map<std::string, Fault> faults_;  // by real URL
  std::function<std::chrono::milliseconds()> delay_;
};

}  // namespace assay::testing
