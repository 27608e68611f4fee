#include "tsl/trust_snapshot.h"

#include <algorithm>
#include <type_traits>

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
  // Written through a raw pointer into a presized string: this runs for every listed subject
  // name when a snapshot is built, and push_back's capacity checks doubled its cost.
  std::string out(name.size(), '\0');
  char* const begin = out.data();
  char* w = begin;
  const char* p = name.data();
  const char* const end = p + name.size();
  auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  auto is_separator = [](char c) { return c == ',' || c == '+' || c == '='; };
  while (p < end) {
    const char c = *p;
    if (is_blank(c)) {
      // Drop blanks next to separators and at the ends; a run inside a value becomes one blank.
      const char* q = p;
      while (q < end && is_blank(*q)) ++q;
      const bool after_separator = w == begin || is_separator(w[-1]);
      const bool before_separator = q == end || is_separator(*q);
      if (!after_separator && !before_separator) *w++ = ' ';
      p = q;
      continue;
    }
    *w++ = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    ++p;
  }
  out.resize(static_cast<std::size_t>(w - begin));
  return out;
}

namespace {

// One (group, entry) pair of an index under construction.
template <class Entry>
struct GroupedEntry {
  std::uint32_t group = 0;
  Entry entry;
};

bool operator<(const IdentityHit& a, const IdentityHit& b) {
  return a.service != b.service ? a.service < b.service : a.state < b.state;
}
bool operator==(const IdentityHit& a, const IdentityHit& b) { return a.service == b.service && a.state == b.state; }

}  // namespace

// Collects (group, entry) pairs, then freezes them into the flat GroupedIndex layout: one
// allocation per index instead of one vector per key. Each distinct certificate, subject name,
// SKI and public key is hashed, read and normalised once; the group numbers handed out while
// adding are final, so freezing sorts integers and hashes nothing again.
class SnapshotBuilder {
 public:
  explicit SnapshotBuilder(TrustSnapshot& s) : s_(s) {}

  void add_list(SnapshotListInput input, std::uint32_t list_index) {
    auto timelines = build_timelines(input.list, &digests_);
    s_.findings_.insert(s_.findings_.end(), timelines->findings.begin(), timelines->findings.end());
    auto& same_territory = s_.by_territory_[input.list->scheme.territory];
    for (const auto& timeline : timelines->services) {
      const auto index = static_cast<std::uint32_t>(s_.services_.size());
      s_.services_.push_back(&timeline);
      s_.list_of_.push_back(list_index);
      s_.by_id_.try_emplace(timeline.id, index);
      s_.by_tsp_[timeline.tsp_name()].push_back(index);
      s_.by_type_[timeline.type()].push_back(index);
      same_territory.push_back(index);
      for (std::uint32_t st = 0; st < timeline.states.size(); ++st) {
        index_identity(timeline.states[st].state->identity, {index, st});
      }
    }
    s_.lists_.push_back({std::move(input.url), std::move(input.auth_status), std::move(input.findings),
                         std::move(timelines)});
  }

  void finish() {
    freeze(cert_pairs_, s_.by_certificate_);
    freeze(ski_pairs_, s_.by_ski_);
    freeze(subject_pairs_, s_.by_subject_);
    freeze(key_pairs_, s_.by_spki_);
  }

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  // The group of `key` in `index`, a new one when first seen.
  template <class Key, class Index>
  static std::uint32_t group_of(Index& index, const Key& key) {
    auto [group, inserted] = index.groups.try_emplace(key, static_cast<std::uint32_t>(index.ranges.size()));
    if (inserted) index.ranges.emplace_back();
    return *group;
  }
  // Same for string keys the snapshot must own (the caller's bytes may be temporary).
  template <class Index>
  std::uint32_t owned_group_of(Index& index, std::string_view key) {
    if (const std::uint32_t* group = index.groups.find(key)) return *group;
    return group_of(index, std::string_view(s_.owned_keys_.emplace_back(key)));
  }

  void index_identity(const ServiceDigitalIdentity& identity, IdentityHit hit) {
    for (const auto& id : identity.ids) {
      switch (id.kind) {
        case DigitalId::Kind::kX509Certificate:
          if (!id.certificate_der.empty()) index_certificate(id.certificate_der, hit);
          break;
        case DigitalId::Kind::kX509Ski:
          if (!id.ski.empty()) ski_pairs_.push_back({owned_group_of(s_.by_ski_, id.ski), hit});
          break;
        case DigitalId::Kind::kX509SubjectName:
          if (!id.subject_name.empty()) subject_pairs_.push_back({subject_text_group(id.subject_name), hit});
          break;
        default:
          break;
      }
    }
  }

  // The subject-index group of an X509SubjectName text (a view into the model, which lives on).
  std::uint32_t subject_text_group(std::string_view text) {
    auto [group, inserted] = subject_text_groups_.try_emplace(text, 0);
    if (inserted) *group = owned_group_of(s_.by_subject_, normalize_subject_name(text));
    return *group;
  }

  void index_certificate(const std::string& der, IdentityHit hit) {
    // The same certificate appears in many states and lists: read each distinct one once
    // (distinct by digest, which the index needs anyway; no hashing of the DER content).
    const engine::Sha256 digest = digests_.get(der);
    const std::uint32_t group = group_of(s_.by_certificate_, digest);
    if (group == parsed_.size()) parsed_.push_back(parse(der, digest));
    const Parsed& p = parsed_[group];
    cert_pairs_.push_back({group, hit});
    if (p.spki != kNone) key_pairs_.push_back({p.spki, {hit, p.subject_der}});
    if (p.ski != kNone) ski_pairs_.push_back({p.ski, hit});
    if (p.subject != kNone) subject_pairs_.push_back({p.subject, hit});
  }

