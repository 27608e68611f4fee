#include "tsl/timeline.h"

#include <algorithm>
#include <unordered_map>

#include "engine/digest.h"
#include "tsl/timeline_findings.h"

namespace assay::tsl {
namespace {

using engine::Severity;

std::string service_path(std::size_t tsp, std::size_t service) {
  return "/TrustServiceStatusList/TrustServiceProviderList/TrustServiceProvider[" + std::to_string(tsp + 1) +
         "]/TSPServices/TSPService[" + std::to_string(service + 1) + "]";
}

std::string state_path(const std::string& service, int history_index) {
  if (history_index < 0) return service + "/ServiceInformation";
  return service + "/ServiceHistory/ServiceHistoryInstance[" + std::to_string(history_index + 1) + "]";
}

struct Candidate {
  const ServiceState* state;
  UtcTime start;
  int history_index;  // -1 current
  int doc_order() const { return history_index + 1; }
};

// TS 119 612 5.6: history instances are listed newest first, each one in force until the newer
// one starts. Real lists get this wrong now and then; sort instead of trusting document order.
// `path` is the service's XPath, made only when a finding needs it (most services have none).
template <class ServicePath>
std::vector<TimelineState> build_states(const TspService& service, const ServicePath& path, engine::Findings& findings) {
  std::vector<Candidate> candidates;
  candidates.reserve(service.history.size() + 1);
  auto add = [&](const ServiceState& s, int history_index) {
    if (!s.status_starting_time) {
      findings.push_back({finding::kTimelineMissingStart, Severity::kError,
                          "state has no parsable StatusStartingTime; left out of the timeline",
                          state_path(path(), history_index)});
      return;
    }
    candidates.push_back({&s, *s.status_starting_time, history_index});
  };
  add(service.current, -1);
  for (std::size_t i = 0; i < service.history.size(); ++i) add(service.history[i], static_cast<int>(i));

  // Document order should have strictly decreasing starts; equal starts are handled below.
  for (std::size_t i = 1; i < candidates.size(); ++i) {
    if (candidates[i].start > candidates[i - 1].start) {
      findings.push_back({finding::kTimelineRepairedOrder, Severity::kWarning,
                          "state starting " + engine::format_utc_time(candidates[i].start) +
                              " is listed after an older one (" + engine::format_utc_time(candidates[i - 1].start) +
                              "); timeline sorted by start",
                          state_path(path(), candidates[i].history_index)});
    }
  }
  // Oldest first; for equal starts the document-later (older) entry comes first so that the
  // document-earlier one, which the list presents as newer, ends up in force.
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.doc_order() > b.doc_order();
  });

  std::vector<TimelineState> states;
  states.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const auto& c = candidates[i];
    if (i + 1 < candidates.size() && candidates[i + 1].start == c.start) {
      findings.push_back({finding::kTimelineZeroLengthState, Severity::kWarning,
                          "state starts at the same time as a newer one (" + engine::format_utc_time(c.start) +
                              "); it is never in force and was dropped",
                          state_path(path(), c.history_index)});
      continue;
    }
    states.push_back({c.state, c.start, std::nullopt, c.history_index});
  }
  for (std::size_t i = 0; i + 1 < states.size(); ++i) states[i].end = states[i + 1].start;
  return states;
}

}  // namespace

ListVersion list_version_of(const TrustedList& list) {
  return {list.scheme.territory, list.scheme.sequence_number, list.sha256, list.scheme.issue_date_time};
}

const TimelineState* ServiceTimeline::at(UtcTime t) const {
  // First state starting after t; the one before it is in force (half-open intervals).
  auto it = std::upper_bound(states.begin(), states.end(), t,
                             [](UtcTime v, const TimelineState& s) { return v < s.start; });
  if (it == states.begin()) return nullptr;
  return &*std::prev(it);
}

const ServiceTimeline* ListTimelines::find(std::string_view id) const {
  for (const auto& s : services) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

engine::Sha256 DerDigestCache::get(const std::string& der) {
  auto [digest, inserted] = digests_.try_emplace(&der);
  if (inserted) *digest = engine::sha256(der);
  return *digest;
}

std::string identity_key(const ServiceDigitalIdentity& identity, DerDigestCache* digests) {
  for (const auto& id : identity.ids) {
    if (id.kind == DigitalId::Kind::kX509Certificate && !id.certificate_der.empty()) {
      return "c:" + engine::to_hex(digests ? digests->get(id.certificate_der) : engine::sha256(id.certificate_der));
    }
  }
  for (const auto& id : identity.ids) {
    if (id.kind == DigitalId::Kind::kX509Ski && !id.ski.empty()) {
      return "k:" + engine::to_hex({reinterpret_cast<const std::uint8_t*>(id.ski.data()), id.ski.size()});
    }
  }
  for (const auto& id : identity.ids) {
    if (id.kind == DigitalId::Kind::kX509SubjectName && !id.subject_name.empty()) return "s:" + id.subject_name;
  }
  return {};
}

std::string stable_service_id(std::string_view territory, std::string_view tsp_name, std::string_view type,
                              std::string_view identity) {
  std::string material;
  material.reserve(territory.size() + tsp_name.size() + type.size() + identity.size() + 3);
  material.append(territory).append("|").append(tsp_name).append("|").append(type).append("|").append(identity);
  return engine::sha256_hex(material).substr(0, 16);
}

std::shared_ptr<const ListTimelines> build_timelines(std::shared_ptr<const TrustedList> list,
                                                     DerDigestCache* digests) {
  auto out = std::make_shared<ListTimelines>();
  out->version = std::make_unique<ListVersion>(list_version_of(*list));
  std::unordered_map<std::string, int> seen_ids;
  std::size_t total = list->service_count();
  out->services.reserve(total);
  for (std::size_t t = 0; t < list->tsps.size(); ++t) {
    const auto& tsp = list->tsps[t];
    for (std::size_t s = 0; s < tsp.services.size(); ++s) {
      const auto& service = tsp.services[s];
      auto path = [t, s] { return service_path(t, s); };
      ServiceTimeline timeline;
      timeline.tsp = &tsp;
      timeline.service = &service;
      timeline.version = out->version.get();
      timeline.tsp_index = static_cast<std::uint32_t>(t);
      timeline.service_index = static_cast<std::uint32_t>(s);
      timeline.id = stable_service_id(list->scheme.territory, preferred(tsp.names), service.current.type,
                                      identity_key(service.current.identity, digests));
      if (int n = ++seen_ids[timeline.id]; n > 1) {
        out->findings.push_back({finding::kTimelineDuplicateServiceId, Severity::kWarning,
                                 "another service of this list has the same provider, type and identity; id " +
                                     timeline.id + " gets suffix -" + std::to_string(n),
                                 path()});
        timeline.id += "-" + std::to_string(n);
      }
      timeline.states = build_states(service, path, out->findings);
      if (timeline.states.empty()) {
        out->findings.push_back({finding::kTimelineNoState, Severity::kError,
                                 "service has no state with a parsable start; it is never in force", path()});
      }
      out->services.push_back(std::move(timeline));
    }
  }
  out->list = std::move(list);
  return out;
}

}  // namespace assay::tsl
