// Assembles the federation from the scenario table: PKI, lists, damaged lists, revocation data
// and the tables. The lists are written by samples/list_writer (no tsl/ code) and signed with
// engine/xmldsig.
#include "samples/federation.h"

#include "engine/x509/revocation_builder.h"
#include "engine/xmldsig/signer.h"
#include "samples/internal/cades_asic_samples.h"
#include "samples/internal/jades_samples.h"
#include "samples/internal/pades_samples.h"
#include "samples/internal/pki.h"
#include "samples/internal/signature_samples.h"
#include "samples/internal/tables.h"
#include "samples/internal/validation_samples.h"
#include "samples/list_writer.h"

namespace assay::samples {
namespace {

using engine::UtcTime;
using std::chrono::days;
using std::chrono::hours;

constexpr const char* kTypeLotl = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUlistofthelists";
constexpr const char* kTypeGeneric = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric";
constexpr const char* kMimeXml = "application/vnd.etsi.tsl+xml";
constexpr const char* kLotlOperator = "Sample European Commission (not a real institution)";
constexpr const char* kPivotFile = "lotl/pivot-1.xml";

class Builder {
 public:
  Builder(Pki pki, UtcTime now) : pki_(std::move(pki)), now_(now) {}

  engine::Result<Federation> build() {
    add_certificates();
    for (const auto& l : national_lists()) {
      auto signed_xml = sign(national_xml(l, l.sequence, now_ - days(1), now_ - days(1) + days(180)), l.signer, now_ - days(1));
      if (!signed_xml) return std::unexpected(signed_xml.error());
      add("lists/" + l.territory + ".xml", std::move(*signed_xml),
          "national list " + l.territory + " (sequence " + std::to_string(l.sequence) + "), signed by pki/" + l.signer + ".pem");
    }
    if (auto r = add_lotls(); !r) return std::unexpected(r.error());
    if (auto r = add_damaged(); !r) return std::unexpected(r.error());
    if (auto r = add_pivot_era(); !r) return std::unexpected(r.error());
    if (auto r = add_revocation(); !r) return std::unexpected(r.error());
    if (auto r = add_jades_samples(pki_, now_, [this](const std::string& f, std::string b, std::string d) {
          add(f, std::move(b), std::move(d));
        });
        !r) {
      return std::unexpected(r.error());
    }
    if (auto r = add_cades_asic_samples(pki_, now_, [this](const std::string& f, std::string b, std::string d) {
          add(f, std::move(b), std::move(d));
        });
        !r) {
      return std::unexpected(r.error());
    }
    if (auto r = add_pades_samples(pki_, now_, [this](const std::string& f, std::string b, std::string d) {
          add(f, std::move(b), std::move(d));
        });
        !r) {
      return std::unexpected(r.error());
    }
    add("expected.tsv", expected_tsv(), "expected qualification per certificate and instant (literal scenario table)");
    add("expected-tsa.tsv", expected_tsa_tsv(), "expected QTST status of the TSA unit certificate");
    add("expected-authentication.tsv", expected_authentication_tsv(),
        "expected authentication status of every list document at the trust time");
    add("urls.tsv", urls_tsv(), "URL -> file map for the engine's MirrorFetcher");
    descriptions_["README.md"] = "this index";
    out_.files["README.md"] = readme(engine::format_utc_time(now_), descriptions_);
    return std::move(out_);
  }

 private:
  void add(const std::string& file, std::string bytes, std::string description) {
    out_.files[file] = std::move(bytes);
    descriptions_[file] = std::move(description);
  }

  const KeyAndCertificate& authority(const std::string& id) const { return pki_.authorities.at(id); }

  void add_certificates() {
    add("oj/old-anchor.pem", to_pem(*authority("oj-old").certificate),
        "old Official Journal anchor: self-signed LOTL signer certificate (signs the pivot)");
    add("oj/new-anchor.pem", to_pem(*authority("oj-new").certificate),
        "new Official Journal anchor: self-signed LOTL signer certificate (signs the current LOTL)");
    for (const auto& a : authorities()) {
      add("pki/" + a.id + ".pem", to_pem(*authority(a.id).certificate), a.common_name);
    }
    for (const auto& s : certificate_scenarios()) {
      add("certs/" + s.id + ".pem",
          to_pem(*pki_.end_entities.at(s.id).certificate) + to_pem(*authority(s.issuer).certificate),
          "end entity + issuing CA: " + s.summary);
    }
  }

