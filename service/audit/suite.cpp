// Reading an audit suite folder (suite.h, docs/audit.md). Strict on purpose: a suite is audit
// evidence, so a misspelt key or a path that leaves the folder must stop the campaign before it
// asks anything, never be skipped silently.
#include "service/audit/suite.h"

#include <toml++/toml.h>

#include <algorithm>
#include <set>
#include <system_error>

#include "engine/file.h"

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;
using engine::Code;

constexpr std::size_t kMaxTomlBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxCases = 100000;
constexpr std::size_t kMaxSuiteFiles = 200000;

engine::Error bad(const fs::path& file, std::string_view key, std::string_view what) {
  return engine::Error(Code::kInvalidArgument, file.string() + ": " + std::string(key) + ": " + std::string(what));
}

engine::Result<toml::table> parse_toml(const fs::path& file) {
  auto bytes = engine::read_file(file, kMaxTomlBytes);
  if (!bytes) return std::unexpected(std::move(bytes.error()).with_context(file.string()));
  try {
    return toml::parse(*bytes, file.string());
  } catch (const toml::parse_error& e) {
    return engine::fail(Code::kMalformed, file.string() + ": " + std::string(e.description()) + " (line " +
                                              std::to_string(e.source().begin.line) + ")");
  }
}

// Refuses keys the format does not define (a typo in "subindication" must not silently drop
// what the case asserts).
engine::Result<void> only_keys(const toml::table& t, std::initializer_list<std::string_view> allowed, const fs::path& file,
                               std::string_view prefix) {
  for (const auto& [k, v] : t) {
    if (std::find(allowed.begin(), allowed.end(), k.str()) == allowed.end()) {
      return std::unexpected(bad(file, std::string(prefix) + std::string(k.str()), "unknown key"));
    }
  }
  return {};
}

engine::Result<std::string> text(const toml::table& t, std::string_view key, const fs::path& file, std::string_view prefix,
                                 bool required) {
  const toml::node* n = t.get(key);
  if (n == nullptr) {
    if (required) return std::unexpected(bad(file, std::string(prefix) + std::string(key), "missing"));
    return std::string();
  }
  auto s = n->value<std::string>();
  if (!s) return std::unexpected(bad(file, std::string(prefix) + std::string(key), "expected a string"));
  return *s;
}

const toml::table* sub_table(const toml::table& t, std::string_view key, const fs::path& file, engine::Error* error) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return nullptr;
  if (const auto* tt = n->as_table()) return tt;
  *error = bad(file, key, "expected a table");
  return nullptr;
}

// A path named in the suite: relative, without "..", inside DIR after resolving symlinks, and an
// existing regular file. Suites travel between auditors; a case must not read /etc/passwd.
engine::Result<fs::path> suite_path(const fs::path& dir, const std::string& value, const fs::path& file, std::string_view key) {
  if (value.empty()) return std::unexpected(bad(file, key, "empty path"));
  const fs::path p(value);
  if (p.is_absolute() || p.has_root_name() || p.has_root_directory()) {
    return std::unexpected(bad(file, key, "'" + value + "' is absolute; paths are relative to the suite folder"));
  }
  for (const auto& part : p) {
    if (part == "..") return std::unexpected(bad(file, key, "'" + value + "' leaves the suite folder"));
  }
  std::error_code ec;
  const fs::path full = fs::weakly_canonical(dir / p, ec);
  if (ec) return std::unexpected(bad(file, key, "'" + value + "': " + ec.message()));
  auto [end, unused] = std::mismatch(dir.begin(), dir.end(), full.begin(), full.end());
  if (end != dir.end()) return std::unexpected(bad(file, key, "'" + value + "' resolves outside the suite folder"));
  if (!fs::is_regular_file(full, ec)) {
    return std::unexpected(engine::Error(Code::kNotFound, file.string() + ": " + std::string(key) + ": '" + value +
                                                              "' is not a file of the suite"));
  }
  return full;
}

