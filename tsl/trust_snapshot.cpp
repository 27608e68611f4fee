#include "tsl/trust_snapshot.h"

#include <algorithm>

#include "engine/x509/certificate_keys.h"
#include "engine/x509/distinguished_name.h"
#include "tsl/timeline_findings.h"

namespace assay::tsl {

std::string_view identity_match_name(IdentityMatch match) noexcept {
  switch (match) {
    case IdentityMatch::kCertificate: return "certificate";
    case IdentityMatch::kSubjectAndKey: return "subject_and_key";
    case IdentityMatch::kSki: return "ski";
    case IdentityMatch::kSubjectName: return "subject_name";
  }
  return "unknown";
}

std::string normalize_subject_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == ' ' || c == '\t') {
      // Drop blanks next to separators and at the ends; keep them inside values.
      const bool after_sep = out.empty() || out.back() == ',' || out.back() == '+' || out.back() == '=';
      std::size_t j = i;
      while (j < name.size() && (name[j] == ' ' || name[j] == '\t')) ++j;
      const bool before_sep = j == name.size() || name[j] == ',' || name[j] == '+' || name[j] == '=';
      if (!after_sep && !before_sep) out.push_back(' ');
      i = j - 1;
      continue;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
  }
  return out;
}

// Collects (key, hit) pairs, then freezes them into flat hit vectors with hash-map ranges: one
// allocation per index instead of one vector per key, and cache-friendly lookups.
class SnapshotBuilder {
 public:
  explicit SnapshotBuilder(TrustSnapshot& s) : s_(s) {}

  void add_list(SnapshotListInput input, std::uint32_t list_index) {
    auto timelines = build_timelines(input.list, &digests_);
    s_.findings_.insert(s_.findings_.end(), timelines->findings.begin(), timelines->findings.end());
    const auto& territory = input.list->scheme.territory;
    for (const auto& timeline : timelines->services) {
      const auto index = static_cast<std::uint32_t>(s_.services_.size());
      s_.services_.push_back(&timeline);
      s_.list_of_.push_back(list_index);
      s_.by_id_.emplace(timeline.id, index);
      s_.by_tsp_[timeline.tsp_name()].push_back(index);
      s_.by_type_[timeline.type()].push_back(index);
      s_.by_territory_[territory].push_back(index);
      for (std::uint32_t st = 0; st < timeline.states.size(); ++st) {
        index_identity(timeline.states[st].state->identity, {index, st});
      }
    }
    s_.lists_.push_back({std::move(input.url), std::move(input.auth_status), std::move(input.findings),
                         std::move(timelines)});
  }

  void finish() {
    freeze(cert_pairs_, s_.cert_hits_, s_.by_certificate_);
    freeze(ski_pairs_, s_.ski_hits_, s_.by_ski_);
    freeze(subject_pairs_, s_.subject_hits_, s_.by_subject_);
  }

 private:
  void index_identity(const ServiceDigitalIdentity& identity, IdentityHit hit) {
    for (const auto& id : identity.ids) {
      switch (id.kind) {
        case DigitalId::Kind::kX509Certificate:
          if (!id.certificate_der.empty()) index_certificate(id.certificate_der, hit);
          break;
        case DigitalId::Kind::kX509Ski:
          if (!id.ski.empty()) ski_pairs_.emplace_back(id.ski, hit);
          break;
        case DigitalId::Kind::kX509SubjectName:
          if (!id.subject_name.empty()) subject_pairs_.emplace_back(normalize_subject_name(id.subject_name), hit);
          break;
        default:
          break;
      }
    }
  }

  void index_certificate(const std::string& der, IdentityHit hit) {
    // The same certificate appears in many states and lists: read each distinct one once
    // (distinct by digest, which the index needs anyway; no hashing of the DER content).
    const engine::Sha256& digest = digests_.get(der);
    auto [it, inserted] = cert_by_digest_.try_emplace(digest, 0);
    if (inserted) {
      it->second = static_cast<std::uint32_t>(parsed_.size());
      parsed_.push_back(parse(der, digest));
    }
    const Parsed& p = parsed_[it->second];
    cert_pairs_.emplace_back(p.sha256, hit);
    if (p.keys) {
      s_.by_spki_[p.keys->spki_der].push_back({hit, p.keys->subject_der});
      if (p.keys->ski) ski_pairs_.emplace_back(std::string(*p.keys->ski), hit);
      if (!p.subject_key.empty()) subject_pairs_.emplace_back(p.subject_key, hit);
    }
  }

  struct Parsed {
    engine::Sha256 sha256{};
    std::optional<engine::CertificateKeys> keys;
    std::string subject_key;
  };

  Parsed parse(const std::string& der, const engine::Sha256& digest) {
    Parsed p;
    p.sha256 = digest;
    auto keys = engine::extract_certificate_keys(der);
    if (!keys) {
      s_.findings_.push_back({finding::kSnapshotBadCertificate, engine::Severity::kWarning,
                              "listed certificate " + engine::to_hex(p.sha256) + " does not parse (" +
                                  keys.error().message() + "); indexed by its hash only",
                              ""});
      return p;
    }
    p.keys = *keys;
    if (auto name = engine::parse_distinguished_name(keys->subject_der)) p.subject_key = normalize_subject_name(name->rfc4514);
    ++s_.certificate_count_;
    return p;
  }

