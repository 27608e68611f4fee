// The chain side of qualification (TS 119 615 4.3): ordering a given chain from the end entity
// up by issuer/subject linkage with verified signatures, and finding the trust services whose
// digital identity matches a certificate of that chain. A service certificate counts as an
// issuer only when its key verifies the signature: names or key identifiers alone never do.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/finding.h"
#include "engine/x509/certificate.h"
#include "tsl/trust_snapshot.h"

namespace assay::tsl {

// How an element is linked to the element below it (its subject).
enum class ChainLink : std::uint8_t {
  kEndEntity,          // element 0
  kSignatureVerified,  // issuer name matches and its key verifies the element below
};

struct ChainElement {
  engine::CertificatePtr certificate;
  std::uint32_t input_position = 0;  // where it was in the input
  ChainLink link = ChainLink::kEndEntity;
};

// The end entity first, then each verified issuer. Certificates of the input that are not on
// that path are listed in `unlinked` (with a reason each).
struct OrderedChain {
  std::vector<ChainElement> elements;
  std::vector<engine::CertificatePtr> unlinked;
  bool reordered = false;
  engine::Findings reasons;  // reason ids from reason_ids.h
};

// How a candidate service matched the chain.
enum class CandidateMatch : std::uint8_t {
  kCertificate,      // a chain certificate is listed (same SHA-256)
  kSubjectAndKey,    // a listed certificate has the chain certificate's subject and key
  kSki,              // a listed SKI equals the chain certificate's SKI
  kListedIssuer,     // a listed certificate verifies the top chain element's signature
};
std::string_view candidate_match_name(CandidateMatch m) noexcept;  // "certificate", "subject+key", "ski", "listed-issuer"

// A trust service matching the chain. Points into the snapshot (keep it alive).
struct CandidateService {
  std::uint32_t service = 0;             // index in TrustSnapshot::services()
  const ServiceTimeline* timeline = nullptr;
  const SnapshotList* list = nullptr;
  std::uint32_t chain_index = 0;          // the chain element that matched (for kListedIssuer: the
                                          // element the listed certificate verified)
  CandidateMatch how = CandidateMatch::kCertificate;
  // True when the matched identity is tied to the end entity by verified signatures (always, for
  // services counted as candidates; kept explicit for the evidence).
  bool signature_verified = false;
};

// Memo of issuer-signature checks keyed by (issuer SHA-256, subject SHA-256) and of parsed listed
// certificates keyed by their DER's address in the snapshot. Thread-safe (one mutex; lookups are
// short). Owned by the caller; may be shared by any number of qualify() calls on one snapshot
// (listed-certificate entries refer to that snapshot's strings).
class SignatureCache {
 public:
  // At most `max_entries` signature results are kept; past that the memo starts afresh (bounded
  // memory for a long-running service fed arbitrary certificates).
  explicit SignatureCache(std::size_t max_entries = 100000) : max_entries_(max_entries) {}
  // verify_signed_by through the memo. Errors are not cached.
  engine::Result<bool> verify(const engine::Certificate& subject, const engine::Certificate& issuer);
  // The parsed listed certificate (nullptr when it does not parse).
  engine::CertificatePtr listed(const std::string& der);

 private:
  struct PairHash {
    std::size_t operator()(const std::pair<engine::Sha256, engine::Sha256>& p) const noexcept;
  };
  std::size_t max_entries_;
  std::mutex mutex_;
  std::unordered_map<std::pair<engine::Sha256, engine::Sha256>, bool, PairHash> verified_;
  std::unordered_map<const std::string*, engine::CertificatePtr> listed_;
};

// Orders `input` (any order) into a chain from the end entity up. The end entity is the
// certificate that issued none of the others (the first such non-CA one, else the first such).
// Each step upward takes a certificate whose subject matches the issuer name and whose key
// verifies the signature; a name match whose signature fails is reported
// (kChainSignatureMismatch) and not followed. Never fails; `input` must not be empty.
OrderedChain order_chain(std::span<const engine::CertificatePtr> input, SignatureCache* cache);

// Services of `snapshot` matching the chain: every element's identity through the snapshot
// indexes (certificate hash, subject + key, SKI), and, above the top element, listed certificates
// whose subject matches its issuer name or whose SKI equals its AKI and whose key verifies its
// signature (a name/AKI match whose signature fails is reported as
// kListedIssuerSignatureMismatch on `reasons`). One entry per service (the lowest element wins).
std::vector<CandidateService> find_candidates(const TrustSnapshot& snapshot, const OrderedChain& chain,
                                              SignatureCache* cache, engine::Findings& reasons);

}  // namespace assay::tsl
