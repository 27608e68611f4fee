#include "validation/path_builder.h"

#include <algorithm>

#include "validation/validation_findings.h"

namespace assay::validation {

PathBuilder::PathBuilder(engine::CertificatePtr target, std::span<const engine::CertificatePtr> intermediates,
                         std::span<const TrustAnchorProvider* const> providers, engine::UtcTime at, const BuildLimits& limits)
    : target_(std::move(target)), intermediates_(intermediates.begin(), intermediates.end()), providers_(providers),
      at_(at), limits_(limits) {}

void PathBuilder::note(std::string_view id, std::string message) {
  for (const auto& f : findings_) {
    if (f.id == id) return;  // one finding per kind of limit is enough
  }
  findings_.push_back(engine::Finding{std::string(id), engine::Severity::kWarning, std::move(message), ""});
}

bool PathBuilder::build(const std::function<bool(const CandidatePath&)>& visit) {
  std::vector<engine::CertificatePtr> path{target_};
  return extend(path, visit);
}

std::vector<engine::CertificatePtr> PathBuilder::issuers_of(const engine::Certificate& child,
                                                            const std::vector<engine::CertificatePtr>& path) {
  std::vector<engine::CertificatePtr> pool;
  for (const auto& c : intermediates_) {
    if (c && engine::equivalent_names(c->subject(), child.issuer())) pool.push_back(c);
  }
  for (const auto* p : providers_) {
    for (auto& c : p->intermediates_for(child.issuer())) {
      if (c) pool.push_back(std::move(c));
    }
  }
  std::vector<engine::CertificatePtr> out;
  bool loop = false;
  for (auto& c : pool) {
    const bool duplicate = std::any_of(out.begin(), out.end(), [&](const auto& o) { return o->sha256_fingerprint() == c->sha256_fingerprint(); });
    if (duplicate) continue;
    // A certificate (or another certificate for the same subject and key) already on the path
    // would close a loop: cross-certificates pointing at each other.
    const bool on_path = std::any_of(path.begin(), path.end(), [&](const auto& p) {
      return p->sha256_fingerprint() == c->sha256_fingerprint() || p->matches_subject_and_key(*c);
    });
    if (on_path) {
      loop = true;
      continue;
    }
    out.push_back(std::move(c));
  }
  if (loop) note(findings::kLoop, "a candidate issuer was already on the path (certificate loop); it was skipped");
  // Rank: AKI names the candidate's SKI, the candidate's key verifies the child's signature
  // (checked only when there is a choice), the candidate is valid at the validation time.
  struct Ranked {
    engine::CertificatePtr cert;
    int score;
  };
  std::vector<Ranked> ranked;
  const auto& aki = child.authority_key_id();
  for (auto& c : out) {
    int score = 0;
    if (aki && c->subject_key_id() == aki) score += 4;
    if (aki && c->subject_key_id() && c->subject_key_id() != aki) score -= 4;
    if (c->is_valid_at(at_)) score += 1;
    ranked.push_back({std::move(c), score});
  }
  if (ranked.size() > 1) {
    for (auto& r : ranked) {
      if (exhausted()) break;
      ++work_;
      auto ok = child.verify_signed_by(*r.cert);
      if (ok && *ok) r.score += 2;
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
  if (ranked.size() > static_cast<std::size_t>(limits_.max_candidates_per_step)) {
    note(findings::kCandidateLimit, std::to_string(ranked.size()) + " candidate issuers for \"" + child.issuer().rfc4514 +
                                        "\"; only the best " + std::to_string(limits_.max_candidates_per_step) + " are tried");
    ranked.resize(static_cast<std::size_t>(limits_.max_candidates_per_step));
  }
  std::vector<engine::CertificatePtr> result;
  for (auto& r : ranked) result.push_back(std::move(r.cert));
  return result;
}

bool PathBuilder::extend(std::vector<engine::CertificatePtr>& path, const std::function<bool(const CandidatePath&)>& visit) {
  if (path.size() > longest_.size()) longest_ = path;
  if (exhausted()) {
    note(findings::kWorkLimit, "path building stopped after " + std::to_string(limits_.max_total_work) + " units of work");
    return false;
  }
  const engine::Certificate& top = *path.back();
  bool any = false;
  for (const auto* p : providers_) {
    for (auto& anchor : p->anchors_for(top, at_)) {
      any = true;
      if (exhausted()) return false;
      ++work_;
      if (visit(CandidatePath{path, std::move(anchor)})) return true;
    }
  }
  if (static_cast<int>(path.size()) >= limits_.max_depth) {
    note(findings::kDepthLimit, "paths longer than " + std::to_string(limits_.max_depth) + " certificates are not built");
    return false;
  }
  auto issuers = issuers_of(top, path);
  if (issuers.empty() && !any) {
    note(findings::kNoIssuer, "no issuer certificate or trust anchor was found for \"" + top.issuer().rfc4514 + "\"");
  }
  for (auto& issuer : issuers) {
    path.push_back(std::move(issuer));
    const bool done = extend(path, visit);
    path.pop_back();
    if (done) return true;
    if (exhausted()) return false;
  }
  return false;
}

}  // namespace assay::validation
