#include "service/dss/dss_reports.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "engine/base64.h"
#include "engine/digest.h"
#include "engine/x509/certificate.h"

namespace assay::service::dss {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;
using validation::SignatureValidationReport;

value str_or_null(std::string_view s) { return s.empty() ? value(nullptr) : value(boost::json::string(s)); }
value date_or_null(const std::optional<engine::UtcTime>& t) { return t ? value(dss_date(*t)) : value(nullptr); }

std::string upper_hex(const engine::Sha256& digest) {
  std::string hex = engine::to_hex(digest);
  std::transform(hex.begin(), hex.end(), hex.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return hex;
}

// DSS token ids: a letter, a dash and the upper-case hex of a digest ("S-A241BC...").
std::string token_id(char prefix, const engine::Sha256& digest) { return std::string(1, prefix) + "-" + upper_hex(digest); }

// DSS names a certificate by its common name, else by the whole subject.
std::string readable_name(const engine::Certificate& c) {
  if (auto cn = c.subject().find("CN")) return std::string(*cn);
  return c.subject().rfc4514;
}

object message(std::string_view key, std::string_view text) { return object{{"value", text}, {"Key", key}}; }

// {Error, Warning, Info} (SimpleReport details, singular names).
object details(const std::vector<validation::ConstraintResult>& errors,
               const std::vector<validation::ConstraintResult>& warnings) {
  array e, w;
  for (const auto& c : errors) e.push_back(message(c.id, c.message));
  for (const auto& c : warnings) w.push_back(message(c.id, c.message));
  return object{{"Error", std::move(e)}, {"Warning", std::move(w)}, {"Info", array{}}};
}

object details(const engine::Findings& findings, bool plural = false) {
  array e, w, i;
  for (const auto& f : findings) {
    auto& target = f.severity == engine::Severity::kError ? e : f.severity == engine::Severity::kWarning ? w : i;
    target.push_back(message(f.id, f.message));
  }
  if (plural) return object{{"Errors", std::move(e)}, {"Warnings", std::move(w)}, {"Infos", std::move(i)}};
  return object{{"Error", std::move(e)}, {"Warning", std::move(w)}, {"Info", std::move(i)}};
}

std::string_view scope_kind(std::string_view kind) {
  if (kind == "partial") return "PARTIAL";
  if (kind == "counter-signature") return "COUNTER_SIGNATURE";
  if (kind == "digest") return "DIGEST";
  if (kind == "archived") return "ARCHIVED";
  if (kind == "signature") return "SIGNATURE";
  return "FULL";  // "full", "detached", "manifest": a whole document or file
}

array scope_json(const std::vector<validation::ScopeEntry>& scope) {
  array out;
  for (const auto& s : scope) {
    const auto digest = s.sha256 ? *s.sha256 : engine::sha256(s.name + "\n" + s.description);
    out.push_back(object{{"value", s.description}, {"Id", token_id('D', digest)}, {"name", str_or_null(s.name)},
                         {"scope", scope_kind(s.kind)}});
  }
  return out;
}

value trust_anchors_json(const validation::TrustAnchor& anchor) {
  if (!anchor.list) return nullptr;
  const auto& l = *anchor.list;
  return object{{"TrustAnchor", array{object{{"TSLType", nullptr},
                                              {"TrustServiceProvider", l.provider},
                                              {"TrustServiceProviderRegistrationId", nullptr},
                                              {"TrustServiceName", array{boost::json::string(l.service_name)}},
                                              {"countryCode", l.territory}}}}};
}

// The chain of a certificate validation, end entity first, the anchor's certificate last.
value certificate_chain_json(const std::optional<validation::CertificateValidationReport>& report) {
  if (!report) return nullptr;
  array certs;
  for (const auto& e : report->path) {
    if (!e.certificate) continue;
    certs.push_back(object{{"QualifiedName", readable_name(*e.certificate)},
                           {"TrustAnchors", nullptr},
                           {"Id", token_id('C', e.certificate->sha256_fingerprint())},
                           {"trusted", nullptr},
                           {"sunsetDate", nullptr}});
  }
  if (report->anchor) {
    const auto& a = *report->anchor;
    const std::string id = a.certificate ? token_id('C', a.certificate->sha256_fingerprint())
                                         : token_id('C', engine::sha256(a.spki_der));
    certs.push_back(object{{"QualifiedName", a.certificate ? readable_name(*a.certificate) : a.subject.rfc4514},
                           {"TrustAnchors", trust_anchors_json(a)},
                           {"Id", id},
                           {"trusted", true},
                           {"sunsetDate", a.list ? date_or_null(a.list->status_end) : value(nullptr)}});
  }
  return object{{"Certificate", std::move(certs)}};
}

std::string_view timestamp_level(const validation::TimestampValidationReport& t) { return t.qualified ? "QTSA" : "TSA"; }

// A Tst of the SimpleReport: a signature's time-stamp (no scope, no file name), or a document
// time-stamp with the files it covers, its container entry name and the reader's findings.
object timestamp_json(const validation::TimestampValidationReport& r, array scope = {}, std::string_view filename = {},
                      const engine::Findings& reader_findings = {}) {
  const std::string_view level = timestamp_level(r);
  engine::Findings findings = reader_findings;
  findings.insert(findings.end(), r.findings.begin(), r.findings.end());
  return object{{"ProductionTime", date_or_null(r.gen_time)},
                {"ProducedBy", r.tsa_certificate ? value(readable_name(*r.tsa_certificate)) : value(nullptr)},
                {"TimestampLevel", object{{"value", level}, {"description", level == "QTSA" ? "Qualified timestamp" : "Not qualified timestamp"}}},
                {"TimestampScope", std::move(scope)},
                {"EvidenceRecords", nullptr},
                {"Id", token_id('T', r.token_sha256)},
                {"Filename", str_or_null(filename)},
                {"CertificateChain", certificate_chain_json(r.tsa_validation)},
                {"Indication", validation::indication_name(r.indication)},
                {"SubIndication", str_or_null(r.subindication)},
                {"AdESValidationDetails", details(findings)},
                {"QualificationDetails", nullptr},
                {"ExtensionPeriodMin", nullptr},
                {"ExtensionPeriodMax", nullptr}};
}

object signature_json(const SignatureValidationReport& r, const std::string& id, const std::string& parent_id) {
  array timestamps;
  for (const auto& t : r.timestamps) timestamps.push_back(timestamp_json(t.report));
  const auto& q = r.qualification;
  return object{
      {"SigningTime", date_or_null(r.claimed_signing_time)},
      {"BestSignatureTime", dss_date(r.best_signature_time)},
      {"SignedBy", r.signing_certificate ? value(readable_name(*r.signing_certificate)) : value(nullptr)},
      {"SignatureLevel", object{{"value", q.label}, {"description", signature_level_description(q.label)}}},
      {"SignatureScope", scope_json(r.scope)},
      {"Timestamps", timestamps.empty() ? value(nullptr) : value(object{{"Timestamp", std::move(timestamps)}})},
      {"EvidenceRecords", nullptr},
      {"Filename", nullptr},
      {"CertificateChain", certificate_chain_json(r.certificate)},
      {"Indication", validation::main_indication_name(r.indication)},
      {"SubIndication", str_or_null(r.subindication)},
      {"AdESValidationDetails", details(r.errors(), r.warnings())},
      {"QualificationDetails", details(q.reasons)},
      {"ExtensionPeriodMin", nullptr},
      {"ExtensionPeriodMax", nullptr},
      {"Id", id},
      {"CounterSignature", parent_id.empty() ? value(nullptr) : value(true)},
      {"ParentId", str_or_null(parent_id)},
      {"SignatureFormat", r.level.empty() ? value("UNKNOWN") : value(r.level)}};
}

object conclusion(validation::Indication indication, std::string_view sub,
                  const std::vector<validation::ConstraintResult>& constraints) {
  array e, w, i;
  for (const auto& c : constraints) {
    using S = validation::ConstraintStatus;
    if (c.status == S::kNotOk) e.push_back(message(c.id, c.message));
    if (c.status == S::kWarning) w.push_back(message(c.id, c.message));
    if (c.status == S::kInformation) i.push_back(message(c.id, c.message));
  }
  return object{{"Indication", validation::indication_name(indication)},
                {"SubIndication", str_or_null(sub)},
                {"Errors", std::move(e)},
                {"Warnings", std::move(w)},
                {"Infos", std::move(i)}};
}

// Every signature and counter-signature, depth first, with the DSS ids they are reported under.
struct Flat {
  const SignatureValidationReport* report;
  std::string id;
  std::string parent_id;
};

void flatten(const SignatureValidationReport& r, const std::string& parent, std::vector<Flat>& out) {
  std::string id = token_id('S', r.signature_value_sha256);
  for (int n = 2; std::any_of(out.begin(), out.end(), [&](const Flat& f) { return f.id == id; }); ++n) {
    id = token_id('S', r.signature_value_sha256) + "-" + std::to_string(n);
  }
  out.push_back({&r, id, parent});
  for (const auto& c : r.counter_signatures) flatten(c, id, out);
}

}  // namespace

std::string dss_date(engine::UtcTime t) { return engine::format_utc_time(t); }

std::string signature_level_description(std::string_view value) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kDescriptions{{
      {"QESig", "Qualified Electronic Signature"},
      {"QESeal", "Qualified Electronic Seal"},
      {"Unknown-QC-QSCD", "Signature produced by a Qualified Certificate of unknown type with its private key residing in a QSCD"},
      {"AdESig-QC", "Advanced Electronic Signature supported by a Qualified Certificate"},
      {"AdESeal-QC", "Advanced Electronic Seal supported by a Qualified Certificate"},
      {"Unknown-QC", "Signature produced by a Qualified Certificate of unknown type"},
      {"AdESig", "Advanced Electronic Signature"},
      {"AdESeal", "Advanced Electronic Seal"},
      {"Unknown", "Signature produced by a Certificate of unknown type"},
      {"Not AdES but QC with QSCD", "Not Advanced Electronic Signature but supported by a Qualified Certificate"},
      {"Not AdES but QC", "Not Advanced Electronic Signature but supported by a Qualified Certificate"},
      {"Not AdES", "Not Advanced Electronic Signature"},
      {"N/A", "Not applicable"},
  }};
  constexpr std::string_view kIndeterminate = "Indeterminate ";
  const bool indeterminate = value.starts_with(kIndeterminate);
  if (indeterminate) value.remove_prefix(kIndeterminate.size());
  for (const auto& [v, d] : kDescriptions) {
    if (v == value) return indeterminate ? std::string(kIndeterminate) + std::string(d) : std::string(d);
  }
  return {};
}

