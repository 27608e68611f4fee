#include "service/json/trusted_list_json.h"

#include "engine/digest.h"
#include "service/json/json_values.h"

namespace assay::service::json {

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

boost::json::object list_summary_json(const tsl::TrustedList& list) {
  const auto& s = list.scheme;
  boost::json::array pointers;
  for (const auto& p : s.pointers) {
    boost::json::array certs;
    for (const auto& der : p.signer_certificates_der) certs.push_back(boost::json::string(engine::sha256_hex(der)));
    pointers.push_back(boost::json::object{{"url", p.location},
                                           {"territory", p.territory},
                                           {"type", p.tsl_type},
                                           {"mime", p.mime_type},
                                           {"certificates", std::move(certs)}});
  }
  boost::json::object o;
  o["sha256"] = list.sha256;
  o["bytes"] = list.byte_size;
  o["territory"] = s.territory;
  o["type"] = s.tsl_type;
  o["version"] = s.version;
  o["sequence"] = s.sequence_number;
  o["issued"] = time_or_null(s.issue_date_time);
  o["next_update"] = time_or_null(s.next_update);
  o["operator"] = tsl::preferred(s.operator_name);
  o["tsps"] = list.tsps.size();
  o["services"] = list.service_count();
  o["history_instances"] = list.history_instance_count();
  o["pointers"] = std::move(pointers);
  o["findings"] = findings_json(list.findings);
  return o;
}

}  // namespace assay::service::json