  IdentityDoc identity_of(const ServiceSpec& s) const {
    const auto a = pki_.authorities.find(s.identity_of);
    const engine::Certificate& cert = a != pki_.authorities.end() ? *a->second.certificate
                                                                  : *pki_.end_entities.at(s.identity_of).certificate;
    IdentityDoc id;
    if (s.identity == ServiceSpec::Identity::kCertificate) id.certificate_der = cert.der();
    id.ski = cert.subject_key_id().value_or("");
    id.subject = cert.subject().rfc4514;
    return id;
  }

  PointerDoc lotl_pointer() const {
    return {kLotlUrl, {authority("oj-new").certificate->der()}, kTypeLotl, "EU", kMimeXml, kLotlOperator,
            "http://uri.etsi.org/TrstSvc/TrustedList/schemerules/EUlistofthelists"};
  }

  std::vector<PointerDoc> national_pointers() const {
    std::vector<PointerDoc> out;
    for (const auto& l : national_lists()) {
      PointerDoc p{url_of("lists/" + l.territory + ".xml"), {authority(l.signer).certificate->der()}, kTypeGeneric,
                   l.territory, kMimeXml, l.operator_name,
                   "http://uri.etsi.org/TrstSvc/TrustedList/schemerules/EUcommon"};
      out.push_back(p);
      if (l.territory == "XA") {  // a PDF pointer, which readers must ignore
        p.location = url_of("lists/XA.pdf");
        p.mime_type = "application/pdf";
        out.push_back(p);
      }
    }
    return out;
  }

  std::string national_xml(const ListSpec& l, unsigned sequence, UtcTime issue, UtcTime next,
                           const std::string& before_change_of = "") const {
    SchemeDoc scheme;
    scheme.sequence = sequence;
    scheme.tsl_type = kTypeGeneric;
    scheme.territory = l.territory;
    scheme.operator_name = l.operator_name;
    scheme.scheme_information_uris = {url_of("schemes/" + l.territory + ".html")};
    scheme.pointers = {lotl_pointer()};
    scheme.issue = issue;
    scheme.next_update = next;
    scheme.distribution_point = url_of("lists/" + l.territory + ".xml");
    std::vector<ServiceDoc> docs;
    for (const auto& s : services()) {
      if (s.territory != l.territory) continue;
      ServiceSpec published = s;
      if (s.id == before_change_of && !s.history.empty()) {  // the newest change is not published yet
        published.current = s.history.front();
        published.history.erase(published.history.begin());
      }
      docs.push_back({published, identity_of(published)});
    }
    return write_list(scheme, l.tsp_name, docs);
  }

  engine::Result<std::string> sign(const std::string& xml, const std::string& signer, UtcTime when,
                                   const std::string& signature_id = "signature") const {
    const auto& a = authority(signer);
    engine::xmldsig::SignOptions options;
    options.signing_time = when;
    options.signature_id = signature_id;
    auto out = engine::xmldsig::sign_enveloped(xml, a.key, a.certificate->der(), options);
    if (!out) return std::unexpected(std::move(out.error()).with_context("signing with " + signer));
    return out;
  }

  // The pivot LOTL (sequence 1): signed with the old anchor, its EUlistofthelists pointer
  // announces the new signer set; `extra` pointers are lists it points to besides the national ones.
  SchemeDoc pivot_doc(const std::vector<PointerDoc>& extra) const {
    SchemeDoc pivot;
    pivot.sequence = 1;
    pivot.tsl_type = kTypeLotl;
    pivot.territory = "EU";
    pivot.operator_name = kLotlOperator;
    pivot.scheme_information_uris = {url_of("oj/2019-sample-official-journal.html"), url_of("lotl-legal-notice.html")};
    pivot.pointers = national_pointers();
    pivot.pointers.insert(pivot.pointers.end(), extra.begin(), extra.end());
    pivot.pointers.push_back(lotl_pointer());  // announces the NEW signer set
    pivot.issue = now_ - days(30);
    pivot.next_update = pivot.issue + days(180);
    pivot.distribution_point = url_of(kPivotFile);
    return pivot;
  }

