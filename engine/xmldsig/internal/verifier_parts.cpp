#include "engine/xmldsig/internal/verifier_parts.h"

#include <libxml/tree.h>

#include <algorithm>

#include "engine/base64.h"
#include "engine/digest.h"
#include "engine/xmldsig/findings.h"

namespace assay::engine::xmldsig::internal {
namespace {

constexpr std::string_view kExcC14nNs = "http://www.w3.org/2001/10/xml-exc-c14n#";

std::string path_of(const xmlNode* n) { return xml::Node(n).path(); }

std::vector<std::string> split_prefix_list(const std::string& list) {
  std::vector<std::string> out;
  std::string cur;
  for (const char c : list + " ") {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

// The exclusive C14N InclusiveNamespaces PrefixList under a method/transform element, if any.
std::vector<std::string> inclusive_prefixes(const xmlNode* method) {
  std::string list;
  if (const xmlNode* in = child_element(method, kExcC14nNs, "InclusiveNamespaces"); in != nullptr) {
    attribute(in, "PrefixList", &list);
  }
  return split_prefix_list(list);
}

// Names the transforms an attacker would use, so the finding says what was refused.
std::string transform_label(std::string_view uri) {
  if (uri == "http://www.w3.org/TR/1999/REC-xpath-19991116") return "XPath";
  if (uri == "http://www.w3.org/2002/06/xmldsig-filter2") return "XPath Filter 2.0";
  if (uri == "http://www.w3.org/TR/1999/REC-xslt-19991116") return "XSLT";
  if (uri == "http://www.w3.org/2000/09/xmldsig#base64") return "Base64";
  return "unknown";
}

}  // namespace

int precedence(std::string_view id) {
  if (id == reason::kReferenceDigestMismatch) return 1;
  if (id == reason::kSigningCertificateMismatch || id == reason::kSigningCertificateMissing) return 2;
  if (id == reason::kSignatureValueInvalid) return 3;
  if (id == reason::kSigningTimeMissing || id == reason::kSigningTimeOutsideValidity) return 4;
  return 0;
}

Verification::Verification(const xml::Document& document, const VerifyOptions& options)
    : doc(document.raw()), root(document.root().raw()), options_(options) {}

void Verification::add(std::string_view id, std::string message, const xmlNode* where) {
  report.findings.push_back(Finding{std::string(id), Severity::kError, std::move(message),
                                    where != nullptr ? path_of(where) : std::string()});
}

bool Verification::locate_signature() {
  scan_ = scan_document(doc, kDsigNs, "Signature");
  if (scan_.matches.empty()) {
    add(reason::kUnsigned, "the document has no ds:Signature element");
    return false;
  }
  if (scan_.matches.size() > 1) {
    add(reason::kMultipleSignatures,
        std::to_string(scan_.matches.size()) + " ds:Signature elements; exactly one is allowed", scan_.matches[1]);
    return false;
  }
  signature = scan_.matches.front();
  if (signature->parent != root) {
    add(reason::kSignatureNotChildOfRoot, "the ds:Signature is not a child of the root element", signature);
    return false;
  }
  if (!scan_.duplicate_ids.empty()) {
    add(reason::kDuplicateId, "Id value '" + scan_.duplicate_ids.front() + "' occurs more than once");
    return false;
  }

  // XMLDSig 4.1: SignedInfo, SignatureValue, KeyInfo?, Object*.
  const auto children = child_elements(signature);
  std::size_t i = 0;
  if (i < children.size() && is_element(children[i], kDsigNs, "SignedInfo")) signed_info = children[i++];
  const xmlNode* value = nullptr;
  if (i < children.size() && is_element(children[i], kDsigNs, "SignatureValue")) value = children[i++];
  if (i < children.size() && is_element(children[i], kDsigNs, "KeyInfo")) ++i;
  for (; i < children.size() && is_element(children[i], kDsigNs, "Object"); ++i) {
    const auto content = child_elements(children[i]);
    if (content.size() != 1 || !is_element(content.front(), kXadesNs, "QualifyingProperties")) {
      add(reason::kUnexpectedObject, "a ds:Object holds something other than one xades:QualifyingProperties",
          children[i]);
      continue;
    }
    qualifying_properties_.push_back(content.front());
  }
  if (signed_info == nullptr || value == nullptr || i != children.size()) {
    add(reason::kMalformedSignature,
        "ds:Signature must hold SignedInfo, SignatureValue, KeyInfo and Object elements, in that order", signature);
    return false;
  }
  if (qualifying_properties_.size() > 1) {
    add(reason::kUnexpectedObject, "more than one xades:QualifyingProperties", qualifying_properties_[1]);
  }
  for (const xmlNode* qp : qualifying_properties_) {
    for (const xmlNode* c : child_elements(qp)) {
      if (!is_element(c, kXadesNs, "SignedProperties") && !is_element(c, kXadesNs, "UnsignedProperties")) {
        add(reason::kUnexpectedObject, "unexpected element in xades:QualifyingProperties", c);
      }
    }
  }
  auto decoded = base64_decode(text_of(value));
  if (!decoded || decoded->empty()) {
    add(reason::kMalformedSignature, "the SignatureValue is not base64", value);
  } else {
    signature_value = std::move(*decoded);
  }
  return true;
}

void Verification::parse_signed_info() {
  const auto children = child_elements(signed_info);
  const xmlNode* c14n = children.size() > 0 && is_element(children[0], kDsigNs, "CanonicalizationMethod") ? children[0] : nullptr;
  const xmlNode* sm = children.size() > 1 && is_element(children[1], kDsigNs, "SignatureMethod") ? children[1] : nullptr;
  for (std::size_t i = 2; i < children.size(); ++i) {
    if (!is_element(children[i], kDsigNs, "Reference")) {
      add(reason::kMalformedSignature, "unexpected element in ds:SignedInfo", children[i]);
    }
  }
  if (c14n == nullptr || sm == nullptr) {
    add(reason::kMalformedSignature, "ds:SignedInfo must start with CanonicalizationMethod and SignatureMethod",
        signed_info);
    return;
  }
  attribute(c14n, "Algorithm", &report.canonicalization_method);
  if (auto m = c14n_from_uri(report.canonicalization_method)) {
    signed_info_c14n = *m;
    if (m->mode == C14nMode::kExclusive10) signed_info_prefixes = inclusive_prefixes(c14n);
  } else {
    add(reason::kUnsupportedAlgorithm, "CanonicalizationMethod '" + report.canonicalization_method + "' is not supported", c14n);
  }

  attribute(sm, "Algorithm", &report.signature_method);
  if (is_hmac_uri(report.signature_method)) {
    add(reason::kHmacNotAllowed, "HMAC SignatureMethod '" + report.signature_method + "' is not allowed", sm);
    return;
  }
  method = signature_method_from_uri(report.signature_method);
  if (!method) {
    add(reason::kUnsupportedAlgorithm, "SignatureMethod '" + report.signature_method + "' is not supported", sm);
  } else if (method->digest == DigestAlgorithm::kSha1 && options_.sha1 == Sha1Policy::kReject) {
    add(reason::kUnsupportedAlgorithm, "SignatureMethod '" + report.signature_method + "' uses SHA-1", sm);
    method.reset();
  }
}

bool Verification::parse_transforms(const xmlNode* reference, ParsedReference& ref) {
  bool ok = true;
  const xmlNode* transforms = child_element(reference, kDsigNs, "Transforms");
  for (const xmlNode* t : child_elements(transforms)) {
    std::string algorithm;
    if (!is_element(t, kDsigNs, "Transform") || !attribute(t, "Algorithm", &algorithm)) {
      add(reason::kMalformedSignature, "ds:Transforms holds something other than ds:Transform", t);
      ok = false;
      continue;
    }
    ref.report.transforms.push_back(algorithm);
    if (algorithm == kEnvelopedTransform) continue;
    if (auto m = c14n_from_uri(algorithm)) {
      ref.c14n = *m;
      if (m->mode == C14nMode::kExclusive10) ref.inclusive_prefixes = inclusive_prefixes(t);
      continue;
    }
    add(reason::kTransformNotAllowed,
        transform_label(algorithm) + " transform '" + algorithm + "' is not allowed in reference URI=\"" +
            ref.report.uri + "\"",
        t);
    ok = false;
  }
  return ok;
}

void Verification::classify(ParsedReference& ref, bool has_enveloped) {
  const std::string& uri = ref.report.uri;
  if (uri.empty()) {
    ref.report.kind = ReferenceKind::kDocument;
    return;
  }
  // Only bare-name XPointers ("#id") are same-document references we follow (XMLDSig 4.4.3.3).
  if (uri.size() < 2 || uri[0] != '#' || uri.starts_with("#xpointer(")) {
    add(reason::kReferenceNotAllowed,
        "reference URI=\"" + uri + "\" is not allowed: only \"\", \"#<root Id>\" and this signature's "
        "SignedProperties may be referenced");
    return;
  }
  const auto it = scan_.ids.find(uri.substr(1));
  if (it == scan_.ids.end()) {
    add(reason::kReferenceUnresolved, "reference URI=\"" + uri + "\" does not resolve to any element");
    return;
  }
  const xmlNode* target = it->second;
  ref.apex = target;
  if (target == root) {
    ref.report.kind = ReferenceKind::kDocument;
  } else if (is_element(target, kXadesNs, "SignedProperties") && is_inside(target, signature)) {
    ref.report.kind = ReferenceKind::kSignedProperties;
  } else if (has_enveloped) {
    add(reason::kWrapped,
        "the whole-document reference URI=\"" + uri + "\" resolves to " + path_of(target) + ", not to the root element",
        target);
  } else {
    add(reason::kReferenceNotAllowed,
        "reference URI=\"" + uri + "\" points at " + path_of(target) +
            ": only the root and this signature's SignedProperties may be referenced",
        target);
  }
}

void Verification::parse_references() {
  if (signed_info == nullptr) return;
  int document_refs = 0;
  int properties_refs = 0;
  for (const xmlNode* r = child_element(signed_info, kDsigNs, "Reference"); r != nullptr; r = r->next) {
    if (!is_element(r, kDsigNs, "Reference")) continue;
    ParsedReference ref;
    attribute(r, "Type", &ref.report.type);
    if (!attribute(r, "URI", &ref.report.uri)) {
      add(reason::kReferenceNotAllowed, "a reference without URI is not allowed", r);
      report.references.push_back(ref.report);
      continue;
    }
    const bool transforms_ok = parse_transforms(r, ref);
    const auto& t = ref.report.transforms;
    const bool has_enveloped = std::find(t.begin(), t.end(), kEnvelopedTransform) != t.end();
    classify(ref, has_enveloped);

    if (transforms_ok && ref.report.kind == ReferenceKind::kDocument) {
      // enveloped-signature, then at most one canonicalisation (TS 119 612 B.1).
      if (t.empty() || t.front() != kEnvelopedTransform || t.size() > 2 ||
          (t.size() == 2 && !c14n_from_uri(t[1]))) {
        add(reason::kTransformNotAllowed,
            "the whole-document reference must apply the enveloped-signature transform, then at most one "
            "canonicalisation",
            r);
      }
    } else if (transforms_ok && ref.report.kind == ReferenceKind::kSignedProperties) {
      if (t.size() > 1 || (t.size() == 1 && !c14n_from_uri(t[0]))) {
        add(reason::kTransformNotAllowed, "the SignedProperties reference may only apply one canonicalisation", r);
      }
    }

    const xmlNode* dm = child_element(r, kDsigNs, "DigestMethod");
    const xmlNode* dv = child_element(r, kDsigNs, "DigestValue");
    attribute(dm, "Algorithm", &ref.report.digest_method);
    ref.digest = digest_from_uri(ref.report.digest_method);
    if (dm == nullptr || dv == nullptr) {
      add(reason::kMalformedSignature, "a reference lacks DigestMethod or DigestValue", r);
    } else if (!ref.digest) {
      add(reason::kUnsupportedAlgorithm, "DigestMethod '" + ref.report.digest_method + "' is not supported", dm);
    } else if (*ref.digest == DigestAlgorithm::kSha1 && options_.sha1 == Sha1Policy::kReject) {
      add(reason::kUnsupportedAlgorithm, "DigestMethod SHA-1 is not accepted for references", dm);
      ref.digest.reset();
    } else if (auto value = base64_decode(text_of(dv)); !value) {
      add(reason::kMalformedSignature, "a DigestValue is not base64", dv);
    } else {
      ref.digest_value = std::move(*value);
    }

    if (ref.report.kind == ReferenceKind::kDocument && ++document_refs > 1) {
      add(reason::kReferenceNotAllowed, "a second whole-document reference (URI=\"" + ref.report.uri + "\")", r);
    }
    if (ref.report.kind == ReferenceKind::kSignedProperties) {
      if (++properties_refs > 1) {
        add(reason::kReferenceNotAllowed, "a second SignedProperties reference (URI=\"" + ref.report.uri + "\")", r);
      }
      signed_properties = ref.apex;
    }
    ref.report_index = report.references.size();
    report.references.push_back(ref.report);
    references.push_back(std::move(ref));
  }
  if (document_refs == 0) {
    add(reason::kDocumentReferenceMissing, "no reference covers the whole document (URI=\"\" or \"#<root Id>\")",
        signed_info);
  } else {
    report.signed_element = xml::Node(root);
    report.signed_element_path = path_of(root);
  }
  if (properties_refs == 0) {
    add(reason::kSignedPropertiesMissing, "no reference to the XAdES SignedProperties", signed_info);
  }
}

void Verification::parse_key_info() {
  const xmlNode* key_info = child_element(signature, kDsigNs, "KeyInfo");
  std::vector<const xmlNode*> certificates;
  bool retrieval = false;
  // Walk the KeyInfo subtree (small) for RetrievalMethod and X509Certificate at any depth.
  std::vector<const xmlNode*> stack{key_info};
  while (!stack.empty()) {
    const xmlNode* n = stack.back();
    stack.pop_back();
    if (n == nullptr) continue;
    if (is_element(n, kDsigNs, "RetrievalMethod")) retrieval = true;
    if (is_element(n, kDsigNs, "X509Certificate")) certificates.push_back(n);
    for (const xmlNode* c : child_elements(n)) stack.push_back(c);
  }
  if (retrieval) add(reason::kRetrievalMethod, "ds:RetrievalMethod in KeyInfo is not followed", key_info);
  if (certificates.empty()) {
    add(reason::kNoSignerCertificate, "KeyInfo carries no X509Certificate", key_info != nullptr ? key_info : signature);
    return;
  }
  if (certificates.size() > 1) {
    add(reason::kMultipleKeyInfoCertificates,
        std::to_string(certificates.size()) + " X509Certificate elements in KeyInfo; exactly one is allowed", key_info);
    return;
  }
  auto der = base64_decode(text_of(certificates.front()));
  if (der) signer = CertificateFacts::parse(*der);
  if (!signer || signer->public_key() == nullptr) {
    signer.reset();
    add(reason::kSignerCertificateUnreadable, "the KeyInfo X509Certificate is not a readable certificate",
        certificates.front());
    return;
  }
  report.signer_certificate = std::move(*der);
  report.signer_sha256 = sha256_hex(report.signer_certificate);
  report.signer_not_before = signer->not_before();
  report.signer_not_after = signer->not_after();
}

// EN 319 132-1 5.2.2 (SigningCertificateV2) / XAdES 1.3.2 7.2.2 (SigningCertificate): one of the
// Cert entries must carry the digest of the KeyInfo certificate.
void Verification::check_signing_certificate(const xmlNode* ssp) {
  const xmlNode* v2 = child_element(ssp, kXadesNs, "SigningCertificateV2");
  const xmlNode* v1 = child_element(ssp, kXadesNs, "SigningCertificate");
  if (v2 == nullptr && v1 == nullptr) {
    add(reason::kSigningCertificateMissing, "neither SigningCertificateV2 nor SigningCertificate is present", ssp);
    return;
  }
  report.signing_certificate_form = v2 != nullptr ? SigningCertificateForm::kV2 : SigningCertificateForm::kV1;
  if (!signer) return;  // already reported; nothing to compare with
  for (const xmlNode* property : {v2, v1}) {
    if (property == nullptr) continue;
    bool matched = false;
    for (const xmlNode* cert : child_elements(property)) {
      const xmlNode* cd = child_element(cert, kXadesNs, "CertDigest");
      std::string algorithm;
      attribute(child_element(cd, kDsigNs, "DigestMethod"), "Algorithm", &algorithm);
      const auto digest = digest_from_uri(algorithm);
      const auto expected = base64_decode(text_of(child_element(cd, kDsigNs, "DigestValue")));
      if (!is_element(cert, kXadesNs, "Cert") || !digest || !expected) continue;
      auto actual = digest_bytes(*digest, report.signer_certificate);
      if (actual && *actual == *expected) matched = true;
    }
    if (!matched) {
      add(reason::kSigningCertificateMismatch,
          std::string("no ") + (property == v2 ? "SigningCertificateV2" : "SigningCertificate") +
              " digest matches the KeyInfo certificate",
          property);
    }
  }
}

void Verification::check_signed_properties() {
  const xmlNode* sp = signed_properties;
  if (sp == nullptr) {
    // Unreferenced properties prove nothing, but are still reported for diagnosis.
    for (const xmlNode* qp : qualifying_properties_) {
      if (const xmlNode* s = child_element(qp, kXadesNs, "SignedProperties")) sp = s;
    }
  }
  if (sp == nullptr) {
    if (!report.has_finding(reason::kSignedPropertiesMissing)) {
      add(reason::kSignedPropertiesMissing, "no xades:SignedProperties", signature);
    }
    return;
  }
  const xmlNode* ssp = child_element(sp, kXadesNs, "SignedSignatureProperties");
  const xmlNode* st = child_element(ssp, kXadesNs, "SigningTime");
  if (st == nullptr) {
    add(reason::kSigningTimeMissing, "xades:SigningTime is missing", ssp != nullptr ? ssp : sp);
  } else if (auto t = parse_utc_time(xml::Node(st).trimmed_text())) {
    report.signing_time = *t;
  } else {
    add(reason::kSigningTimeMissing, "xades:SigningTime is not a date-time", st);
  }
  check_signing_certificate(ssp != nullptr ? ssp : sp);

  if (report.signing_time && report.signer_not_before && report.signer_not_after &&
      (*report.signing_time < *report.signer_not_before || *report.signing_time > *report.signer_not_after)) {
    add(reason::kSigningTimeOutsideValidity,
        "SigningTime " + format_utc_time(*report.signing_time) + " is outside the signer certificate validity " +
            format_utc_time(*report.signer_not_before) + " .. " + format_utc_time(*report.signer_not_after),
        st);
  }
}

bool Verification::core_verifiable() const {
  if (signature == nullptr || signed_info == nullptr || !method || !signer || references.empty()) return false;
  for (const Finding& f : report.findings) {
    if (precedence(f.id) == 0) return false;
  }
  for (const ParsedReference& r : references) {
    if (!r.digest || r.report.kind == ReferenceKind::kOther) return false;
  }
  return true;
}

}  // namespace assay::engine::xmldsig::internal
