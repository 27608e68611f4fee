#include "engine/xmldsig/general_verifier.h"

#include <libxml/tree.h>

#include <algorithm>

#include "engine/base64.h"
#include "engine/xmldsig/findings.h"
#include "engine/xmldsig/internal/c14n.h"
#include "engine/xmldsig/internal/certificate.h"
#include "engine/xmldsig/internal/crypto_ops.h"
#include "engine/xmldsig/internal/reference_resolver.h"
#include "engine/xmldsig/internal/tree.h"

namespace assay::engine::xmldsig {

bool GeneralSignature::has_finding(std::string_view finding_id) const {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.id == finding_id; });
}

namespace {

using internal::attribute;
using internal::child_element;
using internal::child_elements;
using internal::is_element;

constexpr std::string_view kManifestType = "http://www.w3.org/2000/09/xmldsig#Manifest";
// A Manifest may reference another Manifest; deeper nesting is refused (no loops, bounded work).
constexpr int kMaxManifestDepth = 2;

void add(Findings& findings, std::string_view id, std::string message, const xmlNode* where,
         Severity severity = Severity::kError) {
  findings.push_back(Finding{std::string(id), severity, std::move(message),
                             where != nullptr ? xml::Node(where).path() : std::string()});
}

class SignatureChecker {
 public:
  SignatureChecker(const xml::Document& document, const internal::DocumentScan& scan,
                   const GeneralVerifyOptions& options)
      : document_(document), scan_(scan), options_(options) {}

  Result<GeneralSignature> check(const xmlNode* signature) {
    GeneralSignature out;
    out.signature = xml::Node(signature);
    out.path = out.signature.path();
    attribute(signature, "Id", &out.id);
    ctx_ = internal::ResolveContext{document_.raw(), signature, &scan_, &options_.detached, options_.max_transforms};
    if (!read_structure(signature, out)) return out;
    const xmlNode* signed_info = out.signed_info.raw();
    std::vector<const xmlNode*> references;
    for (const xmlNode* c : child_elements(signed_info)) {
      if (is_element(c, kDsigNs, "Reference")) references.push_back(c);
    }
    if (references.empty()) {
      add(out.findings, reason::kMalformedSignature, "SignedInfo has no Reference", signed_info);
    }
    if (auto ok = check_references(references, out.references, out.findings, 0); !ok) {
      return std::unexpected(ok.error());
    }
    read_key_info(out);
    if (auto ok = check_signature_value(out); !ok) return std::unexpected(ok.error());
    return out;
  }

 private:
  // XMLDSig 4.1: SignedInfo, SignatureValue, KeyInfo?, Object*.
  bool read_structure(const xmlNode* signature, GeneralSignature& out) {
    const auto children = child_elements(signature);
    std::size_t i = 0;
    if (i < children.size() && is_element(children[i], kDsigNs, "SignedInfo")) out.signed_info = xml::Node(children[i++]);
    if (i < children.size() && is_element(children[i], kDsigNs, "SignatureValue")) {
      out.signature_value_element = xml::Node(children[i++]);
    }
    if (i < children.size() && is_element(children[i], kDsigNs, "KeyInfo")) out.key_info = xml::Node(children[i++]);
    for (; i < children.size() && is_element(children[i], kDsigNs, "Object"); ++i) {
      out.objects.push_back(xml::Node(children[i]));
    }
    if (!out.signed_info || !out.signature_value_element || i != children.size()) {
      add(out.findings, reason::kMalformedSignature,
          "ds:Signature must hold SignedInfo, SignatureValue, KeyInfo? and Object* elements, in that order",
          signature);
    }
    if (!out.signed_info) return false;

    const xmlNode* signed_info = out.signed_info.raw();
    const xmlNode* c14n = child_element(signed_info, kDsigNs, "CanonicalizationMethod");
    const xmlNode* method = child_element(signed_info, kDsigNs, "SignatureMethod");
    if (c14n != nullptr) attribute(c14n, "Algorithm", &out.canonicalization_method);
    if (method != nullptr) attribute(method, "Algorithm", &out.signature_method);
    if (auto m = internal::c14n_from_uri(out.canonicalization_method); m) {
      c14n_ = *m;
      if (c14n != nullptr) c14n_prefixes_ = prefix_list(c14n);
    } else {
      add(out.findings, reason::kUnsupportedAlgorithm,
          "unsupported CanonicalizationMethod '" + out.canonicalization_method + "'", c14n ? c14n : signed_info);
      c14n_ok_ = false;
    }
    if (internal::is_hmac_uri(out.signature_method)) {
      add(out.findings, reason::kHmacNotAllowed, "HMAC SignatureMethods are not accepted", method);
    } else if (method_ = internal::signature_method_from_uri(out.signature_method); !method_) {
      add(out.findings, reason::kUnsupportedAlgorithm, "unsupported SignatureMethod '" + out.signature_method + "'",
          method ? method : signed_info);
    }
    if (out.signature_value_element) {
      auto value = base64_decode(out.signature_value_element.text());
      if (value && !value->empty()) {
        out.signature_value = std::move(*value);
        out.signature_value_readable = true;
      } else {
        add(out.findings, reason::kSignatureValueUnreadable, "the SignatureValue is not base64",
            out.signature_value_element.raw());
      }
    }
    return true;
  }

