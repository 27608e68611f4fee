#include "validation/certificate_validator.h"

#include <algorithm>
#include <array>

#include "validation/crypto_constraints.h"
#include "validation/path_builder.h"
#include "validation/path_validation.h"
#include "validation/validation_findings.h"

namespace assay::validation {

std::string_view indication_name(Indication indication) noexcept {
  switch (indication) {
    case Indication::kPassed: return "PASSED";
    case Indication::kIndeterminate: return "INDETERMINATE";
    case Indication::kFailed: return "FAILED";
  }
  return "INDETERMINATE";
}

std::string_view subindication_name(SubIndication sub) noexcept {
  static constexpr std::array<std::string_view, 12> kNames{
      "",
      "NO_CERTIFICATE_CHAIN_FOUND",
      "NO_CERTIFICATE_CHAIN_FOUND_NO_POE",
      "OUT_OF_BOUNDS_NO_POE",
      "OUT_OF_BOUNDS_NOT_REVOKED",
      "REVOKED_NO_POE",
      "REVOKED_CA_NO_POE",
      "REVOKED",
      "TRY_LATER",
      "CERTIFICATE_CHAIN_GENERAL_FAILURE",
      "CHAIN_CONSTRAINTS_FAILURE",
      "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
  };
  return kNames[static_cast<std::size_t>(sub)];
}

namespace {

using engine::Certificate;
using engine::CertificatePtr;

constexpr std::string_view kOidNoRevAvail = "2.5.29.56";               // RFC 9608
constexpr std::string_view kOidValAssuredShortTerm = "0.4.0.194121.2.1";  // EN 319 412-1
constexpr std::string_view kOidOcspNoCheck = "1.3.6.1.5.5.7.48.1.5";   // RFC 6960 4.2.2.2.1

bool self_signed(const Certificate& c) {
  if (!engine::equivalent_names(c.subject(), c.issuer())) return false;
  auto ok = c.verify_signed_by(c);
  return ok && *ok;
}

void add(engine::Findings& out, std::string_view id, engine::Severity severity, std::string message, std::string path) {
  out.push_back(engine::Finding{std::string(id), severity, std::move(message), std::move(path)});
}

class Validator {
 public:
  Validator(const CertificateValidationRequest& request, const CertificateValidationContext& context, int depth)
      : request_(request), context_(context), policy_(context.policy ? *context.policy : default_validation_policy()),
        depth_(depth) {}

  CertificateValidationReport run() {
    const auto& target = request_.certificates.front();
    std::span<const CertificatePtr> intermediates(request_.certificates.data() + 1, request_.certificates.size() - 1);
    PathBuilder builder(target, intermediates, context_.anchors, request_.at, policy_.limits);
    builder_ = &builder;
    std::optional<CertificateValidationReport> chosen;
    builder.build([&](const CandidatePath& candidate) {
      auto report = evaluate(candidate);
      TriedPath tried;
      for (const auto& c : candidate.certificates) tried.certificates.push_back(c->fingerprint_hex());
      tried.anchor_sha256 = anchor_id(candidate.anchor);
      if (report.indication != Indication::kPassed) {
        const auto error = std::find_if(report.findings.begin(), report.findings.end(),
                                        [](const auto& f) { return f.severity == engine::Severity::kError; });
        tried.rejected_by = std::string(subindication_name(report.subindication));
        tried.reason = error != report.findings.end() ? error->message : tried.rejected_by;
        if (error != report.findings.end()) tried.rejected_by = error->id;
      }
      tried_.push_back(std::move(tried));
      const bool passed = report.indication == Indication::kPassed;
      if (!chosen || passed) chosen = std::move(report);
      return passed;
    });
    CertificateValidationReport out;
    if (chosen) {
      out = std::move(*chosen);
    } else {
      out.indication = Indication::kIndeterminate;
      out.subindication = SubIndication::kNoCertificateChainFound;
      for (const auto& c : builder.longest()) out.path.push_back(PathElement{c, {}});
      // EN 319 102-1 5.2.6: an anchor that is one at other times (trusted-list sunset) but not at
      // the validation time gives NO_CERTIFICATE_CHAIN_FOUND_NO_POE.
      for (const auto& c : builder.longest()) {
        for (const auto* p : context_.anchors) {
          auto other = p->anchors_at_other_times(*c, request_.at);
          if (!other.empty() && !out.anchor) {
            out.anchor = std::move(other.front());
            out.subindication = SubIndication::kNoCertificateChainFoundNoPoe;
          }
        }
      }
      if (out.anchor) {
        add(out.findings, findings::kAnchorNotAtTime, engine::Severity::kError,
            "the path reaches \"" + out.anchor->subject.rfc4514 + "\", which is not a trust anchor at the validation time",
            target->fingerprint_hex());
      } else {
        add(out.findings, findings::kNoIssuer, engine::Severity::kError,
            "no path from the certificate to a trust anchor was found", target->fingerprint_hex());
      }
    }
    out.validation_time = request_.at;
    out.paths_tried = std::move(tried_);
    out.findings.insert(out.findings.end(), builder.findings().begin(), builder.findings().end());
    return out;
  }

