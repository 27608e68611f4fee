// A Fetcher that answers from a local mirror map instead of the network, so that refreshes can
// run offline, reproducibly, from files (tests, air-gapped audits).
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/net/fetcher.h"

namespace assay::engine::net {

struct MirrorFetcherOptions {
  std::size_t max_body_bytes = std::size_t{32} << 20;  // files larger than this fail (kTooLarge)
};

// Maps URLs to local files (or to other URLs) from a TSV file: one `url<TAB>target` a line;
// blank lines and lines starting with '#' are ignored. A target is a path relative to the TSV's
// folder (or absolute), or an http(s) URL, which is fetched through the delegate fetcher.
// A file entry gets the ETag "\"<sha256 hex>\"", so conditional requests work offline too.
// Unknown URLs fail with kNotFound / FetchFailure::kNotInMirror.
// Threading: file fetches complete synchronously inside fetch(); delegated ones follow the
// delegate's rules. The map is immutable after open(), so concurrent fetch() calls are safe
// when the delegate allows them.
class MirrorFetcher final : public Fetcher {
 public:
  // Reads the map. `delegate` (may be null: http targets then fail with kUnavailable) is
  // borrowed and must outlive the MirrorFetcher. Fails with kNotFound when the TSV is missing
  // and kMalformed (with the line number) on a line without a tab, an empty field or a
  // duplicate URL.
  static Result<std::unique_ptr<MirrorFetcher>> open(const std::filesystem::path& tsv, Fetcher* delegate,
                                                     MirrorFetcherOptions options = {});
  // The same from the map's text; `tsv` is where it came from (relative targets resolve against
  // its folder; messages name it). Nothing is read from disk. (open() reads and calls this; the
  // fuzz target fuzz/urls_tsv.cpp calls it directly.)
  static Result<std::unique_ptr<MirrorFetcher>> parse(std::string_view text, const std::filesystem::path& tsv,
                                                      Fetcher* delegate, MirrorFetcherOptions options = {});

  void fetch(FetchRequest request, FetchCallback done) override;
  std::vector<FetchResult> fetch_all(std::vector<FetchRequest> requests) override;
  // Cancels the delegate's pending requests (file fetches are never pending).
  void cancel_all() override;

  std::size_t size() const noexcept { return entries_.size(); }
  // Whether `url` is in the map (so that a caller can say which URL was missing, and what the map
  // holds instead).
  bool contains(const std::string& url) const { return entries_.contains(url); }
  // The mapped URLs, sorted.
  std::vector<std::string> urls() const;

 private:
  struct Target {
    std::filesystem::path file;  // empty for a URL target
    std::string url;
  };
  MirrorFetcher(std::map<std::string, Target> entries, Fetcher* delegate, MirrorFetcherOptions options)
      : entries_(std::move(entries)), delegate_(delegate), options_(options) {}
  FetchResult fetch_file(const FetchRequest& request, const std::filesystem::path& file) const;

  std::map<std::string, Target> entries_;
  Fetcher* delegate_;
  MirrorFetcherOptions options_;
};

}  // namespace assay::engine::net
