// Reading an audit suite folder (suite.h, docs/audit.md). Strict on purpose: a suite is audit
// evidence, so a misspelt key or a path that leaves the folder must stop the campaign before it
// asks anything, never be skipped silently.
#include "service/audit/suite.h"

#include <algorithm>
#include <set>
#include <system_error>

#include "engine/file.h"
#include "service/audit/internal/suite_toml.h"

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;
using engine::Code;
using internal::bad;
using internal::only_keys;
using internal::parse_toml;
using internal::path_list;
using internal::required_table;
using internal::sub_table;
using internal::suite_path;
using internal::text;

constexpr std::size_t kMaxCases = 100000;
constexpr std::size_t kMaxSuiteFiles = 200000;

engine::Result<void> read_suite_toml(Suite& suite) {
  const fs::path file = suite.dir / "suite.toml";
  auto table = parse_toml(file);
  if (!table) return std::unexpected(table.error());
  const toml::table& t = *table;
  if (auto r = only_keys(t, {"suite", "trust", "policy"}, file, ""); !r) return r;
  auto suite_table = required_table(t, "suite", file, "missing");
  if (!suite_table) return std::unexpected(suite_table.error());
  const toml::table* s = *suite_table;
  engine::Error error(Code::kInternal, "");
  if (auto r = only_keys(*s, {"name", "version", "description"}, file, "suite."); !r) return r;
  auto name = text(*s, "name", file, "suite.", true);
  auto version = text(*s, "version", file, "suite.", true);
  auto description = text(*s, "description", file, "suite.", false);
  for (auto* r : {&name, &version, &description}) {
    if (!*r) return std::unexpected(r->error());
  }
  suite.name = std::move(*name);
  suite.version = std::move(*version);
  suite.description = std::move(*description);

  if (const toml::table* tr = sub_table(t, "trust", file, &error)) {
    if (auto r = only_keys(*tr, {"mirror", "lotl_url", "oj_anchors", "trust_time", "anchors"}, file, "trust."); !r) return r;
    auto mirror = text(*tr, "mirror", file, "trust.", false);
    if (!mirror) return std::unexpected(mirror.error());
    if (!mirror->empty()) {
      auto p = suite_path(suite.dir, *mirror, file, "trust.mirror");
      if (!p) return std::unexpected(p.error());
      suite.trust.mirror = std::move(*p);
    }
    auto lotl_url = text(*tr, "lotl_url", file, "trust.", !suite.trust.mirror.empty());
    if (!lotl_url) return std::unexpected(lotl_url.error());
    suite.trust.lotl_url = std::move(*lotl_url);
    auto oj = path_list(suite.dir, *tr, "oj_anchors", file, "trust.");
    auto anchors = path_list(suite.dir, *tr, "anchors", file, "trust.");
    if (!oj) return std::unexpected(oj.error());
    if (!anchors) return std::unexpected(anchors.error());
    suite.trust.oj_anchors = std::move(*oj);
    suite.trust.anchors = std::move(*anchors);
    auto when = text(*tr, "trust_time", file, "trust.", false);
    if (!when) return std::unexpected(when.error());
    if (!when->empty()) {
      auto instant = engine::parse_utc_time(*when);
      if (!instant) return std::unexpected(bad(file, "trust.trust_time", "'" + *when + "' is not an RFC 3339 instant"));
      suite.trust.trust_time = *instant;
    }
    if (!suite.trust.mirror.empty() && suite.trust.oj_anchors.empty()) {
      return std::unexpected(bad(file, "trust.oj_anchors", "a list mirror needs the OJ anchors that authenticate its LOTL"));
    }
  } else if (!error.message().empty()) {
    return std::unexpected(error);
  }

  if (const toml::table* p = sub_table(t, "policy", file, &error)) {
    if (auto r = only_keys(*p, {"file"}, file, "policy."); !r) return r;
    auto policy = text(*p, "file", file, "policy.", false);
    if (!policy) return std::unexpected(policy.error());
    if (!policy->empty()) {
      auto path = suite_path(suite.dir, *policy, file, "policy.file");
      if (!path) return std::unexpected(path.error());
      suite.policy = std::move(*path);
    }
  } else if (!error.message().empty()) {
    return std::unexpected(error);
  }
  return {};
}

// SHA-256 of the sha256sum-style listing ("<hex>  <relative path>\n", paths sorted), so an
// auditor can recompute a suite's identity with `sha256sum` alone.
engine::Result<engine::Sha256> suite_digest(const fs::path& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) files.push_back(fs::relative(it->path(), dir, ec).generic_string());
    if (files.size() > kMaxSuiteFiles) return engine::fail(Code::kResourceExhausted, dir.string() + ": too many files in the suite");
  }
  if (ec) return engine::fail(Code::kUnavailable, dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::string listing;
  for (const auto& rel : files) {
    engine::Sha256Stream stream;
    auto bytes = engine::read_file(dir / rel, std::size_t{1} << 30);
    if (!bytes) return std::unexpected(std::move(bytes.error()).with_context(rel));
    stream.update(*bytes);
    listing += engine::to_hex(stream.finish()) + "  " + rel + "\n";
  }
  return engine::sha256(listing);
}

}  // namespace

std::string_view question_name(Question q) noexcept {
  switch (q) {
    case Question::kSignature: return "signature";
    case Question::kCertificate: return "certificate";
    case Question::kQualification: return "qualification";
  }
  return "signature";
}

engine::Result<Suite> read_suite(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return engine::fail(Code::kNotFound, dir.string() + ": not a suite folder");
  Suite suite;
  suite.dir = fs::canonical(dir, ec);
  if (ec) return engine::fail(Code::kUnavailable, dir.string() + ": " + ec.message());
  if (auto r = read_suite_toml(suite); !r) return std::unexpected(r.error());

  const fs::path cases_dir = suite.dir / "cases";
  if (!fs::is_directory(cases_dir, ec)) return engine::fail(Code::kNotFound, cases_dir.string() + ": missing (one .toml file per case)");
  std::vector<fs::path> case_files;
  for (const auto& entry : fs::directory_iterator(cases_dir, ec)) {
    if (entry.path().extension() == ".toml" && entry.is_regular_file()) case_files.push_back(entry.path());
    if (case_files.size() > kMaxCases) return engine::fail(Code::kResourceExhausted, cases_dir.string() + ": more than 100000 cases");
  }
  if (ec) return engine::fail(Code::kUnavailable, cases_dir.string() + ": " + ec.message());
  std::sort(case_files.begin(), case_files.end());
  if (case_files.empty()) return engine::fail(Code::kInvalidArgument, cases_dir.string() + ": no case (*.toml)");
  std::set<std::string> ids;
  for (const auto& file : case_files) {
    auto c = internal::read_case(suite.dir, file);
    if (!c) return std::unexpected(c.error());
    if (!ids.insert(c->id).second) return std::unexpected(bad(file, "id", "'" + c->id + "' is used by another case"));
    if (c->trust && (suite.trust.lotl_url.empty() || suite.trust.oj_anchors.empty())) {
      return std::unexpected(bad(file, "trust", "a case's list mirrors are authenticated with the suite's [trust] lotl_url and "
                                                "oj_anchors, which suite.toml does not give"));
    }
    suite.cases.push_back(std::move(*c));
  }
  auto digest = suite_digest(suite.dir);
  if (!digest) return std::unexpected(digest.error());
  suite.sha256 = *digest;
  return suite;
}

}  // namespace assay::service::audit
