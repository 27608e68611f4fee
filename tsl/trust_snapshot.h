// TrustSnapshot: everything the engine trusts at one moment — the authenticated lists, the
// timelines of all their services, and indexes to find services by digital identity, provider,
// type and territory. Built once per refresh and published as `shared_ptr<const TrustSnapshot>`;
// it never changes afterwards, so readers on any thread need no locks (DESIGN.md, core idea 1).
//
// Identity matching (TS 119 612 5.5.3, TS 119 615 4.3): a service's ServiceDigitalIdentity may
// give certificates, SKIs, subject names. The snapshot indexes every state's identities (current
// and history) by certificate SHA-256, by SubjectPublicKeyInfo (checked with the subject name),
// by SKI (X509SKI values and the SKI extension of listed certificates) and by subject name.
// Listed certificates are read with engine::extract_certificate_keys (subject, SPKI, SKI only):
// a full Certificate parse of the ~3,800 certificates of the EU set cost more than the budget.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/digest.h"
#include "engine/finding.h"
#include "engine/flat_hash_map.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"
#include "tsl/timeline.h"

namespace assay::tsl {

// One authenticated (or otherwise loaded) list given to the snapshot.
struct SnapshotListInput {
  std::string url;
  std::shared_ptr<const TrustedList> list;
  std::string auth_status;  // auth_status_name(): "authenticated", "signature_invalid", ...
  engine::Findings findings;  // authentication findings
};

struct SnapshotInput {
  std::vector<SnapshotListInput> lists;    // national lists
  std::optional<SnapshotListInput> lotl;   // the LOTL they were authenticated with
  UtcTime trust_time{};
};

// A list in the snapshot with its timelines.
struct SnapshotList {
  std::string url;
  std::string auth_status;
  engine::Findings findings;
  std::shared_ptr<const ListTimelines> timelines;  // holds the TrustedList

  const TrustedList& list() const { return *timelines->list; }
};

// How an identity matched.
enum class IdentityMatch : std::uint8_t { kCertificate, kSubjectAndKey, kSki, kSubjectName };
std::string_view identity_match_name(IdentityMatch match) noexcept;

// A service state whose identity carries the key looked up: indexes into services() and into
// that timeline's states.
struct IdentityHit {
  std::uint32_t service = 0;
  std::uint32_t state = 0;
};

// A service found for a certificate, with the state in force at the asked time.
struct ServiceMatch {
  std::uint32_t service = 0;
  IdentityMatch how = IdentityMatch::kCertificate;
  const TimelineState* state_at = nullptr;  // nullptr when the service did not exist yet
  bool identity_in_force = false;           // the state in force at T itself carries the identity
};

class TrustSnapshot {
 public:
  // Builds timelines and indexes. Each distinct listed certificate is parsed once; one that does
  // not parse is reported (tsl.snapshot.bad_certificate) and indexed by its hash only. Never
  // fails. Not thread-safe while building (it is a plain function of its input).
  static std::shared_ptr<const TrustSnapshot> build(SnapshotInput input);

  UtcTime trust_time() const { return trust_time_; }
  const std::vector<SnapshotList>& lists() const { return lists_; }
  const std::optional<SnapshotListInput>& lotl() const { return lotl_; }
  // Timeline findings of every list plus certificate findings.
  const engine::Findings& findings() const { return findings_; }

  // All services of all lists (list order, then document order). Indexes in IdentityHit and the
  // by_* lookups refer to this.
  std::span<const ServiceTimeline* const> services() const { return services_; }
  const ServiceTimeline& service(std::uint32_t index) const { return *services_[index]; }
  // The list a service belongs to.
  const SnapshotList& list_of(std::uint32_t service) const { return lists_[list_of_[service]]; }
  // A service by stable id (ids are unique per list; territories keep them apart), or nullptr.
  const ServiceTimeline* find(std::string_view id) const;

