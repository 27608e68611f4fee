#include "tests/tsl/support/corpus_http_server.h"

#include <fstream>
#include <sstream>

#include "engine/digest.h"
#include "engine/file.h"

namespace assay::testing {

std::unique_ptr<CorpusHttpServer> CorpusHttpServer::start(const std::filesystem::path& urls_tsv, std::string& error) {
  std::ifstream in(urls_tsv);
  if (!in) {
    error = "cannot read " + urls_tsv.string();
    return nullptr;
  }
  std::unique_ptr<CorpusHttpServer> out(new CorpusHttpServer());
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::filesystem::path file = urls_tsv.parent_path() / line.substr(tab + 1);
    auto bytes = engine::read_file(file, std::size_t{64} << 20);
    if (!bytes) {
      error = bytes.error().message();
      return nullptr;
    }
    CorpusDocument d;
    d.url = line.substr(0, tab);
    d.server_path = "/" + file.filename().string();
    d.etag = "\"" + engine::sha256_hex(*bytes) + "\"";
    d.last_modified = "Mon, 03 Aug 2026 12:00:00 GMT";
    d.bytes = std::move(*bytes);
    out->documents_.push_back(std::move(d));
  }
  for (std::size_t i = 0; i < out->documents_.size(); ++i) {
    CorpusHttpServer* self = out.get();
    out->server_.route(out->documents_[i].server_path,
                       [self, i](const RecordedRequest& request) { return self->answer(i, request); });
  }
  return out;
}

HttpScript CorpusHttpServer::answer(std::size_t index, const RecordedRequest& request) {
  const CorpusDocument& d = documents_[index];
  Fault fault;
  std::function<std::chrono::milliseconds()> delay;
  {
    std::lock_guard lock(mutex_);
    if (auto it = faults_.find(d.url); it != faults_.end()) fault = it->second;
    delay = delay_;
  }
  if (fault) return fault(request);
  HttpScript s = HttpScript::ok(d.bytes, "application/xml");
  s.etag = d.etag;
  s.last_modified = d.last_modified;
  if (delay) s.delay = delay();
  return s;
}

void CorpusHttpServer::write_mirror(const std::filesystem::path& tsv,
                                    const std::map<std::string, std::string>& overrides) const {
  std::ofstream out(tsv, std::ios::trunc);
  out << "# written by CorpusHttpServer\n";
  for (const auto& d : documents_) {
    auto it = overrides.find(d.url);
    out << d.url << '\t' << (it != overrides.end() ? it->second : server_.url(d.server_path)) << '\n';
  }
}

void CorpusHttpServer::inject(const std::string& url, Fault fault) {
  std::lock_guard lock(mutex_);
  faults_[url] = std::move(fault);
}

void CorpusHttpServer::clear(const std::string& url) {
  std::lock_guard lock(mutex_);
  faults_.erase(url);
}

void CorpusHttpServer::set_delay(std::function<std::chrono::milliseconds()> delay) {
  std::lock_guard lock(mutex_);
  delay_ = std::move(delay);
}

const CorpusDocument& CorpusHttpServer::document(const std::string& url) const {
  for (const auto& d : documents_) {
    if (d.url == url) return d;
  }
  static const CorpusDocument kNone;
  return kNone;
}

std::vector<RecordedRequest> CorpusHttpServer::requests_for(const std::string& url) const {
  const std::string path = document(url).server_path;
  std::vector<RecordedRequest> out;
  for (auto& r : server_.requests()) {
    if (r.target.substr(0, r.target.find('?')) == path) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace assay::testing
