#include "validation/trusted_list_anchors.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>
#include <optional>
#include <unordered_set>

#include "engine/digest.h"
#include "engine/x509/certificate_keys.h"
#include "tsl/namespaces.h"
#include "tsl/vocabulary.h"

namespace assay::validation {

struct TrustedListAnchors::Listed {
  std::string_view der;  // into the snapshot's list model (kept alive by snapshot_)
  engine::DistinguishedName subject;
  std::string_view spki;
  std::optional<std::string_view> ski;
  mutable std::once_flag once;
  mutable engine::CertificatePtr parsed;  // null when the full parse failed
};

std::size_t TrustedListAnchors::ShaHash::operator()(const engine::Sha256& h) const noexcept {
  std::size_t v;
  std::memcpy(&v, h.data(), sizeof v);  // already uniformly distributed
  return v;
}

bool status_allows_anchor(std::string_view status_uri, engine::UtcTime start) {
  if (!status_uri.starts_with(tsl::ns::kStatusPrefix)) return false;
  const std::string_view s = status_uri.substr(tsl::ns::kStatusPrefix.size());
  // TS 119 612 5.5.4 / Annex: the statuses under which the scheme vouches for the service. The
  // regime of the period (its start) decides which vocabulary is meaningful.
  if (tsl::vocabulary::is_post_eidas(start)) {
    return s == "granted" || s == "recognisedatnationallevel" || s == "setbynationallaw";
  }
  return s == "undersupervision" || s == "supervisionincessation" || s == "accredited";
}

namespace {

bool type_accepted(std::string_view type_uri, AnchorServiceTypes types) {
  if (types == AnchorServiceTypes::kAll) return true;
  if (!type_uri.starts_with(tsl::ns::kServiceTypePrefix)) return false;
  const std::string_view t = type_uri.substr(tsl::ns::kServiceTypePrefix.size());
  return t == "CA/QC" || t == "CA/PKC" || t == "NationalRootCA-QC";
}

// A hash key equal for any two names engine::equivalent_names() calls equivalent (RFC 5280 7.1:
// the same RDNs, attribute values compared after case folding and whitespace compression): every
// value is folded, binary ones too, which can only merge keys, never split equivalent names.
// Lookups confirm with equivalent_names.
std::string name_key(const engine::DistinguishedName& name) {
  std::vector<std::pair<int, std::string>> keys;
  keys.reserve(name.attributes.size());
  for (const auto& a : name.attributes) {
    std::string folded = a.oid + '\x01';
    bool space = false;
    for (const char c : a.value) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        space = folded.size() > a.oid.size() + 1;
        continue;
      }
      if (space) folded.push_back(' ');
      space = false;
      folded.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    keys.emplace_back(a.rdn, std::move(folded));
  }
  std::sort(keys.begin(), keys.end());
  std::string out;
  for (const auto& [rdn, key] : keys) {  // length-prefixed: distinct lists never join alike
    out += std::to_string(rdn) + ':' + std::to_string(key.size()) + ':' + key;
  }
  return out;
}

engine::Finding finding(std::string_view id, engine::Severity severity, std::string message, std::string path) {
  return engine::Finding{std::string(id), severity, std::move(message), std::move(path)};
}

}  // namespace

// Collects the listed certificates and the periods in which each is vouched for. One builder
// per build() call; not thread-safe.
struct AnchorIndexBuilder {
  TrustedListAnchors& out;
  std::unordered_set<std::string> bad_hashes;  // reported once each

  std::optional<std::uint32_t> intern(const std::string& der, const std::string& where) {
    const engine::Sha256 hash = engine::sha256(der);
    if (const std::uint32_t* found = out.by_hash_.find(hash)) return *found;
    const std::string hex = engine::to_hex(hash);
    if (bad_hashes.contains(hex)) return std::nullopt;
    auto keys = engine::extract_certificate_keys(der);
    std::optional<engine::DistinguishedName> subject;
    if (keys) {
      if (auto name = engine::parse_distinguished_name(keys->subject_der)) subject = std::move(*name);
    }
    if (!subject) {
      bad_hashes.insert(hex);
      out.findings_.push_back(finding(anchor_findings::kBadCertificate, engine::Severity::kWarning,
                                      "listed certificate " + hex + " cannot be read (" +
                                          (keys ? std::string("bad subject name") : keys.error().message()) +
                                          "); it is neither an anchor nor an intermediate",
                                      where));
      return std::nullopt;
    }
    const auto index = static_cast<std::uint32_t>(out.certificates_.size());
    auto listed = std::make_unique<TrustedListAnchors::Listed>();
    listed->der = der;
    listed->spki = keys->spki_der;
    listed->ski = keys->ski;
    listed->subject = std::move(*subject);
    out.by_name_.try_emplace(name_key(listed->subject)).first->push_back(index);
    out.by_spki_.try_emplace(listed->spki).first->push_back(index);
    out.by_hash_.try_emplace(hash, index);
    out.certificates_.push_back(std::move(listed));
    return index;
  }

