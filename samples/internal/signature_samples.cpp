#include "samples/internal/signature_samples.h"

#include <cctype>

#include "engine/x509/certificate_builder.h"
#include "engine/x509/qc_statements.h"
#include "engine/xmldsig/template_signer.h"
#include "samples/internal/timestamps.h"
#include "samples/internal/xades_templates.h"
#include "samples/scenarios.h"

namespace assay::samples {
namespace {

using engine::UtcTime;
using std::chrono::days;
using std::chrono::minutes;
using xades_text::Packaging;

enum class Level { kB, kT, kLT, kLTA };
// What is done to the document after signing.
enum class Attack { kNone, kTamperedContent, kTamperedDetached, kDuplicateId, kMovedId, kWrappedSignedProperties };

struct DocumentSpec {
  std::string id;  // signatures/<id>.xml (and <id>.txt for detached content)
  std::string signer;
  Packaging packaging = Packaging::kEnveloped;
  Level level = Level::kB;
  std::string signed_at;
  Attack attack = Attack::kNone;
  std::string summary;
};

constexpr const char* kSigned2025 = "2025-06-01T10:00:00Z";
constexpr const char* kSigned2024 = "2024-06-01T10:00:00Z";

std::vector<DocumentSpec> documents() {
  std::vector<DocumentSpec> out;
  const std::pair<Level, std::string> levels[] = {{Level::kB, "b"}, {Level::kT, "t"}, {Level::kLT, "lt"}, {Level::kLTA, "lta"}};
  const std::pair<Packaging, std::string> packagings[] = {
      {Packaging::kEnveloped, "enveloped"}, {Packaging::kEnveloping, "enveloping"}, {Packaging::kDetached, "detached"}};
  for (const auto& [level, l] : levels) {
    for (const auto& [packaging, p] : packagings) {
      std::string upper = l;
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.push_back({l + "-" + p, "qualified", packaging, level, kSigned2025, Attack::kNone,
                     "XAdES-BASELINE-" + upper + ", " + p + ", qualified signer"});
    }
  }
  using P = Packaging;
  const std::vector<DocumentSpec> others = {
      {"non-qualified-b", "non-qualified", P::kEnveloped, Level::kB, kSigned2025, Attack::kNone,
       "B-B by a non-qualified signer (CA/PKC service)"},
      {"revoked-before-signing-b", "revoked-early", P::kEnveloped, Level::kB, kSigned2025, Attack::kNone,
       "B-B signed 2025-06-01 by a signer revoked 2025-04-01"},
      {"revoked-before-signing-t", "revoked-early", P::kEnveloped, Level::kT, kSigned2025, Attack::kNone,
       "B-T, signature time-stamp 2025-06-01 after the revocation 2025-04-01"},
      {"revoked-after-signing-b", "revoked-late", P::kEnveloped, Level::kB, kSigned2025, Attack::kNone,
       "B-B signed 2025-06-01 by a signer revoked 2025-10-01, no proof of existence"},
      {"revoked-after-signing-t", "revoked-late", P::kEnveloped, Level::kT, kSigned2025, Attack::kNone,
       "B-T, signature time-stamp 2025-06-01 before the revocation 2025-10-01"},
      {"expired-t", "expired", P::kEnveloped, Level::kT, kSigned2024, Attack::kNone,
       "B-T signed 2024-06-01 by a signer expired 2025-01-01, no revocation data in the signature"},
      {"expired-lta", "expired", P::kEnveloped, Level::kLTA, kSigned2024, Attack::kNone,
       "B-LTA signed 2024-06-01 by a signer expired 2025-01-01, OCSP and archive time-stamp of 2024-06-01"},
      {"withdrawn-ca-signed-before-lta", "withdrawn-ca", P::kEnveloped, Level::kLTA, kSigned2024, Attack::kNone,
       "B-LTA signed 2024-06-01 under a CA/QC service withdrawn 2025-03-01"},
      {"withdrawn-ca-signed-after-lta", "withdrawn-ca", P::kEnveloped, Level::kLTA, kSigned2025, Attack::kNone,
       "B-LTA signed 2025-06-01 under a CA/QC service withdrawn 2025-03-01"},
      {"tampered-content", "qualified", P::kEnveloped, Level::kB, kSigned2025, Attack::kTamperedContent,
       "B-B whose invoice amount was changed after signing"},
      {"tampered-detached", "qualified", P::kDetached, Level::kB, kSigned2025, Attack::kTamperedDetached,
       "detached B-B whose content file was changed after signing"},
      {"wrapping-duplicate-id", "qualified", P::kEnveloping, Level::kB, kSigned2025, Attack::kDuplicateId,
       "enveloping B-B with a forged second ds:Object carrying the signed Id"},
      {"wrapping-moved-id", "qualified", P::kSameDocument, Level::kB, kSigned2025, Attack::kMovedId,
       "B-B over #invoice; the Id was moved from the signed invoice to a forged one"},
      {"wrapping-signed-properties", "qualified", P::kEnveloped, Level::kB, kSigned2025, Attack::kWrappedSignedProperties,
       "B-B whose signed SignedProperties were moved to another ds:Object and replaced by unsigned forged ones"},
  };
  out.insert(out.end(), others.begin(), others.end());
  return out;
}

std::string tsv_row(std::initializer_list<std::string> cells) {
  std::string out;
  for (const auto& c : cells) {
    if (!out.empty()) out.push_back('\t');
    out += c;
  }
  return out + "\n";
}

engine::Result<std::string> replace_once(std::string text, std::string_view from, std::string_view to, const std::string& what) {
  const auto at = text.find(from);
  if (at == std::string::npos) return engine::fail(engine::Code::kInternal, "sample attack '" + what + "' found no '" + std::string(from) + "'");
  text.replace(at, from.size(), to);
  return text;
}

// The changes made to a signed document by an attacker (EN 319 102-1 must never pass them).
engine::Result<std::string> attack(std::string doc, Attack a) {
  switch (a) {
    case Attack::kNone:
    case Attack::kTamperedDetached:
      return doc;
    case Attack::kTamperedContent:
      return replace_once(std::move(doc), ">1250.00<", ">9250.00<", "tampered content");
    case Attack::kDuplicateId:
      return replace_once(std::move(doc), "<ds:Object Id=\"content\">",
                          "<ds:Object Id=\"content\">" + xades_text::invoice_xml("9250.00") + "</ds:Object><ds:Object Id=\"content\">",
                          "duplicate Id");
    case Attack::kMovedId: {
      const std::string signed_invoice = xades_text::invoice_xml("1250.00", " Id=\"invoice\"");
      return replace_once(std::move(doc), signed_invoice,
                          xades_text::invoice_xml("9250.00", " Id=\"invoice\"") + xades_text::invoice_xml("1250.00"),
                          "moved Id");
    }
    case Attack::kWrappedSignedProperties: {
      const std::string open = "<xades:SignedProperties Id=\"signed-properties\">";
      const std::string close = "</xades:SignedProperties>";
      const auto begin = doc.find(open);
      const auto end = doc.find(close);
      if (begin == std::string::npos || end == std::string::npos) {
        return engine::fail(engine::Code::kInternal, "sample attack: no SignedProperties");
      }
      const std::string original = doc.substr(begin, end + close.size() - begin);
      std::string forged = "<xades:SignedProperties>" + original.substr(open.size());
      auto t = forged.find("<xades:SigningTime>");
      forged.replace(t + 19, 20, "2020-01-01T00:00:00Z");
      doc.replace(begin, original.size(), forged);
      // The signed element, relocated with its namespace so that its canonical form is unchanged.
      const std::string moved = "<ds:Object><xades:SignedProperties xmlns:xades=\"http://uri.etsi.org/01903/v1.3.2#\" "
                                "Id=\"signed-properties\">" + original.substr(open.size()) + "</ds:Object>";
      return replace_once(std::move(doc), "</ds:Signature>", moved + "</ds:Signature>", "wrapped SignedProperties");
    }
  }
  return doc;
}

class DocumentMaker {
 public:
  DocumentMaker(const Pki& pki, const Signers& signers) : pki_(pki), signers_(signers) {}