engine::Result<std::vector<fs::path>> path_list(const fs::path& dir, const toml::table& t, std::string_view key,
                                                const fs::path& file, std::string_view prefix) {
  std::vector<fs::path> out;
  const toml::node* n = t.get(key);
  if (n == nullptr) return out;
  const std::string where = std::string(prefix) + std::string(key);
  const auto* arr = n->as_array();
  if (arr == nullptr) return std::unexpected(bad(file, where, "expected an array of paths"));
  for (const auto& item : *arr) {
    auto s = item.value<std::string>();
    if (!s) return std::unexpected(bad(file, where, "expected an array of strings"));
    auto p = suite_path(dir, *s, file, where);
    if (!p) return std::unexpected(p.error());
    out.push_back(std::move(*p));
  }
  return out;
}

engine::Result<std::vector<std::string>> string_list(const toml::table& t, std::string_view key, const fs::path& file,
                                                     std::string_view prefix) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (n == nullptr) return out;
  const auto* arr = n->as_array();
  if (arr == nullptr) return std::unexpected(bad(file, std::string(prefix) + std::string(key), "expected an array of strings"));
  for (const auto& item : *arr) {
    auto s = item.value<std::string>();
    if (!s) return std::unexpected(bad(file, std::string(prefix) + std::string(key), "expected an array of strings"));
    out.push_back(*s);
  }
  return out;
}

