#include "tsl/list_diff.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "engine/digest.h"

namespace assay::tsl {
namespace {

DiffService describe(const ServiceTimeline& t) { return {t.id, t.tsp_name(), t.name(), t.type()}; }

std::string hex(std::string_view bytes) {
  return engine::to_hex({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
}

std::set<std::string> identity_set(const ServiceDigitalIdentity& identity) {
  std::set<std::string> out;
  for (const auto& id : identity.ids) {
    switch (id.kind) {
      case DigitalId::Kind::kX509Certificate:
        if (!id.certificate_der.empty()) out.insert(engine::sha256_hex(id.certificate_der));
        break;
      case DigitalId::Kind::kX509Ski:
        if (!id.ski.empty()) out.insert("ski:" + hex(id.ski));
        break;
      case DigitalId::Kind::kX509SubjectName:
        if (!id.subject_name.empty()) out.insert("subject:" + id.subject_name);
        break;
      default:
        break;
    }
  }
  return out;
}

std::vector<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::vector<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::vector<std::string> qualifier_uris(const ServiceExtensions& e) {
  std::vector<std::string> out;
  for (const auto& q : e.qualifications) out.insert(out.end(), q.qualifiers.begin(), q.qualifiers.end());
  return sorted_unique(std::move(out));
}

void criteria_text(const CriteriaList& c, std::string& out) {
  out += "(" + std::to_string(static_cast<int>(c.assert_));
  for (const auto& ku : c.key_usage) {
    out += " ku";
    for (const auto& b : ku) out += " " + b.name + "=" + (b.value ? "1" : "0");
  }
  for (const auto& p : c.policy_sets) {
    out += " pol";
    for (const auto& o : p) out += " " + o;
  }
  for (const auto& e : c.extended_key_usage) {
    out += " eku";
    for (const auto& o : e) out += " " + o;
  }
  for (const auto& d : c.cert_subject_dn_attributes) {
    out += " dn";
    for (const auto& o : d) out += " " + o;
  }
  for (const auto& n : c.nested) criteria_text(n, out);
  out += ")";
}

// A canonical text of the Qualifications extension (order of elements kept: it is the
// document's, and a reordering is not a change in meaning, so sort the element texts).
std::vector<std::string> qualification_texts(const ServiceExtensions& e) {
  std::vector<std::string> out;
  for (const auto& q : e.qualifications) {
    std::string s;
    for (const auto& u : sorted_unique(q.qualifiers)) s += u + " ";
    criteria_text(q.criteria, s);
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string time_text(const std::optional<UtcTime>& t) { return engine::format_utc_time(t, ""); }

void compare_services(const ServiceTimeline& o, const ServiceTimeline& n, ListDiff& d) {
  const ServiceState& a = o.service->current;
  const ServiceState& b = n.service->current;
  const DiffService who = describe(n);
  if (a.status != b.status) {
    d.status_changes.push_back({who, a.status, b.status, b.status_starting_time, a.status_starting_time});
  }
  const auto ia = identity_set(a.identity);
  const auto ib = identity_set(b.identity);
  if (ia != ib) d.identity_changes.push_back({who, minus(ib, ia), minus(ia, ib)});
  auto asi_a = sorted_unique(a.extensions.additional_service_information);
  auto asi_b = sorted_unique(b.extensions.additional_service_information);
  if (asi_a != asi_b) d.asi_changes.push_back({who, std::move(asi_a), std::move(asi_b), false});
  const auto qa = qualifier_uris(a.extensions);
  const auto qb = qualifier_uris(b.extensions);
  const bool criteria_changed = qualification_texts(a.extensions) != qualification_texts(b.extensions);
  if (qa != qb || criteria_changed) d.qualifier_changes.push_back({who, qa, qb, qa == qb});
  if (preferred(a.names) != preferred(b.names)) {
    d.name_changes.push_back({who, "service", preferred(a.names), preferred(b.names)});
  }
  if (o.tsp_name() != n.tsp_name()) d.name_changes.push_back({who, "tsp", o.tsp_name(), n.tsp_name()});
}

void diff_scheme(const SchemeInformation& a, const SchemeInformation& b, ListDiff& d) {
  auto field = [&](const char* name, const std::string& x, const std::string& y) {
    if (x != y) d.scheme_changes.push_back({name, x, y});
  };
  field("version", std::to_string(a.version), std::to_string(b.version));
  field("sequence", std::to_string(a.sequence_number), std::to_string(b.sequence_number));
  field("tsl_type", a.tsl_type, b.tsl_type);
  field("territory", a.territory, b.territory);
  field("operator_name", preferred(a.operator_name), preferred(b.operator_name));
  field("scheme_name", preferred(a.scheme_name), preferred(b.scheme_name));
  field("issued", time_text(a.issue_date_time), time_text(b.issue_date_time));
  field("next_update", time_text(a.next_update), time_text(b.next_update));
  auto join = [](const MultiLangString& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : " ") + x.value;
    return s;
  };
  field("scheme_information_uris", join(a.scheme_information_uris), join(b.scheme_information_uris));
  std::string da, db;
  for (const auto& x : a.distribution_points) da += (da.empty() ? "" : " ") + x;
  for (const auto& x : b.distribution_points) db += (db.empty() ? "" : " ") + x;
  field("distribution_points", da, db);
}

std::set<std::string> signer_set(const OtherTslPointer& p) {
  std::set<std::string> out;
  for (const auto& der : p.signer_certificates_der) out.insert(engine::sha256_hex(der));
  return out;
}

void diff_pointers(const SchemeInformation& a, const SchemeInformation& b, ListDiff& d) {
  std::map<std::string, const OtherTslPointer*> old_by_location;
  for (const auto& p : a.pointers) old_by_location.emplace(p.location, &p);
  std::set<std::string> new_locations;
  for (const auto& p : b.pointers) {
    new_locations.insert(p.location);
    auto it = old_by_location.find(p.location);
    if (it == old_by_location.end()) {
      d.pointer_changes.push_back({PointerChange::Kind::kAdded, p.location, p.territory, {}, {}, {}});
      continue;
    }
    const auto sa = signer_set(*it->second);
    const auto sb = signer_set(p);
    if (sa != sb) {
      d.pointer_changes.push_back({PointerChange::Kind::kSignersChanged, p.location, p.territory, minus(sb, sa),
                                   minus(sa, sb), {}});
    }
    PointerChange fields{PointerChange::Kind::kChanged, p.location, p.territory, {}, {}, {}};
    auto field = [&](const char* name, const std::string& x, const std::string& y) {
      if (x != y) fields.fields.push_back({name, x, y});
    };
    field("territory", it->second->territory, p.territory);
    field("tsl_type", it->second->tsl_type, p.tsl_type);
    field("mime_type", it->second->mime_type, p.mime_type);
    if (!fields.fields.empty()) d.pointer_changes.push_back(std::move(fields));
  }
  for (const auto& p : a.pointers) {
    if (!new_locations.contains(p.location)) {
      d.pointer_changes.push_back({PointerChange::Kind::kRemoved, p.location, p.territory, {}, {}, {}});
    }
  }
}

// Identity without the provider name: type + identity key, for the second matching pass.
std::string rename_key(const ServiceTimeline& t) {
  return t.type() + "|" + identity_key(t.service->current.identity);
}

}  // namespace

std::string_view pointer_change_kind_name(PointerChange::Kind kind) noexcept {
  switch (kind) {
    case PointerChange::Kind::kAdded: return "added";
    case PointerChange::Kind::kRemoved: return "removed";
    case PointerChange::Kind::kSignersChanged: return "signers_changed";
    case PointerChange::Kind::kChanged: return "changed";
  }
  return "unknown";
}

bool ListDiff::services_unchanged() const {
  return tsps_added.empty() && tsps_removed.empty() && services_added.empty() && services_removed.empty() &&
         status_changes.empty() && identity_changes.empty() && asi_changes.empty() && qualifier_changes.empty() &&
         name_changes.empty() && pointer_changes.empty();
}

ListDiff diff_lists(const ListTimelines& older, const ListTimelines& newer) {
  ListDiff d;
  d.older = *older.version;
  d.newer = *newer.version;
  diff_scheme(older.list->scheme, newer.list->scheme, d);
  diff_pointers(older.list->scheme, newer.list->scheme, d);

  std::set<std::string> old_tsps, new_tsps;
  for (const auto& t : older.list->tsps) old_tsps.insert(preferred(t.names));
  for (const auto& t : newer.list->tsps) new_tsps.insert(preferred(t.names));
  d.tsps_added = minus(new_tsps, old_tsps);
  d.tsps_removed = minus(old_tsps, new_tsps);

  std::unordered_map<std::string_view, const ServiceTimeline*> old_by_id;
  for (const auto& s : older.services) old_by_id.emplace(s.id, &s);
  std::set<const ServiceTimeline*> old_matched;
  std::vector<const ServiceTimeline*> new_unmatched;
  for (const auto& s : newer.services) {
    auto it = old_by_id.find(s.id);
    if (it == old_by_id.end()) {
      new_unmatched.push_back(&s);
      continue;
    }
    old_matched.insert(it->second);
    compare_services(*it->second, s, d);
  }
  // Second pass: same type and identity under a renamed provider.
  std::multimap<std::string, const ServiceTimeline*> old_unmatched;
  for (const auto& s : older.services) {
    if (!old_matched.contains(&s) && !identity_key(s.service->current.identity).empty()) {
      old_unmatched.emplace(rename_key(s), &s);
    }
  }
  for (const auto* s : new_unmatched) {
    auto it = identity_key(s->service->current.identity).empty() ? old_unmatched.end() : old_unmatched.find(rename_key(*s));
    if (it == old_unmatched.end()) {
      d.services_added.push_back(describe(*s));
      continue;
    }
    old_matched.insert(it->second);
    compare_services(*it->second, *s, d);
    old_unmatched.erase(it);
  }
  for (const auto& s : older.services) {
    if (!old_matched.contains(&s)) d.services_removed.push_back(describe(s));
  }
  return d;
}

}  // namespace assay::tsl
