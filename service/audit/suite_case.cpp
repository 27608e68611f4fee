// Reading one case of an audit suite (suite.h, docs/audit.md): the question, its inputs, the
// expected outcome, the requirement, tolerances, the case's own list state. Strict, as suite.cpp.
#include <algorithm>

#include "service/audit/internal/suite_toml.h"

namespace assay::service::audit::internal {

namespace fs = std::filesystem;
using engine::Code;

namespace {

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
  auto expected = required_table(t, "expected", file, "missing: every case states its right answer");
  if (!expected) return std::unexpected(expected.error());
  const toml::table* e = *expected;
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
  auto requirement = required_table(t, "requirement", file, "missing: every case cites the requirement it checks");
  if (!requirement) return std::unexpected(requirement.error());
  const toml::table* r = *requirement;
  if (auto k = only_keys(*r, {"clause", "text"}, file, "requirement."); !k) return k;
  auto clause = text(*r, "clause", file, "requirement.", true);
  auto sentence = text(*r, "text", file, "requirement.", true);
  if (!clause) return std::unexpected(clause.error());
  if (!sentence) return std::unexpected(sentence.error());
  c.requirement = Requirement{std::move(*clause), std::move(*sentence)};

  engine::Error error(Code::kInternal, "");
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

}  // namespace

engine::Result<SuiteCase> read_case(const fs::path& dir, const fs::path& file) {
  auto table = parse_toml(file);
  if (!table) return std::unexpected(table.error());
  const toml::table& t = *table;
  if (auto r = only_keys(t, {"id", "question", "document", "detached", "certificates", "crls", "ocsp", "no_other_revocation",
                             "at", "expected", "requirement", "tolerance", "trust"},
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
  if (const toml::node* n = t.get("no_other_revocation"); n != nullptr) {
    if (!n->is_boolean()) return std::unexpected(bad(file, "no_other_revocation", "expected true or false"));
    c.no_other_revocation = n->as_boolean()->get();
  }
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

}  // namespace assay::service::audit::internal
