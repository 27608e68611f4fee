#include "tsl/qualification/chain.h"

#include <algorithm>
#include <cstring>

#include "engine/check.h"
#include "tsl/qualification/reason_ids.h"

namespace assay::tsl {
namespace {

using engine::Certificate;
using engine::CertificatePtr;
using engine::Severity;

constexpr Severity kWarn = Severity::kWarning;

std::string name_of(const Certificate& c) { return c.subject().rfc4514; }

engine::Result<bool> check(const Certificate& subject, const Certificate& issuer, SignatureCache* cache) {
  return cache ? cache->verify(subject, issuer) : subject.verify_signed_by(issuer);
}

// RFC 5280 4.2.1.1: when both key identifiers are present and differ, the certificate is not the
// issuer (a re-keyed CA with the same name); skip it before any public-key operation.
bool key_ids_compatible(const Certificate& subject, const Certificate& issuer) {
  return !subject.authority_key_id() || !issuer.subject_key_id() || *subject.authority_key_id() == *issuer.subject_key_id();
}

bool self_issued(const Certificate& c) { return c.issued_by_name(c); }

}  // namespace

std::string_view candidate_match_name(CandidateMatch m) noexcept {
  switch (m) {
    case CandidateMatch::kCertificate: return "certificate";
    case CandidateMatch::kSubjectAndKey: return "subject+key";
    case CandidateMatch::kSki: return "ski";
    case CandidateMatch::kListedIssuer: return "listed-issuer";
  }
  return "?";
}

std::size_t SignatureCache::PairHash::operator()(const std::pair<engine::Sha256, engine::Sha256>& p) const noexcept {
  std::size_t a, b;
  std::memcpy(&a, p.first.data(), sizeof a);
  std::memcpy(&b, p.second.data(), sizeof b);
  return a ^ (b * 0x9e3779b97f4a7c15ull);
}

engine::Result<bool> SignatureCache::verify(const Certificate& subject, const Certificate& issuer) {
  const auto key = std::make_pair(issuer.sha256_fingerprint(), subject.sha256_fingerprint());
  {
    std::lock_guard lock(mutex_);
    if (auto it = verified_.find(key); it != verified_.end()) return it->second;
  }
  auto r = subject.verify_signed_by(issuer);
  if (r) {
    std::lock_guard lock(mutex_);
    if (verified_.size() >= max_entries_) verified_.clear();
    verified_.emplace(key, *r);
  }
  return r;
}

CertificatePtr SignatureCache::listed(const std::string& der) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = listed_.find(&der); it != listed_.end()) return it->second;
  }
  auto parsed = Certificate::parse_der(der);
  CertificatePtr c = parsed ? *parsed : nullptr;
  std::lock_guard lock(mutex_);
  listed_.emplace(&der, c);
  return c;
}

OrderedChain order_chain(std::span<const CertificatePtr> input, SignatureCache* cache) {
  ASSAY_CHECK(!input.empty());
  OrderedChain out;
  const std::size_t n = input.size();
  // The end entity issued none of the others.
  std::vector<bool> issues_other(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n && !issues_other[i]; ++j) {
      if (i != j && !self_issued(*input[j]) && input[j]->issued_by_name(*input[i])) issues_other[i] = true;
    }
  }
  std::size_t ee = n;
  for (std::size_t i = 0; i < n && ee == n; ++i) {
    if (!issues_other[i] && !input[i]->is_ca()) ee = i;
  }
  for (std::size_t i = 0; i < n && ee == n; ++i) {
    if (!issues_other[i]) ee = i;
  }
  if (ee == n) ee = 0;
  std::vector<bool> used(n, false);
  used[ee] = true;
  out.elements.push_back({input[ee], static_cast<std::uint32_t>(ee), ChainLink::kEndEntity});
  for (;;) {
    const Certificate& current = *out.elements.back().certificate;
    if (self_issued(current)) break;
    std::size_t next = n;
    for (std::size_t j = 0; j < n && next == n; ++j) {
      if (used[j] || !current.issued_by_name(*input[j]) || !key_ids_compatible(current, *input[j])) continue;
      auto ok = check(current, *input[j], cache);
      if (ok && *ok) {
        next = j;
      } else if (ok) {
        out.reasons.push_back({reason::kChainSignatureMismatch, kWarn,
                               "certificate '" + name_of(*input[j]) + "' has the issuer name of '" + name_of(current) +
                                   "' but its key does not verify that certificate's signature: not its issuer",
                               input[j]->fingerprint_hex()});
      } else {
        out.reasons.push_back({reason::kChainSignatureUncheckable, kWarn,
                               "the signature of '" + name_of(current) + "' could not be checked with the key of '" +
                                   name_of(*input[j]) + "': " + ok.error().message(),
                               input[j]->fingerprint_hex()});
      }
    }
    if (next == n) break;
    used[next] = true;
    out.elements.push_back({input[next], static_cast<std::uint32_t>(next), ChainLink::kSignatureVerified});
  }
  for (std::size_t i = 0; i < out.elements.size(); ++i) {
    if (out.elements[i].input_position != i) out.reordered = true;
  }
  if (out.reordered) {
    out.reasons.push_back({reason::kChainReordered, Severity::kInfo,
                           "the chain was not given end entity first; it was ordered by issuer/subject linkage", ""});
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (used[i]) continue;
    out.unlinked.push_back(input[i]);
    out.reasons.push_back({reason::kChainUnlinkedCertificate, kWarn,
                           "certificate '" + name_of(*input[i]) + "' is not on the end entity's verified chain; ignored",
                           input[i]->fingerprint_hex()});
  }
  return out;
}

