#include "samples/internal/xades_templates.h"

#include "engine/base64.h"
#include "engine/xml/document.h"
#include "engine/xmldsig/algorithms.h"

namespace assay::samples::xades_text {
namespace {

using engine::xmldsig::kExcC14n;
constexpr std::string_view kDs = "http://www.w3.org/2000/09/xmldsig#";
constexpr std::string_view kXades = "http://uri.etsi.org/01903/v1.3.2#";
constexpr std::string_view kXades141 = "http://uri.etsi.org/01903/v1.4.1#";
constexpr std::string_view kSha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
constexpr std::string_view kEcdsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
constexpr std::string_view kEnveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
constexpr std::string_view kInvoiceNs = "urn:assay:sample:invoice";

std::string s(std::string_view v) { return std::string(v); }

std::string reference(std::string_view id, std::string_view uri, std::string_view type,
                      const std::vector<std::string_view>& transforms) {
  std::string out = "<ds:Reference Id=\"" + s(id) + "\" URI=\"" + s(uri) + "\"";
  if (!type.empty()) out += " Type=\"" + s(type) + "\"";
  out += ">";
  if (!transforms.empty()) {
    out += "<ds:Transforms>";
    for (auto t : transforms) out += "<ds:Transform Algorithm=\"" + s(t) + "\"/>";
    out += "</ds:Transforms>";
  }
  return out + "<ds:DigestMethod Algorithm=\"" + s(kSha256) + "\"/><ds:DigestValue></ds:DigestValue></ds:Reference>";
}

// EN 319 132-1 5.2: the signed properties of a baseline signature (6.3: SigningTime,
// SigningCertificateV2, DataObjectFormat for the signed data object).
std::string qualifying_properties(const TemplateInput& in, std::string_view mime_type) {
  const auto digest = engine::xmldsig::digest_with(kSha256, in.signer_certificate_der);
  return "<ds:Object><xades:QualifyingProperties xmlns:xades=\"" + s(kXades) + "\" xmlns:xades141=\"" + s(kXades141) +
         "\" Target=\"#signature\"><xades:SignedProperties Id=\"signed-properties\"><xades:SignedSignatureProperties>"
         "<xades:SigningTime>" + in.signing_time + "</xades:SigningTime>"
         "<xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm=\"" + s(kSha256) +
         "\"/><ds:DigestValue>" + engine::base64_encode(digest ? *digest : std::string()) +
         "</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2>"
         "</xades:SignedSignatureProperties><xades:SignedDataObjectProperties>"
         "<xades:DataObjectFormat ObjectReference=\"#reference-content\"><xades:MimeType>" + s(mime_type) +
         "</xades:MimeType></xades:DataObjectFormat></xades:SignedDataObjectProperties></xades:SignedProperties>"
         "</xades:QualifyingProperties></ds:Object>";
}

std::string signature_element(const TemplateInput& in, std::string_view content_reference, std::string_view mime_type,
                              std::string_view extra_objects) {
  return "<ds:Signature xmlns:ds=\"" + s(kDs) + "\" Id=\"signature\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"" +
         s(kExcC14n) + "\"/><ds:SignatureMethod Algorithm=\"" + s(kEcdsaSha256) + "\"/>" + s(content_reference) +
         reference("reference-signed-properties", "#signed-properties", engine::xmldsig::kSignedPropertiesType, {kExcC14n}) +
         "</ds:SignedInfo><ds:SignatureValue Id=\"signature-value\"></ds:SignatureValue><ds:KeyInfo><ds:X509Data>"
         "<ds:X509Certificate>" + engine::base64_encode(in.signer_certificate_der) +
         "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>" + qualifying_properties(in, mime_type) + s(extra_objects) +
         "</ds:Signature>";
}

engine::Result<std::string> c14n(const engine::xml::Document& doc, engine::xml::Node element) {
  return engine::xmldsig::canonicalize_element(doc, element, kExcC14n);
}

}  // namespace

std::string invoice_xml(std::string_view amount, std::string_view extra_attributes) {
  return "<Invoice xmlns=\"" + s(kInvoiceNs) + "\"" + s(extra_attributes) +
         "><Number>2025-0042</Number><Seller>Sample Seller XA (not a real company)</Seller>"
         "<Buyer>Sample Buyer XB (not a real company)</Buyer><Amount currency=\"EUR\">" + s(amount) + "</Amount></Invoice>";
}

std::string detached_content() {
  return "Sample invoice 2025-0042 (not a real invoice)\nSeller: Sample Seller XA\nBuyer: Sample Buyer XB\n"
         "Amount: 1250.00 EUR\n";
}

std::string document_template(const TemplateInput& in) {
  const std::string prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  switch (in.packaging) {
    case Packaging::kEnveloped: {
      std::string invoice = invoice_xml("1250.00");
      const auto at = invoice.rfind("</Invoice>");
      invoice.insert(at, signature_element(in, reference("reference-content", "", "", {kEnveloped, kExcC14n}), "text/xml", ""));
      return prolog + invoice + "\n";
    }
    case Packaging::kEnveloping:
      return prolog +
             signature_element(in, reference("reference-content", "#content", "", {kExcC14n}), "text/xml",
                               "<ds:Object Id=\"content\">" + invoice_xml("1250.00") + "</ds:Object>") +
             "\n";
    case Packaging::kDetached:
      return prolog + signature_element(in, reference("reference-content", in.detached_name, "", {}), "text/plain", "") + "\n";
    case Packaging::kSameDocument:
      return prolog + "<Envelope xmlns=\"" + s(kInvoiceNs) + "\">" + invoice_xml("1250.00", " Id=\"invoice\"") +
             signature_element(in, reference("reference-content", "#invoice", "", {kExcC14n}), "text/xml", "") +
             "</Envelope>\n";
  }
  return {};
}

engine::Result<std::string> add_unsigned_property(std::string document, std::string_view property) {
  constexpr std::string_view kUspEnd = "</xades:UnsignedSignatureProperties>";
  if (const auto at = document.find(kUspEnd); at != std::string::npos) {
    document.insert(at, property);
    return document;
  }
  constexpr std::string_view kQpEnd = "</xades:QualifyingProperties>";
  const auto at = document.find(kQpEnd);
  if (at == std::string::npos) return engine::fail(engine::Code::kInternal, "sample signature without QualifyingProperties");
  document.insert(at, "<xades:UnsignedProperties><xades:UnsignedSignatureProperties>" + s(property) + s(kUspEnd) +
                          "</xades:UnsignedProperties>");
  return document;
}

engine::Result<std::string> signature_timestamp_input(std::string_view document) {
  auto doc = engine::xml::Document::parse(document);
  if (!doc) return std::unexpected(doc.error());
  auto verified = engine::xmldsig::verify_signatures(**doc);
  if (!verified) return std::unexpected(verified.error());
  if (verified->signatures.empty()) return engine::fail(engine::Code::kInternal, "sample document without a signature");
  return c14n(**doc, verified->signatures.front().signature_value_element);
}

engine::Result<std::string> archive_timestamp_input(std::string_view document,
                                                    const std::vector<engine::xmldsig::DetachedContent>& detached) {
  auto doc = engine::xml::Document::parse(document);
  if (!doc) return std::unexpected(doc.error());
  engine::xmldsig::GeneralVerifyOptions options;
  options.detached = detached;
  options.keep_reference_octets = true;
  auto verified = engine::xmldsig::verify_signatures(**doc, options);
  if (!verified) return std::unexpected(verified.error());
  if (verified->signatures.empty()) return engine::fail(engine::Code::kInternal, "sample document without a signature");
  const auto& sig = verified->signatures.front();
  std::string out;
  for (const auto& r : sig.references) {
    if (!r.found) return engine::fail(engine::Code::kInternal, "sample reference not resolved: " + r.message);
    out += r.octets;
  }
  engine::xml::Node usp;
  engine::xml::Node qp_object;
  for (auto object : sig.objects) {
    if (auto qp = object.child(kXades, "QualifyingProperties")) {
      qp_object = object;
      if (auto up = qp.child(kXades, "UnsignedProperties")) usp = up.child(kXades, "UnsignedSignatureProperties");
    }
  }
  std::vector<engine::xml::Node> parts = {sig.signed_info, sig.signature_value_element, sig.key_info};
  if (usp) {
    for (auto p : usp.child_elements()) parts.push_back(p);
  }
  for (auto object : sig.objects) {
    if (object.raw() != qp_object.raw()) parts.push_back(object);
  }
  for (auto node : parts) {
    if (!node) continue;
    auto bytes = c14n(**doc, node);
    if (!bytes) return std::unexpected(bytes.error());
    out += *bytes;
  }
  return out;
}

std::string signature_timestamp(std::string_view id, std::string_view token_der) {
  return "<xades:SignatureTimeStamp Id=\"" + s(id) + "\"><ds:CanonicalizationMethod Algorithm=\"" + s(kExcC14n) +
         "\"/><xades:EncapsulatedTimeStamp>" + engine::base64_encode(token_der) +
         "</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>";
}

std::string archive_timestamp(std::string_view id, std::string_view token_der) {
  return "<xades141:ArchiveTimeStamp Id=\"" + s(id) + "\"><ds:CanonicalizationMethod Algorithm=\"" + s(kExcC14n) +
         "\"/><xades:EncapsulatedTimeStamp>" + engine::base64_encode(token_der) +
         "</xades:EncapsulatedTimeStamp></xades141:ArchiveTimeStamp>";
}

std::string certificate_values(const std::vector<std::string>& certificates_der) {
  std::string out = "<xades:CertificateValues>";
  for (const auto& c : certificates_der) {
    out += "<xades:EncapsulatedX509Certificate>" + engine::base64_encode(c) + "</xades:EncapsulatedX509Certificate>";
  }
  return out + "</xades:CertificateValues>";
}

std::string revocation_values(const std::vector<std::string>& crls_der, const std::vector<std::string>& ocsp_der) {
  std::string out = "<xades:RevocationValues>";
  if (!crls_der.empty()) {
    out += "<xades:CRLValues>";
    for (const auto& c : crls_der) out += "<xades:EncapsulatedCRLValue>" + engine::base64_encode(c) + "</xades:EncapsulatedCRLValue>";
    out += "</xades:CRLValues>";
  }
  if (!ocsp_der.empty()) {
    out += "<xades:OCSPValues>";
    for (const auto& o : ocsp_der) out += "<xades:EncapsulatedOCSPValue>" + engine::base64_encode(o) + "</xades:EncapsulatedOCSPValue>";
    out += "</xades:OCSPValues>";
  }
  return out + "</xades:RevocationValues>";
}

}  // namespace assay::samples::xades_text