  static std::vector<std::string> prefix_list(const xmlNode* method) {
    std::vector<std::string> out;
    std::string list;
    if (const xmlNode* in = child_element(method, "http://www.w3.org/2001/10/xml-exc-c14n#", "InclusiveNamespaces")) {
      attribute(in, "PrefixList", &list);
    }
    std::string cur;
    for (const char ch : list + " ") {
      if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
        if (!cur.empty()) out.push_back(std::move(cur));
        cur.clear();
      } else {
        cur += ch;
      }
    }
    return out;
  }

  // XMLDSig 3.2.1 reference validation (and 5.1 for Manifests, one level of nesting).
  Result<void> check_references(const std::vector<const xmlNode*>& references, std::vector<GeneralReference>& out,
                                Findings& findings, int depth) {
    if (references.size() > options_.max_references) {
      add(findings, reason::kTooManyReferences,
          std::to_string(references.size()) + " references (limit " + std::to_string(options_.max_references) + ")",
          references.front());
      return {};
    }
    for (const xmlNode* r : references) {
      GeneralReference ref;
      attribute(r, "Id", &ref.id);
      attribute(r, "Type", &ref.type);
      std::string digest_value_text;
      const xmlNode* digest_method = child_element(r, kDsigNs, "DigestMethod");
      if (digest_method != nullptr) attribute(digest_method, "Algorithm", &ref.digest_method);
      const xmlNode* digest_value = child_element(r, kDsigNs, "DigestValue");
      std::string octets;
      auto resolved = internal::resolve_reference(ctx_, r, ref, octets);
      if (!resolved) return std::unexpected(resolved.error());
      const auto algorithm = digest_from_uri(ref.digest_method);
      auto expected = digest_value != nullptr ? base64_decode(internal::text_of(digest_value)) : std::nullopt;
      if (ref.found && !algorithm) {
        ref.reason = std::string(reason::kUnsupportedAlgorithm);
        ref.message = "unsupported DigestMethod '" + ref.digest_method + "'";
        add(findings, reason::kUnsupportedAlgorithm, ref.message, r);
      } else if (ref.found && !expected) {
        ref.reason = std::string(reason::kMalformedSignature);
        ref.message = "the DigestValue is missing or not base64";
        add(findings, reason::kMalformedSignature, ref.message, r);
      } else if (ref.found) {
        auto digest = internal::digest_bytes(*algorithm, octets);
        if (!digest) return std::unexpected(digest.error());
        ref.intact = *digest == *expected;
        if (!ref.intact) {
          ref.reason = std::string(reason::kReferenceDigestMismatch);
          ref.message = "the digest of the data referenced by URI=\"" + ref.uri.value_or("") + "\" does not match";
        }
      }
      if (ref.found && ref.type == kManifestType && ref.target == ReferenceTarget::kElement &&
          ref.element.is(kDsigNs, "Manifest")) {
        if (depth >= kMaxManifestDepth) {
          add(findings, reason::kReferenceNotAllowed, "Manifests nested too deeply", r);
        } else {
          std::vector<const xmlNode*> inner;
          for (const xmlNode* c : child_elements(ref.element.raw())) {
            if (is_element(c, kDsigNs, "Reference")) inner.push_back(c);
          }
          if (auto ok = check_references(inner, ref.manifest, findings, depth + 1); !ok) return ok;
        }
      }
      if (options_.keep_reference_octets) ref.octets = std::move(octets);
      out.push_back(std::move(ref));
    }
    return {};
  }

  // Every X509Certificate in KeyInfo; RetrievalMethod is reported and never followed.
  void read_key_info(GeneralSignature& out) {
    if (!out.key_info) return;
    std::vector<const xmlNode*> stack{out.key_info.raw()};
    while (!stack.empty()) {
      const xmlNode* n = stack.back();
      stack.pop_back();
      if (is_element(n, kDsigNs, "RetrievalMethod")) {
        add(out.findings, reason::kRetrievalMethod, "ds:RetrievalMethod is not followed", n, Severity::kWarning);
      }
      if (is_element(n, kDsigNs, "X509Certificate")) {
        auto der = base64_decode(internal::text_of(n));
        if (der && !der->empty()) {
          out.key_info_certificates.push_back(std::move(*der));
        } else {
          add(out.findings, reason::kSignerCertificateUnreadable, "a KeyInfo X509Certificate is not base64", n,
              Severity::kWarning);
        }
      }
      auto kids = child_elements(n);
      stack.insert(stack.end(), kids.rbegin(), kids.rend());
    }
  }