 private:
  static std::string anchor_id(const TrustAnchor& a) {
    return a.certificate ? a.certificate->fingerprint_hex() : engine::to_hex(engine::sha256(a.spki_der));
  }

  RevocationRequirement requirement(std::size_t index, const Certificate& c) const {
    if (c.find_extension(kOidNoRevAvail) || c.find_extension(kOidValAssuredShortTerm)) return RevocationRequirement::kNone;
    // RFC 6960 4.2.2.2.1: a delegated responder with id-pkix-ocsp-nocheck is trusted for its lifetime.
    if (depth_ > 0 && index == 0 && c.find_extension(kOidOcspNoCheck)) return RevocationRequirement::kNone;
    if (self_signed(c)) return RevocationRequirement::kNone;
    return index == 0 ? policy_.revocation.end_entity : policy_.revocation.ca;
  }

  bool validate_signer(const CertificatePtr& signer, std::span<const CertificatePtr> extra, engine::UtcTime at, int depth,
                       std::string* why) const {
    if (!signer) return false;
    if (depth > policy_.limits.max_revocation_depth) {
      if (why) *why = "revocation signer paths nest deeper than " + std::to_string(policy_.limits.max_revocation_depth);
      return false;
    }
    CertificateValidationRequest sub;
    sub.at = at;
    sub.certificates.push_back(signer);
    sub.certificates.insert(sub.certificates.end(), extra.begin(), extra.end());
    sub.certificates.insert(sub.certificates.end(), request_.certificates.begin() + 1, request_.certificates.end());
    auto report = Validator(sub, context_, depth).run();
    if (report.indication == Indication::kPassed) return true;
    if (why) {
      *why = "the path of \"" + signer->subject().rfc4514 + "\" does not validate (" +
             std::string(subindication_name(report.subindication)) + ")";
      for (const auto& f : report.findings) {
        if (f.severity == engine::Severity::kError) {
          *why += ": " + f.message;
          break;
        }
      }
    }
    return false;
  }

