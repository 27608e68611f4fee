#include "service/report/etsi_validation_report.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/base64.h"
#include "engine/digest.h"
#include "service/report/internal/etsi_pdf_report.h"
#include "service/text/markup_escape.h"

namespace assay::service::report {

namespace {

using validation::BlockResult;
using validation::SignatureValidationReport;

constexpr std::string_view kSha256 = "http://www.w3.org/2001/04/xmlenc#sha256";

std::string esc(std::string_view s) { return text::markup_escape(s); }
std::string time(engine::UtcTime t) { return engine::format_utc_time(t); }

// An xs:ID from a digest: a letter, a dash and 16 hex digits (unique enough within one report).
std::string object_id(char prefix, const engine::Sha256& digest) {
  return std::string(1, prefix) + "-" + engine::to_hex(digest).substr(0, 16);
}

std::string digest_alg_and_value(const engine::Sha256& digest) {
  const std::string raw(reinterpret_cast<const char*>(digest.data()), digest.size());
  return "<DigestAlgAndValue><ds:DigestMethod Algorithm=\"" + std::string(kSha256) + "\"/><ds:DigestValue>" +
         engine::base64_encode(raw) + "</ds:DigestValue></DigestAlgAndValue>";
}

std::string status_xml(std::string_view main_uri, std::string_view sub, std::string_view extra = {}) {
  std::string x = "<MainIndication>" + std::string(main_uri) + "</MainIndication>";
  if (!sub.empty()) x += "<SubIndication>" + validation::subindication_uri(sub) + "</SubIndication>";
  return x + std::string(extra);
}

// DSS's ValidationConstraintIdentifier per building block (VALIDATION-REPORTS.md §4).
std::string_view bbb_uri(std::string_view name) {
  static const std::map<std::string_view, std::string_view> kUris = {
      {"FC", "formatChecking"},
      {"ISC", "identificationOfTheSigningCertificate"},
      {"VCI", "validationContextInitialization"},
      {"XCV", "x509CertificateValidation"},
      {"CV", "cryptographicVerification"},
      {"SAV", "signatureAcceptanceValidation"},
      {"PCV", "pastCertificateValidation"},
      {"ARCHIVAL", "pastSignatureValidation"},
  };
  auto it = kUris.find(name);
  return it == kUris.end() ? std::string_view{} : it->second;
}

std::string constraint_xml(const BlockResult& b) {
  const auto uri = bbb_uri(b.name);
  if (uri.empty()) return {};
  return "<ValidationConstraint><ValidationConstraintIdentifier>urn:cef:dss:bbb:" + std::string(uri) +
         "</ValidationConstraintIdentifier><ConstraintStatus><Status>urn:etsi:019102:constraintStatus:applied</Status>"
         "</ConstraintStatus><ValidationStatus>" +
         status_xml(validation::indication_uri(b.indication), b.subindication) + "</ValidationStatus></ValidationConstraint>";
}

std::string poe_xml(std::string_view element, engine::UtcTime t) {
  return "<" + std::string(element) + "><POETime>" + time(t) +
         "</POETime><TypeOfProof>urn:etsi:019102:poetype:validation</TypeOfProof></" + std::string(element) + ">";
}

// Collects the validation objects every report refers to, once each, in first-use order.
class Objects {
 public:
  std::string certificate(const engine::CertificatePtr& c, engine::UtcTime poe) {
    const std::string id = object_id('C', c->sha256_fingerprint());
    add(id, "<ObjectType>urn:etsi:019102:validationObject:certificate</ObjectType><ValidationObjectRepresentation><base64>" +
                engine::base64_encode(c->der()) + "</base64></ValidationObjectRepresentation>" + poe_xml("POE", poe));
    return id;
  }
  std::string timestamp(const validation::TimestampResult& t, engine::UtcTime poe) {
    const std::string id = object_id('T', t.report.token_sha256);
    add(id, "<ObjectType>urn:etsi:019102:validationObject:timestamp</ObjectType><ValidationObjectRepresentation>" +
                digest_alg_and_value(t.report.token_sha256) + "</ValidationObjectRepresentation>" + poe_xml("POE", poe) +
                "<ValidationReport><SignatureValidationStatus>" +
                status_xml(validation::indication_uri(t.report.indication), t.report.subindication) +
                "</SignatureValidationStatus></ValidationReport>");
    return id;
  }
  std::string signed_data(const engine::Sha256& digest, engine::UtcTime poe) {
    const std::string id = object_id('D', digest);
    add(id, "<ObjectType>urn:etsi:019102:validationObject:signedData</ObjectType><ValidationObjectRepresentation>" +
                digest_alg_and_value(digest) + "</ValidationObjectRepresentation>" + poe_xml("POE", poe));
    return id;
  }
  // A document time-stamp (an ASiC time-stamp token, an ASiCArchiveManifest's): a validation
  // object of type timestamp whose POEProvisioning says it proves, at genTime, the existence of
  // the files it covers (signedData objects), with its own validation report: the status, the
  // TSA's chain and the messages. It replaces the shorter body a signature's use of the same
  // token wrote.
  std::string document_timestamp(const validation::DocumentTimestampResult& t, engine::UtcTime at) {
    const auto& r = t.report;
    std::vector<std::string> covered;
    for (const auto& e : t.scope) {
      if (!e.sha256) continue;
      auto id = signed_data(*e.sha256, at);
      if (std::find(covered.begin(), covered.end(), id) == covered.end()) covered.push_back(std::move(id));
    }
    std::string data;
    if (r.tsa_certificate) {
      const std::string tsa_id = certificate(r.tsa_certificate, at);
      data += "<CertificateChain><SigningCertificate VOReference=\"" + tsa_id + "\"/>";
      if (r.tsa_validation) {
        for (const auto& e : r.tsa_validation->path) {
          if (e.certificate && e.certificate->der() != r.tsa_certificate->der()) {
            data += "<IntermediateCertificate VOReference=\"" + certificate(e.certificate, at) + "\"/>";
          }
        }
        const auto& anchor = r.tsa_validation->anchor;
        if (anchor && anchor->certificate && r.tsa_validation->indication == validation::Indication::kPassed) {
          data += "<TrustAnchor VOReference=\"" + certificate(anchor->certificate, at) + "\"/>";
        }
      }
      data += "</CertificateChain>";
    }
    std::string messages;
    for (const auto* list : {&t.findings, &r.findings}) {
      for (const auto& f : *list) {
        if (f.severity == engine::Severity::kInfo) continue;
        messages += "<ReportData><Type>urn:cef:dss:message:" +
                    std::string(f.severity == engine::Severity::kError ? "error" : "warning") + "</Type><Value>" +
                    esc(f.id + ": " + f.message) + "</Value></ReportData>";
      }
    }
    if (!messages.empty()) data += "<AdditionalValidationReportData>" + messages + "</AdditionalValidationReportData>";
    std::string body = "<ObjectType>urn:etsi:019102:validationObject:timestamp</ObjectType><ValidationObjectRepresentation>" +
                       digest_alg_and_value(r.token_sha256) + "</ValidationObjectRepresentation>" + poe_xml("POE", at);
    if (r.indication == validation::Indication::kPassed && r.gen_time && !covered.empty()) {
      std::string refs;
      for (const auto& id : covered) refs += (refs.empty() ? "" : " ") + id;
      body += "<POEProvisioning><POETime>" + time(*r.gen_time) + "</POETime><ValidationObject VOReference=\"" + refs +
              "\"/></POEProvisioning>";
    }
    body += "<ValidationReport><SignatureIdentifier>" + digest_alg_and_value(r.token_sha256) +
            "<HashOnly>false</HashOnly><DocHashOnly>false</DocHashOnly><DAIdentifier>" + esc(t.id) +
            "</DAIdentifier></SignatureIdentifier><ValidationTimeInfo><ValidationTime>" + time(at) + "</ValidationTime>" +
            poe_xml("BestSignatureTime", r.gen_time ? *r.gen_time : at) + "</ValidationTimeInfo>";
    // A PDF document time-stamp: its dictionary's entries and the changes after it, as for a signature.
    if (t.pdf) {
      if (auto a = internal::pdf_attributes_xml(*t.pdf); !a.empty()) body += "<SignatureAttributes>" + a + "</SignatureAttributes>";
    }
    body += "<SignatureValidationStatus>" +
            status_xml(validation::indication_uri(r.indication), r.subindication,
                       data.empty() ? std::string{} : "<AssociatedValidationReportData>" + data + "</AssociatedValidationReportData>") +
            "</SignatureValidationStatus>";
    if (t.pdf) body += internal::pdf_other_information_xml(*t.pdf);
    body += "</ValidationReport>";
    const std::string id = object_id('T', r.token_sha256);
    if (!bodies_.contains(id)) order_.push_back(id);
    bodies_[id] = std::move(body);
    return id;
  }
  // A SignatureIdentifier id not used yet in this report (two signatures may share a value digest).
  std::string signature_id(const engine::Sha256& digest) {
    std::string id = object_id('S', digest);
    for (int n = 2; !signature_ids_.insert(id).second; ++n) id = object_id('S', digest) + "-" + std::to_string(n);
    return id;
  }
  std::string xml() const {
    if (order_.empty()) return {};
    std::string x = "<SignatureValidationObjects>";
    for (const auto& id : order_) x += "<ValidationObject id=\"" + id + "\">" + bodies_.at(id) + "</ValidationObject>";
    return x + "</SignatureValidationObjects>";
  }

