#include "service/json/signature_validation_json.h"

#include "engine/digest.h"
#include "service/json/certificate_validation_json.h"
#include "service/json/json_values.h"

namespace assay::service::json {

namespace {

using validation::BlockResult;
using validation::ConstraintResult;

boost::json::value string_or_null(std::string_view s) {
  return s.empty() ? boost::json::value(nullptr) : boost::json::value(boost::json::string(s));
}

boost::json::array constraints_json(const std::vector<ConstraintResult>& list, bool with_status) {
  boost::json::array out;
  for (const auto& c : list) {
    boost::json::object o{{"id", c.id}, {"message", c.message}};
    if (with_status) o["status"] = validation::constraint_status_name(c.status);
    out.push_back(std::move(o));
  }
  return out;
}

boost::json::array blocks_json(const std::vector<BlockResult>& blocks) {
  boost::json::array out;
  for (const auto& b : blocks) {
    out.push_back(boost::json::object{{"name", b.name},
                                      {"indication", validation::indication_name(b.indication)},
                                      {"subindication", string_or_null(b.subindication)},
                                      {"proof_of_existence", time_or_null(b.proof_of_existence)},
                                      {"constraints", constraints_json(b.constraints, true)}});
  }
  return out;
}

boost::json::array findings_json(const engine::Findings& findings) {
  boost::json::array out;
  for (const auto& f : findings) {
    out.push_back(boost::json::object{
        {"id", f.id}, {"severity", engine::severity_name(f.severity)}, {"message", f.message}, {"path", f.path}});
  }
  return out;
}

// PAdES: the revision, the covered byte ranges and the changes after the signature.
boost::json::value pdf_json(const std::optional<validation::PdfSignatureDetails>& pdf) {
  if (!pdf) return nullptr;
  boost::json::array ranges;
  for (const auto& [offset, length] : pdf->byte_ranges) ranges.push_back(boost::json::array{offset, length});
  boost::json::array modifications;
  for (const auto& m : pdf->modifications) {
    modifications.push_back(boost::json::object{{"kind", m.kind},
                                                {"revision", m.revision},
                                                {"object", m.object},
                                                {"page", m.page ? boost::json::value(*m.page) : boost::json::value(nullptr)},
                                                {"field", string_or_null(m.field)},
                                                {"permitted", m.permitted},
                                                {"attack", string_or_null(m.attack)},
                                                {"description", m.description}});
  }
  return boost::json::object{{"field", string_or_null(pdf->field_name)},
                             {"sub_filter", string_or_null(pdf->sub_filter)},
                             {"revision", pdf->revision},
                             {"revisions", pdf->revisions},
                             {"byte_range", std::move(ranges)},
                             {"certification_level", pdf->docmdp_p ? boost::json::value(*pdf->docmdp_p) : boost::json::value(nullptr)},
                             {"certification", pdf->certification},
                             {"page", pdf->page ? boost::json::value(*pdf->page) : boost::json::value(nullptr)},
                             {"modifications", std::move(modifications)}};
}

boost::json::array scope_json(const std::vector<validation::ScopeEntry>& entries) {
  boost::json::array scope;
  for (const auto& s : entries) {
    scope.push_back(boost::json::object{{"name", s.name},
                                        {"kind", s.kind},
                                        {"description", s.description},
                                        {"sha256", s.sha256 ? boost::json::value(engine::to_hex(*s.sha256))
                                                            : boost::json::value(nullptr)}});
  }
  return scope;
}

// The token-level details of one time-stamp validation (detailed views).
void timestamp_details(const validation::TimestampValidationReport& tr, boost::json::object& to) {
  to["token_sha256"] = engine::to_hex(tr.token_sha256);
  to["policy"] = string_or_null(tr.policy_oid);
  to["serial"] = string_or_null(tr.serial_hex);
  to["imprint_algorithm"] = string_or_null(tr.imprint_algorithm);
  to["imprint_matches"] = tr.imprint_matches;
  to["signature_valid"] = tr.signature_valid;
  to["tsa"] = tr.tsa_certificate ? boost::json::value(tr.tsa_certificate->subject().rfc4514) : boost::json::value(nullptr);
  to["tsa_validation"] = tr.tsa_validation ? boost::json::value(certificate_validation_json(*tr.tsa_validation))
                                           : boost::json::value(nullptr);
  to["qualification_evidence"] = string_or_null(tr.qualification_evidence);
  to["findings"] = findings_json(tr.findings);
}

// A document-level time-stamp (an ASiC time-stamp token, an ASiCArchiveManifest's, a PAdES
// document time-stamp): its result, what it covers and the reader's findings.
boost::json::object document_timestamp_json(const validation::DocumentTimestampResult& t, bool detailed) {
  const auto& r = t.report;
  boost::json::object o{{"id", t.id},
                        {"kind", t.kind},
                        {"indication", validation::indication_name(r.indication)},
                        {"subindication", string_or_null(r.subindication)},
                        {"gen_time", time_or_null(r.gen_time)},
                        {"qualified", r.qualified},
                        {"produced_by", r.tsa_certificate ? boost::json::value(r.tsa_certificate->subject().rfc4514)
                                                          : boost::json::value(nullptr)},
                        {"sha256", engine::to_hex(r.token_sha256)},
                        {"scope", scope_json(t.scope)},
                        {"findings", findings_json(t.findings)}};
  if (t.pdf) o["pdf"] = pdf_json(t.pdf);
  if (detailed) {
    boost::json::object d;
    timestamp_details(r, d);
    o["detailed"] = std::move(d);
  }
  return o;
}

}  // namespace

std::string_view timestamp_kind_name(validation::EmbeddedTimestamp::Kind kind) noexcept {
  using K = validation::EmbeddedTimestamp::Kind;
  switch (kind) {
    case K::kContent: return "content";
    case K::kSignature: return "signature";
    case K::kValidationData: return "validation_data";
    case K::kArchive: return "archive";
    case K::kDocument: return "document";
  }
  return "signature";
}

std::string_view signature_format_name(validation::SignatureFormat format) noexcept {
  using F = validation::SignatureFormat;
  switch (format) {
    case F::kXAdES: return "XAdES";
    case F::kCAdES: return "CAdES";
    case F::kJAdES: return "JAdES";
    case F::kPAdES: return "PAdES";
  }
  return "XAdES";
}

boost::json::object signature_summary_json(const validation::SignatureValidationReport& r) {
  boost::json::object o;
  o["id"] = r.signature_id;
  o["format"] = signature_format_name(r.format);
  o["level"] = string_or_null(r.level);
  o["indication"] = validation::main_indication_name(r.indication);
  o["subindication"] = string_or_null(r.subindication);
  o["signing_time"] = time_or_null(r.claimed_signing_time);
  o["best_signature_time"] = engine::format_utc_time(r.best_signature_time);
  o["signed_by"] = r.signing_certificate ? boost::json::value(r.signing_certificate->subject().rfc4514)
                                         : boost::json::value(nullptr);
  o["qualification"] = r.qualification.label;
  o["scope"] = scope_json(r.scope);
  o["errors"] = constraints_json(r.errors(), false);
  o["warnings"] = constraints_json(r.warnings(), false);
  boost::json::array timestamps;
  for (const auto& t : r.timestamps) {
    timestamps.push_back(boost::json::object{{"id", t.id},
                                             {"kind", timestamp_kind_name(t.kind)},
                                             {"indication", validation::indication_name(t.report.indication)},
                                             {"subindication", string_or_null(t.report.subindication)},
                                             {"gen_time", time_or_null(t.report.gen_time)},
                                             {"qualified", t.report.qualified},
                                             {"used_as_poe", t.used_as_poe},
                                             {"sha256", engine::to_hex(t.report.token_sha256)}});
  }
  o["timestamps"] = std::move(timestamps);
  boost::json::array counters;
  for (const auto& c : r.counter_signatures) counters.push_back(signature_summary_json(c));
  o["counter_signatures"] = std::move(counters);
  if (r.pdf) o["pdf"] = pdf_json(r.pdf);
  return o;
}

boost::json::object signature_detail_json(const validation::SignatureValidationReport& r) {
  boost::json::object o;
  o["id"] = r.signature_id;
  o["validation_time"] = engine::format_utc_time(r.validation_time);
  o["blocks"] = blocks_json(r.blocks);
  o["processes"] = blocks_json(r.processes);
  o["certificate"] = r.certificate ? boost::json::value(certificate_validation_json(*r.certificate))
                                   : boost::json::value(nullptr);
  o["past_certificate"] = r.past_certificate ? boost::json::value(certificate_validation_json(*r.past_certificate))
                                             : boost::json::value(nullptr);
  boost::json::array timestamps;
  for (const auto& t : r.timestamps) {
    boost::json::object to{{"id", t.id}, {"kind", timestamp_kind_name(t.kind)}};
    timestamp_details(t.report, to);
    timestamps.push_back(std::move(to));
  }
  o["timestamps"] = std::move(timestamps);
  const auto& q = r.qualification;
  o["qualification"] = boost::json::object{{"label", q.label},
                                           {"enum", q.enum_name},
                                           {"uri", q.uri},
                                           {"at_issuance", string_or_null(q.certificate_at_issuance)},
                                           {"at_best_signature_time", string_or_null(q.certificate_at_best_signature_time)},
                                           {"combined", string_or_null(q.certificate_combined)},
                                           {"evidence", q.evidence},
                                           {"reasons", findings_json(q.reasons)}};
  boost::json::array counters;
  for (const auto& c : r.counter_signatures) counters.push_back(signature_detail_json(c));
  o["counter_signatures"] = std::move(counters);
  return o;
}

boost::json::object signature_validation_json(const validation::DocumentValidationReport& report, bool detailed) {
  boost::json::object o;
  boost::json::array signatures;
  for (const auto& s : report.signatures) signatures.push_back(signature_summary_json(s));
  o["signatures"] = std::move(signatures);
  o["signatures_count"] = report.signatures.size();
  o["valid_signatures_count"] = report.valid_signatures();
  boost::json::array timestamps;
  std::size_t valid_timestamps = 0;
  for (const auto& t : report.timestamps) {
    timestamps.push_back(document_timestamp_json(t, detailed));
    valid_timestamps += t.report.indication == validation::Indication::kPassed;
  }
  o["timestamps"] = std::move(timestamps);
  o["timestamps_count"] = report.timestamps.size();
  o["valid_timestamps_count"] = valid_timestamps;
  o["container"] = string_or_null(report.container);
  o["findings"] = findings_json(report.findings);
  o["validation_time"] = engine::format_utc_time(report.validation_time);
  o["policy"] = report.policy;
  if (detailed) {
    boost::json::array details;
    for (const auto& s : report.signatures) details.push_back(signature_detail_json(s));
    o["detailed"] = std::move(details);
  }
  return o;
}

}  // namespace assay::service::json
