// Reading JAdES signatures (ETSI TS 119 182-1, on JWS RFC 7515 and RFC 7797) into
// SignatureUnderValidation, the format-neutral input of the EN 319 102-1 processes
// (validation/signature/signature_input.h).
//
// Serialisations: compact, flattened JSON and general JSON (several signatures over one
// payload). Protected header: alg (RS*, PS*, ES* with raw r||s; never "none", never HMAC), crit
// (RFC 7515 4.1.11), b64 (RFC 7797), x5c, x5t#S256 / x5t#o / sigX5ts and kid (IssuerSerial) to
// identify the signing certificate, sigT, sigD (ObjIdByURI / ObjIdByURIHash over detached
// content given as files; nothing is fetched), cty, srCms, sigPl, srAts, sigPId, adoTst.
// Unsigned (etsiU, TS 119 182-1 5.3): sigTst, xVals, rVals, tstVD, arcTst, with the bytes each
// time-stamp's imprint covers. The level reached (JAdES-BASELINE-B/T/LT/LTA). It decides no
// indication: a broken header is a kError finding (FORMAT_FAILURE), a wrong value is
// signature_value_valid = false.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/finding.h"
#include "validation/signature/signature_input.h"

namespace assay::validation::jades {

// Hard limits on untrusted input (kResourceExhausted above them).
inline constexpr std::size_t kMaxDocumentBytes = 64u << 20;
inline constexpr std::size_t kMaxProtectedHeaderBytes = 1u << 20;  // decoded
inline constexpr std::size_t kMaxJsonDepth = 24;
inline constexpr std::size_t kMaxSignatures = 256;

struct DetachedObject {
  std::string name;   // as a sigD "pars" entry names it
  std::string bytes;
};

struct JadesReadOptions {
  std::vector<DetachedObject> detached;
};

// Every signature of one document, in order (general serialisation: the "signatures" order).
struct JadesDocument {
  std::vector<SignatureUnderValidation> signatures;
  engine::Findings findings;   // document-level findings (none yet: a broken document is an error)
  std::string serialization;  // "compact", "flattened JSON", "general JSON"
};

// True when `bytes` look like a JWS: a JSON object, or a compact serialisation (its first part is
// a base64url JSON object, "eyJ"). Cheap; decides which reader to call, nothing more.
bool looks_like_jws(std::string_view bytes) noexcept;

// Reads `bytes`. kMalformed when it is neither a compact JWS nor a JSON JWS (the message says
// why); kResourceExhausted above the limits. A JWS whose header is broken still gives a
// signature, with kError findings. Never throws; thread-safe.
engine::Result<JadesDocument> read_jades(std::string_view bytes, const JadesReadOptions& options = {});

}  // namespace assay::validation::jades
