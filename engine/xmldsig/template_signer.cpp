#include "engine/xmldsig/template_signer.h"

#include <libxml/tree.h>

#include "engine/base64.h"
#include "engine/c_handle.h"
#include "engine/xml/document.h"
#include "engine/xmldsig/internal/c14n.h"
#include "engine/xmldsig/internal/crypto_ops.h"
#include "engine/xmldsig/internal/reference_resolver.h"
#include "engine/xmldsig/internal/tree.h"

namespace assay::engine::xmldsig {
namespace {

using internal::attribute;
using internal::child_element;
using internal::child_elements;
using internal::is_element;

const xmlChar* x(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }

// Fills the DigestValue of each Reference child of `parent` (SignedInfo or a Manifest).
Result<void> fill_digests(const internal::ResolveContext& ctx, const xmlNode* parent) {
  for (const xmlNode* r : child_elements(parent)) {
    if (!is_element(r, kDsigNs, "Reference")) continue;
    GeneralReference ref;
    std::string octets;
    auto resolved = internal::resolve_reference(ctx, r, ref, octets);
    if (!resolved) return std::unexpected(resolved.error());
    if (!*resolved) return fail(Code::kInvalidArgument, "cannot resolve a reference: " + ref.message);
    const xmlNode* method = child_element(r, kDsigNs, "DigestMethod");
    std::string uri;
    if (method != nullptr) attribute(method, "Algorithm", &uri);
    const auto algorithm = digest_from_uri(uri);
    if (!algorithm) return fail(Code::kUnsupported, "unsupported DigestMethod '" + uri + "'");
    auto digest = internal::digest_bytes(*algorithm, octets);
    if (!digest) return std::unexpected(digest.error());
    auto* value = const_cast<xmlNode*>(child_element(r, kDsigNs, "DigestValue"));
    if (value == nullptr) return fail(Code::kMalformed, "a Reference has no DigestValue element");
    xmlNodeSetContent(value, x(base64_encode(*digest)));
  }
  return {};
}

Result<void> sign_one(const xml::Document& document, const internal::DocumentScan& scan, const xmlNode* signature,
                      const PrivateKey& key, const TemplateSignOptions& options) {
  const xmlNode* signed_info = child_element(signature, kDsigNs, "SignedInfo");
  auto* value = const_cast<xmlNode*>(child_element(signature, kDsigNs, "SignatureValue"));
  if (signed_info == nullptr || value == nullptr) return fail(Code::kMalformed, "the template lacks SignedInfo or SignatureValue");
  const internal::ResolveContext ctx{document.raw(), signature, &scan, &options.detached, 8};
  // Manifests first: SignedInfo digests cover them.
  std::vector<const xmlNode*> stack{signature};
  std::vector<const xmlNode*> manifests;
  while (!stack.empty()) {
    const xmlNode* n = stack.back();
    stack.pop_back();
    if (is_element(n, kDsigNs, "Manifest")) manifests.push_back(n);
    if (n != signature && is_element(n, kDsigNs, "Signature")) continue;  // a nested signature signs itself
    for (const xmlNode* c : child_elements(n)) stack.push_back(c);
  }
  for (auto it = manifests.rbegin(); it != manifests.rend(); ++it) {
    if (auto ok = fill_digests(ctx, *it); !ok) return ok;
  }
  if (auto ok = fill_digests(ctx, signed_info); !ok) return ok;

  std::string c14n_uri, method_uri;
  if (const xmlNode* c = child_element(signed_info, kDsigNs, "CanonicalizationMethod")) attribute(c, "Algorithm", &c14n_uri);
  if (const xmlNode* m = child_element(signed_info, kDsigNs, "SignatureMethod")) attribute(m, "Algorithm", &method_uri);
  const auto c14n = internal::c14n_from_uri(c14n_uri);
  auto method = internal::signature_method_from_uri(method_uri);
  if (!c14n) return fail(Code::kUnsupported, "unsupported CanonicalizationMethod '" + c14n_uri + "'");
  if (!method) return fail(Code::kUnsupported, "unsupported SignatureMethod '" + method_uri + "'");
  if ((method->key == internal::KeyFamily::kEc) != (key.algorithm() == "EC")) {
    return fail(Code::kInvalidArgument, "the SignatureMethod does not match the key");
  }
  internal::StringSink sink;
  if (auto ok = internal::canonicalize(document.raw(), {signed_info, nullptr}, *c14n, {}, sink); !ok) return ok;
  auto signed_value = internal::sign_data(key.openssl_key(), *method, sink.out);
  if (!signed_value) return std::unexpected(signed_value.error());
  xmlNodeSetContent(value, x(base64_encode(*signed_value)));
  return {};
}

}  // namespace

Result<std::string> sign_template(std::string_view xml, const PrivateKey& key, const TemplateSignOptions& options) {
  auto document = xml::Document::parse(xml);
  if (!document) return std::unexpected(document.error());
  // The parsed document is private to this call: filling DigestValue / SignatureValue text in
  // place is safe (no other reader), and node addresses (and so the Id scan) stay valid.
  const auto scan = internal::scan_document((*document)->raw(), kDsigNs, "Signature");
  for (const xmlNode* signature : scan.matches) {
    const xmlNode* value = child_element(signature, kDsigNs, "SignatureValue");
    if (value == nullptr || !internal::text_of(value).empty()) continue;
    if (auto ok = sign_one(**document, scan, signature, key, options); !ok) return std::unexpected(ok.error());
  }
  xmlChar* out = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc((*document)->raw(), &out, &size, "UTF-8");
  if (out == nullptr) return fail(Code::kInternal, "cannot serialise the signed document");
  std::string bytes(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  xmlFree(out);
  return bytes;
}

}  // namespace assay::engine::xmldsig