  template <class Key, class Map>
  static void freeze(std::vector<std::pair<Key, IdentityHit>>& pairs, std::vector<IdentityHit>& hits, Map& map) {
    std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      if (a.second.service != b.second.service) return a.second.service < b.second.service;
      return a.second.state < b.second.state;
    });
    hits.reserve(pairs.size());
    map.reserve(pairs.size());
    for (std::size_t i = 0; i < pairs.size();) {
      std::size_t j = i;
      const auto begin = static_cast<std::uint32_t>(hits.size());
      for (; j < pairs.size() && pairs[j].first == pairs[i].first; ++j) {
        const auto& h = pairs[j].second;
        if (hits.size() > begin && hits.back().service == h.service && hits.back().state == h.state) continue;
        hits.push_back(h);
      }
      map.emplace(std::move(pairs[i].first), TrustSnapshot::Range{begin, static_cast<std::uint32_t>(hits.size()) - begin});
      i = j;
    }
    pairs.clear();
    pairs.shrink_to_fit();
  }

  TrustSnapshot& s_;
  DerDigestCache digests_;
  std::unordered_map<engine::Sha256, std::uint32_t, TrustSnapshot::ShaHash> cert_by_digest_;
  std::vector<Parsed> parsed_;
  std::vector<std::pair<engine::Sha256, IdentityHit>> cert_pairs_;
  std::vector<std::pair<std::string, IdentityHit>> ski_pairs_;
  std::vector<std::pair<std::string, IdentityHit>> subject_pairs_;
};

std::shared_ptr<const TrustSnapshot> TrustSnapshot::build(SnapshotInput input) {
  std::shared_ptr<TrustSnapshot> s(new TrustSnapshot());
  s->trust_time_ = input.trust_time;
  s->lotl_ = std::move(input.lotl);
  s->lists_.reserve(input.lists.size());
  SnapshotBuilder builder(*s);
  for (std::size_t i = 0; i < input.lists.size(); ++i) {
    if (!input.lists[i].list) continue;
    builder.add_list(std::move(input.lists[i]), static_cast<std::uint32_t>(s->lists_.size()));
  }
  builder.finish();
  return s;
}

const ServiceTimeline* TrustSnapshot::find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : services_[it->second];
}

std::span<const IdentityHit> TrustSnapshot::lookup(const StringIndex& index, const std::vector<IdentityHit>& hits,
                                                   std::string_view key) {
  auto it = index.find(key);
  if (it == index.end()) return {};
  return {hits.data() + it->second.begin, it->second.count};
}

std::span<const std::uint32_t> TrustSnapshot::lookup(const ServiceIndex& index, std::string_view key) {
  auto it = index.find(key);
  if (it == index.end()) return {};
  return it->second;
}

std::span<const IdentityHit> TrustSnapshot::by_certificate(const engine::Sha256& fingerprint) const {
  auto it = by_certificate_.find(fingerprint);
  if (it == by_certificate_.end()) return {};
  return {cert_hits_.data() + it->second.begin, it->second.count};
}

std::span<const IdentityHit> TrustSnapshot::by_ski(std::string_view key_identifier) const {
  return lookup(by_ski_, ski_hits_, key_identifier);
}

std::span<const IdentityHit> TrustSnapshot::by_subject_name(std::string_view name) const {
  return lookup(by_subject_, subject_hits_, normalize_subject_name(name));
}

std::vector<IdentityHit> TrustSnapshot::by_subject_and_key(const engine::DistinguishedName& subject,
                                                           std::string_view spki_der) const {
  std::vector<IdentityHit> out;
  auto it = by_spki_.find(spki_der);
  if (it == by_spki_.end()) return out;
  for (const auto& e : it->second) {
    // Byte-equal names are the common case; otherwise RFC 5280 7.1 comparison.
    bool same = e.subject_der == subject.der;
    if (!same) {
      auto listed = engine::parse_distinguished_name(e.subject_der);
      same = listed && engine::equivalent_names(*listed, subject);
    }
    if (same) out.push_back(e.hit);
  }
  return out;
}

std::vector<ServiceMatch> TrustSnapshot::services_for(const engine::Certificate& certificate, UtcTime t) const {
  std::vector<ServiceMatch> out;
  auto add = [&](std::span<const IdentityHit> hits, IdentityMatch how) {
    for (const auto& h : hits) {
      auto existing = std::find_if(out.begin(), out.end(), [&](const ServiceMatch& m) { return m.service == h.service; });
      const auto& timeline = *services_[h.service];
      const TimelineState* at = timeline.at(t);
      const bool in_force = at && at == &timeline.states[h.state];
      if (existing == out.end()) {
        out.push_back({h.service, how, at, in_force});
      } else if (in_force) {
        existing->identity_in_force = true;
      }
    }
  };
  add(by_certificate(certificate.sha256_fingerprint()), IdentityMatch::kCertificate);
  const auto by_key = by_subject_and_key(certificate.subject(), certificate.public_key().der);
  add(by_key, IdentityMatch::kSubjectAndKey);
  if (certificate.subject_key_id()) add(by_ski(*certificate.subject_key_id()), IdentityMatch::kSki);
  return out;
}

std::span<const std::uint32_t> TrustSnapshot::by_tsp(std::string_view tsp_name) const { return lookup(by_tsp_, tsp_name); }
std::span<const std::uint32_t> TrustSnapshot::by_type(std::string_view type_uri) const { return lookup(by_type_, type_uri); }
std::span<const std::uint32_t> TrustSnapshot::by_territory(std::string_view territory) const {
  return lookup(by_territory_, territory);
}

}  // namespace assay::tsl
