// EN 319 102-1 5.3 (basic), 5.5 (with time and long-term data) and 5.6 (with archival data)
// validation processes, in the order of VALIDATION.md §4. Each process is a check chain whose
// first failing FAIL-level step concludes it; the indications are those of the standard.
#include <algorithm>
#include <array>

#include "validation/signature/internal/blocks.h"

namespace assay::validation::signature_internal {

namespace {

using engine::UtcTime;
using Kind = EmbeddedTimestamp::Kind;

std::string fmt(UtcTime t) { return engine::format_utc_time(t); }

bool is_one_of(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// The process takes the conclusion of `block` (a building block or an earlier process).
void take(Block& process, std::string_view id, const BlockResult& block) {
  if (block.indication == Indication::kPassed) {
    process.ok(id, block.name + " passed.");
  } else {
    process.fail(id, block.name + " concluded " + std::string(indication_name(block.indication)) + " / " +
                         block.subindication + ".",
                 block.indication, block.subindication);
  }
}

// PASSED time-stamps of a kind, with their genTime.
std::vector<std::pair<TimestampResult*, UtcTime>> passed(SignatureValidationReport& report, Kind kind) {
  std::vector<std::pair<TimestampResult*, UtcTime>> out;
  for (auto& t : report.timestamps) {
    if (t.kind == kind && t.report.indication == Indication::kPassed && t.report.imprint_matches && t.report.gen_time) {
      out.emplace_back(&t, *t.report.gen_time);
    }
  }
  return out;
}

// EN 319 102-1 5.2.5 (revocation freshness checker) at `at` for every certificate of the path
// whose revocation was checked: issued no earlier than `at` minus the policy's maximum age, or
// minus the data's own nextUpdate - thisUpdate interval when the policy sets none; a suspension
// (certificateHold) only when it began after `at`.
bool revocation_fresh_at(const CertificateValidationReport& xcv, UtcTime at, const ValidationPolicy& policy) {
  bool any = false;
  for (const auto& e : xcv.path) {
    const auto& r = e.revocation;
    if (r.status == RevocationState::kRevoked) {
      if (r.reason != "certificateHold" || !r.revocation_time || at >= *r.revocation_time) return false;
      any = true;
      continue;
    }
    if (r.status != RevocationState::kGood) continue;
    if (!r.this_update) return false;
    std::optional<UtcTime> oldest;
    if (policy.revocation.max_age) {
      oldest = at - *policy.revocation.max_age;
    } else if (r.next_update) {
      oldest = at - (*r.next_update - *r.this_update);
    }
    if (!oldest || *r.this_update < *oldest) return false;
    any = true;
  }
  return any;
}

BlockResult conclude(Block& process, std::optional<UtcTime> poe) {
  auto& r = process.result();
  if (r.indication == Indication::kPassed) r.proof_of_existence = poe;
  return r;
}

}  // namespace

BlockResult run_basic(ProcessState& s) {
  auto& report = s.report;
  Block process("BASIC");
  const auto at = s.context.at;
  const auto stop = [&](const BlockResult& block) {
    take(process, "signature.basic." + block.name, block);
    return conclude(process, std::nullopt);
  };
  report.blocks.push_back(run_fc(s.signature));
  if (report.blocks.back().indication != Indication::kPassed) return stop(report.blocks.back());
  process.ok("signature.basic.FC", "FC passed.");
  report.blocks.push_back(run_isc(s.signature));
  if (report.blocks.back().indication != Indication::kPassed) return stop(report.blocks.back());
  process.ok("signature.basic.ISC", "ISC passed.");
  report.blocks.push_back(run_vci(s.signature));
  if (report.blocks.back().indication != Indication::kPassed) return stop(report.blocks.back());
  process.ok("signature.basic.VCI", "VCI passed.");

  // Step 4: XCV [W] — remembered; a content time-stamp may prove signing after a revocation or
  // expiry (FAILED/REVOKED, FAILED/EXPIRED).
  auto xcv = run_xcv(s.signature, s.context, s.revocation, at);
  report.certificate = xcv.report;
  report.blocks.push_back(xcv.block);
  BlockResult xcv_status = xcv.block;
  if (xcv_status.indication != Indication::kPassed && xcv.report) {
    const auto& sub = xcv_status.subindication;
    for (const auto& [tst, gen] : passed(report, Kind::kContent)) {
      if (sub == "REVOKED_NO_POE" && xcv.report->revocation_time && gen > *xcv.report->revocation_time) {
        xcv_status.indication = Indication::kFailed;
        xcv_status.subindication = std::string(sub::kRevoked);
        process.fail("signature.basic.content_timestamp_after_revocation",
                     "A content time-stamp of " + fmt(gen) + " proves the signature was made after the revocation (" +
                         fmt(*xcv.report->revocation_time) + ").",
                     Indication::kFailed, sub::kRevoked);
        break;
      }
      if (is_one_of(sub, {sub::kOutOfBoundsNoPoe, sub::kOutOfBoundsNotRevoked}) && s.signature.signing_certificate &&
          gen > s.signature.signing_certificate->not_after()) {
        xcv_status.indication = Indication::kFailed;
        xcv_status.subindication = std::string(sub::kExpired);
        process.fail("signature.basic.content_timestamp_after_expiry",
                     "A content time-stamp of " + fmt(gen) + " proves the signature was made after the certificate expired.",
                     Indication::kFailed, sub::kExpired);
        break;
      }
    }
  }
  // Step 5: CV [F] — a broken signature is TOTAL_FAILED whatever its certificate.
  report.blocks.push_back(run_cv(s.signature));
  if (report.blocks.back().indication != Indication::kPassed) {
    auto cv = report.blocks.back();
    auto r = stop(cv);
    r.indication = cv.indication;  // CV wins over a content-time-stamp conclusion
    r.subindication = cv.subindication;
    return r;
  }
  process.ok("signature.basic.CV", "CV passed.");
  // Step 6: the remembered XCV status [F].
  if (xcv_status.indication != Indication::kPassed) return stop(xcv_status);
  process.ok("signature.basic.XCV", "XCV passed.");
  // Step 7: SAV; an algorithm failure is only CRYPTO_CONSTRAINTS_FAILURE when a content
  // time-stamp proves the signature existed after the algorithm's expiry.
  report.blocks.push_back(run_sav(s.signature, s.policy, at));
  s.sav_ran = true;
  auto sav = report.blocks.back();
  if (sav.subindication == sub::kCryptoConstraintsFailureNoPoe) {
    const auto crypto = signature_crypto(s.signature, s.policy, at);
    for (const auto& [tst, gen] : passed(report, Kind::kContent)) {
      if (crypto.expiry && gen > *crypto.expiry) {
        sav.subindication = std::string(sub::kCryptoConstraintsFailure);
        break;
      }
    }
  }
  if (sav.indication != Indication::kPassed) return stop(sav);
  process.ok("signature.basic.SAV", "SAV passed.");
  return conclude(process, at);
}

std::optional<BlockResult> run_ltv(ProcessState& s, const BlockResult& basic) {
  auto& report = s.report;
  const auto& cert = s.signature.signing_certificate;
  // 5.5.4 step 2: only the statuses that proof of existence may resolve go on.
  if (basic.indication != Indication::kPassed &&
      !(basic.indication == Indication::kIndeterminate &&
        is_one_of(basic.subindication, {sub::kCryptoConstraintsFailureNoPoe, "REVOKED_NO_POE", "REVOKED_CA_NO_POE",
                                        "TRY_LATER", sub::kOutOfBoundsNoPoe, sub::kOutOfBoundsNotRevoked}))) {
    return std::nullopt;
  }
  if (!cert) return std::nullopt;
  Block process("LTV");
  UtcTime best = s.context.at;
  // Step 4: signature time-stamps that passed are proofs of existence of the signature value.
  for (auto& t : report.timestamps) {
    if (t.kind != Kind::kSignature) continue;
    if (t.report.indication == Indication::kPassed && t.report.imprint_matches && t.report.gen_time) {
      t.used_as_poe = true;
      process.ok("signature.ltv.signature_timestamp",
                 "The signature time-stamp " + t.id + " of " + fmt(*t.report.gen_time) + " is valid.");
      best = std::min(best, *t.report.gen_time);
    } else {
      process.warn("signature.ltv.signature_timestamp",
                   "The signature time-stamp " + t.id + " is not valid (" + std::string(indication_name(t.report.indication)) +
                       (t.report.subindication.empty() ? "" : " / " + t.report.subindication) + ") and gives no proof of existence.");
    }
  }
  process.inform("signature.ltv.best_signature_time", "The best-signature-time is " + fmt(best) + ".");
  const auto& xcv = report.certificate;
  const std::string status = basic.subindication;
  const auto keep = [&](std::string_view id, std::string message) {
    process.fail(id, std::move(message), basic.indication, status);
  };
  // Step 5, by the basic status.
  if (best < cert->not_before()) {
    process.fail("signature.ltv.not_yet_valid", "The best-signature-time is before the signing certificate's notBefore.",
                 Indication::kFailed, sub::kNotYetValid);
  } else if (status == "REVOKED_NO_POE" || status == "REVOKED_CA_NO_POE") {
    if (xcv && xcv->revocation_time && best < *xcv->revocation_time) {
      process.ok("signature.ltv.revocation_after_best_signature_time",
                 "The revocation (" + fmt(*xcv->revocation_time) + ") came after the best-signature-time.");
      if (best > cert->not_after()) {
        process.fail("signature.ltv.best_signature_time_before_expiry",
                     "The best-signature-time is after the signing certificate expired.", Indication::kIndeterminate,
                     sub::kOutOfBoundsNotRevoked);
      }
    } else {
      keep("signature.ltv.revocation_after_best_signature_time",
           "No proof of existence before the revocation of the certificate.");
    }
  } else if (status == sub::kOutOfBoundsNoPoe) {
    keep("signature.ltv.out_of_bounds", "The certificate is out of its validity and its revocation status is unknown.");
  } else if (status == sub::kOutOfBoundsNotRevoked) {
    if (best <= cert->not_after()) {
      process.ok("signature.ltv.best_signature_time_before_expiry",
                 "The signature existed (" + fmt(best) + ") before the certificate expired.");
    } else {
      keep("signature.ltv.best_signature_time_before_expiry", "No proof of existence before the certificate expired.");
    }
  } else if (status == sub::kCryptoConstraintsFailureNoPoe) {
    // The signature's own algorithms are re-evaluated at best-signature-time (step 5); a chain
    // algorithm failure is judged at the current time (step 8) and stays.
    const bool chain = xcv && xcv->subindication == SubIndication::kCryptoConstraintsFailureNoPoe;
    if (chain) keep("signature.ltv.chain_crypto", "The certificate chain's algorithms are not acceptable at the validation time.");
  } else if (status == "TRY_LATER") {
    // 5.5.4 step 5: a signature proven to exist before the suspension (certificate on hold) goes
    // on, as for a revocation; otherwise the revocation freshness check again, at
    // best-signature-time.
    if (xcv && xcv->suspension_time && best < *xcv->suspension_time) {
      process.ok("signature.ltv.best_signature_time_before_suspension",
                 "The signature existed (" + fmt(best) + ") before the certificate was suspended (" +
                     fmt(*xcv->suspension_time) + ").");
      if (best > cert->not_after()) {
        process.fail("signature.ltv.best_signature_time_before_expiry",
                     "The best-signature-time is after the signing certificate expired.", Indication::kIndeterminate,
                     sub::kOutOfBoundsNotRevoked);
      }
    } else if (xcv && xcv->suspension_time) {
      keep("signature.ltv.best_signature_time_before_suspension",
           "No proof of existence before the suspension of the certificate (" + fmt(*xcv->suspension_time) + ").");
    } else if (xcv && revocation_fresh_at(*xcv, best, s.policy)) {
      process.ok("signature.ltv.revocation_freshness",
                 "The revocation data is fresh at the best-signature-time (" + fmt(best) + ").");
    } else {
      keep("signature.ltv.revocation_freshness", "Fresher revocation data is needed.");
    }
  }
  // Coherence [WARN]: content time-stamps precede signature time-stamps.
  for (const auto& [c, cgen] : passed(report, Kind::kContent)) {
    for (const auto& [t, tgen] : passed(report, Kind::kSignature)) {
      if (cgen > tgen) process.warn("signature.ltv.timestamp_order", "A content time-stamp is later than a signature time-stamp.");
    }
  }
  // Steps 6-7: signature acceptance at best-signature-time (includes the algorithms).
  if (process.passed()) {
    auto sav = run_sav(s.signature, s.policy, best);
    sav.name = "SAV@best-signature-time";
    take(process, "signature.ltv.SAV", sav);
  }
  report.best_signature_time = best;
  auto r = conclude(process, best);
  report.processes.push_back(r);
  return r;
}

std::optional<BlockResult> run_archival(ProcessState& s, const BlockResult& ltv) {
  auto& report = s.report;
  const auto& cert = s.signature.signing_certificate;
  if (ltv.indication != Indication::kPassed &&
      !(ltv.indication == Indication::kIndeterminate &&
        is_one_of(ltv.subindication, {"REVOKED_NO_POE", "REVOKED_CA_NO_POE", sub::kOutOfBoundsNoPoe,
                                      sub::kOutOfBoundsNotRevoked, sub::kCryptoConstraintsFailureNoPoe,
                                      "REVOCATION_OUT_OF_BOUNDS_NO_POE", "NO_CERTIFICATE_CHAIN_FOUND_NO_POE",
                                      sub::kSigConstraintsFailure, "TRY_LATER"}))) {
    return std::nullopt;
  }
  Block process("ARCHIVAL");
  // Step 3: without archival material the long-term conclusion stands.
  const bool any_archive = std::any_of(report.timestamps.begin(), report.timestamps.end(),
                                       [](const TimestampResult& t) { return t.kind == Kind::kArchive; });
  if (!any_archive) return std::nullopt;
  UtcTime best = report.best_signature_time;
  for (auto& t : report.timestamps) {
    if (t.kind != Kind::kArchive) continue;
    if (t.report.indication == Indication::kPassed && t.report.imprint_matches && t.report.gen_time) {
      t.used_as_poe = true;
      process.ok("signature.archival.archive_timestamp",
                 "The archive time-stamp " + t.id + " of " + fmt(*t.report.gen_time) + " is valid.");
      best = std::min(best, *t.report.gen_time);
    } else {
      process.warn("signature.archival.archive_timestamp",
                   "The archive time-stamp " + t.id + " is not valid and gives no proof of existence.");
    }
  }
  process.inform("signature.archival.lowest_poe", "The lowest proof of existence of the signature is " + fmt(best) + ".");
  report.best_signature_time = best;
  if (ltv.indication == Indication::kPassed) {
    process.ok("signature.archival.ltv", "LTV passed.");
  } else if (ltv.subindication == sub::kSigConstraintsFailure || !cert) {
    take(process, "signature.archival.ltv", ltv);
  } else {
    // 5.6.2.4 past signature validation: past certificate validation at the lowest POE.
    auto pcv = run_xcv(s.signature, s.context, s.revocation, best, "PCV");
    report.past_certificate = pcv.report;
    report.blocks.push_back(pcv.block);
    const auto& xcv = report.certificate;
    if (pcv.block.indication != Indication::kPassed) {
      process.fail("signature.archival.past_certificate_validation",
                   "The certificate chain does not validate at the lowest proof of existence (" + fmt(best) + "); the status stays.",
                   ltv.indication, ltv.subindication);
    } else if (best < cert->not_before()) {
      process.fail("signature.archival.not_yet_valid", "The lowest proof of existence is before the certificate's notBefore.",
                   Indication::kFailed, sub::kNotYetValid);
    } else if (is_one_of(ltv.subindication, {"REVOKED_NO_POE", "REVOKED_CA_NO_POE"}) &&
               !(xcv && xcv->revocation_time && best < *xcv->revocation_time)) {
      process.fail("signature.archival.poe_before_revocation", "No proof of existence before the revocation.",
                   ltv.indication, ltv.subindication);
    } else if (ltv.subindication == sub::kCryptoConstraintsFailureNoPoe && xcv && xcv->crypto_expiry &&
               best >= *xcv->crypto_expiry) {
      process.fail("signature.archival.poe_before_algorithm_expiry",
                   "No proof of existence before the chain's algorithm expired (" + fmt(*xcv->crypto_expiry) + ").",
                   ltv.indication, ltv.subindication);
    } else {
      process.ok("signature.archival.past_signature_validation",
                 "The signature existed at " + fmt(best) + ", when its certificate chain was valid.");
    }
  }
  // Step 11: the signature's algorithms at the lowest POE.
  if (process.passed()) {
    const auto crypto = signature_crypto(s.signature, s.policy, best);
    if (crypto.acceptable) {
      process.ok("signature.archival.crypto", "The signature's algorithms were acceptable at " + fmt(best) + ".");
    } else {
      process.fail("signature.archival.crypto", "The signature's algorithms were not acceptable at " + fmt(best) + ".",
                   Indication::kIndeterminate, sub::kCryptoConstraintsFailureNoPoe);
    }
  }
  auto r = conclude(process, best);
  report.processes.push_back(r);
  return r;
}

}  // namespace assay::validation::signature_internal