  // XMLDSig 3.2.2 over the canonical SignedInfo, with each KeyInfo certificate in turn.
  Result<void> check_signature_value(GeneralSignature& out) {
    if (!c14n_ok_) return {};
    internal::StringSink sink;
    if (auto ok = internal::canonicalize(document_.raw(), {out.signed_info.raw(), nullptr}, c14n_, c14n_prefixes_,
                                         sink);
        !ok) {
      add(out.findings, reason::kMalformedSignature, "SignedInfo cannot be canonicalised: " + ok.error().message(),
          out.signed_info.raw());
      return {};
    }
    out.canonical_signed_info = std::move(sink.out);
    if (!method_ || !out.signature_value_readable) return {};
    for (std::size_t i = 0; i < out.key_info_certificates.size(); ++i) {
      auto ok = verify_signature_value_with(out, out.key_info_certificates[i]);
      if (!ok) return std::unexpected(ok.error());
      if (*ok) {
        out.verifying_certificate = i;
        break;
      }
    }
    return {};
  }

  const xml::Document& document_;
  const internal::DocumentScan& scan_;
  const GeneralVerifyOptions& options_;
  internal::ResolveContext ctx_;
  internal::C14nMethod c14n_{};
  std::vector<std::string> c14n_prefixes_;
  bool c14n_ok_ = true;
  std::optional<internal::SignatureMethod> method_;
};

}  // namespace

Result<DocumentSignatures> verify_signatures(const xml::Document& document, const GeneralVerifyOptions& options) {
  DocumentSignatures out;
  const internal::DocumentScan scan = internal::scan_document(document.raw(), kDsigNs, "Signature");
  for (const std::string& id : scan.duplicate_ids) {
    add(out.findings, reason::kDuplicateId, "the Id '" + id + "' occurs more than once in the document", nullptr);
  }
  std::size_t count = scan.matches.size();
  if (count > options.max_signatures) {
    add(out.findings, reason::kTooManySignatures,
        std::to_string(count) + " signatures; only the first " + std::to_string(options.max_signatures) +
            " are verified",
        nullptr);
    count = options.max_signatures;
  }
  for (std::size_t i = 0; i < count; ++i) {
    SignatureChecker checker(document, scan, options);
    auto signature = checker.check(scan.matches[i]);
    if (!signature) return std::unexpected(signature.error());
    // The nearest enclosing signature already seen (document order puts ancestors first).
    for (std::size_t j = i; j-- > 0;) {
      if (internal::is_inside(scan.matches[i], scan.matches[j])) {
        signature->parent = j;
        break;
      }
    }
    out.signatures.push_back(std::move(*signature));
  }
  return out;
}

Result<bool> verify_signature_value_with(const GeneralSignature& signature, std::string_view certificate_der) {
  const auto method = internal::signature_method_from_uri(signature.signature_method);
  if (!method || !signature.signature_value_readable || signature.canonical_signed_info.empty()) return false;
  const auto certificate = internal::CertificateFacts::parse(certificate_der);
  if (!certificate || certificate->public_key() == nullptr) return false;
  return internal::verify_data(certificate->public_key(), *method, signature.canonical_signed_info,
                               signature.signature_value);
}

Result<std::string> canonicalize_element(const xml::Document& document, xml::Node element, std::string_view c14n_uri) {
  std::optional<internal::C14nMethod> method =
      c14n_uri.empty() ? internal::C14nMethod{} : internal::c14n_from_uri(c14n_uri);
  if (!method) return fail(Code::kUnsupported, "unsupported canonicalisation method '" + std::string(c14n_uri) + "'");
  if (!element) return fail(Code::kInvalidArgument, "no element to canonicalise");
  internal::StringSink sink;
  if (auto ok = internal::canonicalize(document.raw(), {element.raw(), nullptr}, *method, {}, sink); !ok) {
    return std::unexpected(ok.error());
  }
  return std::move(sink.out);
}

Result<std::string> digest_with(std::string_view digest_method_uri, std::string_view bytes) {
  const auto algorithm = digest_from_uri(digest_method_uri);
  if (!algorithm) return fail(Code::kUnsupported, "unsupported digest method '" + std::string(digest_method_uri) + "'");
  return internal::digest_bytes(*algorithm, bytes);
}

}  // namespace assay::engine::xmldsig