  void add_service(std::uint32_t service_index, std::vector<std::vector<TrustedListAnchors::Period>>& periods) {
    const tsl::ServiceTimeline& timeline = out.snapshot_->service(service_index);
    const std::string where = out.snapshot_->list_of(service_index).url + "#" + timeline.id;
    // Certificates of each state, and of the service as a whole (for states listing none).
    std::vector<std::vector<std::uint32_t>> own(timeline.states.size());
    std::vector<std::uint32_t> all;
    for (std::size_t k = 0; k < timeline.states.size(); ++k) {
      for (const auto& id : timeline.states[k].state->identity.ids) {
        if (id.kind != tsl::DigitalId::Kind::kX509Certificate) continue;
        if (auto c = intern(id.certificate_der, where)) {
          own[k].push_back(*c);
          if (std::find(all.begin(), all.end(), *c) == all.end()) all.push_back(*c);
        }
      }
    }
    periods.resize(out.certificates_.size());
    if (all.empty()) {
      const bool key_value = std::any_of(timeline.states.begin(), timeline.states.end(), [](const auto& s) {
        return std::any_of(s.state->identity.ids.begin(), s.state->identity.ids.end(),
                           [](const auto& id) { return id.kind == tsl::DigitalId::Kind::kKeyValue; });
      });
      if (key_value && type_accepted(timeline.type(), out.options_.types)) {
        out.findings_.push_back(finding(anchor_findings::kKeyValueOnly, engine::Severity::kInfo,
                                        "service '" + timeline.name() +
                                            "' identifies its key only by ds:KeyValue; it is not used as a trust anchor",
                                        where));
      }
      return;
    }
    for (std::size_t k = 0; k < timeline.states.size(); ++k) {
      const tsl::TimelineState& ts = timeline.states[k];
      const bool allows =
          type_accepted(ts.state->type, out.options_.types) && status_allows_anchor(ts.state->status, ts.start);
      for (const std::uint32_t c : own[k].empty() ? all : own[k]) {
        periods[c].push_back({c, service_index, static_cast<std::uint32_t>(k), allows});
      }
    }
  }
};

std::shared_ptr<const TrustedListAnchors> TrustedListAnchors::build(tsl::TrustSnapshotPtr snapshot,
                                                                    TrustedListAnchorOptions options) {
  std::shared_ptr<TrustedListAnchors> self(new TrustedListAnchors());
  self->snapshot_ = std::move(snapshot);
  self->options_ = options;
  if (!self->snapshot_) return self;
  AnchorIndexBuilder builder{*self, {}};
  std::vector<std::vector<Period>> periods;
  const auto services = self->snapshot_->services();
  for (std::uint32_t i = 0; i < services.size(); ++i) {
    // Only authenticated lists vouch for anything (TRUSTED-LISTS.md: authenticate before use).
    if (self->snapshot_->list_of(i).auth_status != "authenticated") continue;
    builder.add_service(i, periods);
  }
  periods.resize(self->certificates_.size());
  self->periods_of_.reserve(periods.size());
  for (auto& group : periods) {
    const auto begin = static_cast<std::uint32_t>(self->periods_.size());
    self->periods_.insert(self->periods_.end(), group.begin(), group.end());
    self->periods_of_.emplace_back(begin, static_cast<std::uint32_t>(self->periods_.size()));
  }
  return self;
}

TrustedListAnchors::~TrustedListAnchors() = default;

engine::CertificatePtr TrustedListAnchors::certificate(std::uint32_t index) const {
  const Listed& listed = *certificates_[index];
  std::call_once(listed.once, [&listed] {
    if (auto parsed = engine::Certificate::parse_der(listed.der)) listed.parsed = std::move(*parsed);
  });
  return listed.parsed;
}

std::vector<std::uint32_t> TrustedListAnchors::certificates_named(const engine::DistinguishedName& name,
                                                                  const engine::Certificate* child) const {
  std::vector<std::uint32_t> out;
  const auto* group = by_name_.find(name_key(name));
  if (group == nullptr) return out;
  for (const std::uint32_t c : *group) {
    if (engine::equivalent_names(certificates_[c]->subject, name)) out.push_back(c);
  }
  if (child != nullptr && child->authority_key_id()) {
    // RFC 5280 4.2.1.1: the AKI names the issuer's key; matching SKIs first, mismatching last.
    const std::string& aki = *child->authority_key_id();
    auto rank = [&](std::uint32_t c) {
      const auto& ski = certificates_[c]->ski;
      if (!ski) return 1;
      return *ski == aki ? 0 : 2;
    };
    std::stable_sort(out.begin(), out.end(), [&](std::uint32_t a, std::uint32_t b) { return rank(a) < rank(b); });
  }
  return out;
}

