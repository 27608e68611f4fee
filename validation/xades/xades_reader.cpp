#include "validation/xades/xades_reader.h"

#include <algorithm>
#include <cctype>

#include "engine/digest.h"
#include "engine/x509/certificate.h"
#include "engine/xmldsig/findings.h"
#include "validation/xades/internal/xades_parts.h"
#include "validation/xades/xades_findings.h"

namespace assay::validation::xades {
namespace {

using engine::xml::Node;
using engine::xmldsig::GeneralReference;
using engine::xmldsig::GeneralSignature;
using engine::xmldsig::ReferenceTarget;
using namespace internal;

constexpr std::string_view kCountersignedType = "http://uri.etsi.org/01903#CountersignedSignature";

std::string digest_name(std::string_view uri) {
  if (uri.ends_with("#sha1")) return "SHA-1";
  if (uri.ends_with("#sha224")) return "SHA-224";
  if (uri.ends_with("#sha256")) return "SHA-256";
  if (uri.ends_with("#sha384")) return "SHA-384";
  if (uri.ends_with("#sha512")) return "SHA-512";
  return std::string(uri);
}

// "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" → "RSA-SHA256" (RFC 6931 names).
void name_signature_algorithm(std::string_view uri, SignatureUnderValidation& s) {
  const auto hash = uri.substr(uri.find('#') == std::string_view::npos ? uri.size() : uri.find('#') + 1);
  std::string name(hash);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
  // "RSA-SHA256", "ECDSA-SHA384", "SHA256-RSA-MGF1" (RSASSA-PSS).
  s.signature_algorithm = name;
  for (std::string_view d : {"SHA1", "SHA224", "SHA256", "SHA384", "SHA512"}) {
    if (name.find(d) != std::string::npos) s.digest_algorithm = "SHA-" + std::string(d.substr(3));
  }
}

SignedReference to_reference(const GeneralReference& r) {
  SignedReference out;
  out.id = r.id;
  out.uri = r.uri.value_or("");
  out.type = r.type;
  out.digest_algorithm = digest_name(r.digest_method);
  out.found = r.found;
  out.intact = r.found && r.intact;
  out.message = r.message;
  return out;
}

// What a reference covered, said so a person can check it (the signature scope).
ScopeEntry to_scope(const GeneralReference& r, const GeneralSignature& signature) {
  ScopeEntry e;
  const bool enveloped = std::find(r.transforms.begin(), r.transforms.end(),
                                   "http://www.w3.org/2000/09/xmldsig#enveloped-signature") != r.transforms.end();
  if (r.target == ReferenceTarget::kWholeDocument) {
    e.name = "the whole document";
    e.kind = "full";
    e.description = enveloped ? "The whole XML document, except its signature" : "The whole XML document";
  } else if (r.target == ReferenceTarget::kElement && !r.element.parent()) {
    // "#<root Id>": the root element is the whole document (older trusted lists sign this way).
    e.name = r.uri.value_or("");
    e.kind = "full";
    e.description = enveloped ? "The whole XML document (its root element by Id), except its signature"
                              : "The whole XML document (its root element by Id)";
  } else if (r.target == ReferenceTarget::kDetached) {
    e.name = r.detached_name;
    e.kind = "detached";
    e.description = "The detached content '" + r.detached_name + "'";
  } else {
    e.name = r.uri.value_or("");
    const bool counter = r.type == kCountersignedType || r.element.is(kDsig, "SignatureValue");
    const bool manifest = r.element.is(kDsig, "Manifest");
    const bool inside_signature = signature.signature && r.element.path().starts_with(signature.path + "/");
    e.kind = counter ? "counter-signature" : manifest ? "manifest" : "partial";
    e.description = std::string(counter ? "The counter-signed signature value at " : "The element at ") +
                    r.element_path + (inside_signature ? " (inside the signature)" : "") +
                    (enveloped ? ", except its signature" : "");
  }
  if (r.found) e.sha256 = engine::sha256(r.octets);
  return e;
}

// EN 319 102-1 5.2.3: the signing certificate is the candidate the SigningCertificate(V2)
// property names; without that property, the KeyInfo certificate the SignatureValue verifies with.
engine::Result<void> identify_signing_certificate(const GeneralSignature& g, const std::vector<CertReference>& refs,
                                                  SignatureUnderValidation& s) {
  engine::CertificatePtr chosen;
  if (!refs.empty()) {
    for (const auto& candidate : s.certificates) {
      if (digest_matches(refs.front(), *candidate)) {
        chosen = candidate;
        break;
      }
    }
    s.attributes.signing_certificate_digest_matches = chosen != nullptr;
  }
  if (!chosen && g.verifying_certificate) {
    auto parsed = engine::Certificate::parse_der(g.key_info_certificates[*g.verifying_certificate]);
    if (parsed) chosen = *parsed;
  }
  if (!chosen && refs.empty() && !s.certificates.empty() && !g.key_info_certificates.empty()) {
    chosen = s.certificates.front();  // the KeyInfo certificate; the value does not verify with it
  }
  if (!chosen) {
    s.format_check.findings.push_back({std::string(finding::kSigningCertificateNotFound), engine::Severity::kWarning,
                                       "no certificate of the signature is the signing certificate", g.path});
    return {};
  }
  if (!refs.empty()) {
    const auto issuer_serial = issuer_serial_matches(refs.front(), *chosen);
    s.attributes.signing_certificate_issuer_serial_present = issuer_serial.has_value();
    s.attributes.signing_certificate_issuer_serial_matches = issuer_serial.value_or(false);
  }
  s.signing_certificate = chosen;
  s.signature_value_checked = true;
  s.signature_value_valid = false;
  // The general verifier already tried the SignatureValue with every KeyInfo certificate until
  // one verified (general_verifier.h): for one of those the answer is known, and a second RSA /
  // ECDSA verification of the same bytes with the same key would only repeat it.
  const auto& key_info = g.key_info_certificates;
  if (g.verifying_certificate && key_info[*g.verifying_certificate] == chosen->der()) {
    s.signature_value_valid = true;
    return {};
  }
  const bool tried = std::find(key_info.begin(), key_info.end(), chosen->der()) != key_info.end();
  if (!g.verifying_certificate && tried) return {};  // tried with this very certificate: it did not verify
  auto valid = engine::xmldsig::verify_signature_value_with(g, chosen->der());
  if (!valid) return std::unexpected(valid.error());
  s.signature_value_valid = *valid;
  return {};
}

engine::Result<SignatureUnderValidation> read_one(const engine::xml::Document& document, const GeneralSignature& g,
                                                  const engine::Findings& document_findings) {
  SignatureUnderValidation s;
  s.format = SignatureFormat::kXAdES;
  s.id = !g.id.empty() ? g.id : "S-" + engine::sha256_hex(g.path + g.signature_value).substr(0, 16);
  s.format_check.findings = document_findings;
  s.format_check.findings.insert(s.format_check.findings.end(), g.findings.begin(), g.findings.end());
  // A SignatureValue that is not base64 leaves the structure intact: it is a value that does not
  // verify (EN 319 102-1 5.2.7 CV → SIG_CRYPTO_FAILURE, as DSS has it), not a signature too
  // malformed to be checked (5.2.2 FC). The finding stays, as a warning, to say why.
  for (auto& f : s.format_check.findings) {
    if (f.id == engine::xmldsig::reason::kSignatureValueUnreadable) f.severity = engine::Severity::kWarning;
  }
  name_signature_algorithm(g.signature_method, s);
  s.signature_value_sha256 = engine::sha256(g.signature_value);

  const QualifyingParts parts = find_qualifying_properties(g, s.format_check.findings);
  bool signed_properties_signed = false;
  for (const GeneralReference& r : g.references) {
    s.references.push_back(to_reference(r));
    if (r.target == ReferenceTarget::kElement && parts.signed_properties &&
        r.element.raw() == parts.signed_properties.raw()) {
      signed_properties_signed = true;
      continue;
    }
    s.scope.push_back(to_scope(r, g));
    for (const GeneralReference& entry : r.manifest) {
      s.scope.push_back(to_scope(entry, g));
      s.scope.back().kind = "manifest";
      s.references.push_back(to_reference(entry));
      s.references.back().manifest_entry = true;
      if (!entry.found) {
        s.format_check.findings.push_back({std::string(finding::kManifestReferenceFailed), engine::Severity::kWarning,
                                           "a Manifest reference (URI=\"" + entry.uri.value_or("") + "\"): " + entry.message,
                                           r.element_path});
      }
    }
  }
  if (parts.signed_properties && !signed_properties_signed) {
    s.format_check.findings.push_back({std::string(finding::kSignedPropertiesNotSigned), engine::Severity::kError,
                                       "no SignedInfo reference covers xades:SignedProperties",
                                       parts.signed_properties.path()});
  }

  std::vector<CertReference> cert_refs;
  read_signed_properties(parts, s.attributes, cert_refs, s.format_check.findings);
  if (!cert_refs.empty()) s.attributes.signing_certificate_digest_algorithm = digest_name(cert_refs.front().digest_method);
  for (const auto& der : g.key_info_certificates) {
    if (auto c = engine::Certificate::parse_der(der)) {
      s.certificates.push_back(*c);
    } else {
      s.format_check.findings.push_back({std::string(finding::kCertificateUnreadable), engine::Severity::kWarning,
                                         "a KeyInfo certificate is unreadable: " + c.error().message(), g.path});
    }
  }
  read_validation_data(parts, s);
  if (auto ok = identify_signing_certificate(g, cert_refs, s); !ok) return std::unexpected(ok.error());
  read_timestamps(document, g, parts, s);
  s.level = detect_level(parts, s);
  return s;
}

// True when `child` sits in a xades:CounterSignature of the signature `parent`.
bool is_counter_signature(const GeneralSignature& child) {
  Node up = child.signature.parent();
  return up && up.is(kXades132, "CounterSignature");
}

}  // namespace

engine::Result<XadesDocument> read_xades(const engine::xml::Document& document, const XadesReadOptions& options) {
  engine::xmldsig::GeneralVerifyOptions verify;
  verify.detached = options.detached;
  verify.keep_reference_octets = true;  // scope digests and time-stamp imprints need them
  auto verified = engine::xmldsig::verify_signatures(document, verify);
  if (!verified) return std::unexpected(verified.error());

  XadesDocument out;
  out.findings = verified->findings;
  const auto& all = verified->signatures;
  std::vector<SignatureUnderValidation> read(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto s = read_one(document, all[i], out.findings);
    if (!s) return std::unexpected(s.error());
    read[i] = std::move(*s);
  }
  // Children after parents in document order: attach counter-signatures bottom-up.
  for (std::size_t i = all.size(); i-- > 0;) {
    if (all[i].parent && is_counter_signature(all[i])) {
      read[*all[i].parent].counter_signatures.insert(read[*all[i].parent].counter_signatures.begin(),
                                                     std::move(read[i]));
    }
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!(all[i].parent && is_counter_signature(all[i]))) out.signatures.push_back(std::move(read[i]));
  }
  return out;
}

engine::Result<XadesDocument> read_xades(std::string_view bytes, const XadesReadOptions& options) {
  auto document = engine::xml::Document::parse(bytes);
  if (!document) return std::unexpected(document.error());
  return read_xades(**document, options);
}

}  // namespace assay::validation::xades
