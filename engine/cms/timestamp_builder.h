// Builds RFC 3161 time-stamp tokens (CMS SignedData over a TSTInfo) for the sample federation
// and the tests, including deliberately wrong ones (another imprint, a wrong ESSCertID, signed
// attributes out of DER order, a corrupted signature).
//
// Determinism: the DER is a pure function of the spec, the key and the TSA certificate except
// the signature value (ECDSA is randomised). No clock is read: genTime is an input. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/cms/timestamp_token.h"
#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"

namespace assay::engine::cms {

struct TimestampTokenSpec {
  std::string covered_bytes;                   // the imprint is the digest of these...
  std::optional<std::string> hashed_message;   // ...unless given verbatim here
  DigestAlgorithm imprint_digest = DigestAlgorithm::kSha256;
  // ETSI EN 319 421 best-practices time-stamp policy (itu-t(0) identified-organization(4)
  // etsi(0) time-stamp-policy(2023) policy-identifiers(1) best-practices-ts-policy(1)).
  std::string policy_oid = "0.4.0.2023.1.1";
  std::string serial_hex = "01";               // unsigned big-endian hex
  UtcTime gen_time{};
  std::optional<Accuracy> accuracy;
  bool ordering = false;
  std::optional<std::string> nonce_hex;
  bool include_tsa_name = false;               // tsa [0] directoryName of the TSA certificate subject
  enum class SignerId { kIssuerAndSerialNumber, kSubjectKeyIdentifier };
  SignerId signer_id = SignerId::kIssuerAndSerialNumber;
  enum class EssVersion { kNone, kV1, kV2 };
  EssVersion ess = EssVersion::kV2;
  bool ess_issuer_serial = true;               // IssuerSerial in the ESSCertID(v2)
  // When set, the ESSCertID(v2) hash is computed over these bytes instead of the TSA certificate
  // (a token naming another certificate).
  std::optional<std::string> ess_hashed_certificate_der;
  bool include_tsa_certificate = true;         // certificates [0] carries the TSA certificate...
  std::vector<CertificatePtr> extra_certificates;  // ...followed by these
  DigestAlgorithm digest = DigestAlgorithm::kSha256;  // SignerInfo digest and signature hash
  bool unsorted_signed_attributes = false;     // write the SET OF out of DER order (and sign that)
  bool corrupt_signature = false;              // flip a bit of the signature value
};

// A TimeStampToken (ContentInfo DER) signed by `tsa_key` as `tsa`. kInvalidArgument for a bad
// serial/nonce hex or policy OID; kInternal when signing fails.
Result<std::string> build_timestamp_token(const TimestampTokenSpec& spec, const Certificate& tsa,
                                          const PrivateKey& tsa_key);

}  // namespace assay::engine::cms