  engine::Result<void> add_lotls() {
    const SchemeDoc pivot = pivot_doc({});
    auto pivot_xml = sign(write_list(pivot, "", {}), "oj-old", pivot.issue);
    if (!pivot_xml) return std::unexpected(pivot_xml.error());
    add(kPivotFile, std::move(*pivot_xml),
        "pivot LOTL (sequence 1) signed with the old anchor; its EUlistofthelists pointer announces the new signer");

    SchemeDoc lotl = pivot;
    lotl.sequence = 2;
    // Newest first, like the real LOTL: newer OJ reference, pivots, older OJ reference.
    lotl.scheme_information_uris = {url_of("oj/2026-sample-official-journal.html"), url_of(kPivotFile),
                                    url_of("oj/2019-sample-official-journal.html"), url_of("lotl-legal-notice.html")};
    lotl.issue = now_ - days(1);
    lotl.next_update = lotl.issue + days(180);
    lotl.distribution_point = kLotlUrl;
    auto lotl_xml = sign(write_list(lotl, "", {}), "oj-new", lotl.issue);
    if (!lotl_xml) return std::unexpected(lotl_xml.error());
    add("lotl/lotl.xml", std::move(*lotl_xml),
        "current LOTL (sequence 2) signed with the new anchor; pointers to XA (XML and PDF), XB, XC");
    return {};
  }

  // The pivot era (scenarios.h pivot_era_list()): XD's list, a pivot that also points to it, and
  // a map serving that pivot at the pivot's URL with the current LOTL, which does not point to XD.
  engine::Result<void> add_pivot_era() {
    const ListSpec xd = pivot_era_list();
    const std::string xd_url = url_of("lists/" + xd.territory + ".xml");
    auto list = sign(national_xml(xd, xd.sequence, now_ - days(40), now_ - days(40) + days(180)), xd.signer, now_ - days(40));
    if (!list) return std::unexpected(list.error());
    add("pivot-era/XD.xml", std::move(*list),
        "national list XD (sequence " + std::to_string(xd.sequence) + "), signed by pki/" + xd.signer +
            ".pem; only the pivot-era pivot points to it");
    const PointerDoc xd_pointer{xd_url, {authority(xd.signer).certificate->der()}, kTypeGeneric, xd.territory, kMimeXml,
                                xd.operator_name, "http://uri.etsi.org/TrstSvc/TrustedList/schemerules/EUcommon"};
    const SchemeDoc pivot = pivot_doc({xd_pointer});
    auto pivot_xml = sign(write_list(pivot, "", {}), "oj-old", pivot.issue);
    if (!pivot_xml) return std::unexpected(pivot_xml.error());
    add("pivot-era/pivot-1.xml", std::move(*pivot_xml),
        "the pivot LOTL (sequence 1) as it would be had XD been in the federation then: lotl/pivot-1.xml plus a pointer "
        "to XD; the current LOTL does not point to XD");
    for (const auto& s : pivot_era_scenarios()) {
      add("pivot-era/" + s.id + ".pem",
          to_pem(*pki_.end_entities.at(s.id).certificate) + to_pem(*authority(s.issuer).certificate),
          "end entity + issuing CA: " + s.summary);
    }
    std::string map = "# url\tfile relative to this folder: urls.tsv with the pivot-era pivot and XD\n";
    map += kLotlUrl + std::string("\tlotl/lotl.xml\n");
    map += url_of(kPivotFile) + "\tpivot-era/pivot-1.xml\n";
    for (const auto& l : national_lists()) map += url_of("lists/" + l.territory + ".xml") + "\tlists/" + l.territory + ".xml\n";
    map += xd_url + "\tpivot-era/XD.xml\n";
    add("urls-pivot-era.tsv", std::move(map), "URL -> file map of the pivot era: the pivot that points to XD, and XD");
    add("expected-pivot-era.tsv", expected_pivot_era_tsv(),
        "expected qualification of the pivot-era certificates with urls-pivot-era.tsv (columns as expected.tsv)");
    return {};
  }

