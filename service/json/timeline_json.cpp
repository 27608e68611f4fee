#include "service/json/json_values.h"
#include "service/json/timeline_json.h"

#include "engine/digest.h"
#include "tsl/vocabulary.h"

namespace assay::service::json {
namespace {

boost::json::object service_ref(const tsl::DiffService& s) {
  return {{"id", s.id}, {"tsp", s.tsp}, {"name", s.name}, {"type", s.type}};
}

boost::json::array identities(const tsl::ServiceDigitalIdentity& identity) {
  boost::json::array a;
  for (const auto& id : identity.ids) {
    using Kind = tsl::DigitalId::Kind;
    switch (id.kind) {
      case Kind::kX509Certificate:
        a.push_back(boost::json::object{{"certificate_sha256", engine::sha256_hex(id.certificate_der)}});
        break;
      case Kind::kX509Ski:
        a.push_back(boost::json::object{{"ski", engine::to_hex({reinterpret_cast<const std::uint8_t*>(id.ski.data()), id.ski.size()})}});
        break;
      case Kind::kX509SubjectName:
        a.push_back(boost::json::object{{"subject_name", id.subject_name}});
        break;
      default:
        break;
    }
  }
  return a;
}

}  // namespace

boost::json::object list_version_json(const tsl::ListVersion& v) {
  return {{"territory", v.territory}, {"sequence", v.sequence}, {"sha256", v.sha256}, {"issued", time_or_null(v.issued)}};
}

boost::json::object timeline_state_json(const tsl::TimelineState& s) {
  boost::json::array names;
  for (const auto& n : s.state->names) names.push_back(boost::json::object{{"lang", n.lang}, {"value", n.value}});
  boost::json::array qualifiers;
  for (const auto& q : s.state->extensions.qualifications) qualifiers.push_back(string_array(q.qualifiers));
  return {{"start", engine::format_utc_time(s.start)},
          {"end", time_or_null(s.end)},
          {"status", s.state->status},
          {"type", s.state->type},
          {"names", std::move(names)},
          {"history_index", s.history_index < 0 ? boost::json::value(nullptr) : boost::json::value(s.history_index)},
          {"identities", identities(s.state->identity)},
          {"asi", string_array(s.state->extensions.additional_service_information)},
          {"qualifiers", std::move(qualifiers)}};
}

boost::json::object service_timeline_json(const tsl::ServiceTimeline& t, std::optional<engine::UtcTime> at) {
  boost::json::array states;
  for (const auto& s : t.states) states.push_back(timeline_state_json(s));
  boost::json::object o{{"id", t.id},
                        {"tsp", t.tsp_name()},
                        {"name", t.name()},
                        {"type", t.type()},
                        {"version", list_version_json(*t.version)},
                        {"states", std::move(states)}};
  if (at) {
    const auto* s = t.at(*at);
    o["in_force_at"] = s ? boost::json::value(engine::format_utc_time(s->start)) : boost::json::value(nullptr);
  }
  return o;
}

boost::json::object history_version_json(const tsl::HistoryVersion& v) {
  const auto& l = v.list();
  return {{"source", v.loaded.source},
          {"territory", l.scheme.territory},
          {"sequence", l.scheme.sequence_number},
          {"sha256", l.sha256},
          {"issued", time_or_null(l.scheme.issue_date_time)},
          {"next_update", time_or_null(l.scheme.next_update)},
          {"in_force_from", engine::format_utc_time(v.from)},
          {"in_force_to", time_or_null(v.to)},
          {"tsps", l.tsps.size()},
          {"services", l.service_count()}};
}

boost::json::object list_diff_json(const tsl::ListDiff& d) {
  auto services = [](const std::vector<tsl::DiffService>& v) {
    boost::json::array a;
    for (const auto& s : v) a.push_back(service_ref(s));
    return a;
  };
  auto values = [](const std::vector<tsl::ValuesChange>& v) {
    boost::json::array a;
    for (const auto& c : v) {
      a.push_back(boost::json::object{{"service", service_ref(c.service)},
                   {"from", string_array(c.from)},
                   {"to", string_array(c.to)},
                   {"criteria_changed", c.criteria_changed}});
    }
    return a;
  };
  auto fields = [](const std::vector<tsl::FieldChange>& v) {
    boost::json::array a;
    for (const auto& f : v) a.push_back(boost::json::object{{"field", f.field}, {"from", f.from}, {"to", f.to}});
    return a;
  };
  boost::json::array status;
  for (const auto& c : d.status_changes) {
    status.push_back(boost::json::object{{"service", service_ref(c.service)},
                      {"from", c.from},
                      {"to", c.to},
                      {"since", time_or_null(c.since)},
                      {"previous_since", time_or_null(c.previous_since)}});
  }
  boost::json::array identity;
  for (const auto& c : d.identity_changes) {
    identity.push_back(boost::json::object{{"service", service_ref(c.service)}, {"added", string_array(c.added)}, {"removed", string_array(c.removed)}});
  }
  boost::json::array names;
  for (const auto& c : d.name_changes) {
    names.push_back(boost::json::object{{"service", service_ref(c.service)}, {"what", c.what}, {"from", c.from}, {"to", c.to}});
  }
  boost::json::array pointers;
  for (const auto& p : d.pointer_changes) {
    pointers.push_back(boost::json::object{{"kind", tsl::pointer_change_kind_name(p.kind)},
                        {"location", p.location},
                        {"territory", p.territory},
                        {"added_signers", string_array(p.added_signers)},
                        {"removed_signers", string_array(p.removed_signers)},
                        {"fields", fields(p.fields)}});
  }
  return {{"older", list_version_json(d.older)},
          {"newer", list_version_json(d.newer)},
          {"scheme_changes", fields(d.scheme_changes)},
          {"tsps_added", string_array(d.tsps_added)},
          {"tsps_removed", string_array(d.tsps_removed)},
          {"added_services", services(d.services_added)},
          {"removed_services", services(d.services_removed)},
          {"status_changes", std::move(status)},
          {"identity_changes", std::move(identity)},
          {"asi_changes", values(d.asi_changes)},
          {"qualifier_changes", values(d.qualifier_changes)},
          {"name_changes", std::move(names)},
          {"pointer_changes", std::move(pointers)}};
}

}  // namespace assay::service::json
