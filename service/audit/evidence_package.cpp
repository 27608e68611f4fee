// The sealed evidence package (evidence_package.h): an ASiC-E container (EN 319 162-1 4.4) whose
// META-INF/signatures001.xml is a XAdES-BASELINE-B signature (EN 319 132-1) with one detached
// ds:Reference per member, so the seal covers every byte an auditor files. Verification re-reads
// the container strictly and requires the seal to cover exactly the members present.
#include "service/audit/evidence_package.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/base64.h"
#include "engine/crypto/private_key.h"
#include "engine/file.h"
#include "engine/x509/certificate.h"
#include "engine/xml/document.h"
#include "engine/xmldsig/general_verifier.h"
#include "engine/xmldsig/template_signer.h"
#include "service/audit/internal/remote_tsa.h"
#include "service/audit/internal/seal_timestamp.h"
#include "service/audit/audit_report.h"
#include "service/audit/internal/stored_zip.h"
#include "service/text/markup_escape.h"

namespace assay::service::audit {
namespace {

namespace fs = std::filesystem;
using engine::Code;
using internal::ZipMember;

constexpr std::string_view kMimetype = "application/vnd.etsi.asic-e+zip";
constexpr std::string_view kSignatureName = "META-INF/signatures001.xml";

// A member name as a ds:Reference URI (RFC 3986 unreserved characters and '/' kept), so that
// names with spaces or other characters resolve the same way on both sides.
std::string uri_of(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
        c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string manifest_xml(const std::vector<ZipMember>& members) {
  // ODF manifest (EN 319 162-1 A.1), the member list ASiC-E readers show.
  std::string m = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\n"
                  " <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"" +
                  std::string(kMimetype) + "\"/>\n";
  for (const auto& member : members) {
    if (member.name == "mimetype") continue;
    const std::string type = member.name.ends_with(".json")   ? "application/json"
                             : member.name.ends_with(".html") ? "text/html"
                             : member.name.ends_with(".xml")  ? "text/xml"
                                                              : "application/octet-stream";
    m += " <manifest:file-entry manifest:full-path=\"" + text::markup_escape(member.name) + "\" manifest:media-type=\"" + type + "\"/>\n";
  }
  return m + "</manifest:manifest>\n";
}

engine::Result<std::string> seal_xml(const std::vector<ZipMember>& covered, const engine::PrivateKey& key,
                                     const std::vector<engine::CertificatePtr>& chain, engine::UtcTime at) {
  const std::string method = key.algorithm() == "EC" ? "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
                                                      : "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
  constexpr std::string_view kSha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<asic:XAdESSignatures xmlns:asic=\"http://uri.etsi.org/02918/v1.2.1#\" "
                  "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" xmlns:xades=\"http://uri.etsi.org/01903/v1.3.2#\">"
                  "<ds:Signature Id=\"audit-seal\"><ds:SignedInfo>"
                  "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
                  "<ds:SignatureMethod Algorithm=\"" + method + "\"/>";
  int n = 0;
  for (const auto& m : covered) {
    x += "<ds:Reference Id=\"r-" + std::to_string(++n) + "\" URI=\"" + uri_of(m.name) + "\"><ds:DigestMethod Algorithm=\"" +
         std::string(kSha256) + "\"/><ds:DigestValue></ds:DigestValue></ds:Reference>";
  }
  x += "<ds:Reference Type=\"http://uri.etsi.org/01903#SignedProperties\" URI=\"#audit-seal-signed-properties\">"
       "<ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>"
       "<ds:DigestMethod Algorithm=\"" + std::string(kSha256) + "\"/><ds:DigestValue></ds:DigestValue></ds:Reference>"
       "</ds:SignedInfo><ds:SignatureValue></ds:SignatureValue><ds:KeyInfo><ds:X509Data>";
  for (const auto& c : chain) x += "<ds:X509Certificate>" + engine::base64_encode(c->der()) + "</ds:X509Certificate>";
  x += "</ds:X509Data></ds:KeyInfo><ds:Object><xades:QualifyingProperties Target=\"#audit-seal\">"
       "<xades:SignedProperties Id=\"audit-seal-signed-properties\"><xades:SignedSignatureProperties>"
       "<xades:SigningTime>" + engine::format_utc_time(at) + "</xades:SigningTime>"
       "<xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm=\"" + std::string(kSha256) +
       "\"/><ds:DigestValue>" + engine::base64_encode(std::string_view(reinterpret_cast<const char*>(engine::sha256(chain.front()->der()).data()), 32)) +
       "</ds:DigestValue></xades:CertDigest></xades:Cert></xades:SigningCertificateV2>"
       "</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object>"
       "</ds:Signature></asic:XAdESSignatures>\n";
  engine::xmldsig::TemplateSignOptions options;
  for (const auto& m : covered) options.detached.push_back({uri_of(m.name), m.bytes});
  return engine::xmldsig::sign_template(x, key, options);
}

PackageCheck broken(std::string failure) {
  PackageCheck c;
  c.failure = std::move(failure);
  return c;
}

struct LoadedSeal {
  std::optional<engine::PrivateKey> key;
  std::vector<engine::CertificatePtr> chain;
  std::optional<internal::LocalTsa> tsa;
  std::optional<internal::RemoteTsa> remote_tsa;
};

engine::Result<LoadedSeal> load_seal(const SealOptions& seal) {
  LoadedSeal out;
  std::optional<engine::PrivateKey>& key = out.key;
  std::vector<engine::CertificatePtr>& chain = out.chain;
  if (!seal.tsa_url.empty()) {
    if (seal.key.empty()) return engine::fail(Code::kInvalidArgument, "a time-stamp needs a seal to stamp (--seal-key, --seal-cert)");
    if (!seal.tsa_key.empty() || !seal.tsa_certificate.empty()) {
      return engine::fail(Code::kInvalidArgument,
                          "either a time-stamping service (--seal-tsa) or a local unit (--seal-tsa-key, --seal-tsa-cert), not both");
    }
    if (!seal.tsa_url.starts_with("http://") && !seal.tsa_url.starts_with("https://")) {
      return engine::fail(Code::kInvalidArgument, "--seal-tsa: expected an http:// or https:// URL, got " + seal.tsa_url);
    }
    out.remote_tsa = internal::RemoteTsa{seal.tsa_url, seal.tsa_timeout, seal.tsa_ca_bundle};
  }
  if (!seal.tsa_key.empty() || !seal.tsa_certificate.empty()) {
    if (seal.key.empty()) return engine::fail(Code::kInvalidArgument, "a time-stamp needs a seal to stamp (--seal-key, --seal-cert)");
    auto tsa = internal::load_local_tsa(seal.tsa_key.string(), seal.tsa_certificate.string());
    if (!tsa) return std::unexpected(tsa.error());
    out.tsa = std::move(*tsa);
  }
  if (!seal.key.empty() || !seal.certificate.empty()) {
    if (seal.key.empty() || seal.certificate.empty()) return engine::fail(Code::kInvalidArgument, "sealing needs both the key and its certificate");
    auto key_pem = engine::read_file(seal.key, 1 << 20);
    if (!key_pem) return std::unexpected(std::move(key_pem.error()).with_context("seal key"));
    auto loaded = engine::PrivateKey::from_pem(*key_pem);
    if (!loaded) return std::unexpected(std::move(loaded.error()).with_context("seal key " + seal.key.string()));
    key = std::move(*loaded);
    auto cert_pem = engine::read_file(seal.certificate, 1 << 20);
    if (!cert_pem) return std::unexpected(std::move(cert_pem.error()).with_context("seal certificate"));
    auto parsed = engine::Certificate::parse_pem_chain(*cert_pem);
    if (!parsed) return std::unexpected(std::move(parsed.error()).with_context("seal certificate " + seal.certificate.string()));
    chain = std::move(*parsed);
    if (chain.front()->public_key().der != key->public_key_der()) {
      return engine::fail(Code::kInvalidArgument, "the seal key is not the key of the seal certificate (" +
                                                      chain.front()->subject().rfc4514 + ")");
    }
  }
  return out;
}

}  // namespace

engine::Result<void> check_seal(const SealOptions& seal) {
  auto loaded = load_seal(seal);
  if (!loaded) return std::unexpected(loaded.error());
  if (loaded->remote_tsa) {
    // One probe before the campaign: the service answers, grants, and its token checks out.
    auto probe = internal::request_remote_timestamp(*loaded->remote_tsa, "assay audit: seal time-stamp probe");
    if (!probe) return std::unexpected(probe.error());
  }
  return {};
}

engine::Result<std::string> write_evidence_package(const CampaignResult& result, const Suite& suite, const SealOptions& seal) {
  auto loaded = load_seal(seal);
  if (!loaded) return std::unexpected(loaded.error());
  std::optional<engine::PrivateKey>& key = loaded->key;
  const std::vector<engine::CertificatePtr>& chain = loaded->chain;
  // A service's TSA certificate is known only from its token, which comes after report.json is
  // sealed: the text names the service; the token (in the seal) carries the certificate.
  const bool stamped = loaded->tsa || loaded->remote_tsa;
  const std::string seal_text =
      key ? std::string(stamped ? "XAdES-BASELINE-T" : "XAdES-BASELINE-B") + " seal by " + chain.front()->subject().rfc4514 +
                (loaded->tsa ? ", time-stamped by " + loaded->tsa->chain.front()->subject().rfc4514
                 : loaded->remote_tsa ? ", time-stamped by the time-stamping service " + loaded->remote_tsa->url
                                      : std::string())
          : std::string("not sealed");

  std::vector<ZipMember> members;
  members.push_back({"report.json", boost::json::serialize(campaign_json(result, &suite, seal_text))});
  members.push_back({"report.html", campaign_html(result, &suite, seal_text)});
  std::vector<std::string> suite_files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(suite.dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) suite_files.push_back(fs::relative(it->path(), suite.dir, ec).generic_string());
  }
  if (ec) return engine::fail(Code::kUnavailable, suite.dir.string() + ": " + ec.message());
  std::sort(suite_files.begin(), suite_files.end());
  for (const auto& rel : suite_files) {
    auto bytes = engine::read_file(suite.dir / rel, std::size_t{1} << 30);
    if (!bytes) return std::unexpected(std::move(bytes.error()).with_context("suite file " + rel));
    members.push_back({"suite/" + rel, std::move(*bytes)});
  }
  std::set<std::string> evidence_names;
  for (const auto& f : result.findings) {
    for (const auto& e : f.observed.evidence) {
      std::string name = e.name.starts_with("evidence/") ? e.name : "evidence/" + f.case_id + "/" + e.name;
      if (!evidence_names.insert(name).second) return engine::fail(Code::kInternal, "evidence file '" + name + "' twice");
      members.push_back({std::move(name), e.bytes});
    }
  }
  members.insert(members.begin(), {"META-INF/manifest.xml", manifest_xml(members)});
  if (key) {
    auto signature = seal_xml(members, *key, chain, result.finished);
    if (!signature) return std::unexpected(std::move(signature.error()).with_context("sealing"));
    if (loaded->tsa) {
      // The time-stamp is taken when the package is sealed: the campaign's end.
      signature = internal::add_signature_timestamp(std::move(*signature), *loaded->tsa, result.finished);
      if (!signature) return std::unexpected(std::move(signature.error()).with_context("sealing"));
    } else if (loaded->remote_tsa) {
      // Any failure here writes no package: an unstamped seal would claim less than was asked.
      signature = internal::add_signature_timestamp(std::move(*signature), [&](const std::string& covered) -> engine::Result<std::string> {
        auto stamp = internal::request_remote_timestamp(*loaded->remote_tsa, covered);
        if (!stamp) return std::unexpected(stamp.error());
        return std::move(stamp->token);
      });
      if (!signature) return std::unexpected(std::move(signature.error()).with_context("sealing"));
    }
    members.push_back({std::string(kSignatureName), std::move(*signature)});
  }
  members.insert(members.begin(), {"mimetype", std::string(kMimetype)});
  return internal::write_stored_zip(members);
}

namespace {

// report.json with the evidence bytes filled in from the members; nullopt when unreadable.
std::optional<CampaignResult> read_back(const std::vector<ZipMember>& members) {
  std::map<std::string, const std::string*> by_name;
  for (const auto& m : members) by_name[m.name] = &m.bytes;
  auto report = by_name.find("report.json");
  if (report == by_name.end()) return std::nullopt;
  auto result = campaign_from_json(*report->second);
  if (!result) return std::nullopt;
  for (auto& f : result->findings) {
    for (auto& e : f.observed.evidence) {
      if (auto it = by_name.find(e.name); it != by_name.end()) e.bytes = *it->second;
    }
  }
  return std::move(*result);
}

engine::Result<PackageCheck> check_members(const std::vector<ZipMember>* members, const std::optional<std::string>& expected_certificate_der);

}  // namespace

engine::Result<PackageCheck> verify_evidence_package(std::string_view bytes, const std::optional<std::string>& expected_certificate_der) {
  auto members = internal::read_stored_zip(bytes);
  if (!members) return broken(members.error().message());
  auto check = check_members(&*members, expected_certificate_der);
  if (check && !check->intact && !check->result) check->result = read_back(*members);  // for `audit show`, flagged not intact
  return check;
}

namespace {

engine::Result<PackageCheck> check_members(const std::vector<ZipMember>* members, const std::optional<std::string>& expected_certificate_der) {
  if (members->empty() || members->front().name != "mimetype" || members->front().bytes != kMimetype) {
    return broken("mimetype: not the first member, or not " + std::string(kMimetype));
  }
  const ZipMember* signature = nullptr;
  std::vector<engine::xmldsig::DetachedContent> covered;
  std::map<std::string, std::string> by_name;
  for (const auto& m : *members) {
    by_name[m.name] = m.bytes;
    if (m.name == kSignatureName) {
      signature = &m;
    } else if (m.name != "mimetype") {
      if (m.name.starts_with("META-INF/signature")) return broken(m.name + ": a second signature file");
      covered.push_back({uri_of(m.name), m.bytes});
    }
  }
  if (signature == nullptr) return broken(std::string(kSignatureName) + ": missing (the package is not sealed)");
  auto document = engine::xml::Document::parse(signature->bytes);
  if (!document) return broken(std::string(kSignatureName) + ": " + document.error().message());
  engine::xmldsig::GeneralVerifyOptions options;
  options.detached = covered;
  auto verified = engine::xmldsig::verify_signatures(**document, options);
  if (!verified) return std::unexpected(verified.error());
  if (verified->signatures.size() != 1) return broken(std::string(kSignatureName) + ": expected exactly one signature");
  const auto& sig = verified->signatures.front();
  for (const auto& f : sig.findings) {
    if (f.severity == engine::Severity::kError) return broken(std::string(kSignatureName) + ": " + f.id + ": " + f.message);
  }
  std::set<std::string> referenced;
  bool signed_properties = false;
  for (const auto& r : sig.references) {
    if (r.type == "http://uri.etsi.org/01903#SignedProperties") {
      signed_properties = r.found && r.intact;
      continue;
    }
    const std::string name = r.uri.value_or("");
    if (!r.found || r.target != engine::xmldsig::ReferenceTarget::kDetached) return broken(name + ": not in the package (" + r.message + ")");
    if (!r.intact) return broken(name + ": changed since it was sealed (digest mismatch)");
    referenced.insert(name);
  }
  if (!signed_properties) return broken(std::string(kSignatureName) + ": the signed properties are not covered or changed");
  for (const auto& c : covered) {
    if (!referenced.contains(c.name)) return broken(c.name + ": not covered by the seal");
  }
  if (!sig.verifying_certificate) return broken(std::string(kSignatureName) + ": the signature value does not verify");
  const std::string& signer = sig.key_info_certificates[*sig.verifying_certificate];
  auto parsed = engine::Certificate::parse_der(signer);
  if (!parsed) return broken(std::string(kSignatureName) + ": the seal certificate does not parse");
  // XAdES SigningCertificateV2: the signed properties must name the certificate that verifies.
  const std::string digest = engine::base64_encode(
      std::string_view(reinterpret_cast<const char*>(engine::sha256(signer).data()), 32));
  if (signature->bytes.find("<ds:DigestValue>" + digest + "</ds:DigestValue></xades:CertDigest>") == std::string::npos) {
    return broken(std::string(kSignatureName) + ": the signing certificate property does not name the sealing certificate");
  }
  // EN 319 132-1 5.3: a signature time-stamp, when present, must be over this SignatureValue and
  // verify; it makes the seal XAdES-BASELINE-T.
  auto stamp = internal::check_signature_timestamp(**document, sig.signature_value_element);
  if (!stamp) return broken(std::string(kSignatureName) + ": " + stamp.error().message());
  PackageCheck check;
  check.sealed_by = (*parsed)->subject().rfc4514;
  check.seal_level = *stamp ? "XAdES-BASELINE-T" : "XAdES-BASELINE-B";
  if (*stamp) {
    check.timestamp_time = (*stamp)->time;
    check.timestamp_tsa = (*stamp)->tsa;
  }
  if (expected_certificate_der && *expected_certificate_der != signer) {
    return broken(std::string(kSignatureName) + ": sealed by " + check.sealed_by + ", not by the certificate given");
  }
  auto report = by_name.find("report.json");
  if (report == by_name.end()) return broken("report.json: missing");
  auto result = campaign_from_json(report->second);
  if (!result) return broken("report.json: " + result.error().message());
  for (auto& f : result->findings) {
    for (auto& e : f.observed.evidence) {
      auto it = by_name.find(e.name);
      if (it == by_name.end()) return broken(e.name + ": named by report.json but not in the package");
      e.bytes = it->second;
    }
  }
  check.intact = true;
  check.result = std::move(*result);
  return check;
}

}  // namespace

}  // namespace assay::service::audit
