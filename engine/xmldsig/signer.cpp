#include "engine/xmldsig/signer.h"

#include <libxml/tree.h>

#include "engine/base64.h"
#include "engine/c_handle.h"
#include "engine/x509/internal/openssl_util.h"
#include "engine/xml/document.h"
#include "engine/xmldsig/internal/c14n.h"
#include "engine/xmldsig/internal/certificate.h"
#include "engine/xmldsig/internal/crypto_ops.h"
#include "engine/xmldsig/internal/tree.h"

namespace assay::engine::xmldsig {
namespace {

using internal::C14nMethod;
using internal::C14nMode;
using XmlDocPtr = CHandle<xmlDoc, xmlFreeDoc>;

const xmlChar* x(std::string_view s) { return reinterpret_cast<const xmlChar*>(s.data()); }

// The builders below take std::string_view constants that are all NUL-terminated literals or
// std::strings, so passing .data() to libxml2 is safe.
xmlNode* add(xmlNode* parent, xmlNs* ns, const char* name) {
  return xmlNewChild(parent, ns, x(name), nullptr);
}

xmlNode* add_text(xmlNode* parent, xmlNs* ns, const char* name, const std::string& text) {
  // xmlNewTextChild escapes the text (unlike xmlNewChild, which would parse entities in it).
  return xmlNewTextChild(parent, ns, x(name), x(text));
}

xmlNode* add_algorithm(xmlNode* parent, xmlNs* ns, const char* name, std::string_view uri) {
  xmlNode* n = add(parent, ns, name);
  xmlNewProp(n, x("Algorithm"), x(std::string(uri)));
  return n;
}

constexpr C14nMethod kExclusive{C14nMode::kExclusive10, false};

// Canonicalises a subset and returns its digest.
Result<std::string> digest_subset(const xmlDoc* doc, const internal::NodeSubset& subset, DigestAlgorithm digest) {
  internal::Hasher hasher(digest);
  if (auto ok = internal::canonicalize(doc, subset, kExclusive, {}, hasher); !ok) return std::unexpected(ok.error());
  return hasher.finish();
}

struct Built {
  xmlNode* signature = nullptr;
  xmlNode* signed_info = nullptr;
  xmlNode* document_digest = nullptr;
  xmlNode* properties_digest = nullptr;  // null when the reference is omitted
  xmlNode* signed_properties = nullptr;
  xmlNode* signature_value = nullptr;
};

// XAdES SignedSignatureProperties: SigningTime and SigningCertificate(V2) (EN 319 132-1 5.2.1-5.2.3).
Result<void> add_signed_signature_properties(xmlNode* ssp, xmlNs* ds, xmlNs* xades, const std::string& cert_der,
                                             const internal::CertificateFacts& cert, const SignOptions& options) {
  add_text(ssp, xades, "SigningTime", format_utc_time(options.signing_time));
  const bool v2 = options.signing_certificate == SigningCertificateForm::kV2;
  xmlNode* sc = add(ssp, xades, v2 ? "SigningCertificateV2" : "SigningCertificate");
  xmlNode* c = add(sc, xades, "Cert");
  xmlNode* cd = add(c, xades, "CertDigest");
  add_algorithm(cd, ds, "DigestMethod", digest_uri(DigestAlgorithm::kSha256));
  auto digest = internal::digest_bytes(DigestAlgorithm::kSha256, cert_der);
  if (!digest) return std::unexpected(digest.error());
  add_text(cd, ds, "DigestValue", base64_encode(*digest));
  if (!v2) {
    xmlNode* is = add(c, xades, "IssuerSerial");
    add_text(is, ds, "X509IssuerName", cert.issuer_rfc2253());
    add_text(is, ds, "X509SerialNumber", cert.serial_decimal());
  }
  return {};
}

Result<Built> build_signature(xmlNode* root, const std::string& document_uri, const std::string& properties_id,
                              const std::string& cert_der, const internal::CertificateFacts& cert,
                              const internal::SignatureMethod& method, const SignOptions& options) {
  Built b;
  b.signature = xmlNewDocNode(root->doc, nullptr, x("Signature"), nullptr);
  if (b.signature == nullptr) return fail(Code::kInternal, "cannot build the signature element");
  xmlAddChild(root, b.signature);  // the root owns it from here; appended as the last child
  xmlNs* ds = xmlNewNs(b.signature, x(std::string(kDsigNs)), x("ds"));
  xmlSetNs(b.signature, ds);
  xmlNewProp(b.signature, x("Id"), x(options.signature_id));

  b.signed_info = add(b.signature, ds, "SignedInfo");
  add_algorithm(b.signed_info, ds, "CanonicalizationMethod", kExcC14n);
  add_algorithm(b.signed_info, ds, "SignatureMethod", internal::signature_method_uri(method));

  xmlNode* ref = add(b.signed_info, ds, "Reference");
  xmlNewProp(ref, x("URI"), x(document_uri));
  xmlNode* transforms = add(ref, ds, "Transforms");
  add_algorithm(transforms, ds, "Transform", kEnvelopedTransform);
  add_algorithm(transforms, ds, "Transform", kExcC14n);
  add_algorithm(ref, ds, "DigestMethod", digest_uri(options.digest));
  b.document_digest = add(ref, ds, "DigestValue");

  if (options.signed_properties_reference == SignedPropertiesReference::kInclude) {
    xmlNode* sp_ref = add(b.signed_info, ds, "Reference");
    xmlNewProp(sp_ref, x("Type"), x(std::string(kSignedPropertiesType)));
    xmlNewProp(sp_ref, x("URI"), x("#" + properties_id));
    add_algorithm(add(sp_ref, ds, "Transforms"), ds, "Transform", kExcC14n);
    add_algorithm(sp_ref, ds, "DigestMethod", digest_uri(options.digest));
    b.properties_digest = add(sp_ref, ds, "DigestValue");
  }

  b.signature_value = add(b.signature, ds, "SignatureValue");
  add_text(add(add(b.signature, ds, "KeyInfo"), ds, "X509Data"), ds, "X509Certificate",
           base64_encode(cert_der));

  xmlNode* qp = add(add(b.signature, ds, "Object"), nullptr, "QualifyingProperties");
  xmlNs* xades = xmlNewNs(qp, x(std::string(kXadesNs)), x("xades"));
  xmlSetNs(qp, xades);
  xmlNewProp(qp, x("Target"), x("#" + options.signature_id));
  b.signed_properties = add(qp, xades, "SignedProperties");
  xmlNewProp(b.signed_properties, x("Id"), x(properties_id));
  xmlNode* ssp = add(b.signed_properties, xades, "SignedSignatureProperties");
  if (auto ok = add_signed_signature_properties(ssp, ds, xades, cert_der, cert, options); !ok) {
    return std::unexpected(ok.error());
  }
  return b;
}

}  // namespace

Result<std::string> sign_enveloped(std::string_view xml, const PrivateKey& key,
                                   const x509::CertificateDer& signer, const SignOptions& options) {
  auto parsed = xml::Document::parse(xml);
  if (!parsed) return std::unexpected(std::move(parsed.error()).with_context("document to sign"));
  return sign_enveloped(**parsed, key, signer, options);
}

Result<std::string> sign_enveloped(const xml::Document& document, const PrivateKey& key,
                                   const x509::CertificateDer& signer, const SignOptions& options) {
  if (options.digest == DigestAlgorithm::kSha1) return fail(Code::kInvalidArgument, "SHA-1 is not used for signing");
  if (options.signature_id.empty()) return fail(Code::kInvalidArgument, "empty signature id");
  const auto cert = internal::CertificateFacts::parse(signer);
  if (!cert) return fail(Code::kMalformed, "signer certificate is not DER X.509");
  if (cert->public_key() == nullptr || EVP_PKEY_eq(cert->public_key(), key.openssl_key()) != 1) {
    ossl::drain_errors();
    return fail(Code::kInvalidArgument, "the private key does not belong to the signer certificate");
  }
  const internal::SignatureMethod method{key.algorithm() == "EC" ? internal::KeyFamily::kEc : internal::KeyFamily::kRsa,
                                         options.rsa_padding, options.digest};

  // The engine's documents are immutable: sign a private deep copy.
  XmlDocPtr doc(xmlCopyDoc(document.raw(), 1));
  if (!doc) return fail(Code::kInternal, "cannot copy the document");
  xmlNode* root = xmlDocGetRootElement(doc.get());

  const std::string properties_id = options.signature_id + "-signed-properties";
  const auto scan = internal::scan_document(doc.get(), kDsigNs, "Signature");
  if (scan.ids.contains(options.signature_id) || scan.ids.contains(properties_id)) {
    return fail(Code::kInvalidArgument, "id '" + options.signature_id + "' is already used in the document");
  }
  std::string document_uri;
  if (options.document_reference == DocumentReference::kRootId) {
    std::string root_id;
    if (!internal::attribute(root, "Id", &root_id) || root_id.empty()) {
      return fail(Code::kInvalidArgument, "URI=\"#id\" form requested but the root has no Id attribute");
    }
    document_uri = "#" + root_id;
  }

  auto built = build_signature(root, document_uri, properties_id, signer, *cert, method, options);
  if (!built) return std::unexpected(built.error());

  // Digests first (SignedProperties, then the document without the signature), then SignedInfo.
  if (built->properties_digest != nullptr) {
    auto d = digest_subset(doc.get(), {built->signed_properties, nullptr}, options.digest);
    if (!d) return std::unexpected(d.error());
    xmlNodeAddContent(built->properties_digest, x(base64_encode(*d)));
  }
  const xmlNode* apex = options.document_reference == DocumentReference::kRootId ? root : nullptr;
  auto d = digest_subset(doc.get(), {apex, built->signature}, options.digest);
  if (!d) return std::unexpected(d.error());
  xmlNodeAddContent(built->document_digest, x(base64_encode(*d)));

  internal::StringSink signed_info;
  if (auto ok = internal::canonicalize(doc.get(), {built->signed_info, nullptr}, kExclusive, {}, signed_info); !ok) {
    return std::unexpected(ok.error());
  }
  auto value = internal::sign_data(key.openssl_key(), method, signed_info.out);
  if (!value) return std::unexpected(value.error());
  xmlNodeAddContent(built->signature_value, x(base64_encode(*value)));

  xmlChar* out = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc.get(), &out, &size, "UTF-8");
  if (out == nullptr) return fail(Code::kInternal, "cannot serialise the signed document");
  std::string bytes(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  xmlFree(out);
  return bytes;
}

}  // namespace assay::engine::xmldsig
