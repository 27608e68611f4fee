#include "validation/cades/cades_reader.h"

#include <algorithm>

#include "engine/cms/ber.h"
#include "engine/cms/cades_attributes.h"
#include "engine/cms/cms_findings.h"
#include "engine/cms/timestamp_token.h"
#include "engine/digest.h"
#include "engine/x509/ocsp_response.h"
#include "validation/cades/cades_findings.h"
#include "validation/cades/internal/cades_parts.h"

namespace assay::validation::cades {
namespace {

namespace cms = engine::cms;
using internal::SignedContent;

// Larger than the time-stamp defaults: an attached CAdES carries its document.
cms::CmsLimits cades_limits() {
  cms::CmsLimits limits;
  limits.max_bytes = 64u << 20;
  limits.max_certificates = 256;
  limits.max_crls = 256;
  limits.max_signers = 64;
  limits.max_attributes = 128;
  return limits;
}

constexpr int kMaxCounterSignatureDepth = 4;

void note(SignatureUnderValidation& out, std::string_view id, engine::Severity severity, std::string message,
          std::string where = "SignerInfo") {
  out.format_check.findings.push_back({std::string(id), severity, std::move(message), std::move(where)});
}

std::optional<std::string> message_digest(const cms::SignerInfo& si) {
  const auto* md = si.find_signed(cms::kOidMessageDigest);
  if (md == nullptr || md->values.size() != 1) return std::nullopt;
  auto value = cms::parse_message_digest(md->values[0]);
  return value ? std::optional<std::string>(*value) : std::nullopt;
}

// EN 319 122-1 5.2.2: signing-certificate-v2 (or v1) names the signer's certificate; prefer v2.
std::optional<cms::SigningCertificateRef> signing_certificate_reference(const cms::SignerInfo& si,
                                                                        SignatureUnderValidation& out) {
  std::optional<cms::SigningCertificateRef> ref;
  for (auto [oid, version] : {std::pair{cms::kOidSigningCertificateV2, 2}, std::pair{cms::kOidSigningCertificate, 1}}) {
    const auto count = std::count_if(si.signed_attributes.begin(), si.signed_attributes.end(),
                                     [&](const cms::Attribute& a) { return a.oid == oid; });
    if (count == 0) continue;
    const auto* a = si.find_signed(oid);
    if (count > 1 || a->values.size() != 1) {
      note(out, finding::kSigningCertificateMultiple, engine::Severity::kError,
           "signing-certificate" + std::string(version == 2 ? "-v2" : "") + " must be one attribute with one value");
    }
    auto parsed = cms::parse_signing_certificate(a->values[0], version);
    if (!parsed || parsed->certs.empty()) {
      note(out, finding::kSignedAttributeMalformed, engine::Severity::kError,
           "signing-certificate" + std::string(version == 2 ? "-v2" : "") + " does not decode" +
               (parsed ? std::string() : ": " + parsed.error().message()));
      continue;
    }
    if (!ref) ref = std::move(*parsed);
  }
  return ref;
}

// EN 319 102-1 5.2.3: the candidates are the certificates the sid names; the signing-certificate
// reference must match the one chosen.
void identify_signing_certificate(const cms::SignedData& sd, const cms::SignerInfo& si, SignatureUnderValidation& s) {
  const auto ref = signing_certificate_reference(si, s);
  auto& a = s.attributes;
  a.signing_certificate_reference_present = ref.has_value();
  auto candidates = sd.find_signer_certificates(si, s.certificates);
  engine::CertificatePtr chosen;
  if (ref) {
    const auto& first = ref->certs.front();
    a.signing_certificate_digest_algorithm = std::string(cms::digest_name_for_oid(first.hash_algorithm_oid));
    a.signing_certificate_issuer_serial_present = first.has_issuer_serial;
    // The candidate the reference names; none → the first candidate, with the mismatch reported
    // (ISC: NO_SIGNING_CERTIFICATE_FOUND).
    for (const auto& c : candidates) {
      const auto match = first.match(*c);
      if (match == cms::EssCertId::Match::kMatch || match == cms::EssCertId::Match::kIssuerSerialDiffers) {
        chosen = c;
        a.signing_certificate_digest_matches = true;
        a.signing_certificate_issuer_serial_matches = match == cms::EssCertId::Match::kMatch;
        break;
      }
    }
  }
  if (!chosen && !candidates.empty()) chosen = candidates.front();
  if (!chosen) {
    note(s, finding::kSigningCertificateNotFound, engine::Severity::kWarning,
         "no certificate of the CMS is the one the SignerInfo's sid names");
  }
  s.signing_certificate = chosen;
}

// The outcome of SignedData::verify / verify_counter_signature mapped to the model: digest and
// signature value drive CV; the structural problems are format findings.
void apply_verification(const cms::SignerVerification& v, SignatureUnderValidation& s) {
  s.signature_value_checked = true;
  s.signature_value_valid = v.signature_ok;
  for (const auto& f : v.findings) {
    if (f.severity != engine::Severity::kError) {
      note(s, f.id, f.severity, f.message);
      continue;
    }
    if (f.id == engine::cms_findings::kMessageDigestMismatch || f.id == engine::cms_findings::kSignatureInvalid) continue;
    if (f.id == engine::cms_findings::kSignatureUnverifiable) {
      s.signature_value_checked = false;
      note(s, f.id, engine::Severity::kWarning, f.message);
    } else if (f.id == engine::cms_findings::kSignerIdMismatch) {
      note(s, f.id, engine::Severity::kWarning, f.message);
    } else {
      note(s, f.id, engine::Severity::kError, f.message);
    }
  }
}

SignatureUnderValidation read_signer(const cms::SignedData& sd, const cms::SignerInfo& si, const SignedContent& content,
                                     const engine::Findings& document_findings, const cms::SignerInfo* parent,
                                     int depth);

void read_counter_signatures(const cms::SignedData& sd, const cms::SignerInfo& si,
                             const engine::Findings& document_findings, SignatureUnderValidation& s, int depth) {
  for (const auto& attribute : si.unsigned_attributes) {
    if (attribute.oid != cms::kOidCounterSignature) continue;
    for (const auto& value : attribute.values) {
      if (depth >= kMaxCounterSignatureDepth) {
        note(s, finding::kUnsignedAttributeMalformed, engine::Severity::kWarning,
             "countersignatures nested deeper than " + std::to_string(kMaxCounterSignatureDepth) + " are not read");
        return;
      }
      auto counter = cms::parse_signer_info(value, cades_limits());
      if (!counter) {
        note(s, finding::kUnsignedAttributeMalformed, engine::Severity::kWarning,
             "a countersignature is unreadable: " + counter.error().message());
        continue;
      }
      SignedContent parent_value{true, si.signature, "the signature value of " + s.id};
      s.counter_signatures.push_back(read_signer(sd, *counter, parent_value, document_findings, &si, depth + 1));
    }
  }
}

SignatureUnderValidation read_signer(const cms::SignedData& sd, const cms::SignerInfo& si, const SignedContent& content,
                                     const engine::Findings& document_findings, const cms::SignerInfo* parent,
                                     int depth) {
  SignatureUnderValidation s;
  s.format = SignatureFormat::kCAdES;
  s.id = "S-" + engine::sha256_hex(si.signature).substr(0, 16);
  s.format_check.findings = document_findings;
  for (const auto& f : si.findings) {
    // RFC 5652 5.3: unsorted / non-minimal signed attributes are verified as received (what DSS
    // and Bouncy Castle do); reported, not fatal.
    note(s, f.id, f.id == engine::cms_findings::kSignedAttributesNotDer ? engine::Severity::kWarning : f.severity, f.message);
  }
  s.signature_algorithm = si.signature_algorithm.name;
  s.digest_algorithm = !si.signature_algorithm.digest.empty() ? si.signature_algorithm.digest : si.digest_algorithm;
  s.signature_value_sha256 = engine::sha256(si.signature);
  s.certificates = sd.certificates();
  s.crls = sd.crls();
  s.ocsp_responses = sd.ocsp_responses();
  internal::read_validation_values(si, s);
  internal::read_signed_attributes(si, s);
  identify_signing_certificate(sd, si, s);

  SignedReference ref;
  ref.id = "message-digest";
  ref.uri = content.name;
  ref.type = parent ? "counter-signature" : "";
  ref.digest_algorithm = si.digest_algorithm.empty() ? si.digest_algorithm_oid : si.digest_algorithm;
  ref.found = content.available;
  if (!content.available) ref.message = "the content is detached and was not given";
  if (s.signing_certificate) {
    const auto v = parent ? cms::verify_counter_signature(si, *parent, *s.signing_certificate)
                          : sd.verify(si, *s.signing_certificate,
                                      content.available ? std::optional<std::string_view>(content.bytes) : std::nullopt);
    apply_verification(v, s);
    ref.intact = content.available && v.message_digest_ok;
  } else if (content.available) {
    const auto md = message_digest(si);
    ref.intact = md && engine::digest_by_oid(si.digest_algorithm_oid, content.bytes) == *md;
  }
  if (ref.found && !ref.intact) ref.message = "the " + ref.digest_algorithm + " digest of the content differs from message-digest";
  s.references.push_back(ref);

  ScopeEntry scope;
  scope.name = parent ? content.name : content.name.empty() ? "the encapsulated content" : content.name;
  scope.kind = parent ? "counter-signature" : content.name.empty() ? "full" : "detached";
  scope.description = parent ? "The countersigned signature value"
                      : content.name.empty() ? "The content encapsulated in the CMS SignedData"
                                             : "The detached content '" + content.name + "'";
  if (content.available) {
    // An intact SHA-256 message-digest is the scope digest already: 1 MB is not hashed twice.
    const auto md = ref.intact && si.digest_algorithm == "SHA-256" ? message_digest(si) : std::nullopt;
    if (md && md->size() == engine::Sha256{}.size()) {
      engine::Sha256 d;
      std::copy(md->begin(), md->end(), reinterpret_cast<char*>(d.data()));
      scope.sha256 = d;
    } else {
      scope.sha256 = engine::sha256(content.bytes);
    }
  }
  s.scope.push_back(std::move(scope));

  internal::read_timestamps(sd, si, content, s);
  s.level = internal::detect_level(sd, si, s);
  read_counter_signatures(sd, si, document_findings, s, depth);
  return s;
}

// RFC 5652 5.2: detached content; with several candidates, the one the first message-digest names.
SignedContent select_content(const cms::SignedData& sd, const CadesReadOptions& options) {
  if (sd.content()) return {true, *sd.content(), ""};
  if (options.detached.empty()) return {};
  if (options.detached.size() > 1 && !sd.signer_infos().empty()) {
    const auto& first = sd.signer_infos().front();
    if (const auto md = message_digest(first)) {
      for (const auto& d : options.detached) {
        if (engine::digest_by_oid(first.digest_algorithm_oid, d.bytes) == *md) return {true, d.bytes, d.name};
      }
    }
  }
  return {true, options.detached.front().bytes, options.detached.front().name};
}

// The total length of a definite-length element at the start of `bytes`.
std::optional<std::size_t> definite_length(std::string_view bytes) {
  if (bytes.size() < 2) return std::nullopt;
  const auto first = static_cast<unsigned char>(bytes[1]);
  if (first < 0x80) return 2 + first;
  const std::size_t n = first & 0x7f;
  if (n == 0 || n > 4 || bytes.size() < 2 + n) return std::nullopt;
  std::size_t length = 0;
  for (std::size_t i = 0; i < n; ++i) length = (length << 8) | static_cast<unsigned char>(bytes[2 + i]);
  return 2 + n + length;
}

}  // namespace

bool looks_like_cms_signed_data(std::string_view bytes) noexcept {
  // SEQUENCE (definite or indefinite length) then OBJECT IDENTIFIER 1.2.840.113549.1.7.2.
  static constexpr std::string_view kSignedDataOid = "\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02";
  if (bytes.size() < 2 + kSignedDataOid.size() || static_cast<unsigned char>(bytes[0]) != 0x30) return false;
  const auto first = static_cast<unsigned char>(bytes[1]);
  std::size_t header = 2;
  if (first > 0x80) header += first & 0x7f;
  if (first > 0x84) return false;
  return bytes.substr(header).starts_with(kSignedDataOid);
}

engine::Result<CadesDocument> read_cades(std::string_view bytes, const CadesReadOptions& options) {
  const auto limits = cades_limits();
  CadesDocument out;
  // Some producers pad the CMS with zero bytes (a fixed-size buffer); only zeros are tolerated.
  if (const auto length = definite_length(bytes); length && *length < bytes.size() &&
      bytes.find_first_not_of('\0', *length) == std::string_view::npos) {
    bytes = bytes.substr(0, *length);
    out.findings.push_back({std::string(finding::kTrailingPadding), engine::Severity::kWarning,
                            "the CMS is followed by zero bytes, ignored", "ContentInfo"});
  }
  auto sd = cms::SignedData::parse_der(bytes, limits);
  std::optional<cms::BerNormalized> normalized;
  if (!sd && sd.error().code() == engine::Code::kMalformed) {
    // Many producers write the outer layers in BER (indefinite lengths, constructed eContent).
    auto ber = cms::ber_to_der(bytes, limits.max_bytes);
    if (!ber) return std::unexpected(sd.error());
    if (ber->changed.empty()) return std::unexpected(sd.error());
    normalized = std::move(*ber);
    sd = cms::SignedData::parse_der(normalized->der, limits);
    if (!sd) return std::unexpected(sd.error());
    out.findings.push_back({std::string(finding::kBerEncoded), engine::Severity::kInfo,
                            "the CMS is BER-encoded (indefinite lengths or constructed strings); it was read after "
                            "DER normalisation",
                            "ContentInfo"});
  }
  if (!sd) return std::unexpected(sd.error());
  const SignedContent content = select_content(**sd, options);
  for (const auto& si : (*sd)->signer_infos()) {
    engine::Findings findings = out.findings;
    if (normalized && si.has_signed_attributes) {
      // RFC 5652 5.4: the signed attributes are signed as DER; BER there is refused, not repaired.
      std::string needle = si.signed_attributes_der;
      needle[0] = static_cast<char>(0xa0);
      const auto at = normalized->der.find(needle);
      const bool changed = at != std::string::npos &&
                           std::any_of(normalized->changed.begin(), normalized->changed.end(), [&](const auto& r) {
                             return r.first >= at && r.second <= at + needle.size();
                           });
      if (changed) {
        findings.push_back({std::string(finding::kSignedAttributesBer), engine::Severity::kError,
                            "the signed attributes use BER (indefinite lengths or constructed strings) where RFC 5652 "
                            "5.4 requires DER",
                            "signedAttrs"});
      }
    }
    out.signatures.push_back(read_signer(**sd, si, content, findings, nullptr, 0));
  }
  return out;
}

}  // namespace assay::validation::cades
