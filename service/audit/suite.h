// Audit suites (issue 17): a folder that says what to ask a validation service under audit and
// what the right answer is, with the requirement each case checks. Format (docs/audit.md):
//
//   DIR/suite.toml        [suite] name, version, description
//                         [trust] mirror (url<TAB>file map), lotl_url (the mirror's LOTL),
//                                 oj_anchors (files), trust_time,
//                                 anchors (explicit anchor files; with or instead of the lists)
//                         [policy] file (a validation policy TOML; absent: the default)
//   DIR/cases/*.toml      one case per file, run in file-name order:
//                         id, question = "signature" | "certificate" | "qualification",
//                         document, detached = [...], certificates = [...] (end entity first),
//                         crls = [...], ocsp = [...], at (RFC 3339),
//                         no_other_revocation = true (the expected outcome assumes no revocation
//                           data beyond the case's files and the document's own: a target that
//                           fetches its own is not asked),
//                         [expected] indication, subindication, qualification,
//                                    also_indications = [...], also_subindications = [...]
//                           (other answers equally right, e.g. PKITS "invalid": FAILED or
//                           INDETERMINATE)
//                         [requirement] clause, text
//                         [tolerance] subindications = [...], qualifications = [...]
//                           (other answers the requirement allows: an Observation, not an NC)
//                         [trust] mirrors = [...] (list states the case needs, served in order
//                                   to one fresh store: e.g. the normal lists, then a rolled-back
//                                   one), trust_time, setup (one sentence naming the state);
//                           the suite's lotl_url and oj_anchors apply. Only targets whose trust
//                           the runner controls (in-process assay) can be put in that state;
//                           others do not ask it: Not assessed, "requires trust setup: ...".
//   DIR/inputs/...        the files the cases name (paths are relative to DIR, never outside it)
//
// Reading is strict: unknown keys, a path leaving DIR, a missing file, a duplicate id are errors
// that name the file and the key.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/digest.h"
#include "engine/error.h"
#include "engine/time.h"

namespace assay::service::audit {

enum class Question { kSignature, kCertificate, kQualification };

// "signature", "certificate", "qualification".
std::string_view question_name(Question q) noexcept;

struct ExpectedOutcome {
  std::string indication;     // TOTAL_PASSED / TOTAL_FAILED / INDETERMINATE; PASSED / ... for certificates
  std::string subindication;  // "" when passed or not asserted
  std::string qualification;  // signature qualification label ("QESig") or certificate label; "" = not asserted
  // Other answers equally right: the requirement does not tell them apart (PKITS "invalid" is
  // FAILED or INDETERMINATE; "revoked" any revocation sub-indication). An answer among them is
  // Conforming, unlike a tolerance. Never mixes passed and not-passed indications.
  std::vector<std::string> also_indications;
  std::vector<std::string> also_subindications;
};

struct Tolerance {
  std::vector<std::string> subindications;
  std::vector<std::string> qualifications;
};

struct Requirement {
  std::string clause;  // "EN 319 102-1 5.2.6", "TS 119 615 4.2"
  std::string text;    // one sentence
};

// A case's own trusted-list state (TS 119 612 5.3.2 sequence, TS 119 615 4.1 authentication):
// what a refreshing TL-user would have seen, state after state. The campaign cannot set the trust
// state of a service it only talks to, so such cases are run only where the runner owns the trust.
struct CaseTrust {
  std::vector<std::filesystem::path> mirrors;      // url<TAB>file maps, loaded in this order
  std::optional<engine::UtcTime> trust_time;       // absent: the suite's
  std::string setup;                               // "XA sequence 7 in force, then sequence 6 served"
};

struct SuiteCase {
  std::string id;
  Question question = Question::kSignature;
  std::filesystem::path document;                  // signature questions
  std::vector<std::filesystem::path> detached;
  std::vector<std::filesystem::path> certificates; // certificate / qualification questions
  std::vector<std::filesystem::path> crls;
  std::vector<std::filesystem::path> ocsp;
  bool no_other_revocation = false;                // see the format above
  engine::UtcTime at{};
  ExpectedOutcome expected;
  Requirement requirement;
  Tolerance tolerance;
  std::optional<CaseTrust> trust;                  // absent: the suite's trust setup
  std::filesystem::path file;                      // the case file, for messages
};

struct TrustSetup {
  std::filesystem::path mirror;                    // empty: none
  std::string lotl_url;                            // the LOTL the mirror map serves (required with a mirror)
  std::vector<std::filesystem::path> oj_anchors;
  std::optional<engine::UtcTime> trust_time;
  std::vector<std::filesystem::path> anchors;
};

struct Suite {
  std::filesystem::path dir;
  std::string name;
  std::string version;
  std::string description;
  TrustSetup trust;
  std::filesystem::path policy;                    // empty: the default policy
  std::vector<SuiteCase> cases;
  // SHA-256 over every file of the suite (sorted relative paths and contents): the suite's identity.
  engine::Sha256 sha256{};
};

// Reads DIR (absolute paths in the result). kNotFound / kMalformed / kInvalidArgument with the file
// and key named.
engine::Result<Suite> read_suite(const std::filesystem::path& dir);

}  // namespace assay::service::audit
