#include "engine/net/mirror_fetcher.h"

#include <algorithm>
#include <sstream>

#include "engine/digest.h"
#include "engine/file.h"

namespace assay::engine::net {
namespace {

bool is_http_url(std::string_view s) { return s.starts_with("http://") || s.starts_with("https://"); }

FetchResult failed(const FetchRequest& request, FetchFailure failure, Code code, std::string message) {
  FetchResult out;
  out.url = request.url;
  out.final_url = request.url;
  out.failure = failure;
  out.error = Error(code, std::move(message));
  return out;
}

}  // namespace

Result<std::unique_ptr<MirrorFetcher>> MirrorFetcher::open(const std::filesystem::path& tsv, Fetcher* delegate,
                                                           MirrorFetcherOptions options) {
  // A mirror map is a small text file; 16 MiB is far beyond any real one.
  auto text = read_file(tsv, std::size_t{16} << 20);
  if (!text) return std::unexpected(std::move(text.error()).with_context("mirror map"));
  return parse(*text, tsv, delegate, options);
}

Result<std::unique_ptr<MirrorFetcher>> MirrorFetcher::parse(std::string_view text, const std::filesystem::path& tsv,
                                                            Fetcher* delegate, MirrorFetcherOptions options) {
  const std::filesystem::path base = tsv.parent_path();
  std::map<std::string, Target> entries;
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    const auto where = tsv.string() + ":" + std::to_string(number) + ": ";
    const auto tab = line.find('\t');
    if (tab == std::string::npos) return fail(Code::kMalformed, where + "expected url<TAB>target");
    std::string url = line.substr(0, tab);
    std::string target = line.substr(tab + 1);
    if (url.empty() || target.empty() || target.find('\t') != std::string::npos) {
      return fail(Code::kMalformed, where + "expected exactly two non-empty fields");
    }
    Target t;
    if (is_http_url(target)) {
      t.url = std::move(target);
    } else {
      const std::filesystem::path p(target);
      t.file = p.is_absolute() ? p : base / p;
    }
    if (!entries.emplace(url, std::move(t)).second) return fail(Code::kMalformed, where + "duplicate url " + url);
  }
  return std::unique_ptr<MirrorFetcher>(new MirrorFetcher(std::move(entries), delegate, options));
}

std::vector<std::string> MirrorFetcher::urls() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& [url, target] : entries_) out.push_back(url);
  return out;
}

FetchResult MirrorFetcher::fetch_file(const FetchRequest& request, const std::filesystem::path& file) const {
  const std::size_t limit = std::min(options_.max_body_bytes, request.max_body_bytes.value_or(options_.max_body_bytes));
  auto bytes = read_file(file, limit);
  if (!bytes) {
    const Code code = bytes.error().code();
    const FetchFailure failure = code == Code::kResourceExhausted ? FetchFailure::kTooLarge : FetchFailure::kIo;
    // A mapped but missing file is a broken mirror, not a missing document: kUnavailable.
    return failed(request, failure, code == Code::kNotFound ? Code::kUnavailable : code,
                  "mirror file for " + request.url + ": " + bytes.error().message());
  }
  FetchResult out;
  out.url = request.url;
  out.final_url = file.string();
  out.attempts = 1;
  out.etag = "\"" + sha256_hex(*bytes) + "\"";
  if (request.etag && *request.etag == *out.etag) {
    out.not_modified = true;
  } else {
    out.body = std::move(*bytes);
  }
  return out;
}

void MirrorFetcher::fetch(FetchRequest request, FetchCallback done) {
  done = take_on_done(request, std::move(done));
  const auto it = entries_.find(request.url);
  if (it == entries_.end()) {
    done(failed(request, FetchFailure::kNotInMirror, Code::kNotFound, "not in the mirror map: " + request.url));
    return;
  }
  if (it->second.url.empty()) {
    done(fetch_file(request, it->second.file));
    return;
  }
  if (delegate_ == nullptr) {
    done(failed(request, FetchFailure::kOther, Code::kUnavailable, "mirror maps " + request.url + " to a URL but no HTTP fetcher was given"));
    return;
  }
  std::string original = request.url;
  request.url = it->second.url;
  delegate_->fetch(std::move(request), [original = std::move(original), done = std::move(done)](FetchResult r) {
    r.url = original;
    done(std::move(r));
  });
}

std::vector<FetchResult> MirrorFetcher::fetch_all(std::vector<FetchRequest> requests) {
  std::vector<FetchResult> results(requests.size());
  std::vector<std::size_t> delegated;
  std::vector<FetchRequest> remote;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto it = entries_.find(requests[i].url);
    if (it != entries_.end() && !it->second.url.empty() && delegate_ != nullptr) {
      delegated.push_back(i);
      FetchRequest r = requests[i];
      r.url = it->second.url;
      remote.push_back(std::move(r));
    } else {
      fetch(std::move(requests[i]), [&results, i](FetchResult r) { results[i] = std::move(r); });
    }
  }
  if (!remote.empty()) {
    auto fetched = delegate_->fetch_all(std::move(remote));
    for (std::size_t k = 0; k < delegated.size(); ++k) {
      fetched[k].url = requests[delegated[k]].url;
      results[delegated[k]] = std::move(fetched[k]);
    }
  }
  return results;
}

void MirrorFetcher::cancel_all() {
  if (delegate_ != nullptr) delegate_->cancel_all();
}

}  // namespace assay::engine::net
