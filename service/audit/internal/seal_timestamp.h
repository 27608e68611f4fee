// The signature time-stamp of the evidence package's seal (EN 319 132-1 5.3, XAdES-BASELINE-T
// per EN 319 132-1 6.3): an RFC 3161 token over the exclusive-canonical ds:SignatureValue element,
// in xades:UnsignedSignatureProperties/xades:SignatureTimeStamp. The token comes from a local TSA
// key and certificate (tests, an auditor's own TSA unit) or from a time-stamping service over
// HTTP (RFC 3161 3.4), whose answer is checked before it is used (remote_tsa.h).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "engine/xml/document.h"

namespace assay::service::audit::internal {

struct LocalTsa {
  engine::PrivateKey key;
  std::vector<engine::CertificatePtr> chain;  // the TSA unit first; carried in the token
};

// Loads and matches the TSA key and certificate (kInvalidArgument when they do not belong together).
engine::Result<LocalTsa> load_local_tsa(const std::string& key_file, const std::string& certificate_file);

// Adds the SignatureTimeStamp, stamped `at`, to a sealed signature document (the output of the
// template signer). kInternal when the document is not the seal the package writes.
engine::Result<std::string> add_signature_timestamp(std::string signature_xml, const LocalTsa& tsa, engine::UtcTime at);

// The same with the token from `token_for`, called with the bytes the imprint must be over (the
// canonical SignatureValue element); it returns the TimeStampToken DER or why there is none.
using TokenSource = std::function<engine::Result<std::string>(const std::string& covered_bytes)>;
engine::Result<std::string> add_signature_timestamp(std::string signature_xml, const TokenSource& token_for);

struct SealTimestamp {
  engine::UtcTime time{};   // genTime
  std::string tsa;          // subject of the TSA certificate in the token
};

// The seal's signature time-stamp, checked: nullopt when there is none; an Error (kMalformed)
// naming what is wrong when the token does not parse, its imprint is not over this
// SignatureValue, or its signature does not verify with the certificate it carries; or there is
// more than one.
engine::Result<std::optional<SealTimestamp>> check_signature_timestamp(const engine::xml::Document& document,
                                                                       engine::xml::Node signature_value);

}  // namespace assay::service::audit::internal
