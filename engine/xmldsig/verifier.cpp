#include "engine/xmldsig/verifier.h"

#include <libxml/tree.h>

#include <algorithm>

#include "engine/digest.h"
#include "engine/xmldsig/findings.h"
#include "engine/xmldsig/internal/c14n.h"
#include "engine/xmldsig/internal/certificate.h"
#include "engine/xmldsig/internal/crypto_ops.h"
#include "engine/xmldsig/internal/tree.h"
#include "engine/xmldsig/internal/verifier_parts.h"

namespace assay::engine::xmldsig {

bool SignatureReport::has_finding(std::string_view id) const {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.id == id; });
}

namespace {

using internal::ParsedReference;
using internal::precedence;
using internal::Verification;

std::string describe(const ParsedReference& ref) {
  const std::string which = ref.report.kind == ReferenceKind::kDocument ? "whole-document" : "SignedProperties";
  return which + " reference (URI=\"" + ref.report.uri + "\")";
}

// XMLDSig 3.2.1: reference validation, each digest recomputed over the canonical node subset.
Result<void> check_digests(Verification& v) {
  for (ParsedReference& ref : v.references) {
    internal::Hasher hasher(*ref.digest);
    const internal::NodeSubset subset{ref.apex, ref.report.kind == ReferenceKind::kDocument ? v.signature : nullptr};
    // Comments are always removed from same-document references (XMLDSig 4.4.3.3), so the
    // "#WithComments" variants canonicalise like their plain forms here.
    internal::C14nMethod method = ref.c14n;
    method.with_comments = false;
    // The whole-document reference (core_verifiable() guarantees one) checks every namespace
    // declaration of the document for relative URIs and fails the operation on one, so the
    // SignedProperties reference need not check outside its own subtree again.
    const auto check = ref.report.kind == ReferenceKind::kDocument ? internal::NamespaceCheck::kWholeDocument
                                                                   : internal::NamespaceCheck::kApexOnly;
    if (auto ok = internal::canonicalize(v.doc, subset, method, ref.inclusive_prefixes, hasher, check); !ok) {
      return std::unexpected(ok.error());
    }
    auto digest = hasher.finish();
    if (!digest) return std::unexpected(digest.error());
    if (*digest == ref.digest_value) {
      ref.report.result = ReferenceResult::kDigestMatches;
    } else {
      ref.report.result = ReferenceResult::kDigestMismatch;
      v.add(reason::kReferenceDigestMismatch, "the digest of the " + describe(ref) + " does not match");
    }
    v.report.references[ref.report_index].result = ref.report.result;
  }
  return {};
}

// XMLDSig 3.2.2: signature validation over the canonical SignedInfo.
Result<void> check_signature_value(Verification& v) {
  internal::StringSink signed_info;
  // check_digests already canonicalised the whole document, checking all namespace declarations.
  if (auto ok = internal::canonicalize(v.doc, {v.signed_info, nullptr}, v.signed_info_c14n, v.signed_info_prefixes,
                                       signed_info, internal::NamespaceCheck::kApexOnly);
      !ok) {
    return std::unexpected(ok.error());
  }
  auto verified = internal::verify_data(v.signer->public_key(), *v.method, signed_info.out, v.signature_value);
  if (!verified) return std::unexpected(verified.error());
  if (!*verified) {
    v.add(reason::kSignatureValueInvalid, "the SignatureValue does not verify with the KeyInfo certificate's key");
  }
  return {};
}

}  // namespace

Result<SignatureReport> verify_enveloped_signature(const xml::Document& document, const VerifyOptions& options) {
  Verification v(document, options);
  if (v.locate_signature()) {
    v.parse_signed_info();
    v.parse_references();
    v.parse_key_info();
    v.check_signed_properties();
    // Cryptography only runs on a signature whose structure passed the policy: nothing outside
    // the allowed subset is ever dereferenced or canonicalised.
    if (v.core_verifiable()) {
      if (auto ok = check_digests(v); !ok) return std::unexpected(ok.error());
      if (auto ok = check_signature_value(v); !ok) return std::unexpected(ok.error());
    }
  }

  SignatureReport report = std::move(v.report);
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const Finding& a, const Finding& b) { return precedence(a.id) < precedence(b.id); });
  if (report.findings.empty()) {
    report.status = SignatureStatus::kValid;
  } else {
    report.status = SignatureStatus::kInvalid;
    report.reason = report.findings.front().id;
    report.message = report.findings.front().message;
  }
  return report;
}

}  // namespace assay::engine::xmldsig