std::vector<CandidateService> find_candidates(const TrustSnapshot& snapshot, const OrderedChain& chain,
                                              SignatureCache* cache, engine::Findings& reasons) {
  std::vector<CandidateService> out;
  auto add = [&](std::uint32_t service, std::uint32_t element, CandidateMatch how) {
    for (const auto& c : out) {
      if (c.service == service) return;
    }
    out.push_back({service, &snapshot.service(service), &snapshot.list_of(service), element, how, true});
  };
  for (std::uint32_t e = 0; e < chain.elements.size(); ++e) {
    const Certificate& c = *chain.elements[e].certificate;
    for (const auto& h : snapshot.by_certificate(c.sha256_fingerprint())) add(h.service, e, CandidateMatch::kCertificate);
    for (const auto& h : snapshot.by_subject_and_key(c.subject(), c.public_key().der)) {
      add(h.service, e, CandidateMatch::kSubjectAndKey);
    }
    if (c.subject_key_id()) {
      for (const auto& h : snapshot.by_ski(*c.subject_key_id())) add(h.service, e, CandidateMatch::kSki);
    }
  }
  // Above the top element: the issuer may be known only from the lists. A listed certificate
  // counts as the issuer only when its key verifies the top element (TS 119 615 4.3.2: the
  // service identity must be the issuer's, not just share its name).
  const auto top_index = static_cast<std::uint32_t>(chain.elements.size() - 1);
  const Certificate& top = *chain.elements.back().certificate;
  if (self_issued(top)) return out;
  std::vector<const std::string*> tried;
  bool name_matched = false;
  auto try_hits = [&](std::span<const IdentityHit> hits) {
    for (const auto& h : hits) {
      const auto& timeline = snapshot.service(h.service);
      for (const auto& id : timeline.states[h.state].state->identity.ids) {
        if (id.kind != DigitalId::Kind::kX509Certificate || id.certificate_der.empty()) continue;
        if (std::find(tried.begin(), tried.end(), &id.certificate_der) != tried.end()) continue;
        tried.push_back(&id.certificate_der);
        CertificatePtr listed = cache ? cache->listed(id.certificate_der) : nullptr;
        if (!cache) {
          auto parsed = Certificate::parse_der(id.certificate_der);
          if (parsed) listed = *parsed;
        }
        if (!listed) continue;
        const bool by_name = top.issued_by_name(*listed);
        const bool by_key_id = top.authority_key_id() && listed->subject_key_id() &&
                               *top.authority_key_id() == *listed->subject_key_id();
        if (!by_name && !by_key_id) continue;
        name_matched = true;
        auto ok = check(top, *listed, cache);
        if (ok && *ok) {
          // Every service listing this certificate (any state) is a candidate.
          for (const auto& h2 : snapshot.by_certificate(listed->sha256_fingerprint())) {
            add(h2.service, top_index, CandidateMatch::kListedIssuer);
          }
        } else {
          reasons.push_back({reason::kListedIssuerSignatureMismatch, kWarn,
                             "the listed certificate '" + name_of(*listed) + "' of service '" + timeline.name() + "' (" +
                                 snapshot.list_of(h.service).list().scheme.territory + ") matches the issuer " +
                                 std::string(by_name ? "name" : "key identifier") + " of '" + name_of(top) +
                                 "', but its key does not verify the certificate's signature: names matched but the "
                                 "signature did not, so this service is not the issuer",
                             listed->fingerprint_hex()});
        }
      }
    }
  };
  try_hits(snapshot.by_subject_name(top.issuer().rfc4514));
  if (top.authority_key_id()) try_hits(snapshot.by_ski(*top.authority_key_id()));
  if (out.empty() && !name_matched) {
    reasons.push_back({reason::kChainIssuerUnknown, kWarn,
                       "the issuer '" + top.issuer().rfc4514 +
                           "' is neither in the given chain nor listed (by name or key identifier) in any trusted list",
                       ""});
  }
  return out;
}

}  // namespace assay::tsl