  engine::Result<std::string> make(const DocumentSpec& d, std::vector<engine::xmldsig::DetachedContent>& detached) {
    const auto signer = signers_.find(d.signer);
    if (signer == signers_.end()) return engine::fail(engine::Code::kInternal, "unknown sample signer " + d.signer);
    const auto spec = spec_of(d.signer);
    auto t = table_time(d.signed_at);
    if (!t) return std::unexpected(t.error());
    xades_text::TemplateInput in;
    in.packaging = d.packaging;
    in.signer_certificate_der = signer->second.certificate->der();
    in.signing_time = d.signed_at;
    in.detached_name = d.id + ".txt";
    if (d.packaging == Packaging::kDetached) detached = {{in.detached_name, xades_text::detached_content()}};
    engine::xmldsig::TemplateSignOptions options;
    options.detached = detached;
    auto doc = engine::xmldsig::sign_template(xades_text::document_template(in), signer->second.key, options);
    if (!doc) return std::unexpected(std::move(doc.error()).with_context("signing sample " + d.id));
    if (d.level != Level::kB) {
      // EN 319 132-1 5.3: a time-stamp over the canonical SignatureValue, a minute after signing.
      auto input = xades_text::signature_timestamp_input(*doc);
      if (!input) return std::unexpected(input.error());
      auto token = sample_timestamp(pki_, *input, *t + minutes(1), serial());
      if (!token) return std::unexpected(token.error());
      doc = xades_text::add_unsigned_property(std::move(*doc), xades_text::signature_timestamp("signature-timestamp", *token));
      if (!doc) return doc;
    }
    if (d.level == Level::kLT || d.level == Level::kLTA) {
      auto values = long_term_values(spec, signer->second, *t + minutes(30));
      if (!values) return std::unexpected(values.error());
      doc = xades_text::add_unsigned_property(std::move(*doc), *values);
      if (!doc) return doc;
    }
    if (d.level == Level::kLTA) {
      auto input = xades_text::archive_timestamp_input(*doc, detached);
      if (!input) return std::unexpected(input.error());
      auto token = sample_timestamp(pki_, *input, *t + minutes(60), serial());
      if (!token) return std::unexpected(token.error());
      doc = xades_text::add_unsigned_property(std::move(*doc), xades_text::archive_timestamp("archive-timestamp", *token));
      if (!doc) return doc;
    }
    return attack(std::move(*doc), d.attack);
  }