  engine::Result<void> add_damaged() {
    const auto lists = national_lists();
    auto list = [&lists](const std::string& t) -> const ListSpec& {
      for (const auto& l : lists) {
        if (l.territory == t) return l;
      }
      return lists.front();
    };
    const UtcTime issue = now_ - days(1);
    for (const auto& d : damaged_lists()) {
      const ListSpec& l = list(d.territory);
      using D = DamagedSpec::Damage;
      engine::Result<std::string> bytes = std::string();
      const std::string current = national_xml(l, l.sequence, issue, issue + days(180));
      switch (d.damage) {
        case D::kBrokenSignature:
          bytes = sign(current, l.signer, issue);
          if (bytes) {
            // Flip one bit of the TSP name: signed content, so a reference digest must fail.
            const auto at = bytes->find(l.tsp_name);
            if (at == std::string::npos) return engine::fail(engine::Code::kInternal, "TSP name not found in " + d.file);
            (*bytes)[at + 23] = static_cast<char>((*bytes)[at + 23] ^ 0x01);
          }
          break;
        case D::kUnannouncedSigner: bytes = sign(current, "xa-rogue-signer", issue); break;
        case D::kSequenceRegression: {
          const UtcTime older = now_ - days(60);
          bytes = sign(national_xml(l, l.sequence - 1, older, older + days(180), d.before_change_of), l.signer, older);
          break;
        }
        case D::kExpired: {
          const UtcTime older = now_ - days(200);
          bytes = sign(national_xml(l, l.sequence, older, now_ - days(20)), l.signer, older);
          break;
        }
        case D::kUnsigned: bytes = current; break;
        case D::kTwoSignatures:
          bytes = sign(current, l.signer, issue);
          if (bytes) bytes = sign(*bytes, l.signer, issue, "signature-2");
          break;
      }
      if (!bytes) return std::unexpected(bytes.error());
      add(d.file, std::move(*bytes), d.summary + " (expected: " + d.expected_status + ")");
    }
    return {};
  }

  engine::Result<void> add_revocation() {
    const auto& ca = authority("xa-qc-esig-ca");
    const auto& responder = authority("xa-ocsp-responder");
    const auto& good = *pki_.end_entities.at("esig-qscd").certificate;
    const auto& revoked = *pki_.end_entities.at("esig-no-qscd").certificate;
    auto revoked_at = table_time("2025-10-01T00:00:00Z");
    if (!revoked_at) return std::unexpected(revoked_at.error());

    // The CRL of xa-qc-esig-ca (revocation/xa-qc-esig-ca.crl) is written with the validation
    // samples, which revoke more of its certificates.
    std::map<std::string, std::vector<engine::RevokedCertificate>> revocations = {
        {"xa-qc-esig-ca", {{revoked.serial_hex(), *revoked_at, engine::CrlReason::kKeyCompromise}}}};
    // The signers of the signed sample documents (signatures/) are revoked in the same CRLs.
    auto signers = issue_signature_signers(pki_, revocations);
    if (!signers) return std::unexpected(signers.error());
    if (auto r = add_validation_samples(
            pki_, now_, [this](const std::string& f, std::string b, std::string d) { add(f, std::move(b), std::move(d)); },
            revocations);
        !r) {
      return r;
    }
    if (auto r = add_signature_samples(
            pki_, *signers, now_,
            [this](const std::string& f, std::string b, std::string d) { add(f, std::move(b), std::move(d)); });
        !r) {
      return r;
    }

    for (const auto* subject : {&good, &revoked}) {
      engine::OcspResponseSpec spec;
      spec.produced_at = now_ - hours(1);
      engine::OcspSingleResponse r;
      r.subject = subject;
      r.issuer = ca.certificate.get();
      r.this_update = now_ - hours(1);
      r.next_update = now_ + days(1);
      if (subject == &revoked) {
        r.status = engine::OcspCertStatus::kRevoked;
        r.revocation_time = *revoked_at;
        r.reason = engine::CrlReason::kKeyCompromise;
      }
      spec.responses = {r};
      auto der = engine::build_ocsp_response(spec, *responder.certificate, responder.key);
      if (!der) return std::unexpected(der.error());
      const bool is_good = subject == &good;
      add(std::string("revocation/") + (is_good ? "esig-qscd" : "esig-no-qscd") + ".ocsp", std::move(*der),
          std::string("OCSP response (DER) from xa-ocsp-responder: ") + (is_good ? "esig-qscd good" : "esig-no-qscd revoked"));
    }
    return {};
  }

  Pki pki_;
  UtcTime now_;
  Federation out_;
  std::map<std::string, std::string> descriptions_;
};

}  // namespace

engine::Result<Federation> build_federation(UtcTime now) {
  auto pki = build_pki();
  if (!pki) return std::unexpected(pki.error());
  return Builder(std::move(*pki), now).build();
}

}  // namespace assay::samples
