#include "tsl/lotl_authentication.h"

#include <algorithm>

#include "tsl/finding_ids.h"
#include "tsl/namespaces.h"

namespace assay::tsl {
namespace {

using engine::Severity;

bool looks_like_pivot(const std::string& uri) {
  // Pivots are LOTL documents; every other SchemeInformationURI entry (Official Journal
  // references, legal notices, explanation pages) is not XML.
  return uri.size() > 4 && uri.compare(uri.size() - 4, 4, ".xml") == 0;
}

PivotStep visit_pivot(const std::string& url, const SignerSet& current, const SignerSet& anchors,
                      const DocumentSource& source, const LotlOptions& options, SignerSet& next) {
  PivotStep step;
  step.url = url;
  auto bytes = source(url);
  if (!bytes) {
    step.verdict = AuthStatus::kNotAvailable;
    step.detail = bytes.error().message();
    return step;
  }
  auto loaded = load_list(url, std::move(*bytes), options.parse);
  if (!loaded) {
    step.verdict = AuthStatus::kMalformed;
    step.detail = loaded.error().message();
    return step;
  }
  step.sequence = loaded->list->scheme.sequence_number;
  step.sha256 = loaded->list->sha256;
  const Expectations lotl_type{"", std::string(ns::kTypeLotl)};
  // Verified once; judged against the current signers and, when they do not match, the anchors.
  const SignatureCheck signature = check_signature(*loaded);
  Authentication a = judge_list(*loaded, signature, current, options.trust_time, lotl_type);
  if (a.status == AuthStatus::kSignerNotTrusted) {
    Authentication from_anchor = judge_list(*loaded, signature, anchors, options.trust_time, lotl_type);
    if (from_anchor.authenticated()) {
      a = std::move(from_anchor);
      step.restarted_from_anchors = true;
    }
  }
  step.signer_sha256 = a.signer_sha256;
  step.verdict = a.status;
  step.detail = a.detail;
  if (a.authenticated()) {
    next = SignerSet::from_der(lotl_pointer_certificates(*loaded->list));
    step.next_signers = next.fingerprints();
    if (next.empty()) {
      step.verdict = AuthStatus::kPivotChainBroken;
      step.detail = "the pivot verifies but announces no LOTL signer certificate";
    }
  }
  return step;
}

}  // namespace

std::vector<std::string> announced_pivots(const TrustedList& lotl, const std::string& own_url) {
  std::vector<std::string> out;
  for (const auto& uri : lotl.scheme.scheme_information_uris) {
    if (!looks_like_pivot(uri.value) || uri.value == own_url) continue;
    if (std::find(out.begin(), out.end(), uri.value) == out.end()) out.push_back(uri.value);
  }
  return out;
}

std::vector<std::string> lotl_pointer_certificates(const TrustedList& lotl) {
  std::vector<std::string> out;
  for (const auto& p : lotl.scheme.pointers) {
    if (p.tsl_type != ns::kTypeLotl) continue;
    out.insert(out.end(), p.signer_certificates_der.begin(), p.signer_certificates_der.end());
  }
  return out;
}

LotlAuthentication authenticate_lotl(const LoadedList& lotl, const SignerSet& anchors, const DocumentSource& source,
                                     const LotlOptions& options) {
  LotlAuthentication out;
  if (!lotl.list) {
    out.lotl.status = AuthStatus::kMalformed;
    out.lotl.detail = "the LOTL could not be read";
    return out;
  }
  std::vector<std::string> pivots = announced_pivots(*lotl.list, lotl.url);
  if (pivots.size() > options.max_pivots) {
    out.lotl.status = AuthStatus::kPivotChainBroken;
    out.lotl.detail = "the LOTL announces " + std::to_string(pivots.size()) + " pivots, more than the limit of " +
                      std::to_string(options.max_pivots);
    out.lotl.findings.push_back({finding::kTooManyPivots, Severity::kError, out.lotl.detail, ""});
    return out;
  }
  std::reverse(pivots.begin(), pivots.end());  // oldest first

  SignerSet current = anchors;
  bool any_failed = false;
  for (const auto& url : pivots) {
    SignerSet next;
    PivotStep step = visit_pivot(url, current, anchors, source, options, next);
    if (step.verdict == AuthStatus::kAuthenticated) {
      current = std::move(next);
    } else {
      any_failed = true;
    }
    out.pivots.push_back(std::move(step));
  }

  out.lotl = authenticate_list(lotl, current, options.trust_time, Expectations{"", std::string(ns::kTypeLotl)});
  out.final_signers = current;
  out.final_signer_fingerprints = current.fingerprints();
  for (const auto& step : out.pivots) {
    if (step.restarted_from_anchors) {
      out.lotl.findings.push_back({finding::kPivotRestartedFromAnchors, Severity::kInfo,
                                   "pivot " + step.url + " is signed by an Official Journal anchor; the walk restarted there",
                                   ""});
    } else if (step.verdict != AuthStatus::kAuthenticated) {
      out.lotl.findings.push_back({finding::kPivotSkipped, Severity::kWarning,
                                   "pivot " + step.url + " was skipped (" + std::string(auth_status_name(step.verdict)) +
                                       "): " + step.detail,
                                   ""});
    }
  }
  if (out.lotl.status == AuthStatus::kSignerNotTrusted && any_failed) {
    out.lotl.status = AuthStatus::kPivotChainBroken;
    out.lotl.detail = "no verified pivot chain leads from the anchors to the LOTL signer " + out.lotl.signer_sha256;
    out.lotl.findings.push_back({finding::kPivotChainBroken, Severity::kError, out.lotl.detail, ""});
  }
  return out;
}

}  // namespace assay::tsl