  // Identity lookups: every (service, state) whose identity matches. O(1) hash lookups.
  std::span<const IdentityHit> by_certificate(const engine::Sha256& fingerprint) const;
  std::span<const IdentityHit> by_ski(std::string_view key_identifier) const;  // raw bytes
  std::span<const IdentityHit> by_subject_name(std::string_view name) const;   // RFC 4514-like text
  // States listing a certificate with this SubjectPublicKeyInfo and an equivalent subject name.
  std::vector<IdentityHit> by_subject_and_key(const engine::DistinguishedName& subject,
                                              std::string_view spki_der) const;

  // Services whose identity matches `certificate` (by hash, then subject + key, then SKI), one
  // entry per service with its strongest match, and the state in force at `t`.
  std::vector<ServiceMatch> services_for(const engine::Certificate& certificate, UtcTime t) const;

  std::span<const std::uint32_t> by_tsp(std::string_view tsp_name) const;
  std::span<const std::uint32_t> by_type(std::string_view type_uri) const;
  std::span<const std::uint32_t> by_territory(std::string_view territory) const;

  // Number of distinct listed certificates (each read once).
  std::size_t certificate_count() const { return certificate_count_; }

 private:
  TrustSnapshot() = default;
  friend class SnapshotBuilder;

  struct Range {
    std::uint32_t begin = 0;
    std::uint32_t count = 0;
  };
  struct ShaHash {
    std::size_t operator()(const engine::Sha256& h) const noexcept {
      std::size_t v;
      std::memcpy(&v, h.data(), sizeof v);  // already uniformly distributed
      return v;
    }
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  using ServiceIndex = std::unordered_map<std::string, std::vector<std::uint32_t>, StringHash, std::equal_to<>>;
  struct KeyEntry {
    IdentityHit hit;
    std::string_view subject_der;  // view into the listed certificate (kept alive by lists_)
  };
  // Key -> the entries listed under it, stored flat: each key gets a group number when first
  // seen (the builder hashes every key once), `ranges[group]` is its slice of `entries`.
  template <class Key, class Entry, class Hash = std::hash<Key>>
  struct GroupedIndex {
    engine::FlatHashMap<Key, std::uint32_t, Hash> groups;
    std::vector<Range> ranges;
    std::vector<Entry> entries;

    std::span<const Entry> find(const Key& key) const {
      const std::uint32_t* group = groups.find(key);
      if (group == nullptr) return {};
      const Range& r = ranges[*group];
      return {entries.data() + r.begin, r.count};
    }
  };

  static std::span<const std::uint32_t> lookup(const ServiceIndex& index, std::string_view key);

  UtcTime trust_time_{};
  std::vector<SnapshotList> lists_;
  std::optional<SnapshotListInput> lotl_;
  engine::Findings findings_;
  std::vector<const ServiceTimeline*> services_;
  std::vector<std::uint32_t> list_of_;
  engine::FlatHashMap<std::string_view, std::uint32_t> by_id_;  // views into the timelines' ids
  std::size_t certificate_count_ = 0;

  std::deque<std::string> owned_keys_;  // SKIs and normalised subject names the indexes view
  GroupedIndex<engine::Sha256, IdentityHit, ShaHash> by_certificate_;
  GroupedIndex<std::string_view, IdentityHit> by_ski_;      // raw SKI bytes
  GroupedIndex<std::string_view, IdentityHit> by_subject_;  // normalize_subject_name()
  // SPKI DER (a view into the listed certificate) -> states listing a certificate with that key.
  GroupedIndex<std::string_view, KeyEntry> by_spki_;
  ServiceIndex by_tsp_;
  ServiceIndex by_type_;
  ServiceIndex by_territory_;
};

using TrustSnapshotPtr = std::shared_ptr<const TrustSnapshot>;

// Normal form used by the subject-name index: ASCII lower case, no blanks around ',', '+', '='.
std::string normalize_subject_name(std::string_view name);

}  // namespace assay::tsl
