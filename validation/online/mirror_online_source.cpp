#include "validation/online/mirror_online_source.h"

#include <algorithm>
#include <sstream>
#include <system_error>

#include "engine/digest.h"
#include "engine/file.h"

namespace assay::validation {
namespace {

std::string without_trailing_slash(std::string url) {
  while (url.size() > 1 && url.back() == '/') url.pop_back();
  return url;
}

bool same_cert_id(const engine::OcspCertId& a, const engine::OcspCertId& b) {
  return a.hash_algorithm_oid == b.hash_algorithm_oid && a.issuer_name_hash == b.issuer_name_hash &&
         a.issuer_key_hash == b.issuer_key_hash && a.serial == b.serial;
}

// Every `*.ocsp` file of `folder`, parsed, in file-name order (deterministic answers when two
// files cover one CertID: the first wins).
engine::Result<std::vector<engine::OcspResponsePtr>> read_responder_folder(const std::filesystem::path& folder,
                                                                           const std::string& where) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    return engine::fail(engine::Code::kNotFound, where + "OCSP responder folder " + folder.string() + " does not exist");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(folder, ec)) {
    if (e.is_regular_file(ec) && e.path().extension() == ".ocsp") files.push_back(e.path());
  }
  if (ec) return engine::fail(engine::Code::kUnavailable, where + "cannot list " + folder.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    return engine::fail(engine::Code::kNotFound, where + "OCSP responder folder " + folder.string() + " holds no *.ocsp file");
  }
  std::vector<engine::OcspResponsePtr> out;
  for (const auto& f : files) {
    auto der = engine::read_file(f, std::size_t{4} << 20);
    if (!der) return std::unexpected(std::move(der.error()).with_context(where + f.string()));
    auto parsed = engine::OcspResponse::parse_der(*der);
    if (!parsed) return std::unexpected(std::move(parsed.error()).with_context(where + f.string()));
    out.push_back(std::move(*parsed));
  }
  return out;
}

}  // namespace

engine::Result<std::unique_ptr<MirrorOnlineSource>> MirrorOnlineSource::open(const std::filesystem::path& tsv,
                                                                             engine::net::Fetcher* delegate,
                                                                             engine::store::Store* store,
                                                                             std::function<engine::UtcTime()> now,
                                                                             StoreOnlineSourceOptions options) {
  auto text = engine::read_file(tsv, std::size_t{16} << 20);
  if (!text) return std::unexpected(std::move(text.error()).with_context("revocation mirror map"));
  std::unique_ptr<MirrorOnlineSource> out(new MirrorOnlineSource());
  // Folder lines are taken out and replaced by comments, so that the MirrorFetcher's messages
  // keep the map's line numbers.
  std::string files;
  std::istringstream in(*text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string l = line;
    if (!l.empty() && l.back() == '\r') l.pop_back();
    const auto tab = l.find('\t');
    const std::string_view target_text = tab == std::string::npos ? std::string_view() : std::string_view(l).substr(tab + 1);
    // An http(s) target ending in '/' is a URL, not a folder.
    if (l.empty() || l.front() == '#' || !target_text.ends_with('/') || target_text.starts_with("http://") ||
        target_text.starts_with("https://") || target_text.find('\t') != std::string_view::npos) {
      files += line + "\n";
      continue;
    }
    const std::string where = tsv.string() + ":" + std::to_string(number) + ": ";
    const std::string url = without_trailing_slash(l.substr(0, tab));
    const std::filesystem::path target(l.substr(tab + 1));
    if (url.empty()) return engine::fail(engine::Code::kMalformed, where + "expected exactly two non-empty fields");
    auto responses = read_responder_folder(target.is_absolute() ? target : tsv.parent_path() / target, where);
    if (!responses) return std::unexpected(responses.error());
    if (!out->responders_.emplace(url, std::move(*responses)).second) {
      return engine::fail(engine::Code::kMalformed, where + "duplicate OCSP responder " + url);
    }
    files += "#\n";
  }
  auto mirror = engine::net::MirrorFetcher::parse(files, tsv, delegate);
  if (!mirror) return std::unexpected(mirror.error());
  out->mirror_ = std::move(*mirror);
  out->files_ = std::make_unique<StoreOnlineSource>(*out->mirror_, store, std::move(now), options);
  return out;
}

std::vector<std::string> MirrorOnlineSource::responders() const {
  std::vector<std::string> out;
  for (const auto& [url, responses] : responders_) out.push_back(url);
  return out;
}

engine::Result<std::string> MirrorOnlineSource::answer_ocsp(const std::string& responder, std::string_view request_der) const {
  const auto& responses = responders_.at(responder);
  auto ids = engine::parse_ocsp_request_cert_ids(request_der);
  if (!ids) return std::unexpected(std::move(ids.error()).with_context(responder));
  const engine::OcspCertId& wanted = ids->front();
  for (const auto& r : responses) {
    for (const auto& single : r->responses()) {
      if (same_cert_id(single.cert_id, wanted)) return r->der();
    }
  }
  return engine::fail(engine::Code::kNotFound, responder + ": the mirror's responder folder holds no response for serial " +
                                                   engine::to_hex(wanted.serial) + " (CertID hash " + wanted.hash_algorithm_oid + ")");
}

std::vector<OnlineResponse> MirrorOnlineSource::fetch(std::span<const OnlineRequest> requests) const {
  std::vector<OnlineResponse> out(requests.size());
  std::vector<OnlineRequest> rest;
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto& r = requests[i];
    const auto responder = responders_.find(without_trailing_slash(r.url));
    if (r.kind == OnlineKind::kOcsp && responder != responders_.end() && !r.ocsp_request_der.empty()) {
      out[i].url = r.url;
      out[i].body = answer_ocsp(responder->first, r.ocsp_request_der);
      continue;
    }
    rest.push_back(r);
    positions.push_back(i);
  }
  if (rest.empty()) return out;
  auto answers = files_->fetch(rest);
  for (std::size_t k = 0; k < answers.size() && k < positions.size(); ++k) out[positions[k]] = std::move(answers[k]);
  return out;
}

}  // namespace assay::validation