  CertificateValidationReport evaluate(const CandidatePath& candidate) {
    CertificateValidationReport r;
    r.anchor = candidate.anchor;
    const auto& path = candidate.certificates;
    const auto pv = validate_path(path, candidate.anchor, request_.at, policy_.path);
    builder_->spend(static_cast<int>(path.size()));
    r.findings = pv.findings;
    for (const auto& c : path) r.path.push_back(PathElement{c, {}});

    // Cryptographic constraints on each certificate's signature (EN 319 102-1 5.2.8).
    bool crypto_ok = true;
    for (std::size_t k = 0; k < path.size(); ++k) {
      const engine::PublicKeyInfo* issuer_key = k + 1 < path.size() ? &path[k + 1]->public_key()
                                                : candidate.anchor.certificate ? &candidate.anchor.certificate->public_key()
                                                                               : nullptr;
      if (issuer_key == nullptr) continue;
      auto cc = check_certificate_crypto(*path[k], *issuer_key, request_.at, policy_.crypto);
      r.findings.insert(r.findings.end(), cc.findings.begin(), cc.findings.end());
      if (!cc.acceptable) {
        crypto_ok = false;
        if (cc.expiry && (!r.crypto_expiry || *cc.expiry < *r.crypto_expiry)) r.crypto_expiry = cc.expiry;
      }
    }

    // Revocation (RFC 5280 6.1.3 (a)(3)): only for paths whose structure holds.
    bool revoked_ee = false, revoked_ca = false, on_hold = false, missing = false, stale = false;
    if (pv.failure == PathFailure::kNone || pv.failure == PathFailure::kValidity) {
      std::vector<CertificatePtr> known(request_.certificates.begin(), request_.certificates.end());
      if (candidate.anchor.certificate) known.push_back(candidate.anchor.certificate);
      const SignerPathValidator signer_validator = [this](const CertificatePtr& signer, std::span<const CertificatePtr> extra,
                                                          engine::UtcTime at, int depth, std::string* why) {
        return validate_signer(signer, extra, at, depth, why);
      };
      for (std::size_t k = 0; k < path.size(); ++k) {
        const Certificate& c = *path[k];
        const auto need = requirement(k, c);
        if (need == RevocationRequirement::kNone) continue;
        RevocationEvidence& ev = r.path[k].revocation;
        if (context_.revocation != nullptr) {
          RevocationQuery q{c,
                            k + 1 < path.size() ? path[k + 1].get() : candidate.anchor.certificate.get(),
                            k + 1 < path.size() ? nullptr : &candidate.anchor,
                            request_.at,
                            depth_,
                            known,
                            {}};
          if (k + 1 < path.size() && pv.issuer_keys[k] != path[k + 1]->public_key().der) q.issuer_working_spki = pv.issuer_keys[k];
          ev = context_.revocation->check(q, signer_validator);
          builder_->spend(1);
        }
        const std::string who = "\"" + c.subject().rfc4514 + "\"";
        if (ev.status == RevocationState::kRevoked) {
          if (ev.reason == "certificateHold") {
            on_hold = true;
            add(r.findings, findings::kOnHold, engine::Severity::kError, who + " is on hold (suspended)", c.fingerprint_hex());
          } else {
            (k == 0 ? revoked_ee : revoked_ca) = true;
            if (!r.revocation_time) r.revocation_time = ev.revocation_time;
            add(r.findings, findings::kRevoked, engine::Severity::kError,
                who + " was revoked at " + engine::format_utc_time(ev.revocation_time, "an unknown time") +
                    (ev.reason.empty() ? "" : " (" + ev.reason + ")"),
                c.fingerprint_hex());
          }
        } else if (ev.status == RevocationState::kGood) {
          const bool too_old = policy_.revocation.max_age && ev.this_update &&
                               *ev.this_update < request_.at - *policy_.revocation.max_age;
          const bool expired = ev.next_update && *ev.next_update < request_.at;
          if (too_old || expired) {
            stale = true;
            add(r.findings, findings::kRevocationNotFresh, engine::Severity::kError,
                "the revocation data for " + who + " is not fresh at the validation time (thisUpdate " +
                    engine::format_utc_time(ev.this_update, "absent") + ", nextUpdate " +
                    engine::format_utc_time(ev.next_update, "absent") + ")",
                c.fingerprint_hex());
          }
        } else {
          const bool required = need == RevocationRequirement::kRequired;
          missing = missing || required;
          std::string detail;
          for (const auto& f : ev.findings) detail += (detail.empty() ? ": " : "; ") + f.message;
          add(r.findings, findings::kRevocationMissing, required ? engine::Severity::kError : engine::Severity::kWarning,
              "no acceptable revocation data for " + who + detail, c.fingerprint_hex());
        }
      }
    }

    // EN 319 102-1 5.2.6.4: the outcome, most fundamental problem first.
    r.indication = Indication::kIndeterminate;
    if (pv.failure == PathFailure::kStructure) {
      r.subindication = SubIndication::kCertificateChainGeneralFailure;
    } else if (pv.failure == PathFailure::kConstraints) {
      r.subindication = SubIndication::kChainConstraintsFailure;
    } else if (revoked_ca) {
      r.subindication = SubIndication::kRevokedCaNoPoe;
    } else if (revoked_ee) {
      r.subindication = SubIndication::kRevokedNoPoe;
    } else if (on_hold) {
      r.subindication = SubIndication::kTryLater;
    } else if (pv.failure == PathFailure::kValidity) {
      const bool ee_good = r.path.front().revocation.status == RevocationState::kGood ||
                           requirement(0, *path.front()) == RevocationRequirement::kNone;
      r.subindication = pv.expired_only_end_entity && ee_good ? SubIndication::kOutOfBoundsNotRevoked
                                                              : SubIndication::kOutOfBoundsNoPoe;
      const Certificate& failed = *path[static_cast<std::size_t>(std::max(pv.failed_index, 0))];
      r.out_of_bounds_time = request_.at < failed.not_before() ? failed.not_before() : failed.not_after();
    } else if (missing) {
      r.subindication = SubIndication::kCertificateChainGeneralFailure;
    } else if (stale) {
      r.subindication = SubIndication::kTryLater;
    } else if (!crypto_ok) {
      r.subindication = SubIndication::kCryptoConstraintsFailureNoPoe;
    } else {
      r.indication = Indication::kPassed;
      r.subindication = SubIndication::kNone;
    }
    return r;
  }

  const CertificateValidationRequest& request_;
  const CertificateValidationContext& context_;
  const ValidationPolicy& policy_;
  int depth_;
  PathBuilder* builder_ = nullptr;
  std::vector<TriedPath> tried_;
};

}  // namespace

engine::Result<CertificateValidationReport> validate_certificate(const CertificateValidationRequest& request,
                                                          const CertificateValidationContext& context) {
  if (request.certificates.empty() || !request.certificates.front()) {
    return engine::fail(engine::Code::kInvalidArgument, "no certificate to validate");
  }
  for (const auto& c : request.certificates) {
    if (!c) return engine::fail(engine::Code::kInvalidArgument, "a null certificate in the request");
  }
  if (context.anchors.empty() || std::any_of(context.anchors.begin(), context.anchors.end(), [](auto* p) { return p == nullptr; })) {
    return engine::fail(engine::Code::kInvalidArgument, "no trust anchor source given");
  }
  return Validator(request, context, 0).run();
}

}  // namespace assay::validation
