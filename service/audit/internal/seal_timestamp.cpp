// The seal's signature time-stamp (seal_timestamp.h).
#include "service/audit/internal/seal_timestamp.h"

#include "engine/base64.h"
#include "engine/cms/timestamp_builder.h"
#include "engine/cms/timestamp_token.h"
#include "engine/digest.h"
#include "engine/file.h"
#include "engine/xmldsig/algorithms.h"
#include "engine/xmldsig/general_verifier.h"

namespace assay::service::audit::internal {
namespace {

using engine::Code;

constexpr std::string_view kDs = "http://www.w3.org/2000/09/xmldsig#";
constexpr std::string_view kXades = "http://uri.etsi.org/01903/v1.3.2#";

engine::Error bad(std::string message) { return engine::Error(Code::kMalformed, "seal time-stamp: " + std::move(message)); }

}  // namespace

engine::Result<LocalTsa> load_local_tsa(const std::string& key_file, const std::string& certificate_file) {
  if (key_file.empty() || certificate_file.empty()) {
    return engine::fail(Code::kInvalidArgument, "a local time-stamping unit needs both its key and its certificate");
  }
  auto key_pem = engine::read_file(key_file, 1 << 20);
  if (!key_pem) return std::unexpected(std::move(key_pem.error()).with_context("TSA key"));
  auto key = engine::PrivateKey::from_pem(*key_pem);
  if (!key) return std::unexpected(std::move(key.error()).with_context("TSA key " + key_file));
  auto cert_pem = engine::read_file(certificate_file, 1 << 20);
  if (!cert_pem) return std::unexpected(std::move(cert_pem.error()).with_context("TSA certificate"));
  auto chain = engine::Certificate::parse_pem_chain(*cert_pem);
  if (!chain) return std::unexpected(std::move(chain.error()).with_context("TSA certificate " + certificate_file));
  if (chain->empty() || chain->front()->public_key().der != key->public_key_der()) {
    return engine::fail(Code::kInvalidArgument, "the TSA key is not the key of the TSA certificate " + certificate_file);
  }
  return LocalTsa{std::move(*key), std::move(*chain)};
}

engine::Result<std::string> add_signature_timestamp(std::string signature_xml, const LocalTsa& tsa, engine::UtcTime at) {
  return add_signature_timestamp(std::move(signature_xml), [&tsa, at](const std::string& covered) {
    engine::cms::TimestampTokenSpec spec;
    spec.covered_bytes = covered;
    spec.gen_time = at;
    // A serial unique per seal (RFC 3161 2.4.2 requires uniqueness per TSA): from the covered value.
    spec.serial_hex = "01" + engine::sha256_hex(covered).substr(0, 30);
    spec.extra_certificates.assign(tsa.chain.begin() + 1, tsa.chain.end());
    return engine::cms::build_timestamp_token(spec, *tsa.chain.front(), tsa.key);
  });
}

engine::Result<std::string> add_signature_timestamp(std::string signature_xml, const TokenSource& token_for) {
  auto document = engine::xml::Document::parse(signature_xml);
  if (!document) return std::unexpected(std::move(document.error()).with_context("the seal to time-stamp"));
  const engine::xml::Node signature = (*document)->root().child(kDs, "Signature");
  const engine::xml::Node value = signature ? signature.child(kDs, "SignatureValue") : engine::xml::Node();
  if (!value) return engine::fail(Code::kInternal, "the seal has no ds:SignatureValue to time-stamp");
  // EN 319 132-1 5.3: the message imprint is over the canonical SignatureValue element, with the
  // canonicalisation the SignatureTimeStamp names.
  auto covered = engine::xmldsig::canonicalize_element(**document, value, engine::xmldsig::kExcC14n);
  if (!covered) return std::unexpected(covered.error());
  auto token = token_for(*covered);
  if (!token) return std::unexpected(std::move(token.error()).with_context("time-stamping the seal"));
  constexpr std::string_view kEnd = "</xades:QualifyingProperties>";
  const auto end = signature_xml.find(kEnd);
  if (end == std::string::npos) return engine::fail(Code::kInternal, "the seal has no xades:QualifyingProperties");
  signature_xml.insert(end, "<xades:UnsignedProperties><xades:UnsignedSignatureProperties>"
                            "<xades:SignatureTimeStamp Id=\"audit-seal-timestamp\"><ds:CanonicalizationMethod Algorithm=\"" +
                                std::string(engine::xmldsig::kExcC14n) + "\"/><xades:EncapsulatedTimeStamp>" +
                                engine::base64_encode(*token) +
                                "</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>"
                                "</xades:UnsignedSignatureProperties></xades:UnsignedProperties>");
  return signature_xml;
}

engine::Result<std::optional<SealTimestamp>> check_signature_timestamp(const engine::xml::Document& document,
                                                                       engine::xml::Node signature_value) {
  const engine::xml::Node signature = signature_value.parent();
  engine::xml::Node stamp;
  int count = 0;
  for (auto object : signature.children(kDs, "Object")) {
    const auto usp = object.child(kXades, "QualifyingProperties").child(kXades, "UnsignedProperties").child(kXades, "UnsignedSignatureProperties");
    if (!usp) continue;
    for (auto s : usp.children(kXades, "SignatureTimeStamp")) {
      stamp = s;
      ++count;
    }
  }
  if (count == 0) return std::optional<SealTimestamp>{};
  if (count > 1) return std::unexpected(bad("more than one SignatureTimeStamp"));
  const auto method = stamp.child(kDs, "CanonicalizationMethod");
  const std::string c14n = method ? method.attribute("Algorithm").value_or("") : std::string();
  auto der = engine::base64_decode(stamp.child(kXades, "EncapsulatedTimeStamp").trimmed_text());
  if (!der) return std::unexpected(bad("EncapsulatedTimeStamp is not base64"));
  auto token = engine::cms::TimestampToken::parse_der(*der);
  if (!token) return std::unexpected(bad(token.error().message()));
  auto covered = engine::xmldsig::canonicalize_element(document, signature_value, c14n);
  if (!covered) return std::unexpected(bad(covered.error().message()));
  const auto& tst = (*token)->tst_info();
  const auto digest = engine::sha256(*covered);
  if (tst.imprint_algorithm != "SHA-256" ||
      tst.hashed_message != std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())) {
    return std::unexpected(bad("its message imprint is not over this seal's SignatureValue"));
  }
  const auto& sd = (*token)->signed_data();
  const auto signers = sd.find_signer_certificates((*token)->signer());
  if (signers.empty()) return std::unexpected(bad("the token does not carry the TSA certificate"));
  if (!sd.verify((*token)->signer(), *signers.front()).ok()) return std::unexpected(bad("the token's signature does not verify"));
  return std::optional<SealTimestamp>{SealTimestamp{tst.gen_time, signers.front()->subject().rfc4514}};
}

}  // namespace assay::service::audit::internal
