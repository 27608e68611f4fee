#include "samples/internal/signature_samples.h"

#include "engine/x509/certificate_builder.h"
#include "engine/x509/qc_statements.h"
#include "engine/xmldsig/template_signer.h"
#include "samples/internal/timestamps.h"
#include "samples/scenarios.h"

namespace assay::samples {
namespace {

using engine::UtcTime;
using std::chrono::days;
using std::chrono::minutes;
using xades_text::Packaging;

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
engine::Result<std::string> attack(std::string doc, SampleAttack a) {
  switch (a) {
    case SampleAttack::kNone:
    case SampleAttack::kTamperedDetached:
      return doc;
    case SampleAttack::kTamperedContent:
      return replace_once(std::move(doc), ">1250.00<", ">9250.00<", "tampered content");
    case SampleAttack::kDuplicateId:
      return replace_once(std::move(doc), "<ds:Object Id=\"content\">",
                          "<ds:Object Id=\"content\">" + xades_text::invoice_xml("9250.00") + "</ds:Object><ds:Object Id=\"content\">",
                          "duplicate Id");
    case SampleAttack::kMovedId: {
      const std::string signed_invoice = xades_text::invoice_xml("1250.00", " Id=\"invoice\"");
      return replace_once(std::move(doc), signed_invoice,
                          xades_text::invoice_xml("9250.00", " Id=\"invoice\"") + xades_text::invoice_xml("1250.00"),
                          "moved Id");
    }
    case SampleAttack::kWrappedSignedProperties: {
      const std::string open = "<xades:SignedProperties Id=\"signed-properties\">";
      const std::string close = "</xades:SignedProperties>";
      const auto begin = doc.find(open);
      const auto end = doc.find(close);
      if (begin == std::string::npos || end == std::string::npos) {
        return engine::fail(engine::Code::kInternal, "sample attack: no SignedProperties");
      }
      const std::string original = doc.substr(begin, end + close.size() - begin);
      std::string forged = "<xades:SignedProperties>" + original.substr(open.size());
      const auto t = forged.find("<xades:SigningTime>");
      if (t == std::string::npos) return engine::fail(engine::Code::kInternal, "sample attack: no SigningTime");
      forged.replace(t + 19, 20, "2020-01-01T00:00:00Z");  // a forged claim, in no reference
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

  engine::Result<std::string> make(const SignatureDocumentSpec& d, std::vector<engine::xmldsig::DetachedContent>& detached) {
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
    if (d.level != SignatureLevel::kB) {
      // EN 319 132-1 5.3: a time-stamp over the canonical SignatureValue, a minute after signing.
      auto input = xades_text::signature_timestamp_input(*doc);
      if (!input) return std::unexpected(input.error());
      auto token = sample_timestamp(pki_, *input, *t + minutes(1), serial());
      if (!token) return std::unexpected(token.error());
      doc = xades_text::add_unsigned_property(std::move(*doc), xades_text::signature_timestamp("signature-timestamp", *token));
      if (!doc) return doc;
    }
    if (d.level == SignatureLevel::kLT || d.level == SignatureLevel::kLTA) {
      auto values = long_term_values(spec, signer->second, *t + minutes(30));
      if (!values) return std::unexpected(values.error());
      doc = xades_text::add_unsigned_property(std::move(*doc), *values);
      if (!doc) return doc;
    }
    if (d.level == SignatureLevel::kLTA) {
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

engine::Result<void> add_signature_samples(const Pki& pki, const Signers& signers, UtcTime now, const AddFile& add) {
  (void)now;  // every time of the signatures is literal (the scenario table), not derived from now
  for (const auto& s : signature_signers()) {
    const auto& ca = pki.authorities.at(s.issuer);
    add("signatures/signers/" + s.id + ".pem", to_pem(*signers.at(s.id).certificate) + to_pem(*ca.certificate),
        "signer + issuing CA of the signature samples: " + s.summary);
  }
  DocumentMaker maker(pki, signers);
  for (const auto& d : signature_documents()) {
    std::vector<engine::xmldsig::DetachedContent> detached;
    auto doc = maker.make(d, detached);
    if (!doc) return std::unexpected(doc.error());
    add("signatures/" + d.id + ".xml", std::move(*doc), "signed XML: " + d.summary);
    if (d.packaging == Packaging::kDetached) {
      std::string content = xades_text::detached_content();
      if (d.attack == SampleAttack::kTamperedDetached) content.replace(content.find("1250.00"), 7, "9250.00");
      add("signatures/" + d.id + ".txt", std::move(content),
          std::string("detached content of signatures/") + d.id + ".xml" +
              (d.attack == SampleAttack::kTamperedDetached ? " (changed after signing)" : ""));
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