 private:
  void add(const std::string& id, std::string body) {
    if (bodies_.emplace(id, std::move(body)).second) order_.push_back(id);
  }
  std::map<std::string, std::string> bodies_;
  std::vector<std::string> order_;
  std::set<std::string> signature_ids_;
};

// An xs:anyURI for an identifier that may be a bare OID (CAdES commitment types, policies):
// RFC 3061 urn:oid form; URIs are kept.
std::string as_uri(std::string_view id) {
  const bool oid = !id.empty() && id.find_first_not_of("0123456789.") == std::string_view::npos;
  return oid ? "urn:oid:" + std::string(id) : std::string(id);
}

// The SATimestampType element name of each time-stamp kind (TS 119 102-2 5.2.4.2).
std::string_view timestamp_attribute(validation::EmbeddedTimestamp::Kind kind) {
  using Kind = validation::EmbeddedTimestamp::Kind;
  switch (kind) {
    case Kind::kContent: return "AllDataObjectsTimeStamp";
    case Kind::kSignature: return "SignatureTimeStamp";
    case Kind::kValidationData: return "SigAndRefsTimeStamp";
    case Kind::kArchive: return "ArchiveTimeStamp";
    case Kind::kDocument: return "DocTimeStamp";
  }
  return "SignatureTimeStamp";
}

// TS 119 102-2 5.2.4 SignatureAttributes: the signed attributes the signature carries, and its
// time-stamps with their time and a reference to their validation object. The signing
// certificate counts as an attribute only when the signature signs a reference to it.
std::string attributes_xml(const SignatureValidationReport& r, Objects& objects, const std::string& signer_id) {
  const auto& a = r.attributes;
  std::string x;
  if (r.claimed_signing_time) x += "<SigningTime Signed=\"true\"><Time>" + time(*r.claimed_signing_time) + "</Time></SigningTime>";
  if (a.signing_certificate_reference_present && !signer_id.empty()) {
    x += "<SigningCertificate Signed=\"true\"><AttributeObject VOReference=\"" + signer_id + "\"/></SigningCertificate>";
  }
  for (const auto& mime : a.data_object_formats) {
    x += "<DataObjectFormat Signed=\"true\"><MimeType>" + esc(mime) + "</MimeType></DataObjectFormat>";
  }
  for (const auto& c : a.commitment_types) {
    x += "<CommitmentTypeIndication Signed=\"true\"><CommitmentTypeIdentifier>" + esc(as_uri(c)) +
         "</CommitmentTypeIdentifier></CommitmentTypeIndication>";
  }
  // An implied policy (SignaturePolicyImplied) has no identifier to report.
  if (!a.signature_policy_id.empty() && a.signature_policy_id != "implied") {
    x += "<SigPolicyIdentifier Signed=\"true\"><SigPolicyId>" + esc(as_uri(a.signature_policy_id)) +
         "</SigPolicyId></SigPolicyIdentifier>";
  }
  if (a.production_place && !a.production_place->empty()) {
    x += "<SignatureProductionPlace Signed=\"true\"><AddressString>" + esc(*a.production_place) +
         "</AddressString></SignatureProductionPlace>";
  }
  if (!a.claimed_roles.empty()) {
    x += "<SignerRole Signed=\"true\">";
    for (const auto& role : a.claimed_roles) {
      x += "<RoleDetails><Role>" + esc(role) + "</Role><EndorsementType>claimed</EndorsementType></RoleDetails>";
    }
    x += "</SignerRole>";
  }
  // Time-stamps: content ones are signed attributes, the others unsigned.
  for (const auto& t : r.timestamps) {
    if (!t.report.gen_time) continue;  // TimeStampValue is required; an unreadable token has none
    const bool is_signed = t.kind == validation::EmbeddedTimestamp::Kind::kContent;
    const std::string name(timestamp_attribute(t.kind));
    x += "<" + name + " Signed=\"" + (is_signed ? "true" : "false") + "\"><AttributeObject VOReference=\"" +
         objects.timestamp(t, r.validation_time) + "\"/><TimeStampValue>" + time(*t.report.gen_time) + "</TimeStampValue></" +
         name + ">";
  }
  return x;
}

std::string_view process_id(const SignatureValidationReport& r) {
  if (r.process("ARCHIVAL")) return "LTA";
  if (r.process("LTV")) return "LTVM";
  return "Basic";
}

std::string signature_xml(const SignatureValidationReport& r, Objects& objects) {
  const auto at = r.validation_time;
  std::string x = "<SignatureValidationReport>";
  x += "<SignatureIdentifier id=\"" + objects.signature_id(r.signature_value_sha256) + "\">" +
       digest_alg_and_value(r.signature_value_sha256) + "<HashOnly>false</HashOnly><DocHashOnly>false</DocHashOnly>";
  if (!r.signature_id.empty()) x += "<DAIdentifier>" + esc(r.signature_id) + "</DAIdentifier>";
  x += "</SignatureIdentifier>";
  std::string constraints;
  for (const auto& b : r.blocks) constraints += constraint_xml(b);
  for (const auto& p : r.processes) constraints += constraint_xml(p);
  if (!constraints.empty()) x += "<ValidationConstraintsEvaluationReport>" + constraints + "</ValidationConstraintsEvaluationReport>";
  x += "<ValidationTimeInfo><ValidationTime>" + time(at) + "</ValidationTime>" +
       poe_xml("BestSignatureTime", r.best_signature_time) + "</ValidationTimeInfo>";
  for (const auto& s : r.scope) {
    if (!s.sha256) continue;
    x += "<SignersDocument>" + digest_alg_and_value(*s.sha256) + "<SignersDocumentRepresentation VOReference=\"" +
         objects.signed_data(*s.sha256, at) + "\"/></SignersDocument>";
    break;  // the schema allows one; the JSON lists the whole scope
  }
  std::string signer_id = r.signing_certificate ? objects.certificate(r.signing_certificate, at) : std::string{};
  const std::string attributes = attributes_xml(r, objects, signer_id) + (r.pdf ? internal::pdf_attributes_xml(*r.pdf) : "");
  if (!attributes.empty()) x += "<SignatureAttributes>" + attributes + "</SignatureAttributes>";
  if (!signer_id.empty()) {
    x += "<SignerInformation><SignerCertificate VOReference=\"" + signer_id + "\"/><Signer>" +
         esc(r.signing_certificate->subject().rfc4514) + "</Signer></SignerInformation>";
  }
  x += "<SignatureQuality><SignatureQualityInformation>" + esc(r.qualification.uri) +
       "</SignatureQualityInformation></SignatureQuality>";
  x += "<SignatureValidationProcess><SignatureValidationProcessID>urn:etsi:019102:validationprocess:" +
       std::string(process_id(r)) + "</SignatureValidationProcessID></SignatureValidationProcess>";
  // The status, with the chain and the messages behind it.
  std::string data;
  if (r.certificate && !signer_id.empty()) {
    data += "<CertificateChain><SigningCertificate VOReference=\"" + signer_id + "\"/>";
    for (const auto& e : r.certificate->path) {
      if (e.certificate && e.certificate != r.signing_certificate) {
        data += "<IntermediateCertificate VOReference=\"" + objects.certificate(e.certificate, at) + "\"/>";
      }
    }
    if (r.certificate->anchor && r.certificate->anchor->certificate && r.certificate->indication == validation::Indication::kPassed) {
      data += "<TrustAnchor VOReference=\"" + objects.certificate(r.certificate->anchor->certificate, at) + "\"/>";
    }
    data += "</CertificateChain>";
  }
  std::string messages;
  for (const auto& e : r.errors()) {
    messages += "<ReportData><Type>urn:cef:dss:message:error</Type><Value>" + esc(e.message) + "</Value></ReportData>";
  }
  for (const auto& w : r.warnings()) {
    messages += "<ReportData><Type>urn:cef:dss:message:warning</Type><Value>" + esc(w.message) + "</Value></ReportData>";
  }
  if (!messages.empty()) data += "<AdditionalValidationReportData>" + messages + "</AdditionalValidationReportData>";
  for (const auto& t : r.timestamps) objects.timestamp(t, at);
  x += "<SignatureValidationStatus>" +
       status_xml(validation::main_indication_uri(r.indication), r.subindication,
                  data.empty() ? std::string{} : "<AssociatedValidationReportData>" + data + "</AssociatedValidationReportData>") +
       "</SignatureValidationStatus>";
  if (r.pdf) x += internal::pdf_other_information_xml(*r.pdf);
  x += "</SignatureValidationReport>";
  for (const auto& c : r.counter_signatures) x += signature_xml(c, objects);
  return x;
}

}  // namespace

std::string etsi_validation_report_xml(const validation::DocumentValidationReport& report) {
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<ValidationReport xmlns=\"http://uri.etsi.org/19102/v1.4.1#\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">";
  if (report.signatures.empty()) {
    // DSS's answer for a document without signature (VALIDATION-REPORTS.md §5).
    x += "<SignatureValidationReport><SignatureValidationStatus><MainIndication>urn:cef:dss:mainindication:noSignatureFound"
         "</MainIndication></SignatureValidationStatus></SignatureValidationReport>";
    if (report.timestamps.empty()) return x + "</ValidationReport>\n";
  }
  Objects objects;
  for (const auto& s : report.signatures) x += signature_xml(s, objects);
  // Document time-stamps have no SignatureValidationReport of their own: they are validation
  // objects (TS 119 102-2 4.4 / 5.4) with their report and the POE they provide.
  for (const auto& t : report.timestamps) objects.document_timestamp(t, report.validation_time);
  x += objects.xml();
  return x + "</ValidationReport>\n";
}

}  // namespace assay::service::report