 private:
  static SignerSpec spec_of(const std::string& id) {
    for (const auto& s : signature_signers()) {
      if (s.id == id) return s;
    }
    return {};
  }

  std::string serial() {
    static constexpr char kHex[] = "0123456789abcdef";
    ++tokens_;
    return std::string("5a") + kHex[(tokens_ >> 4) & 0xf] + kHex[tokens_ & 0xf];
  }

  // EN 319 132-1 5.4: CertificateValues (the chain of the signer, the OCSP responder and the
  // TSA) and RevocationValues (an OCSP response for the signer, the CRL of the TSA's CA), both
  // issued at `when`, after the signature time-stamp (so fresh for the best-signature-time).
  engine::Result<std::string> long_term_values(const SignerSpec& spec, const KeyAndCertificate& signer, UtcTime when) const {
    const auto& ca = pki_.authorities.at(spec.issuer);
    const bool delegated = spec.issuer == "xa-qc-esig-ca";
    const auto& responder = delegated ? pki_.authorities.at("xa-ocsp-responder") : ca;
    engine::OcspResponseSpec ocsp;
    ocsp.produced_at = when;
    engine::OcspSingleResponse r;
    r.subject = signer.certificate.get();
    r.issuer = ca.certificate.get();
    r.this_update = when;
    r.next_update = when + days(1);
    if (!spec.revoked_at.empty() && *table_time(spec.revoked_at) <= when) {
      r.status = engine::OcspCertStatus::kRevoked;
      r.revocation_time = *table_time(spec.revoked_at);
      r.reason = engine::CrlReason::kKeyCompromise;
    }
    ocsp.responses = {r};
    auto ocsp_der = engine::build_ocsp_response(ocsp, *responder.certificate, responder.key);
    if (!ocsp_der) return std::unexpected(ocsp_der.error());
    const auto& tsa_ca = pki_.authorities.at(std::string(kSampleTsaIssuer));
    engine::CrlSpec crl;
    crl.this_update = when;
    crl.next_update = when + days(7);
    crl.crl_number = 7;
    auto crl_der = engine::build_crl(crl, *tsa_ca.certificate, tsa_ca.key);
    if (!crl_der) return std::unexpected(crl_der.error());
    std::vector<std::string> certs = {ca.certificate->der()};
    if (delegated) certs.push_back(responder.certificate->der());
    certs.push_back(pki_.end_entities.at(std::string(kSampleTsa)).certificate->der());
    certs.push_back(tsa_ca.certificate->der());
    return xades_text::certificate_values(certs) + xades_text::revocation_values({*crl_der}, {*ocsp_der});
  }