TrustAnchor TrustedListAnchors::make_anchor(const Period& period, const engine::CertificatePtr& cert,
                                            engine::UtcTime at) const {
  const tsl::ServiceTimeline& timeline = snapshot_->service(period.service);
  // The evidence names the state in force at `at` (for a sunset anchor: the withdrawal), or the
  // period itself when the service did not exist yet at `at`.
  const tsl::TimelineState* state = timeline.at(at);
  if (state == nullptr) state = &timeline.states[period.state];
  TrustedListAnchorEvidence evidence;
  evidence.territory = timeline.version->territory;
  evidence.sequence = static_cast<std::int64_t>(timeline.version->sequence);
  evidence.list_sha256 = timeline.version->sha256;
  evidence.provider = timeline.tsp_name();
  evidence.service_name = tsl::preferred(state->state->names);
  evidence.service_type = state->state->type;
  evidence.status = state->state->status;
  evidence.status_start = state->start;
  evidence.status_end = state->end;
  TrustAnchor anchor;
  anchor.subject = cert->subject();
  anchor.spki_der = cert->public_key().der;
  anchor.certificate = cert;
  anchor.source = AnchorSource::kTrustedList;
  anchor.list = std::move(evidence);
  return anchor;
}

std::vector<TrustAnchor> TrustedListAnchors::collect(const engine::Certificate& child, engine::UtcTime at,
                                                     When when) const {
  std::vector<TrustAnchor> out;
  for (const std::uint32_t c : certificates_named(child.issuer(), &child)) {
    const auto [begin, end] = periods_of_[c];
    const Period* in_force = nullptr;  // an accepting period containing `at`
    const Period* other = nullptr;     // the accepting period nearest before `at`, else the first after
    for (std::uint32_t p = begin; p < end; ++p) {
      const Period& period = periods_[p];
      if (!period.allows) continue;
      const tsl::TimelineState& ts = snapshot_->service(period.service).states[period.state];
      if (ts.contains(at)) {
        in_force = &period;
        break;
      }
      const bool before = ts.start <= at;
      if (other == nullptr) {
        other = &period;
      } else {
        const tsl::TimelineState& o = snapshot_->service(other->service).states[other->state];
        const bool other_before = o.start <= at;
        if ((before && (!other_before || o.start < ts.start)) || (!before && !other_before && ts.start < o.start)) {
          other = &period;
        }
      }
    }
    const Period* chosen = when == When::kAt ? in_force : (in_force == nullptr ? other : nullptr);
    if (chosen == nullptr) continue;
    auto cert = certificate(c);
    if (!cert) continue;  // the full parse failed: not usable as an anchor
    out.push_back(make_anchor(*chosen, cert, at));
  }
  return out;
}

std::vector<TrustAnchor> TrustedListAnchors::anchors_for(const engine::Certificate& child, engine::UtcTime at) const {
  return collect(child, at, When::kAt);
}

std::vector<TrustAnchor> TrustedListAnchors::anchors_at_other_times(const engine::Certificate& child,
                                                                    engine::UtcTime at) const {
  return collect(child, at, When::kOtherTimes);
}

std::vector<engine::CertificatePtr> TrustedListAnchors::intermediates_for(
    const engine::DistinguishedName& issuer_name) const {
  std::vector<engine::CertificatePtr> out;
  for (const std::uint32_t c : certificates_named(issuer_name, nullptr)) {
    if (auto cert = certificate(c)) out.push_back(std::move(cert));
  }
  return out;
}

std::vector<TrustAnchor> TrustedListAnchors::anchors_for_certificate(const engine::Certificate& certificate_in,
                                                                     engine::UtcTime at) const {
  std::vector<std::uint32_t> candidates;
  if (const std::uint32_t* c = by_hash_.find(certificate_in.sha256_fingerprint())) candidates.push_back(*c);
  if (const auto* group = by_spki_.find(std::string_view(certificate_in.public_key().der))) {
    for (const std::uint32_t c : *group) {
      if (std::find(candidates.begin(), candidates.end(), c) == candidates.end() &&
          engine::equivalent_names(certificates_[c]->subject, certificate_in.subject())) {
        candidates.push_back(c);
      }
    }
  }
  std::vector<TrustAnchor> out;
  for (const std::uint32_t c : candidates) {
    const auto [begin, end] = periods_of_[c];
    for (std::uint32_t p = begin; p < end; ++p) {
      const Period& period = periods_[p];
      if (!period.allows || !snapshot_->service(period.service).states[period.state].contains(at)) continue;
      if (auto cert = certificate(c)) out.push_back(make_anchor(period, cert, at));
      break;
    }
  }
  return out;
}

}  // namespace assay::validation
