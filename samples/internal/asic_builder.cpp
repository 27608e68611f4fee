#include "samples/internal/asic_builder.h"

#include "engine/base64.h"
#include "engine/cms/cades_builder.h"
#include "engine/digest.h"
#include "engine/x509/ocsp_response.h"
#include "engine/xmldsig/template_signer.h"
#include "engine/zip/zip_archive.h"

namespace assay::samples {
namespace {

constexpr std::string_view kSha256Uri = "http://www.w3.org/2001/04/xmlenc#sha256";

std::string sha256_b64(std::string_view bytes) {
  return engine::base64_encode(*engine::digest_by_oid("2.16.840.1.101.3.4.2.1", bytes));
}

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

}  // namespace

engine::Result<std::string> xades_for_container(const ContainerFiles& files, const engine::Certificate& signer,
                                                const engine::PrivateKey& key, engine::UtcTime signing_time,
                                                const std::vector<std::string>& chain_der) {
  std::string chain;
  for (const auto& der : chain_der) chain += "<ds:X509Certificate>" + engine::base64_encode(der) + "</ds:X509Certificate>";
  const std::string method = key.algorithm() == "EC" ? "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
                                                     : "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
  std::string refs;
  int n = 0;
  for (const auto& [name, bytes] : files) {
    refs += "<ds:Reference Id=\"r-" + std::to_string(++n) + "\" URI=\"" + xml_escape(name) +
            "\"><ds:DigestMethod Algorithm=\"" + std::string(kSha256Uri) + "\"/><ds:DigestValue></ds:DigestValue></ds:Reference>";
  }
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<asic:XAdESSignatures xmlns:asic=\"http://uri.etsi.org/02918/v1.2.1#\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" "
      "xmlns:xades=\"http://uri.etsi.org/01903/v1.3.2#\"><ds:Signature Id=\"S-1\"><ds:SignedInfo>"
      "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
      "<ds:SignatureMethod Algorithm=\"" + method + "\"/>" + refs +
      "<ds:Reference Type=\"http://uri.etsi.org/01903#SignedProperties\" URI=\"#S-1-sp\"><ds:Transforms>"
      "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>"
      "<ds:DigestMethod Algorithm=\"" + std::string(kSha256Uri) + "\"/><ds:DigestValue></ds:DigestValue></ds:Reference>"
      "</ds:SignedInfo><ds:SignatureValue></ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>" +
      engine::base64_encode(signer.der()) + "</ds:X509Certificate>" + chain +
      "</ds:X509Data></ds:KeyInfo><ds:Object><xades:QualifyingProperties Target=\"#S-1\">"
      "<xades:SignedProperties Id=\"S-1-sp\"><xades:SignedSignatureProperties><xades:SigningTime>" +
      engine::format_utc_time(signing_time) +
      "</xades:SigningTime><xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm=\"" +
      std::string(kSha256Uri) + "\"/><ds:DigestValue>" + sha256_b64(signer.der()) +
      "</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2></xades:SignedSignatureProperties>"
      "</xades:SignedProperties></xades:QualifyingProperties></ds:Object></ds:Signature></asic:XAdESSignatures>";
  engine::xmldsig::TemplateSignOptions options;
  for (const auto& [name, bytes] : files) options.detached.push_back({name, bytes});
  return engine::xmldsig::sign_template(xml, key, options);
}

std::string asic_manifest(const ContainerFiles& files, const std::string& signature_name) {
  std::string m =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><asic:ASiCManifest xmlns:asic=\"http://uri.etsi.org/02918/v1.2.1#\" "
      "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><asic:SigReference URI=\"" + xml_escape(signature_name) +
      "\" MimeType=\"application/x-pkcs7-signature\"/>";
  for (const auto& [name, bytes] : files) {
    m += "<asic:DataObjectReference URI=\"" + xml_escape(name) + "\"><ds:DigestMethod Algorithm=\"" +
         std::string(kSha256Uri) + "\"/><ds:DigestValue>" + sha256_b64(bytes) + "</ds:DigestValue></asic:DataObjectReference>";
  }
  return m + "</asic:ASiCManifest>";
}

std::string asic_archive_manifest(const ContainerFiles& files, const std::string& timestamp_name) {
  std::string m =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><asic:ASiCArchiveManifest xmlns:asic=\"http://uri.etsi.org/02918/v1.2.1#\" "
      "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><asic:SigReference URI=\"" + xml_escape(timestamp_name) +
      "\" MimeType=\"application/vnd.etsi.timestamp-token\"/>";
  for (const auto& [name, bytes] : files) {
    m += "<asic:DataObjectReference URI=\"" + xml_escape(name) + "\"><ds:DigestMethod Algorithm=\"" +
         std::string(kSha256Uri) + "\"/><ds:DigestValue>" + sha256_b64(bytes) + "</ds:DigestValue></asic:DataObjectReference>";
  }
  return m + "</asic:ASiCArchiveManifest>";
}

engine::Result<std::string> build_container(const ContainerSpec& spec, const engine::Certificate& signer,
                                            const engine::PrivateKey& key) {
  std::vector<engine::zip::ZipWriteEntry> entries;
  entries.push_back({"mimetype", spec.asic_e ? "application/vnd.etsi.asic-e+zip" : "application/vnd.etsi.asic-s+zip", true});
  for (const auto& [name, bytes] : spec.files) entries.push_back({name, bytes});
  for (const auto& [name, bytes] : spec.unsigned_files) entries.push_back({name, bytes});
  if (spec.cades) {
    engine::cms::CadesSpec cades;
    cades.detached = true;
    cades.signing_time = spec.signing_time;
    for (const auto& der : spec.chain_der) {
      auto c = engine::Certificate::parse_der(der);
      if (!c) return std::unexpected(c.error());
      cades.chain.push_back(*c);
    }
    std::string signature_name = spec.asic_e ? "META-INF/signature001.p7s" : "META-INF/signature.p7s";
    if (spec.asic_e) {
      cades.content = asic_manifest(spec.files, signature_name);
      entries.push_back({"META-INF/ASiCManifest.xml", cades.content});
    } else {
      if (spec.files.size() != 1) return engine::fail(engine::Code::kInvalidArgument, "ASiC-S holds one data object");
      cades.content = spec.files.front().second;
    }
    auto p7s = engine::cms::build_cades(cades, signer, key);
    if (!p7s) return std::unexpected(p7s.error());
    entries.push_back({signature_name, std::move(*p7s)});
  } else {
    auto xml = xades_for_container(spec.files, signer, key, spec.signing_time, spec.chain_der);
    if (!xml) return std::unexpected(xml.error());
    entries.push_back({spec.asic_e ? "META-INF/signatures001.xml" : "META-INF/signatures.xml", std::move(*xml)});
  }
  return engine::zip::write_zip(entries);
}

}  // namespace assay::samples