  const Pki& pki_;
  const Signers& signers_;
  unsigned tokens_ = 0;
};

}  // namespace

std::vector<SignerSpec> signature_signers() {
  return {
      {"qualified", "xa-qc-esig-ca", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", true, "",
       "QC for eSig on a QSCD under xa-qc-esig (granted), never revoked"},
      {"non-qualified", "xa-pkc-ca", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", false, "",
       "QcType esign without QcCompliance under the CA/PKC service xa-pkc"},
      {"revoked-early", "xa-qc-esig-ca", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", true, "2025-04-01T00:00:00Z",
       "QC for eSig on a QSCD, revoked 2025-04-01 (keyCompromise)"},
      {"revoked-late", "xa-qc-esig-ca", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", true, "2025-10-01T00:00:00Z",
       "QC for eSig on a QSCD, revoked 2025-10-01 (keyCompromise)"},
      {"expired", "xa-qc-esig-ca", "2023-01-01T00:00:00Z", "2025-01-01T00:00:00Z", true, "",
       "QC for eSig on a QSCD, expired 2025-01-01, never revoked"},
      {"withdrawn-ca", "xa-qc-withdrawn-ca", "2024-01-01T00:00:00Z", "2027-01-01T00:00:00Z", true, "",
       "QC for eSig on a QSCD under xa-qc-withdrawn (withdrawn 2025-03-01)"},
  };
}

engine::Result<Signers> issue_signature_signers(const Pki& pki,
                                                std::map<std::string, std::vector<engine::RevokedCertificate>>& revocations) {
  Signers out;
  const auto specs = signature_signers();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto& s = specs[i];
    const auto ca = pki.authorities.find(s.issuer);
    if (ca == pki.authorities.end()) return engine::fail(engine::Code::kInternal, "signature table: unknown issuer " + s.issuer);
    auto nb = table_time(s.not_before);
    auto na = table_time(s.not_after);
    if (!nb || !na) return engine::fail(engine::Code::kInternal, "signature table: bad validity for " + s.id);
    engine::CertificateSpec spec;
    spec.subject = {{"C", "XA"}, {"O", "Sample Signers XA (not a real organisation)"},
                    {"CN", "Sample signer " + s.id + " (not a real person)"}};
    static constexpr char kHex[] = "0123456789abcdef";
    spec.serial_hex = std::string("5e") + kHex[(i >> 4) & 0xf] + kHex[i & 0xf];
    spec.not_before = *nb;
    spec.not_after = *na;
    spec.ca = false;
    spec.key_usage = engine::key_usage_bits({engine::KeyUsageBit::kDigitalSignature, engine::KeyUsageBit::kNonRepudiation});
    spec.crl_urls = {std::string(kBaseUrl) + "revocation/" + s.issuer + ".crl"};
    spec.ocsp_urls = {std::string(kBaseUrl) + "ocsp/" + s.issuer};
    engine::QcStatementsSpec qc;
    qc.compliance = s.qualified;
    qc.sscd = s.qualified;
    qc.type_oids = {std::string(engine::qc_oid::kTypeESign)};
    spec.qc_statements = qc;
    auto key = engine::PrivateKey::generate(engine::KeyAlgorithm::kEcP256);
    if (!key) return std::unexpected(key.error());
    auto cert = engine::build_certificate(spec, key->public_key_der(), *ca->second.certificate, ca->second.key);
    if (!cert) return std::unexpected(std::move(cert.error()).with_context("issuing signer " + s.id));
    auto& entries = revocations[s.issuer];  // the CA's CRL is written even when it revokes nothing
    if (!s.revoked_at.empty()) {
      auto at = table_time(s.revoked_at);
      if (!at) return std::unexpected(at.error());
      entries.push_back({(*cert)->serial_hex(), *at, engine::CrlReason::kKeyCompromise});
    }
    out.emplace(s.id, KeyAndCertificate{std::move(*key), *cert});
  }
  return out;
}

