#include "tsl/qualification/criteria.h"

#include <algorithm>

namespace assay::tsl {
namespace {

std::string_view strip_urn(std::string_view oid) {
  constexpr std::string_view kUrn = "urn:oid:";
  if (oid.size() >= kUrn.size() && std::equal(kUrn.begin(), kUrn.end(), oid.begin(), [](char a, char b) {
        return a == (b | 0x20) || a == b;
      })) {
    oid.remove_prefix(kUrn.size());
  }
  while (!oid.empty() && (oid.front() == ' ' || oid.front() == '\n' || oid.front() == '\t')) oid.remove_prefix(1);
  while (!oid.empty() && (oid.back() == ' ' || oid.back() == '\n' || oid.back() == '\t')) oid.remove_suffix(1);
  return oid;
}

bool key_usage_matches(const std::vector<KeyUsageBit>& bits, const engine::Certificate& c) {
  for (const auto& b : bits) {
    auto bit = engine::key_usage_from_name(b.name);
    if (!bit) return false;  // an unknown bit name cannot be checked: the criterion fails
    if (c.key_usage().has(*bit) != b.value) return false;
  }
  return true;
}

bool policies_present(const std::vector<std::string>& oids, const engine::Certificate& c) {
  return std::all_of(oids.begin(), oids.end(), [&](const std::string& o) { return c.has_policy(strip_urn(o)); });
}

bool ekus_present(const std::vector<std::string>& oids, const engine::Certificate& c) {
  const auto& ekus = c.extended_key_usages();
  return std::all_of(oids.begin(), oids.end(), [&](const std::string& o) {
    return std::find(ekus.begin(), ekus.end(), strip_urn(o)) != ekus.end();
  });
}

bool subject_attributes_present(const std::vector<std::string>& oids, const engine::Certificate& c) {
  const auto& attrs = c.subject().attributes;
  return std::all_of(oids.begin(), oids.end(), [&](const std::string& o) {
    const auto oid = strip_urn(o);
    return std::any_of(attrs.begin(), attrs.end(), [&](const engine::NameAttribute& a) { return a.oid == oid; });
  });
}

template <class Items>
std::string join(const Items& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ',';
    out += strip_urn(i);
  }
  return out;
}

}  // namespace

std::string_view criteria_assert_name(CriteriaList::Assert a) noexcept {
  switch (a) {
    case CriteriaList::Assert::kAll: return "all";
    case CriteriaList::Assert::kAtLeastOne: return "atLeastOne";
    case CriteriaList::Assert::kNone: return "none";
  }
  return "?";
}

bool criteria_match(const CriteriaList& criteria, const engine::Certificate& c, std::string* trace) {
  // Each child is one criterion; the assertion combines them (TS 119 612 5.5.9.2.1).
  std::size_t total = 0, matched = 0;
  std::string local;
  auto note = [&](bool ok, auto&& describe) {
    ++total;
    if (ok) ++matched;
    if (trace) {
      if (!local.empty()) local += ' ';
      describe(local);
      local += ok ? ":yes" : ":no";
    }
  };
  for (const auto& ku : criteria.key_usage) {
    note(key_usage_matches(ku, c), [&](std::string& s) {
      s += "KeyUsage(";
      for (std::size_t i = 0; i < ku.size(); ++i) s += (i ? "," : "") + ku[i].name + (ku[i].value ? "=true" : "=false");
      s += ')';
    });
  }
  for (const auto& ps : criteria.policy_sets) {
    note(policies_present(ps, c), [&](std::string& s) { s += "PolicySet(" + join(ps) + ")"; });
  }
  for (const auto& nested : criteria.nested) {
    std::string inner;
    const bool ok = criteria_match(nested, c, trace ? &inner : nullptr);
    note(ok, [&](std::string& s) { s += inner; });
  }
  for (const auto& eku : criteria.extended_key_usage) {
    note(ekus_present(eku, c), [&](std::string& s) { s += "ExtendedKeyUsage(" + join(eku) + ")"; });
  }
  for (const auto& dn : criteria.cert_subject_dn_attributes) {
    note(subject_attributes_present(dn, c), [&](std::string& s) { s += "CertSubjectDNAttribute(" + join(dn) + ")"; });
  }
  for (const auto& unknown : criteria.unknown_criteria) {
    note(false, [&](std::string& s) { s += "unknown criterion " + unknown; });
  }
  bool result = false;
  switch (criteria.assert_) {
    case CriteriaList::Assert::kAll: result = matched == total; break;
    case CriteriaList::Assert::kAtLeastOne: result = matched > 0; break;
    case CriteriaList::Assert::kNone: result = matched == 0; break;
  }
  if (trace) {
    *trace = std::string(criteria_assert_name(criteria.assert_)) + "[" + local + "]=" + (result ? "yes" : "no");
  }
  return result;
}

}  // namespace assay::tsl
