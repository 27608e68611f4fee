// Private to engine/cms: RFC 3161 2.4.1 MessageImprint, read by the TSTInfo parser
// (timestamp_token.cpp) and the TimeStampReq parser (timestamp_protocol.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/x509/internal/der.h"

namespace assay::engine::cms::internal {

struct MessageImprint {
  std::string algorithm_oid;  // dotted
  std::string hashed_message;
};

// MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING },
// given the SEQUENCE's contents; nullopt when malformed.
inline std::optional<MessageImprint> read_message_imprint(std::string_view contents) {
  der::Reader ir(contents);
  der::Tlv alg, hashed, oid;
  if (!ir.read(der::kSequence, alg) || !ir.read(der::kOctetString, hashed) || !ir.empty()) return std::nullopt;
  der::Reader ar(alg.value);
  if (!ar.read(der::kOid, oid)) return std::nullopt;
  auto text = der::oid_text(oid.value);
  if (!text) return std::nullopt;
  return MessageImprint{*text, std::string(hashed.value)};
}

}  // namespace assay::engine::cms::internal
