// validation/jades-private: the pieces of read_jades (jades_reader.cpp drives them).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "engine/finding.h"
#include "validation/jades/jades_reader.h"
#include "validation/signature/signature_input.h"

namespace assay::validation::jades::internal {

// One JWS signature as serialised: the texts the signing input is made of, and the headers.
struct JwsParts {
  std::string protected_b64;        // BASE64URL(UTF8(JWS Protected Header)), as written
  std::string payload;              // the payload text as written ("" when detached)
  bool payload_present = false;     // compact: a non-empty middle part; JSON: a "payload" member
  std::string signature_b64;        // BASE64URL(JWS Signature), as written
  std::optional<boost::json::object> unprotected;  // "header" (JSON serialisations only)
  std::string where;                // "signatures[1]", "" for compact / flattened
  std::size_t counter_depth = 0;    // 0 for a signature, n for a counter-signature n levels deep
};

// TS 119 182-1 5.3.2 (cSig): counter-signatures nested deeper than this are not read.
inline constexpr std::size_t kMaxCounterSignatureDepth = 4;

// Splits a compact or JSON serialisation (RFC 7515 7.1, 7.2). kMalformed when the structure is
// not a JWS; kResourceExhausted above the limits.
engine::Result<std::vector<JwsParts>> split_serialization(std::string_view bytes, std::string& serialization);

// The decoded protected header, or nullopt with a finding.
std::optional<boost::json::object> decode_protected_header(const JwsParts& parts, engine::Findings& findings);

void add_error(engine::Findings& findings, std::string_view id, std::string message, std::string subject = "");
void add_warning(engine::Findings& findings, std::string_view id, std::string message, std::string subject = "");

// Standard base64 (RFC 4648 4) of "val" / x509Cert members: strict, no white space.
std::optional<std::string> base64_std(std::string_view text);

// TS 119 182-1 5.1 / 5.2: signed header parameters → attributes, scope, references, the
// signing input's payload part; the signing certificate. `header` is the protected header.
struct SignedPart {
  std::string signing_input;        // ASCII(protected) || '.' || payload part
  std::string payload_for_content_tst;  // TS 119 182-1 5.2.8.1 imprint input of adoTst
  bool b64 = true;
};
SignedPart read_signed_header(const JwsParts& parts, const boost::json::object& header, const JadesReadOptions& options,
                              SignatureUnderValidation& out);

// EN 319 102-1 5.2.3: the signing certificate among the x5c / xVals candidates, by x5t#S256,
// x5t#o, sigX5ts or kid, and the signature value check with it.
void identify_signing_certificate(const boost::json::object& header, const JwsParts& parts,
                                  const SignedPart& signed_part, SignatureUnderValidation& out);

// TS 119 182-1 5.3: the etsiU components (validation data first, so that xVals certificates
// are candidates for the signing certificate). Returns what the level needs.
struct UnsignedFacts {
  bool signature_timestamp = false;
  bool certificate_values = false;
  bool revocation_values = false;
  bool archive_timestamp = false;
};
// TS 119 182-1 5.2.8.1: the signed content time-stamps (adoTst).
void read_content_timestamps(const boost::json::object& header, const JwsParts& parts, const SignedPart& signed_part,
                             SignatureUnderValidation& out);
// TS 119 182-1 5.3.2: one counter-signature (a compact or flattened JWS, `parts`) whose detached
// payload is the countersigned signature's JWS Signature Value (`parent_signature`, the octets).
SignatureUnderValidation read_counter_signature(const JwsParts& parts, const std::string& parent_signature);
UnsignedFacts read_unsigned(const JwsParts& parts, const SignedPart& signed_part, SignatureUnderValidation& out);

}  // namespace assay::validation::jades::internal