boost::json::object ws_reports_json(const validation::DocumentValidationReport& report, std::string_view document_name,
                                    std::string_view etsi_report_xml) {
  std::vector<Flat> all;
  for (const auto& s : report.signatures) flatten(s, {}, all);

  array simple_entries, detailed_entries, blocks, diagnostic_signatures;
  std::size_t valid = 0;
  for (const auto& f : all) {
    const auto& r = *f.report;
    if (r.indication == validation::MainIndication::kTotalPassed) ++valid;
    simple_entries.push_back(object{{"Signature", signature_json(r, f.id, f.parent_id)}});
    object summary = details(r.errors(), r.warnings());
    object main_conclusion{{"Indication", validation::main_indication_name(r.indication)},
                           {"SubIndication", str_or_null(r.subindication)},
                           {"Errors", std::move(summary["Error"])},
                           {"Warnings", std::move(summary["Warning"])},
                           {"Infos", array{}}};
    detailed_entries.push_back(object{{"Signature", object{{"Id", f.id},
                                                            {"CounterSignature", f.parent_id.empty() ? value(nullptr) : value(true)},
                                                            {"Conclusion", std::move(main_conclusion)}}}});
    object bbb{{"Id", f.id}, {"Type", "SIGNATURE"}};
    for (const auto& b : r.blocks) bbb[b.name] = object{{"Conclusion", conclusion(b.indication, b.subindication, b.constraints)}};
    blocks.push_back(std::move(bbb));
    diagnostic_signatures.push_back(object{{"Id", f.id},
                                           {"DAIdentifier", str_or_null(r.signature_id)},
                                           {"SignatureFilename", str_or_null(document_name)},
                                           {"ClaimedSigningTime", date_or_null(r.claimed_signing_time)},
                                           {"SignatureFormat", r.level.empty() ? value("UNKNOWN") : value(r.level)},
                                           {"CounterSignature", f.parent_id.empty() ? value(nullptr) : value(true)},
                                           {"Parent", str_or_null(f.parent_id)}});
  }

  // Document time-stamps (DSS's detached time-stamps of an ASiC container): Timestamp entries of
  // the mixed list, after the signatures.
  for (const auto& t : report.timestamps) {
    const auto& r = t.report;
    const std::string id = token_id('T', r.token_sha256);
    simple_entries.push_back(object{{"Timestamp", timestamp_json(r, scope_json(t.scope), t.id, t.findings)}});
    engine::Findings findings = t.findings;
    findings.insert(findings.end(), r.findings.begin(), r.findings.end());
    object conclusion_object = details(findings, true);
    conclusion_object["Indication"] = validation::indication_name(r.indication);
    conclusion_object["SubIndication"] = str_or_null(r.subindication);
    detailed_entries.push_back(object{{"Timestamp", object{{"Id", id}, {"Conclusion", std::move(conclusion_object)}}}});
  }

  object simple{{"ValidationPolicy", object{{"PolicyName", report.policy}, {"PolicyDescription", nullptr}}},
                {"DocumentName", str_or_null(document_name)},
                {"ValidSignaturesCount", valid},
                {"SignaturesCount", all.size()},
                {"ContainerType", str_or_null(report.container)},
                {"PDFAInfo", nullptr},
                {"signatureOrTimestampOrEvidenceRecord", std::move(simple_entries)},
                {"Semantic", nullptr},
                {"ValidationTime", dss_date(report.validation_time)}};
  object detailed{{"signatureOrTimestampOrEvidenceRecord", std::move(detailed_entries)},
                  {"BasicBuildingBlocks", std::move(blocks)},
                  {"TLAnalysis", array{}},
                  {"Semantic", nullptr},
                  {"ValidationTime", dss_date(report.validation_time)}};
  object diagnostic{{"DocumentName", str_or_null(document_name)},
                    {"ValidationDate", dss_date(report.validation_time)},
                    {"Signature", std::move(diagnostic_signatures)}};
  return object{{"validationReportDataHandler", engine::base64_encode(etsi_report_xml)},
                {"DiagnosticData", std::move(diagnostic)},
                {"SimpleReport", std::move(simple)},
                {"DetailedReport", std::move(detailed)}};
}

