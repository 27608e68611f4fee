// Authenticating one trusted list (TS 119 612 5.7 / TS 119 615 4.1): its single XAdES signature
// verifies and its signer is in the set the caller trusts for it. Freshness (NextUpdate, issue
// date) is reported as findings and never turns an authenticated list into a rejected one.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/finding.h"
#include "engine/x509/certificate.h"
#include "engine/xml/document.h"
#include "tsl/parser.h"
#include "tsl/signer_set.h"
#include "tsl/trusted_list.h"

namespace assay::tsl {

// Authentication status: authenticated, or one precise rejection reason.
enum class AuthStatus {
  kAuthenticated,
  kSignatureInvalid,     // a reference digest, the SignatureValue or a signature rule failed
  kUnsigned,
  kMultipleSignatures,
  kSignerNotTrusted,     // the signature is valid but its signer is not in the trusted set
  kPivotChainBroken,     // LOTL: no verified pivot chain leads from the anchors to its signer
  kMalformed,            // not a readable trusted list, or one repeating a value it is judged on
  kUnsupportedVersion,
  kTerritoryMismatch,    // the list's territory is not the one its pointer announces
  kTypeMismatch,         // the list's TSLType is not the one its pointer announces
  kNotAvailable,         // the document could not be obtained
};

// Stable names used in JSON and tables: "authenticated", "signature_invalid", ...
std::string_view auth_status_name(AuthStatus status) noexcept;

// A document read, parsed once and modelled; the same tree is verified and interpreted.
struct LoadedList {
  std::string url;  // where it came from (may be a file path)
  std::shared_ptr<const std::string> bytes;
  std::shared_ptr<const engine::xml::Document> document;
  std::shared_ptr<const TrustedList> list;
};

// Parses and models `bytes`. Errors as parse_trusted_list.
engine::Result<LoadedList> load_list(std::string url, std::string bytes, const ParseOptions& options = {});

struct Authentication {
  AuthStatus status = AuthStatus::kMalformed;
  std::string detail;          // one sentence naming what failed (or how the signer matched)
  std::string signer_sha256;   // the KeyInfo certificate's fingerprint, when one was read
  std::string signer_subject;
  std::optional<engine::UtcTime> signing_time;
  engine::Findings findings;   // signature findings, freshness and version findings

  bool authenticated() const { return status == AuthStatus::kAuthenticated; }
};

// What the caller expects of the list (from the pointer that led to it), checked after the
// signer. Empty fields are not checked.
struct Expectations {
  std::string territory;
  std::string tsl_type;
};

// The cryptographic half of authentication: the document's signature verified under the strict
// XAdES policy (engine/xmldsig/verifier.h), independent of whom the caller trusts. Expensive
// (canonicalisation and digests); cache it per document SHA-256.
struct SignatureCheck {
  bool valid = false;
  AuthStatus failure = AuthStatus::kSignatureInvalid;  // when !valid
  std::string detail;
  engine::CertificatePtr signer;  // the KeyInfo certificate, when readable
  std::string signer_sha256;
  std::optional<engine::UtcTime> signing_time;
  bool signing_certificate_v2 = false;
  engine::Findings findings;
};
SignatureCheck check_signature(const LoadedList& loaded);

// The trust half: is the (already checked) signer in `trusted`, is the version supported, does
// the list match what its pointer announced, and is it fresh at `trust_time`. Cheap.
Authentication judge_list(const LoadedList& loaded, const SignatureCheck& signature, const SignerSet& trusted,
                          engine::UtcTime trust_time, const Expectations& expected = {});

// check_signature + judge_list. Pure function; thread-safe.
Authentication authenticate_list(const LoadedList& loaded, const SignerSet& trusted, engine::UtcTime trust_time,
                                 const Expectations& expected = {});

// What a pointer announces about the list it points to.
Expectations expectations_of(const OtherTslPointer& pointer);

// A national list (or any pointed list) authenticated by the certificates of `pointer`.
Authentication authenticate_pointed_list(const LoadedList& loaded, const OtherTslPointer& pointer,
                                         engine::UtcTime trust_time);

}  // namespace assay::tsl
