#include "engine/x509/path_extensions.h"

#include "engine/x509/internal/der.h"

namespace assay::engine {

namespace {

// One GeneralName from its TLV (RFC 5280 4.2.1.6): implicit tags for the string forms,
// an explicit Name for directoryName.
std::optional<GeneralName> general_name(const der::Tlv& t) {
  if ((t.tag & 0xc0) != 0x80) return std::nullopt;  // must be context-specific
  const unsigned number = t.tag & 0x1f;
  const bool constructed = (t.tag & 0x20) != 0;
  if (number > 8) return std::nullopt;
  GeneralName n;
  n.type = static_cast<GeneralNameType>(number);
  switch (n.type) {
    case GeneralNameType::kRfc822Name:
    case GeneralNameType::kDnsName:
    case GeneralNameType::kUri:
    case GeneralNameType::kIpAddress:
      if (constructed) return std::nullopt;
      n.value = std::string(t.value);
      if (n.type != GeneralNameType::kIpAddress) {
        for (unsigned char c : n.value) {
          if (c > 0x7f) return std::nullopt;  // IA5String
        }
      }
      break;
    case GeneralNameType::kDirectoryName: {
      if (!constructed) return std::nullopt;
      auto name = der::read_single(t.value, der::kSequence);
      if (!name) return std::nullopt;
      auto dn = parse_distinguished_name(name->whole);
      if (!dn) return std::nullopt;
      n.directory = std::move(*dn);
      n.value = std::string(name->whole);
      break;
    }
    case GeneralNameType::kRegisteredId: {
      auto o = der::oid_text(t.value);
      if (!o) return std::nullopt;
      n.value = std::move(*o);
      break;
    }
    default:
      n.value = std::string(t.whole);
      break;
  }
  return n;
}

std::optional<std::vector<GeneralSubtree>> subtrees(std::string_view contents) {
  std::vector<GeneralSubtree> out;
  der::Reader r(contents);
  while (!r.empty()) {
    der::Tlv st, base, t;
    if (!r.read(der::kSequence, st)) return std::nullopt;
    der::Reader sr(st.value);
    if (!sr.next(base)) return std::nullopt;
    auto name = general_name(base);
    if (!name) return std::nullopt;
    GeneralSubtree s;
    s.base = std::move(*name);
    if (sr.read_optional(der::context(0), t)) {
      auto v = der::small_integer(t.value);
      if (!v) return std::nullopt;
      s.minimum = *v;
    }
    if (sr.read_optional(der::context(1), t)) {
      auto v = der::small_integer(t.value);
      if (!v) return std::nullopt;
      s.maximum = *v;
    }
    if (!sr.ok() || !sr.empty()) return std::nullopt;
    out.push_back(std::move(s));
  }
  if (out.empty()) return std::nullopt;  // GeneralSubtrees ::= SEQUENCE SIZE (1..MAX)
  return out;
}

std::optional<std::string> oid_of(const der::Tlv& t) {
  if (t.tag != der::kOid) return std::nullopt;
  return der::oid_text(t.value);
}

}  // namespace

std::optional<std::vector<GeneralName>> parse_general_names(std::string_view v) {
  auto seq = der::read_single(v, der::kSequence);
  if (!seq) return std::nullopt;
  std::vector<GeneralName> out;
  der::Reader r(seq->value);
  while (!r.empty()) {
    der::Tlv t;
    if (!r.next(t)) return std::nullopt;
    auto n = general_name(t);
    if (!n) return std::nullopt;
    out.push_back(std::move(*n));
  }
  return out;
}

std::optional<NameConstraints> parse_name_constraints(std::string_view v) {
  auto seq = der::read_single(v, der::kSequence);
  if (!seq) return std::nullopt;
  NameConstraints nc;
  nc.present = true;
  der::Reader r(seq->value);
  der::Tlv t;
  if (r.read_optional(der::context_constructed(0), t)) {
    auto s = subtrees(t.value);
    if (!s) return std::nullopt;
    nc.permitted = std::move(*s);
    nc.has_permitted = true;
  }
  if (r.read_optional(der::context_constructed(1), t)) {
    auto s = subtrees(t.value);
    if (!s) return std::nullopt;
    nc.excluded = std::move(*s);
  }
  if (!r.ok() || !r.empty()) return std::nullopt;
  return nc;
}

std::optional<std::vector<PolicyInformation>> parse_policy_information(std::string_view v) {
  auto seq = der::read_single(v, der::kSequence);
  if (!seq) return std::nullopt;
  std::vector<PolicyInformation> out;
  der::Reader r(seq->value);
  while (!r.empty()) {
    der::Tlv info, id, qualifiers;
    if (!r.read(der::kSequence, info)) return std::nullopt;
    der::Reader ir(info.value);
    if (!ir.read(der::kOid, id)) return std::nullopt;
    PolicyInformation p;
    auto o = der::oid_text(id.value);
    if (!o) return std::nullopt;
    p.oid = std::move(*o);
    if (ir.read_optional(der::kSequence, qualifiers)) {
      der::Reader qr(qualifiers.value);
      while (!qr.empty()) {
        der::Tlv q, qid;
        if (!qr.read(der::kSequence, q)) return std::nullopt;
        der::Reader qir(q.value);
        if (!qir.next(qid)) return std::nullopt;
        auto qo = oid_of(qid);
        if (!qo) return std::nullopt;
        p.qualifier_oids.push_back(std::move(*qo));
      }
    }
    if (!ir.ok() || !ir.empty()) return std::nullopt;
    for (const auto& seen : out) {
      if (seen.oid == p.oid) return std::nullopt;  // RFC 5280 4.2.1.4: no repeated policy OID
    }
    out.push_back(std::move(p));
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::optional<std::vector<PolicyMapping>> parse_policy_mappings(std::string_view v) {
  auto seq = der::read_single(v, der::kSequence);
  if (!seq) return std::nullopt;
  std::vector<PolicyMapping> out;
  der::Reader r(seq->value);
  while (!r.empty()) {
    der::Tlv m, a, b;
    if (!r.read(der::kSequence, m)) return std::nullopt;
    der::Reader mr(m.value);
    if (!mr.read(der::kOid, a) || !mr.read(der::kOid, b) || !mr.empty()) return std::nullopt;
    auto ia = der::oid_text(a.value);
    auto ib = der::oid_text(b.value);
    if (!ia || !ib) return std::nullopt;
    out.push_back(PolicyMapping{std::move(*ia), std::move(*ib)});
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::optional<PolicyConstraints> parse_policy_constraints(std::string_view v) {
  auto seq = der::read_single(v, der::kSequence);
  if (!seq) return std::nullopt;
  PolicyConstraints pc;
  pc.present = true;
  der::Reader r(seq->value);
  der::Tlv t;
  if (r.read_optional(der::context(0), t)) {
    pc.require_explicit_policy = der::small_integer(t.value);
    if (!pc.require_explicit_policy) return std::nullopt;
  }
  if (r.read_optional(der::context(1), t)) {
    pc.inhibit_policy_mapping = der::small_integer(t.value);
    if (!pc.inhibit_policy_mapping) return std::nullopt;
  }
  if (!r.ok() || !r.empty()) return std::nullopt;
  // RFC 5280 4.2.1.11: conforming CAs MUST NOT issue an empty policyConstraints.
  if (!pc.require_explicit_policy && !pc.inhibit_policy_mapping) return std::nullopt;
  return pc;
}

std::optional<std::int64_t> parse_inhibit_any_policy(std::string_view v) {
  auto t = der::read_single(v, der::kInteger);
  if (!t) return std::nullopt;
  return der::small_integer(t->value);
}

}  // namespace assay::engine
