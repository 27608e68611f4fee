// Making JAdES signatures (TS 119 182-1) for the sample federation and the tests: a protected
// header with alg, x5c, x5t#S256, sigT, crit, b64 and sigD, signed with an engine key, and the
// three serialisations with etsiU unsigned components. Produces what a conformant signer would;
// the validation code never uses it. Internal to assay_samples (tests include it too).
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/jws/jws.h"
#include "engine/x509/certificate.h"

namespace assay::samples {

struct JadesSpec {
  enum class Detached { kNone, kObjIdByUri, kObjIdByUriHash };
  engine::jws::Algorithm alg = engine::jws::Algorithm::kES256;
  const engine::PrivateKey* key = nullptr;
  std::vector<engine::CertificatePtr> x5c;    // signing certificate first
  bool x5t_s256 = true;                       // reference x5c[0] by SHA-256
  std::optional<std::string> signing_time;    // sigT, "2026-01-14T10:00:00Z"
  std::string payload;                        // attached payload bytes (kNone)
  bool b64 = true;
  Detached detached = Detached::kNone;
  std::vector<std::pair<std::string, std::string>> detached_objects;  // name, bytes
  boost::json::object extra;                  // more protected members (added to crit when JAdES)
};

// The texts of one JWS signature.
struct JwsSigned {
  std::string protected_b64;
  std::string payload;        // as serialised ("" when detached)
  std::string signature_b64;
  std::string signing_input;  // protected '.' payload part
};

// Builds and signs. kInvalidArgument without a key or certificate.
engine::Result<JwsSigned> sign_jades(const JadesSpec& spec);

std::string compact(const JwsSigned& s);
// `etsi_u`: base64url etsiU elements (etsiu_element); none → no "header".
std::string flattened(const JwsSigned& s, const std::vector<std::string>& etsi_u = {});
std::string general(const std::vector<std::pair<JwsSigned, std::vector<std::string>>>& signatures);

// One base64url etsiU element {"name": value}.
std::string etsiu_element(std::string_view name, const boost::json::value& value);
// A tstContainer {"tstTokens": [{"val": base64(token)}]}.
boost::json::value timestamp_container(std::string_view token_der);
// What sigTst / arcTst imprints cover (TS 119 182-1 5.3.4, 5.3.6 as DSS builds them).
inline std::string signature_timestamp_input(const JwsSigned& s) { return s.signature_b64; }
// A counter-signature of `parent` (TS 119 182-1 5.3.2): `spec` signed over the parent's JWS
// Signature Value as detached payload (spec.payload and spec.detached are replaced); returns
// the compact JWS, for etsiu_element("cSig", ...).
engine::Result<std::string> counter_signature(const JwsSigned& parent, JadesSpec spec);
std::string archive_timestamp_input(const JwsSigned& s, const std::vector<std::string>& earlier_elements);

}  // namespace assay::samples
