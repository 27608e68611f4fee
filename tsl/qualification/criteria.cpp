#include "tsl/qualification/criteria.h"

#include <algorithm>
#include <array>

namespace assay::tsl {
namespace {

using Outcome = CriteriaOutcome;

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

// TS 119 612 5.5.9.2 (and the KeyUsageBitType enumeration of its sie schema): bit 6 is
// `crlSign` there, where RFC 5280 4.2.1.3 writes `cRLSign`.
constexpr std::array<std::string_view, 9> kTlKeyUsageNames = {
    "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
    "keyCertSign",      "crlSign",        "encipherOnly",    "decipherOnly"};

void note_unknown(std::vector<std::string>& unknown, const std::string& name) {
  if (std::find(unknown.begin(), unknown.end(), name) == unknown.end()) unknown.push_back(name);
}

// QUALIFICATION.md step 4: true when every listed bit equals the certificate's (a certificate
// without the extension has no bit set). A bit that cannot be named makes the criterion
// undetermined unless a known bit already differs (then it is false whatever that bit says).
Outcome key_usage_outcome(const std::vector<KeyUsageBit>& bits, const engine::Certificate& c,
                          std::vector<std::string>& unknown) {
  bool undetermined = false;
  bool mismatch = false;
  for (const auto& b : bits) {
    const auto bit = tl_key_usage_bit(b.name);
    if (!bit) {
      note_unknown(unknown, b.name);
      undetermined = true;
      continue;
    }
    if (c.key_usage().has(*bit) != b.value) mismatch = true;
  }
  if (mismatch) return Outcome::kFalse;
  return undetermined ? Outcome::kUndetermined : Outcome::kTrue;
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

std::string_view outcome_text(Outcome o) {
  switch (o) {
    case Outcome::kTrue: return "yes";
    case Outcome::kFalse: return "no";
    case Outcome::kUndetermined: return "undetermined";
  }
  return "?";
}

Outcome evaluate(const CriteriaList& criteria, const engine::Certificate& c, std::string& trace,
                 std::vector<std::string>& unknown) {
  // Each child is one criterion; the assertion combines them (TS 119 612 5.5.9.2.1).
  std::size_t yes = 0, undetermined = 0;
  std::string local;
  auto note = [&](Outcome o, const std::string& described) {
    if (o == Outcome::kTrue) ++yes;
    if (o == Outcome::kUndetermined) ++undetermined;
    if (!local.empty()) local += ' ';
    local += described;
    local += ':';
    local += outcome_text(o);
  };
  auto from_bool = [](bool b) { return b ? Outcome::kTrue : Outcome::kFalse; };
  std::size_t total = 0;
  for (const auto& ku : criteria.key_usage) {
    ++total;
    std::string d = "KeyUsage(";
    for (std::size_t i = 0; i < ku.size(); ++i) d += (i ? "," : "") + ku[i].name + (ku[i].value ? "=true" : "=false");
    note(key_usage_outcome(ku, c, unknown), d + ')');
  }
  for (const auto& ps : criteria.policy_sets) {
    ++total;
    note(from_bool(policies_present(ps, c)), "PolicySet(" + join(ps) + ")");
  }
  for (const auto& nested : criteria.nested) {
    ++total;
    std::string inner;
    const Outcome o = evaluate(nested, c, inner, unknown);
    note(o, inner);
  }
  for (const auto& eku : criteria.extended_key_usage) {
    ++total;
    note(from_bool(ekus_present(eku, c)), "ExtendedKeyUsage(" + join(eku) + ")");
  }
  for (const auto& dn : criteria.cert_subject_dn_attributes) {
    ++total;
    note(from_bool(subject_attributes_present(dn, c)), "CertSubjectDNAttribute(" + join(dn) + ")");
  }
  for (const auto& u : criteria.unknown_criteria) {
    ++total;
    note(Outcome::kFalse, "unknown criterion " + u);
  }
  const std::size_t no = total - yes - undetermined;
  Outcome result = Outcome::kFalse;
  switch (criteria.assert_) {
    case CriteriaList::Assert::kAll:
      result = no > 0 ? Outcome::kFalse : undetermined > 0 ? Outcome::kUndetermined : Outcome::kTrue;
      break;
    case CriteriaList::Assert::kAtLeastOne:
      result = yes > 0 ? Outcome::kTrue : undetermined > 0 ? Outcome::kUndetermined : Outcome::kFalse;
      break;
    case CriteriaList::Assert::kNone:
      result = yes > 0 ? Outcome::kFalse : undetermined > 0 ? Outcome::kUndetermined : Outcome::kTrue;
      break;
  }
  trace = std::string(criteria_assert_name(criteria.assert_)) + "[" + local + "]=" + std::string(outcome_text(result));
  return result;
}

}  // namespace

std::optional<engine::KeyUsageBit> tl_key_usage_bit(std::string_view name) noexcept {
  if (name == "contentCommitment") return engine::KeyUsageBit::kNonRepudiation;  // X.509 (2008) name of bit 1
  for (std::size_t i = 0; i < kTlKeyUsageNames.size(); ++i) {
    if (kTlKeyUsageNames[i] == name) return static_cast<engine::KeyUsageBit>(i);
  }
  return std::nullopt;
}

std::string_view criteria_assert_name(CriteriaList::Assert a) noexcept {
  switch (a) {
    case CriteriaList::Assert::kAll: return "all";
    case CriteriaList::Assert::kAtLeastOne: return "atLeastOne";
    case CriteriaList::Assert::kNone: return "none";
  }
  return "?";
}

CriteriaEvaluation evaluate_criteria(const CriteriaList& criteria, const engine::Certificate& certificate) {
  CriteriaEvaluation e;
  e.outcome = evaluate(criteria, certificate, e.trace, e.unknown_key_usage_bits);
  return e;
}

bool criteria_match(const CriteriaList& criteria, const engine::Certificate& certificate, std::string* trace) {
  auto e = evaluate_criteria(criteria, certificate);
  if (trace) *trace = std::move(e.trace);
  return e.outcome == CriteriaOutcome::kTrue;
}

}  // namespace assay::tsl