namespace {

object subject_json(const engine::Certificate& c) {
  const auto& s = c.subject();
  auto field = [&](std::string_view type) { return s.find(type) ? value(boost::json::string(*s.find(type))) : value(nullptr); };
  return object{{"commonName", field("CN")},        {"surname", field("SN")},
                {"givenName", field("GN")},         {"pseudonym", field("pseudonym")},
                {"organizationName", field("O")},   {"organizationUnit", field("OU")},
                {"email", field("emailAddress")},   {"locality", field("L")},
                {"state", field("ST")},             {"country", field("C")}};
}

array strings(const std::vector<std::string>& list) {
  array out;
  for (const auto& s : list) out.push_back(boost::json::string(s));
  return out;
}

value revocation_json(const validation::RevocationEvidence& e) {
  if (e.status == validation::RevocationState::kNotChecked) return nullptr;
  return object{{"thisUpdate", date_or_null(e.this_update)},
                {"revocationDate", date_or_null(e.revocation_time)},
                {"revocationReason", str_or_null(e.reason)}};
}

object chain_item(const engine::Certificate& c, const std::string& issuer_id, const validation::RevocationEvidence* revocation,
                  const validation::CertificateValidationReport& report, const DssCertificateQualification* qualification,
                  const validation::TrustAnchor* anchor) {
  array key_usage;
  for (const auto n : c.key_usage().names()) key_usage.push_back(boost::json::string(n));
  value trust_anchor = nullptr;
  if (anchor && anchor->list) {
    const auto& l = *anchor->list;
    trust_anchor = array{object{{"countryCode", l.territory},
                                {"tslType", nullptr},
                                {"trustServiceProvider", l.provider},
                                {"trustServiceProviderRegistrationId", nullptr},
                                {"trustServiceName", l.service_name}}};
  }
  return object{{"subject", subject_json(c)},
                {"issuerId", str_or_null(issuer_id)},
                {"notBefore", dss_date(c.not_before())},
                {"notAfter", dss_date(c.not_after())},
                {"keyUsage", std::move(key_usage)},
                {"extendedKeyUsage", strings(c.extended_key_usages())},
                {"ocspUrl", strings(c.ocsp_urls())},
                {"crlUrl", strings(c.crl_distribution_points())},
                {"aiaUrl", nullptr},
                {"cpsUrl", nullptr},
                {"pdsUrl", nullptr},
                {"qualificationAtIssuance", qualification && qualification->at_issuance ? value(*qualification->at_issuance) : value(nullptr)},
                {"qualificationDetailsAtIssuance", nullptr},
                {"qualificationAtValidation", qualification && qualification->at_validation ? value(*qualification->at_validation) : value(nullptr)},
                {"qualificationDetailsAtValidation", nullptr},
                {"qwacProfile", nullptr},
                {"qwacDetails", nullptr},
                {"enactedMRA", nullptr},
                {"revocation", revocation ? revocation_json(*revocation) : value(nullptr)},
                {"trustAnchor", std::move(trust_anchor)},
                {"trustStartDate", anchor && anchor->list ? value(dss_date(anchor->list->status_start)) : value(nullptr)},
                {"trustSunsetDate", anchor && anchor->list ? date_or_null(anchor->list->status_end) : value(nullptr)},
                // The path is validated as a whole (RFC 5280 6.1): every item carries its conclusion.
                {"Indication", validation::indication_name(report.indication)},
                {"SubIndication", report.indication == validation::Indication::kPassed
                                      ? value(nullptr)
                                      : value(validation::subindication_name(report.subindication))},
                {"X509ValidationDetails", details(report.findings)},
                {"ChainItem", nullptr},
                {"TLSBindingSignature", nullptr},
                {"Id", token_id('C', c.sha256_fingerprint())}};
}

}  // namespace