// Written by hand from EN 319 102-1 (5.3 basic, 5.5 with time and long-term data, 5.6 archival)
// and TS 119 172-4 as described in docs/signature-validation.md; never computed by the validator.
std::vector<SignatureExpectation> signature_expectations() {
  const std::string now = "2026-01-15T00:00:00Z";
  std::vector<SignatureExpectation> out;
  for (const std::string level : {"b", "t"}) {
    for (const std::string p : {"enveloped", "enveloping", "detached"}) {
      const std::string doc = level + "-" + p;
      out.push_back({doc, p == "detached" ? doc + ".txt" : "-", now, "crl", "TOTAL_PASSED", "-", "QESig", "baseline-" + level});
    }
  }
  for (const std::string level : {"lt", "lta"}) {
    for (const std::string p : {"enveloped", "enveloping", "detached"}) {
      const std::string doc = level + "-" + p;
      out.push_back({doc, p == "detached" ? doc + ".txt" : "-", now, "none", "TOTAL_PASSED", "-", "QESig",
                     "baseline-" + level + "-embedded-data"});
    }
  }
  const std::vector<SignatureExpectation> rest = {
      {"b-detached", "-", now, "crl", "INDETERMINATE", "SIGNED_DATA_NOT_FOUND", "Indeterminate QESig", "detached-content-missing"},
      {"non-qualified-b", "-", now, "crl", "TOTAL_PASSED", "-", "AdESig", "non-qualified-signer"},
      {"revoked-before-signing-b", "-", now, "crl", "INDETERMINATE", "REVOKED_NO_POE", "Indeterminate QESig", "revoked-no-poe"},
      {"revoked-before-signing-t", "-", now, "crl", "INDETERMINATE", "REVOKED_NO_POE", "Indeterminate QESig",
       "revoked-before-best-signature-time"},
      {"revoked-after-signing-b", "-", now, "crl", "INDETERMINATE", "REVOKED_NO_POE", "Indeterminate QESig", "revoked-no-poe"},
      {"revoked-after-signing-t", "-", now, "crl", "TOTAL_PASSED", "-", "QESig", "revoked-after-best-signature-time"},
      // The CRLs of 2026 were issued after the expiry and may have dropped the entry (RFC 5280 3.3):
      // no revocation status, and the signature time-stamp does not help (5.5.4 step 5).
      {"expired-t", "-", now, "crl", "INDETERMINATE", "OUT_OF_BOUNDS_NO_POE", "Indeterminate QESig", "expired-status-unknown"},
      {"expired-lta", "-", now, "none", "TOTAL_PASSED", "-", "QESig", "expired-covered-by-long-term-data"},
      {"withdrawn-ca-signed-before-lta", "-", now, "none", "TOTAL_PASSED", "-", "QESig", "past-signature-validation"},
      {"withdrawn-ca-signed-before-lta", "-", "2024-07-01T00:00:00Z", "none", "TOTAL_PASSED", "-", "QESig",
       "anchor-before-sunset"},
      {"withdrawn-ca-signed-after-lta", "-", now, "none", "INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND_NO_POE",
       "Indeterminate AdESig", "signed-after-withdrawal"},
      {"tampered-content", "-", now, "crl", "TOTAL_FAILED", "HASH_FAILURE", "Not AdES but QC with QSCD", "hash-failure"},
      {"tampered-detached", "tampered-detached.txt", now, "crl", "TOTAL_FAILED", "HASH_FAILURE", "Not AdES but QC with QSCD",
       "hash-failure-detached"},
      // XML 1.0 3.3.1 (validity constraint ID): an Id value occurs once; a document that repeats
      // the signed Id is not a conformant XML-DSig signature (5.2.2 FC), before any digest.
      {"wrapping-duplicate-id", "-", now, "crl", "TOTAL_FAILED", "FORMAT_FAILURE", "Not AdES but QC with QSCD",
       "wrapping-duplicate-id"},
      {"wrapping-moved-id", "-", now, "crl", "TOTAL_FAILED", "HASH_FAILURE", "Not AdES but QC with QSCD", "wrapping-moved-id"},
      // EN 319 132-1 4.3 / 6.3: the SignedProperties read must be covered by a reference (5.2.2 FC,
      // TOTAL_FAILED / FORMAT_FAILURE in EN 319 102-1 table 5).
      {"wrapping-signed-properties", "-", now, "crl", "TOTAL_FAILED", "FORMAT_FAILURE", "Not AdES but QC with QSCD",
       "wrapping-unsigned-properties"},
  };
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}

