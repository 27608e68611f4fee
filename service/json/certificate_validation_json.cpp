#include "service/json/certificate_validation_json.h"

#include "engine/digest.h"
#include "service/json/json_values.h"

namespace assay::service::json {

namespace {

using validation::RevocationState;

std::string_view status_name(RevocationState s) {
  switch (s) {
    case RevocationState::kGood: return "good";
    case RevocationState::kRevoked: return "revoked";
    case RevocationState::kUnknown: return "unknown";
    case RevocationState::kNotChecked: return "not_checked";
  }
  return "not_checked";
}

boost::json::value string_or_null(std::string_view s) {
  return s.empty() ? boost::json::value(nullptr) : boost::json::value(boost::json::string(s));
}

boost::json::array findings_json(const engine::Findings& findings) {
  boost::json::array out;
  for (const auto& f : findings) {
    out.push_back(boost::json::object{{"id", f.id},
                                      {"severity", engine::severity_name(f.severity)},
                                      {"message", f.message},
                                      {"path", f.path}});
  }
  return out;
}

}  // namespace

boost::json::object revocation_evidence_json(const validation::RevocationEvidence& e) {
  boost::json::object o;
  o["status"] = status_name(e.status);
  o["source"] = string_or_null(e.source);
  o["sha256"] = e.sha256 ? boost::json::value(engine::to_hex(*e.sha256)) : boost::json::value(nullptr);
  if (e.delta_sha256) o["delta_sha256"] = engine::to_hex(*e.delta_sha256);
  o["this_update"] = time_or_null(e.this_update);
  o["next_update"] = time_or_null(e.next_update);
  o["produced_at"] = time_or_null(e.produced_at);
  o["revocation_time"] = time_or_null(e.revocation_time);
  o["reason"] = string_or_null(e.reason);
  o["signer"] = e.signer ? boost::json::value(e.signer->subject().rfc4514) : boost::json::value(nullptr);
  o["findings"] = findings_json(e.findings);
  return o;
}

boost::json::object trust_anchor_json(const validation::TrustAnchor& a) {
  boost::json::object o;
  o["sha256"] = a.certificate ? a.certificate->fingerprint_hex() : engine::to_hex(engine::sha256(a.spki_der));
  o["subject"] = a.subject.rfc4514;
  o["source"] = a.source == validation::AnchorSource::kExplicit ? "explicit" : "trusted_list";
  if (a.list) {
    o["list"] = boost::json::object{{"territory", a.list->territory}, {"sequence", a.list->sequence}, {"sha256", a.list->list_sha256}};
    o["service"] = boost::json::object{{"provider", a.list->provider},
                                       {"name", a.list->service_name},
                                       {"type", a.list->service_type},
                                       {"status", a.list->status},
                                       {"status_start", engine::format_utc_time(a.list->status_start)},
                                       {"status_end", time_or_null(a.list->status_end)}};
  }
  return o;
}

boost::json::object certificate_validation_json(const validation::CertificateValidationReport& r) {
  boost::json::object o;
  o["indication"] = validation::indication_name(r.indication);
  o["subindication"] = string_or_null(validation::subindication_name(r.subindication));
  o["validation_time"] = engine::format_utc_time(r.validation_time);
  boost::json::array path;
  for (const auto& e : r.path) {
    const auto& c = *e.certificate;
    path.push_back(boost::json::object{{"sha256", c.fingerprint_hex()},
                                       {"subject", c.subject().rfc4514},
                                       {"issuer", c.issuer().rfc4514},
                                       {"serial", c.serial_hex()},
                                       {"not_before", engine::format_utc_time(c.not_before())},
                                       {"not_after", engine::format_utc_time(c.not_after())},
                                       {"revocation", revocation_evidence_json(e.revocation)}});
  }
  o["path"] = std::move(path);
  o["anchor"] = r.anchor ? boost::json::value(trust_anchor_json(*r.anchor)) : boost::json::value(nullptr);
  o["revocation_time"] = time_or_null(r.revocation_time);
  o["out_of_bounds_time"] = time_or_null(r.out_of_bounds_time);
  o["crypto_expiry"] = time_or_null(r.crypto_expiry);
  boost::json::array tried;
  for (const auto& t : r.paths_tried) {
    tried.push_back(boost::json::object{{"certificates", string_array(t.certificates)},
                                        {"anchor", t.anchor_sha256},
                                        {"rejected_by", string_or_null(t.rejected_by)},
                                        {"reason", string_or_null(t.reason)}});
  }
  o["paths_tried"] = std::move(tried);
  o["findings"] = findings_json(r.findings);
  return o;
}

}  // namespace assay::service::json