boost::json::object certificate_reports_json(const validation::CertificateValidationReport& report,
                                             const engine::Certificate& certificate,
                                             const DssCertificateQualification& qualification) {
  // The chain: the validated path when one was built (it starts with `certificate`), else the
  // certificate alone; then the anchor's own certificate.
  std::vector<std::pair<const engine::Certificate*, const validation::RevocationEvidence*>> chain;
  for (const auto& e : report.path) {
    if (e.certificate) chain.emplace_back(e.certificate.get(), &e.revocation);
  }
  if (chain.empty() || chain.front().first->sha256_fingerprint() != certificate.sha256_fingerprint()) {
    chain.insert(chain.begin(), {&certificate, nullptr});
  }
  const validation::TrustAnchor* anchor = report.anchor ? &*report.anchor : nullptr;
  if (anchor && anchor->certificate) chain.emplace_back(anchor->certificate.get(), nullptr);

  array issuers, diagnostic_certificates;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const auto& [c, revocation] = chain[i];
    const std::string issuer_id = i + 1 < chain.size() ? token_id('C', chain[i + 1].first->sha256_fingerprint()) : std::string{};
    const bool is_anchor = anchor && anchor->certificate && i + 1 == chain.size() && i > 0;
    diagnostic_certificates.push_back(object{{"Id", token_id('C', c->sha256_fingerprint())},
                                             {"SubjectDistinguishedName", c->subject().rfc4514},
                                             {"IssuerDistinguishedName", c->issuer().rfc4514},
                                             {"SerialNumber", c->serial_hex()},
                                             {"Trusted", is_anchor ? value(true) : value(nullptr)}});
    if (i == 0) continue;
    issuers.push_back(chain_item(*c, issuer_id, revocation, report, nullptr, is_anchor ? anchor : nullptr));
  }
  const std::string first_issuer = chain.size() > 1 ? token_id('C', chain[1].first->sha256_fingerprint()) : std::string{};
  object item = chain_item(certificate, first_issuer, chain.front().second, report, &qualification,
                           chain.size() == 1 ? anchor : nullptr);
  item["ChainItem"] = std::move(issuers);

  object simple{{"ValidationPolicy", object{{"PolicyName", "Certificate policy TL based"}, {"PolicyDescription", nullptr}}},
                {"Certificate", std::move(item)},
                {"ConnectionDetails", nullptr},
                {"ValidationTime", dss_date(report.validation_time)}};
  object conclusion_object{{"Indication", validation::indication_name(report.indication)},
                           {"SubIndication", report.indication == validation::Indication::kPassed
                                                 ? value(nullptr)
                                                 : value(validation::subindication_name(report.subindication))}};
  object detailed_conclusion = details(report.findings, true);
  for (auto& [k, v] : conclusion_object) detailed_conclusion[k] = v;
  return object{{"diagnosticData", object{{"ValidationDate", dss_date(report.validation_time)},
                                          {"Certificate", std::move(diagnostic_certificates)}}},
                {"simpleCertificateReport", std::move(simple)},
                {"detailedReport", object{{"Certificate", object{{"Id", token_id('C', certificate.sha256_fingerprint())},
                                                                 {"Conclusion", std::move(detailed_conclusion)}}},
                                          {"TLAnalysis", array{}}}}};
}

std::string certificate_qualification_name(const tsl::QualificationAnswer& answer) {
  if (answer.qc == tsl::QcStatus::kNotApplicable) return "N/A";
  std::string type;
  switch (answer.type) {
    case tsl::QcUse::kESig: type = "eSig"; break;
    case tsl::QcUse::kESeal: type = "eSeal"; break;
    case tsl::QcUse::kWsa: type = "WSA"; break;
    case tsl::QcUse::kUnknown: type = "unknown type"; break;
  }
  if (answer.qc == tsl::QcStatus::kNo) return "Cert for " + type;
  const bool qscd = answer.qscd == tsl::QscdStatus::kYes && answer.type != tsl::QcUse::kWsa;
  return "QC for " + type + (qscd ? " with QSCD" : "");
}

DssCertificateQualification certificate_qualification(const tsl::QualificationResult& result) {
  if (result.candidates.empty()) return {"N/A", "N/A"};
  return {certificate_qualification_name(result.at_issuance.answer), certificate_qualification_name(result.at_time.answer)};
}

}  // namespace assay::service::dss
