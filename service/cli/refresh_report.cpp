#include "service/cli/refresh_report.h"

#include <cstdio>
#include <string>

namespace assay::service::cli {
namespace {

std::string short_fp(const std::string& fp) { return fp.size() > 16 ? fp.substr(0, 16) + "…" : fp; }

// The last segment of each warning/error finding id, deduplicated: "expired,signer_not_trusted".
std::string finding_ids(const tsl::ListState& l) {
  std::string out;
  auto add = [&](const engine::Findings& findings) {
    for (const auto& f : findings) {
      if (f.severity == engine::Severity::kInfo) continue;
      std::string id = f.id.substr(f.id.rfind('.') + 1);
      if (out.find(id) != std::string::npos) continue;
      out += (out.empty() ? "" : ",") + id;
    }
  };
  add(l.in_force_authentication.findings);
  add(l.findings);
  return out.empty() ? "-" : out;
}

std::string status_of(const tsl::ListState& l) {
  return l.in_force ? std::string(tsl::auth_status_name(l.in_force_authentication.status)) : "missing";
}

}  // namespace

void print_refresh_report(const tsl::TrustState& state) {
  const auto& lotl = state.lotl;
  std::printf("trust time %s, run %lld\n", engine::format_utc_time(state.trust_time).c_str(),
              static_cast<long long>(state.run_id));
  std::printf("LOTL %s\n", lotl.url.c_str());
  if (lotl.in_force) {
    std::printf("  in force: sequence %llu, sha256 %s\n", static_cast<unsigned long long>(lotl.in_force_sequence()),
                lotl.in_force_sha256().c_str());
  }
  for (const auto& p : state.pivots) {
    std::printf("  pivot %-4llu %-20s signer %s%s  %s\n", static_cast<unsigned long long>(p.sequence),
                std::string(tsl::auth_status_name(p.verdict)).c_str(), short_fp(p.signer_sha256).c_str(),
                p.restarted_from_anchors ? " (OJ anchor)" : "", p.url.c_str());
  }
  std::printf("  %s (%s): %s\n", status_of(lotl).c_str(), std::string(tsl::refresh_outcome_name(lotl.outcome)).c_str(),
              lotl.in_force ? lotl.in_force_authentication.detail.c_str() : lotl.reason.c_str());
  if (!lotl.reason.empty() && lotl.in_force) std::printf("  latest attempt: %s\n", lotl.reason.c_str());
  if (state.lists.empty()) return;

  std::printf("\n%-4s %8s  %-20s %-14s %-26s %s\n", "terr", "sequence", "status", "refresh", "findings", "url");
  int ok = 0;
  for (const auto& l : state.lists) {
    if (l.in_force && l.in_force_authentication.authenticated()) ++ok;
    std::printf("%-4s %8llu  %-20s %-14s %-26s %s\n", l.territory.c_str(), static_cast<unsigned long long>(l.in_force_sequence()),
                status_of(l).c_str(), std::string(tsl::refresh_outcome_name(l.outcome)).c_str(), finding_ids(l).c_str(),
                l.url.c_str());
    if (!l.reason.empty()) {
      std::printf("      %s%s\n", l.reason.c_str(),
                  l.stale_since ? (" (stale since " + engine::format_utc_time(*l.stale_since) + ")").c_str() : "");
    }
  }
  std::printf("\n%d of %zu lists in force and authenticated\n", ok, state.lists.size());
}

}  // namespace assay::service::cli
