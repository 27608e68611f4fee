// The rule families of the list conformance checker, one source file each. Every function is a
// pure function of its inputs: it appends findings to `out` and never fails; thread-safe.
// lint_lists (linter.h) runs them all; tests may call one family alone.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/x509/certificate.h"
#include "tsl/lint/lint_finding.h"
#include "tsl/trusted_list.h"

namespace assay::tsl::lint {

// TS 119 612 5.2-5.3 and the EU profile (annex D/E): TSLTag, version (v6 deadline), sequence,
// type, operator, scheme name, status determination, community rules, history period, LOTL
// pointer, NextUpdate, distribution points. (scheme_rules.cpp)
void check_scheme(const TrustedList& list, const LintOptions& options, LintFindings& out);

// TS 119 612 5.1.4: every xml:lang the model kept is a language tag. (language_rules.cpp)
void check_languages(const TrustedList& list, LintFindings& out);

// TS 119 612 5.4-5.6: registration identifiers in trade names, starting times, Qualifications
// only on CA/QC, usage ASIs of granted CA/QC services. (service_rules.cpp)
void check_services(const TrustedList& list, const LintOptions& options, LintFindings& out);

// TS 119 612 5.5.9.2 / TS 119 615 (QUALIFICATION.md step 7): self-contradicting qualifier sets.
// (qualifier_rules.cpp)
void check_qualifiers(const TrustedList& list, LintFindings& out);

// The providers' certificates in every digital identity (current and history states): parse,
// SKI and subject given beside them, CA / EKU per service type, dated crypto, validity versus
// the status, organisation versus TSP name, reuse across services. (certificate_rules.cpp)
void check_certificates(const TrustedList& list, const LintOptions& options, LintFindings& out);

// A list pointed to from a LOTL and linted in the same run, with what its signature says.
struct PointedList {
  std::string source;                   // file name, for messages
  const TrustedList* list = nullptr;    // not owned; outlives the call
  bool signature_valid = false;
  std::string signature_problem;        // verifier message when not valid
  engine::CertificatePtr signer;        // the KeyInfo certificate, when one was read
};

// TS 119 612 5.3.13 on the LOTL: pointer signer certificates parse, are not expired, and sign
// the pointed lists among `pointed`. (pointer_rules.cpp)
void check_pointers(const TrustedList& lotl, std::span<const PointedList> pointed, const LintOptions& options,
                    LintFindings& out);

// Element paths of the model's parts, written as Node::path() writes them ("[n]" only where
// same-named siblings exist). `history` nullopt = the current state (ServiceInformation).
std::string scheme_path(std::string_view element);
std::string tsp_path(const TrustedList& list, std::size_t tsp);
std::string service_path(const TrustedList& list, std::size_t tsp, std::size_t service);
std::string state_path(const TrustedList& list, std::size_t tsp, std::size_t service,
                       std::optional<std::size_t> history);

// Appends one finding.
void add_finding(LintFindings& out, const char* id, engine::Severity severity, const char* rule, std::string path,
                 std::string value, std::string message);

}  // namespace assay::tsl::lint