  // Groups of one distinct listed certificate in the other indexes.
  struct Parsed {
    std::string_view subject_der;   // into the listed certificate
    std::uint32_t spki = kNone;     // group in by_spki_
    std::uint32_t ski = kNone;      // group in by_ski_
    std::uint32_t subject = kNone;  // group in by_subject_
  };

  Parsed parse(const std::string& der, const engine::Sha256& digest) {
    Parsed p;
    auto keys = engine::extract_certificate_keys(der);
    if (!keys) {
      s_.findings_.push_back({finding::kSnapshotBadCertificate, engine::Severity::kWarning,
                              "listed certificate " + engine::to_hex(digest) + " does not parse (" +
                                  keys.error().message() + "); indexed by its hash only",
                              ""});
      return p;
    }
    ++s_.certificate_count_;
    p.subject_der = keys->subject_der;
    p.spki = group_of(s_.by_spki_, keys->spki_der);
    if (keys->ski) p.ski = owned_group_of(s_.by_ski_, *keys->ski);
    // Renewed certificates often keep their subject: read and normalise each distinct name once.
    auto [subject, inserted] = subject_der_groups_.try_emplace(keys->subject_der, kNone);
    if (inserted) {
      if (auto name = engine::parse_distinguished_name(keys->subject_der)) {
        *subject = owned_group_of(s_.by_subject_, normalize_subject_name(name->rfc4514));
      }
    }
    p.subject = *subject;
    return p;
  }

  // Sorts the pairs by group and lays them out. Identity hits are also sorted within a group and
  // repeats dropped; key entries keep the order they were listed in.
  template <class Entry, class Index>
  static void freeze(std::vector<GroupedEntry<Entry>>& pairs, Index& index) {
    constexpr bool kHits = std::is_same_v<Entry, IdentityHit>;
    if constexpr (kHits) {
      std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
        return a.group != b.group ? a.group < b.group : a.entry < b.entry;
      });
    } else {
      std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.group < b.group; });
    }
    index.entries.reserve(pairs.size());
    for (std::size_t i = 0; i < pairs.size();) {
      const auto begin = static_cast<std::uint32_t>(index.entries.size());
      std::size_t j = i;
      for (; j < pairs.size() && pairs[j].group == pairs[i].group; ++j) {
        if constexpr (kHits) {
          if (index.entries.size() > begin && index.entries.back() == pairs[j].entry) continue;
        }
        index.entries.push_back(pairs[j].entry);
      }
      index.ranges[pairs[i].group] = {begin, static_cast<std::uint32_t>(index.entries.size()) - begin};
      i = j;
    }
    std::vector<GroupedEntry<Entry>>().swap(pairs);
  }

  TrustSnapshot& s_;
  DerDigestCache digests_;
  std::vector<Parsed> parsed_;  // by group in by_certificate_
  engine::FlatHashMap<std::string_view, std::uint32_t> subject_text_groups_;  // X509SubjectName -> group
  engine::FlatHashMap<std::string_view, std::uint32_t> subject_der_groups_;   // subject Name DER -> group
  std::vector<GroupedEntry<IdentityHit>> cert_pairs_;
  std::vector<GroupedEntry<IdentityHit>> ski_pairs_;
  std::vector<GroupedEntry<IdentityHit>> subject_pairs_;
  std::vector<GroupedEntry<TrustSnapshot::KeyEntry>> key_pairs_;
};

std::shared_ptr<const TrustSnapshot> TrustSnapshot::build(SnapshotInput input) {
  std::shared_ptr<TrustSnapshot> s(new TrustSnapshot());
  s->trust_time_ = input.trust_time;
  s->lotl_ = std::move(input.lotl);
  s->lists_.reserve(input.lists.size());
  std::size_t services = 0;
  for (const auto& l : input.lists) services += l.list ? l.list->service_count() : 0;
  s->services_.reserve(services);
  s->list_of_.reserve(services);
  s->by_id_.reserve(services);
  SnapshotBuilder builder(*s);
  for (std::size_t i = 0; i < input.lists.size(); ++i) {
    if (!input.lists[i].list) continue;
    builder.add_list(std::move(input.lists[i]), static_cast<std::uint32_t>(s->lists_.size()));
  }
  builder.finish();
  return s;
}

const ServiceTimeline* TrustSnapshot::find(std::string_view id) const {
  const std::uint32_t* index = by_id_.find(id);
  return index == nullptr ? nullptr : services_[*index];
}

std::span<const std::uint32_t> TrustSnapshot::lookup(const ServiceIndex& index, std::string_view key) {
  auto it = index.find(key);
  if (it == index.end()) return {};
  return it->second;
}

std::span<const IdentityHit> TrustSnapshot::by_certificate(const engine::Sha256& fingerprint) const {
  return by_certificate_.find(fingerprint);
}

std::span<const IdentityHit> TrustSnapshot::by_ski(std::string_view key_identifier) const {
  return by_ski_.find(key_identifier);
}

std::span<const IdentityHit> TrustSnapshot::by_subject_name(std::string_view name) const {
  return by_subject_.find(normalize_subject_name(name));
}

std::vector<IdentityHit> TrustSnapshot::by_subject_and_key(const engine::DistinguishedName& subject,
                                                           std::string_view spki_der) const {
  std::vector<IdentityHit> out;
  for (const auto& e : by_spki_.find(spki_der)) {
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
