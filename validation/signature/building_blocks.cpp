// EN 319 102-1 5.2 building blocks (FC, ISC, VCI, XCV, CV, SAV) over a SignatureUnderValidation,
// with the checks, levels and order of VALIDATION.md §3 (the DSS default policy).
#include <algorithm>

#include "engine/digest.h"
#include "validation/explicit_anchors.h"
#include "validation/signature/internal/blocks.h"

namespace assay::validation::signature_internal {

namespace {

std::string cert_name(const engine::Certificate& c) { return c.subject().rfc4514; }

}  // namespace

BlockResult run_fc(const SignatureUnderValidation& signature) {
  Block b("FC");
  bool any_error = false;
  for (const auto& f : signature.format_check.findings) {
    if (f.severity == engine::Severity::kError) {
      any_error = true;
      b.fail("signature.fc." + f.id, f.message, Indication::kFailed, sub::kFormatFailure);
    } else if (f.severity == engine::Severity::kInfo) {
      b.inform("signature.fc." + f.id, f.message);
    } else {
      b.warn("signature.fc." + f.id, f.message);
    }
  }
  if (!any_error) b.ok("signature.fc.format", "The signature is well formed for its format.");
  return std::move(b.result());
}

BlockResult run_isc(const SignatureUnderValidation& signature) {
  Block b("ISC");
  if (!signature.signing_certificate) {
    b.fail("signature.isc.recognition", "No certificate that the signature value verifies with was identified.",
           Indication::kIndeterminate, sub::kNoSigningCertificateFound);
    return std::move(b.result());
  }
  b.ok("signature.isc.recognition", "The signing certificate is " + cert_name(*signature.signing_certificate) + ".");
  const auto& a = signature.attributes;
  // 5.2.3.4: when the signature references its signing certificate, the reference must match it.
  if (a.signing_certificate_reference_present) {
    if (a.signing_certificate_digest_matches) {
      b.ok("signature.isc.cert_digest_match", "The signed certificate reference (" + a.signing_certificate_digest_algorithm +
                                                  ") matches the signing certificate.");
    } else {
      b.fail("signature.isc.cert_digest_match",
             "The signed certificate reference does not match the certificate the signature verifies with.",
             Indication::kIndeterminate, sub::kNoSigningCertificateFound);
    }
    if (a.signing_certificate_issuer_serial_present) {
      if (a.signing_certificate_issuer_serial_matches) {
        b.ok("signature.isc.issuer_serial_match", "The referenced issuer and serial number match.");
      } else {
        b.warn("signature.isc.issuer_serial_match", "The referenced issuer and serial number do not match the signing certificate.");
      }
    }
  }
  return std::move(b.result());
}

BlockResult run_vci(const SignatureUnderValidation& signature) {
  Block b("VCI");
  const auto& a = signature.attributes;
  // Default policy: AcceptablePolicies {ANY_POLICY, NO_POLICY}; PolicyHashMatch only warns.
  if (a.signature_policy_id.empty()) {
    b.ok("signature.vci.acceptable_policy", "The signature claims no signature policy.");
  } else if (a.signature_policy_id == "implied") {
    b.ok("signature.vci.acceptable_policy", "The signature policy is implied.");
  } else {
    b.ok("signature.vci.acceptable_policy", "The signature claims the policy " + a.signature_policy_id + ".");
    if (!a.signature_policy_digest_matches) {
      b.inform("signature.vci.policy_available", "The signature policy document was not available.");
    } else if (!*a.signature_policy_digest_matches) {
      b.warn("signature.vci.policy_hash_match", "The signature policy document does not match its signed digest.");
    } else {
      b.ok("signature.vci.policy_hash_match", "The signature policy document matches its signed digest.");
    }
  }
  return std::move(b.result());
}

XcvOutcome run_xcv(const SignatureUnderValidation& signature, const SignatureValidationContext& context,
                   const RevocationChecker* revocation, engine::UtcTime at, std::string_view block_name) {
  XcvOutcome out{BlockResult{}, std::nullopt};
  Block b{std::string(block_name)};
  if (!signature.signing_certificate) {
    b.fail("signature.xcv.certificate", "There is no signing certificate to validate.", Indication::kIndeterminate,
           subindication_name(SubIndication::kNoCertificateChainFound));
    out.block = std::move(b.result());
    return out;
  }
  CertificateValidationRequest request;
  request.at = at;
  request.certificates.push_back(signature.signing_certificate);
  for (const auto& c : signature.certificates) {
    if (c && c != signature.signing_certificate) request.certificates.push_back(c);
  }
  CertificateValidationContext ctx = context.certificates;
  ctx.revocation = revocation;
  // No anchor source at all is a validation with no trust anchors (VALIDATION.md §7).
  static const ExplicitTrustAnchors kNoAnchors{{}};
  if (ctx.anchors.empty()) ctx.anchors.push_back(&kNoAnchors);
  auto report = validate_certificate(request, ctx);
  if (!report) {
    b.fail("signature.xcv.certificate", "The signing certificate could not be validated: " + report.error().message(),
           Indication::kIndeterminate, subindication_name(SubIndication::kCertificateChainGeneralFailure));
    out.block = std::move(b.result());
    return out;
  }
  const std::string what = "The signing certificate validated at " + engine::format_utc_time(at);
  if (report->indication == Indication::kPassed) {
    b.ok("signature.xcv.certificate", what + ": PASSED.");
  } else {
    std::string why;
    for (const auto& f : report->findings) {
      if (f.severity == engine::Severity::kError) {
        why = " (" + f.message + ")";
        break;
      }
    }
    b.fail("signature.xcv.certificate",
           what + ": " + std::string(indication_name(report->indication)) + " / " +
               std::string(subindication_name(report->subindication)) + why + ".",
           report->indication, subindication_name(report->subindication));
  }
  out.report = std::move(*report);
  out.block = std::move(b.result());
  return out;
}

BlockResult run_cv(const SignatureUnderValidation& signature) {
  Block b("CV");
  // 5.2.7: every reference in document order first (the first problem wins), then the value.
  bool data_reference = false;
  for (const auto& r : signature.references) {
    const std::string name = r.uri.empty() ? (r.id.empty() ? std::string("the whole document") : r.id) : r.uri;
    if (r.manifest_entry) {
      // Manifest entries (VALIDATION.md §3 CV): existence only warns, a digest mismatch fails.
      if (!r.found) {
        b.warn("signature.cv.manifest_entry_found", "The manifest entry \"" + name + "\" was not found" +
                                                      (r.message.empty() ? "." : ": " + r.message + "."));
      } else if (!r.intact) {
        b.fail("signature.cv.manifest_entry_intact", "The digest of the manifest entry \"" + name + "\" does not match" +
                                                         (r.message.empty() ? "." : ": " + r.message + "."),
               Indication::kFailed, sub::kHashFailure);
      } else {
        b.ok("signature.cv.manifest_entry_intact", "The manifest entry \"" + name + "\" is intact (" + r.digest_algorithm + ").");
      }
      continue;
    }
    if (r.type != kSignedPropertiesType) data_reference = true;
    if (!r.found) {
      b.fail("signature.cv.reference_found", "The signed data \"" + name + "\" was not found" +
                                                 (r.message.empty() ? "." : ": " + r.message + "."),
             Indication::kIndeterminate, sub::kSignedDataNotFound);
    } else if (!r.intact) {
      b.fail("signature.cv.reference_intact", "The digest of the signed data \"" + name + "\" does not match" +
                                                  (r.message.empty() ? "." : ": " + r.message + "."),
             Indication::kFailed, sub::kHashFailure);
    } else {
      b.ok("signature.cv.reference_intact", "The signed data \"" + name + "\" is intact (" + r.digest_algorithm + ").");
    }
  }
  if (!data_reference) {
    b.fail("signature.cv.reference_found", "The signature references no signed data.", Indication::kIndeterminate,
           sub::kSignedDataNotFound);
  }
  if (!signature.signature_value_checked) {
    b.fail("signature.cv.signature_intact", "The signature value could not be verified.", Indication::kFailed,
           sub::kSigCryptoFailure);
  } else if (!signature.signature_value_valid) {
    b.fail("signature.cv.signature_intact",
           "The signature value does not verify with the signing certificate's key (" + signature.signature_algorithm + ").",
           Indication::kFailed, sub::kSigCryptoFailure);
  } else {
    b.ok("signature.cv.signature_intact", "The signature value verifies (" + signature.signature_algorithm + ").");
  }
  return std::move(b.result());
}

CryptoCheck signature_crypto(const SignatureUnderValidation& signature, const ValidationPolicy& policy,
                             engine::UtcTime at) {
  if (!signature.signing_certificate) return CryptoCheck{};
  return check_signature_crypto(signature.digest_algorithm, signature.signing_certificate->public_key(), at,
                                policy.crypto, signature.id);
}

BlockResult run_sav(const SignatureUnderValidation& signature, const ValidationPolicy& policy, engine::UtcTime at) {
  Block b("SAV");
  const auto& a = signature.attributes;
  const auto constraints_failure = [&](std::string_view id, std::string message) {
    b.fail(id, std::move(message), Indication::kIndeterminate, sub::kSigConstraintsFailure);
  };
  if (a.signing_certificate_reference_present) {
    b.ok("signature.sav.signing_certificate_present", "The signing certificate is referenced in the signed attributes.");
  } else {
    b.warn("signature.sav.signing_certificate_present", "The signing certificate is not referenced in the signed attributes.");
  }
  // MessageDigestOrSignedPropertiesPresent: XAdES must sign its SignedProperties; the other
  // formats' readers report their message-digest as a reference.
  const bool signed_properties =
      signature.format == SignatureFormat::kXAdES
          ? std::any_of(signature.references.begin(), signature.references.end(),
                        [](const SignedReference& r) { return r.type == kSignedPropertiesType && r.found && r.intact; })
          : !signature.references.empty();
  if (!a.signing_time) {
    constraints_failure("signature.sav.signing_time_present", "The signature has no signed signing time.");
  } else {
    b.ok("signature.sav.signing_time_present", "The claimed signing time is " + engine::format_utc_time(*a.signing_time) + ".");
    const auto& cert = signature.signing_certificate;
    if (cert && !cert->is_valid_at(*a.signing_time)) {
      constraints_failure("signature.sav.signing_time_in_cert_range",
                          "The claimed signing time is outside the signing certificate's validity.");
    } else if (cert) {
      b.ok("signature.sav.signing_time_in_cert_range", "The claimed signing time is within the certificate's validity.");
    }
  }
  if (signed_properties) {
    b.ok("signature.sav.signed_properties_present", "The signed attributes are covered by the signature.");
  } else {
    constraints_failure("signature.sav.signed_properties_present",
                        "The signature does not cover signed attributes (no SignedProperties / message-digest).");
  }
  // 5.2.8: the signature's algorithms at the validation time (AOV).
  const auto crypto = signature_crypto(signature, policy, at);
  for (const auto& f : crypto.findings) {
    if (f.severity != engine::Severity::kError) b.warn("signature.sav.crypto", f.message);
  }
  if (!crypto.acceptable) {
    std::string why;
    for (const auto& f : crypto.findings) {
      if (f.severity == engine::Severity::kError) why += (why.empty() ? "" : "; ") + f.message;
    }
    b.fail("signature.sav.crypto", "The signature's algorithms are not acceptable at " + engine::format_utc_time(at) +
                                       ": " + why + ".",
           Indication::kIndeterminate, sub::kCryptoConstraintsFailureNoPoe);
  } else {
    b.ok("signature.sav.crypto", "The signature's algorithms (" + signature.signature_algorithm + ") are acceptable at " +
                                     engine::format_utc_time(at) + ".");
  }
  return std::move(b.result());
}

}  // namespace assay::validation::signature_internal