bool valid_case_id(std::string_view id) {
  if (id.empty() || id.size() > 128 || id.front() == '.') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

// The indications a question can be answered with (EN 319 102-1 5.1.3: signatures end with
// TOTAL_*, building blocks such as X.509 certificate validation with PASSED / FAILED).
bool valid_indication(Question q, std::string_view indication) {
  if (q == Question::kSignature) {
    return indication == "TOTAL_PASSED" || indication == "TOTAL_FAILED" || indication == "INDETERMINATE";
  }
  return indication == "PASSED" || indication == "FAILED" || indication == "INDETERMINATE";
}

engine::Result<void> read_expected(const toml::table& t, SuiteCase& c) {
  const fs::path& file = c.file;
  engine::Error error(Code::kInternal, "");
  const toml::table* e = sub_table(t, "expected", file, &error);
  if (e == nullptr) {
    if (!error.message().empty()) return std::unexpected(error);
    return std::unexpected(bad(file, "expected", "missing: every case states its right answer"));
  }
  if (auto r = only_keys(*e, {"indication", "subindication", "qualification", "also_indications", "also_subindications"}, file,
                        "expected.");
      !r) {
    return r;
  }
  auto ind = text(*e, "indication", file, "expected.", c.question != Question::kQualification);
  auto sub = text(*e, "subindication", file, "expected.", false);
  auto qual = text(*e, "qualification", file, "expected.", c.question == Question::kQualification);
  if (!ind) return std::unexpected(ind.error());
  if (!sub) return std::unexpected(sub.error());
  if (!qual) return std::unexpected(qual.error());
  if (!ind->empty() && !valid_indication(c.question, *ind)) {
    return std::unexpected(bad(file, "expected.indication",
                               "'" + *ind + "' is not an indication of a " + std::string(question_name(c.question)) +
                                   " question (" +
                                   (c.question == Question::kSignature ? "TOTAL_PASSED, TOTAL_FAILED, INDETERMINATE"
                                                                       : "PASSED, FAILED, INDETERMINATE") +
                                   ")"));
  }
  if (!sub->empty() && (*ind == "TOTAL_PASSED" || *ind == "PASSED")) {
    return std::unexpected(bad(file, "expected.subindication", "a passed indication has no sub-indication"));
  }
  auto also = string_list(*e, "also_indications", file, "expected.");
  auto also_sub = string_list(*e, "also_subindications", file, "expected.");
  if (!also) return std::unexpected(also.error());
  if (!also_sub) return std::unexpected(also_sub.error());
  const auto passed = [](std::string_view i) { return i == "TOTAL_PASSED" || i == "PASSED"; };
  for (const auto& a : *also) {
    if (ind->empty() || !valid_indication(c.question, a) || passed(a) != passed(*ind)) {
      return std::unexpected(bad(file, "expected.also_indications",
                                 "'" + a + "': alternatives are indications of the question, all passed or all not passed, "
                                           "besides an expected indication"));
    }
  }
  if (!also_sub->empty() && (ind->empty() || passed(*ind))) {
    return std::unexpected(bad(file, "expected.also_subindications", "only a not-passed indication has sub-indications"));
  }
  c.expected = ExpectedOutcome{std::move(*ind), std::move(*sub), std::move(*qual), std::move(*also), std::move(*also_sub)};
  return {};
}

engine::Result<void> read_requirement_and_tolerance(const toml::table& t, SuiteCase& c) {
  const fs::path& file = c.file;
  engine::Error error(Code::kInternal, "");
  const toml::table* r = sub_table(t, "requirement", file, &error);
  if (r == nullptr) {
    if (!error.message().empty()) return std::unexpected(error);
    return std::unexpected(bad(file, "requirement", "missing: every case cites the requirement it checks"));
  }
  if (auto k = only_keys(*r, {"clause", "text"}, file, "requirement."); !k) return k;
  auto clause = text(*r, "clause", file, "requirement.", true);
  auto sentence = text(*r, "text", file, "requirement.", true);
  if (!clause) return std::unexpected(clause.error());
  if (!sentence) return std::unexpected(sentence.error());
  c.requirement = Requirement{std::move(*clause), std::move(*sentence)};

  const toml::table* tol = sub_table(t, "tolerance", file, &error);
  if (tol == nullptr) {
    if (!error.message().empty()) return std::unexpected(error);
    return {};
  }
  if (auto k = only_keys(*tol, {"subindications", "qualifications"}, file, "tolerance."); !k) return k;
  auto subs = string_list(*tol, "subindications", file, "tolerance.");
  auto quals = string_list(*tol, "qualifications", file, "tolerance.");
  if (!subs) return std::unexpected(subs.error());
  if (!quals) return std::unexpected(quals.error());
  c.tolerance = Tolerance{std::move(*subs), std::move(*quals)};
  return {};
}

// [trust] of a case (suite.h CaseTrust). Its mirrors are paths of the suite like every input.
engine::Result<void> read_case_trust(const fs::path& dir, const toml::table& t, SuiteCase& c) {
  const fs::path& file = c.file;
  engine::Error error(Code::kInternal, "");
  const toml::table* tr = sub_table(t, "trust", file, &error);
  if (tr == nullptr) {
    if (!error.message().empty()) return std::unexpected(error);
    return {};
  }
  if (auto k = only_keys(*tr, {"mirrors", "trust_time", "setup"}, file, "trust."); !k) return k;
  CaseTrust trust;
  auto mirrors = path_list(dir, *tr, "mirrors", file, "trust.");
  if (!mirrors) return std::unexpected(mirrors.error());
  if (mirrors->empty()) return std::unexpected(bad(file, "trust.mirrors", "missing: a case's trust setup names one or more list mirrors"));
  trust.mirrors = std::move(*mirrors);
  auto setup = text(*tr, "setup", file, "trust.", true);
  if (!setup) return std::unexpected(setup.error());
  if (setup->empty()) return std::unexpected(bad(file, "trust.setup", "empty: say which list state the case needs"));
  trust.setup = std::move(*setup);
  auto when = text(*tr, "trust_time", file, "trust.", false);
  if (!when) return std::unexpected(when.error());
  if (!when->empty()) {
    auto instant = engine::parse_utc_time(*when);
    if (!instant) return std::unexpected(bad(file, "trust.trust_time", "'" + *when + "' is not an RFC 3339 instant"));
    trust.trust_time = *instant;
  }
  c.trust = std::move(trust);
  return {};
}

engine::Result<SuiteCase> read_case(const fs::path& dir, const fs::path& file) {
  auto table = parse_toml(file);
  if (!table) return std::unexpected(table.error());
  const toml::table& t = *table;
  if (auto r = only_keys(t, {"id", "question", "document", "detached", "certificates", "crls", "ocsp", "at", "expected",
                             "requirement", "tolerance", "trust"},
                         file, "");
      !r) {
    return std::unexpected(r.error());
  }
  SuiteCase c;
  c.file = file;
  auto id = text(t, "id", file, "", true);
  if (!id) return std::unexpected(id.error());
  if (!valid_case_id(*id)) {
    return std::unexpected(bad(file, "id", "'" + *id + "': use 1-128 of A-Z a-z 0-9 . _ - (it names evidence folders)"));
  }
  c.id = *id;
  auto question = text(t, "question", file, "", true);
  if (!question) return std::unexpected(question.error());
  if (*question == "signature") {
    c.question = Question::kSignature;
  } else if (*question == "certificate") {
    c.question = Question::kCertificate;
  } else if (*question == "qualification") {
    c.question = Question::kQualification;
  } else {
    return std::unexpected(bad(file, "question", "'" + *question + "': expected \"signature\", \"certificate\" or \"qualification\""));
  }
  auto at = text(t, "at", file, "", true);
  if (!at) return std::unexpected(at.error());
  auto instant = engine::parse_utc_time(*at);
  if (!instant) return std::unexpected(bad(file, "at", "'" + *at + "' is not an RFC 3339 instant"));
  c.at = *instant;

  auto document = text(t, "document", file, "", false);
  if (!document) return std::unexpected(document.error());
  if (!document->empty()) {
    auto p = suite_path(dir, *document, file, "document");
    if (!p) return std::unexpected(p.error());
    c.document = std::move(*p);
  }
  auto detached = path_list(dir, t, "detached", file, "");
  auto certificates = path_list(dir, t, "certificates", file, "");
  auto crls = path_list(dir, t, "crls", file, "");
  auto ocsp = path_list(dir, t, "ocsp", file, "");
  for (auto* r : {&detached, &certificates, &crls, &ocsp}) {
    if (!*r) return std::unexpected(r->error());
  }
  c.detached = std::move(*detached);
  c.certificates = std::move(*certificates);
  c.crls = std::move(*crls);
  c.ocsp = std::move(*ocsp);
  if (c.question == Question::kSignature) {
    if (c.document.empty()) return std::unexpected(bad(file, "document", "missing: a signature question needs the signed document"));
  } else {
    if (c.certificates.empty()) {
      return std::unexpected(bad(file, "certificates", "missing: a " + *question + " question needs the certificate (end entity first)"));
    }
    if (!c.document.empty() || !c.detached.empty()) {
      return std::unexpected(bad(file, "document", "only signature questions take a document"));
    }
  }
  if (auto r = read_expected(t, c); !r) return std::unexpected(r.error());
  if (auto r = read_requirement_and_tolerance(t, c); !r) return std::unexpected(r.error());
  if (auto r = read_case_trust(dir, t, c); !r) return std::unexpected(r.error());
  return c;
}

engine::Result<void> read_suite_toml(Suite& suite) {
  const fs::path file = suite.dir / "suite.toml";
  auto table = parse_toml(file);
  if (!table) return std::unexpected(table.error());
  const toml::table& t = *table;
  if (auto r = only_keys(t, {"suite", "trust", "policy"}, file, ""); !r) return r;
  engine::Error error(Code::kInternal, "");
  const toml::table* s = sub_table(t, "suite", file, &error);
  if (s == nullptr) return std::unexpected(error.message().empty() ? bad(file, "suite", "missing") : error);
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
    auto c = read_case(suite.dir, file);
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
