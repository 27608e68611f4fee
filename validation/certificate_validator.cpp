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
  static constexpr std::array<std::string_view, 13> kNames{
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
      "REVOCATION_OUT_OF_BOUNDS_NO_POE",
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
  Validator(const CertificateValidationRequest& request, const CertificateValidationContext& context, int depth,
            std::vector<std::string>* signers_in_progress)
      : request_(request), context_(context), policy_(context.policy ? *context.policy : default_validation_policy()),
        depth_(depth), signers_in_progress_(signers_in_progress) {}

  CertificateValidationReport run() {
    const auto& target = request_.certificates.front();
    // EN 319 102-1 5.2.6 step 1 (ProspectiveCertificateChain): the certificate itself may be
    // trusted (a trusted list's signer given as the anchor). An anchor is taken as given
    // (RFC 5280 6.1.1 (d)): no path, no validity, revocation or signature check of its own.
    for (const auto* p : context_.anchors) {
      auto own = p->anchors_for_certificate(*target, request_.at);
      if (own.empty()) continue;
      CertificateValidationReport out;
      out.indication = Indication::kPassed;
      out.subindication = SubIndication::kNone;
      out.validation_time = request_.at;
      out.anchor = std::move(own.front());
      out.paths_tried.push_back(TriedPath{{}, anchor_id(*out.anchor), "", "the certificate is itself a trust anchor"});
      return out;
    }
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
    if (depth_ > 0 && index == 0) return policy_.revocation.revocation_signer;
    return index == 0 ? policy_.revocation.end_entity : policy_.revocation.ca;
  }

  bool validate_signer(const CertificatePtr& signer, std::span<const CertificatePtr> extra, engine::UtcTime at, int depth,
                       std::string* why) const {
    if (!signer) return false;
    if (depth > policy_.limits.max_revocation_depth) {
      if (why) *why = "revocation signer paths nest deeper than " + std::to_string(policy_.limits.max_revocation_depth);
      return false;
    }
    // A CRL issuer whose own certificate is covered by the CRL it signs (PKITS 4.14.30): its path
    // is already being validated further up; checking it again would only recurse.
    const std::string id = signer->fingerprint_hex();
    if (std::find(signers_in_progress_->begin(), signers_in_progress_->end(), id) != signers_in_progress_->end()) return true;
    CertificateValidationRequest sub;
    sub.at = at;
    sub.certificates.push_back(signer);
    sub.certificates.insert(sub.certificates.end(), extra.begin(), extra.end());
    sub.certificates.insert(sub.certificates.end(), request_.certificates.begin() + 1, request_.certificates.end());
    signers_in_progress_->push_back(id);
    auto report = Validator(sub, context_, depth, signers_in_progress_).run();
    signers_in_progress_->pop_back();
    if (report.indication == Indication::kPassed) return true;
    // EN 319 102-1 5.2.6 (RevocationIssuerNotExpired, signing certificate only): an issuer of the
    // signing certificate's revocation data that is out of its validity now does not make the data
    // unacceptable (it may have been valid when it produced it, checked in evaluate()); the
    // answer is REVOCATION_OUT_OF_BOUNDS_NO_POE, which a proof of existence can resolve (5.6.2.4).
    if (depth_ == 0 && checking_index_ == 0 && !signer->is_valid_at(at) &&
        (report.subindication == SubIndication::kOutOfBoundsNoPoe ||
         report.subindication == SubIndication::kOutOfBoundsNotRevoked)) {
      revocation_issuer_out_of_bounds_ = signer;
      return true;
    }
    if (report.subindication == SubIndication::kRevokedNoPoe || report.subindication == SubIndication::kRevokedCaNoPoe) {
      signer_revoked_ = true;
      if (!signer_revocation_time_) signer_revocation_time_ = report.revocation_time;
    }
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
    bool issuer_out_of_bounds = false;
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
        signer_revoked_ = false;
        signer_revocation_time_.reset();
        checking_index_ = k;
        revocation_issuer_out_of_bounds_.reset();
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
        if (revocation_issuer_out_of_bounds_ && ev.signer &&
            ev.signer->sha256_fingerprint() == revocation_issuer_out_of_bounds_->sha256_fingerprint() &&
            (ev.status == RevocationState::kGood || ev.status == RevocationState::kRevoked)) {
          // The data was usable only if its issuer was valid when it produced it (RAC,
          // RevocationIssuerValidAtProductionTime); else it is no data at all.
          const auto produced = ev.produced_at ? ev.produced_at : ev.this_update;
          const auto& issuer = *revocation_issuer_out_of_bounds_;
          if (produced && issuer.is_valid_at(*produced)) {
            issuer_out_of_bounds = true;
            add(r.findings, findings::kRevocationIssuerOutOfBounds, engine::Severity::kError,
                "the revocation data for " + who + " was issued by \"" + issuer.subject().rfc4514 +
                    "\", which is outside its validity at the validation time (notAfter " +
                    engine::format_utc_time(issuer.not_after()) + ")",
                c.fingerprint_hex());
          } else {
            ev.status = RevocationState::kUnknown;
            add(ev.findings, findings::kRevocationMissing, engine::Severity::kError,
                "the revocation data was produced when its issuer \"" + issuer.subject().rfc4514 + "\" was not valid",
                c.fingerprint_hex());
          }
        }
        if (ev.status == RevocationState::kRevoked) {
          if (ev.reason == "certificateHold") {
            on_hold = true;
            if (ev.revocation_time && (!r.suspension_time || *ev.revocation_time < *r.suspension_time)) {
              r.suspension_time = ev.revocation_time;
            }
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
        } else if (signer_revoked_) {
          // The only revocation data there is was signed by a key whose certificate is revoked
          // (e.g. a separate CRL-signing certificate, PKITS 4.4.21): the path depends on a
          // revoked CA-role certificate, which is REVOKED_CA_NO_POE rather than missing data.
          revoked_ca = true;
          if (!r.revocation_time) r.revocation_time = signer_revocation_time_;
          add(r.findings, findings::kRevocationSignerRevoked, engine::Severity::kError,
              "the revocation data for " + who + " was signed by a revoked certificate", c.fingerprint_hex());
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
    } else if (issuer_out_of_bounds) {
      r.subindication = SubIndication::kRevocationOutOfBoundsNoPoe;
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
  std::vector<std::string>* signers_in_progress_;  // fingerprints of signer paths being validated
  PathBuilder* builder_ = nullptr;
  std::vector<TriedPath> tried_;
  // Set by validate_signer when a CRL issuer's / OCSP responder's own path failed by revocation.
  mutable bool signer_revoked_ = false;
  mutable std::optional<engine::UtcTime> signer_revocation_time_;
  // The path index whose revocation is being checked, and the issuer of its revocation data
  // accepted although out of its validity now (validate_signer → evaluate()).
  std::size_t checking_index_ = 0;
  mutable CertificatePtr revocation_issuer_out_of_bounds_;
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
  std::vector<std::string> signers_in_progress;
  return Validator(request, context, 0, &signers_in_progress).run();
}

}  // namespace assay::validation