std::string signature_readme_section() {
  std::string out = "\n## Signed documents (`signatures/`)\n\n";
  out += "XAdES signatures (EN 319 132-1) made with engine/xmldsig/template_signer from text templates\n";
  out += "(`samples/internal/xades_templates.cpp`): signed SigningTime, SigningCertificateV2 and DataObjectFormat;\n";
  out += "T adds a SignatureTimeStamp (sample TSA `tsa-qtst`, one minute after signing, over the exclusive-C14N\n";
  out += "ds:SignatureValue); LT adds CertificateValues and RevocationValues (an OCSP response for the signer and\n";
  out += "the CRL of the TSA's CA, both issued 30 minutes after signing); LTA adds an ArchiveTimeStamp (one hour\n";
  out += "after signing, EN 319 132-1 5.5.2.2 input). Keys are ECDSA P-256. A detached signature's content is the\n";
  out += "`.txt` file of the same name, which its reference names.\n\n";
  out += "Conventions of `expected-signatures.tsv`: validate `document` (with `detached`, `-` for none) through\n";
  out += "`validation::validate_document` at `at`, the trusted lists of this federation as the only anchors (anchor\n";
  out += "`oj/old-anchor.pem`, trust time as above), the default policy, offline; `revocation_data` `crl` = every\n";
  out += "CRL under `revocation/` given by the caller, `none` = only what the signature embeds. `indication` and\n";
  out += "`subindication` are EN 319 102-1's (`-` when TOTAL_PASSED), `qualification` the TS 119 172-4 label as\n";
  out += "DSS names it (at best-signature-time). Written by hand from EN 319 102-1 and docs/signature-validation.md.\n";
  out += "Tampered documents and wrapping attacks are never TOTAL_PASSED.\n\n";
  out += "Signers (`signatures/signers/<id>.pem`, signer + issuing CA):\n\n";
  for (const auto& s : signature_signers()) out += "- `" + s.id + "` (" + s.issuer + "): " + s.summary + "\n";
  out += "\nDocuments:\n\n";
  for (const auto& d : documents()) out += "- `signatures/" + d.id + ".xml` (signer `" + d.signer + "`): " + d.summary + "\n";
  return out;
}

engine::Result<void> add_signature_samples(const Pki& pki, const Signers& signers, UtcTime now, const AddFile& add) {
  (void)now;  // every time of the signatures is literal (the scenario table), not derived from now
  for (const auto& s : signature_signers()) {
    const auto& ca = pki.authorities.at(s.issuer);
    add("signatures/signers/" + s.id + ".pem", to_pem(*signers.at(s.id).certificate) + to_pem(*ca.certificate),
        "signer + issuing CA of the signature samples: " + s.summary);
  }
  DocumentMaker maker(pki, signers);
  for (const auto& d : documents()) {
    std::vector<engine::xmldsig::DetachedContent> detached;
    auto doc = maker.make(d, detached);
    if (!doc) return std::unexpected(doc.error());
    add("signatures/" + d.id + ".xml", std::move(*doc), "signed XML: " + d.summary);
    if (d.packaging == Packaging::kDetached) {
      std::string content = xades_text::detached_content();
      if (d.attack == Attack::kTamperedDetached) content.replace(content.find("1250.00"), 7, "9250.00");
      add("signatures/" + d.id + ".txt", std::move(content),
          std::string("detached content of signatures/") + d.id + ".xml" +
              (d.attack == Attack::kTamperedDetached ? " (changed after signing)" : ""));
    }
  }
  std::string expected = "document\tdetached\tat\trevocation_data\tindication\tsubindication\tqualification\trule\n";
  for (const auto& e : signature_expectations()) {
    expected += tsv_row({e.document, e.detached, e.at, e.revocation_data, e.indication, e.subindication, e.qualification, e.rule});
  }
  add("expected-signatures.tsv", expected,
      "expected signature validation (EN 319 102-1, TS 119 172-4) per signed document, instant and revocation data "
      "(literal table)");
  return {};
}

}  // namespace assay::samples
