#include "engine/x509/qc_statements.h"

#include <algorithm>
#include <unordered_set>

#include "engine/x509/internal/der.h"
#include "engine/x509/x509_findings.h"

namespace assay::engine {
namespace {

void add_finding(Findings& findings, std::string_view id, std::string message, std::string_view oid) {
  findings.push_back(Finding{std::string(id), Severity::kError, std::move(message), std::string(oid)});
}

// QcType ::= SEQUENCE OF OBJECT IDENTIFIER (EN 319 412-5 4.2.3)
bool parse_type(std::string_view info, QcStatements& out) {
  auto seq = der::read_single(info, der::kSequence);
  if (!seq) return false;
  der::Reader r(seq->value);
  while (!r.empty()) {
    der::Tlv t;
    if (!r.read(der::kOid, t)) return false;
    auto oid = der::oid_text(t.value);
    if (!oid) return false;
    if (*oid == qc_oid::kTypeESign) out.types.push_back(QcType::kESign);
    if (*oid == qc_oid::kTypeESeal) out.types.push_back(QcType::kESeal);
    if (*oid == qc_oid::kTypeWeb) out.types.push_back(QcType::kWeb);
    out.type_oids.push_back(std::move(*oid));
  }
  return true;
}

// QcCClegislation ::= SEQUENCE OF CountryName (PrintableString SIZE(2)) (EN 319 412-5 4.2.4)
bool parse_legislation(std::string_view info, QcStatements& out) {
  auto seq = der::read_single(info, der::kSequence);
  if (!seq) return false;
  der::Reader r(seq->value);
  while (!r.empty()) {
    der::Tlv t;
    if (!r.read(der::kPrintableString, t) || t.value.size() != 2) return false;
    out.cc_legislation.emplace_back(t.value);
  }
  return true;
}

// QcPDS ::= SEQUENCE OF PdsLocation{url IA5String, language PrintableString (SIZE(2))}
// (EN 319 412-5 4.3.4)
bool parse_pds(std::string_view info, QcStatements& out) {
  auto seq = der::read_single(info, der::kSequence);
  if (!seq) return false;
  der::Reader r(seq->value);
  while (!r.empty()) {
    der::Tlv loc, url, lang;
    if (!r.read(der::kSequence, loc)) return false;
    der::Reader lr(loc.value);
    if (!lr.read(der::kIa5String, url) || !lr.read(der::kPrintableString, lang) || !lr.empty()) return false;
    out.pds.push_back(PdsLocation{std::string(url.value), std::string(lang.value)});
  }
  return true;
}

// QcEuRetentionPeriod ::= INTEGER (EN 319 412-5 4.3.3)
bool parse_retention(std::string_view info, QcStatements& out) {
  auto t = der::read_single(info, der::kInteger);
  if (!t) return false;
  auto v = der::small_integer(t->value);
  if (!v) return false;
  out.retention_period_years = *v;
  return true;
}

// MonetaryValue ::= SEQUENCE {currency CHOICE{alphabetic PrintableString, numeric INTEGER},
// amount INTEGER, exponent INTEGER} (RFC 3739 / EN 319 412-5 4.3.2)
bool parse_limit(std::string_view info, QcStatements& out) {
  auto seq = der::read_single(info, der::kSequence);
  if (!seq) return false;
  der::Reader r(seq->value);
  der::Tlv cur, amount, exponent;
  QcLimitValue v;
  if (!r.next(cur)) return false;
  if (cur.tag == der::kPrintableString) {
    v.currency = std::string(cur.value);
  } else if (cur.tag == der::kInteger) {
    auto n = der::small_integer(cur.value);
    if (!n) return false;
    v.currency = std::to_string(*n);
  } else {
    return false;
  }
  if (!r.read(der::kInteger, amount) || !r.read(der::kInteger, exponent) || !r.empty()) return false;
  auto a = der::small_integer(amount.value);
  auto e = der::small_integer(exponent.value);
  if (!a || !e) return false;
  v.amount = *a;
  v.exponent = *e;
  out.limit_value = std::move(v);
  return true;
}

// PSD2QcType ::= SEQUENCE {rolesOfPSP SEQUENCE OF SEQUENCE{OID, UTF8String}, nCAName UTF8String,
// nCAId UTF8String} (TS 119 495 5.1)
bool parse_psd2(std::string_view info, QcStatements& out) {
  auto seq = der::read_single(info, der::kSequence);
  if (!seq) return false;
  Psd2Statement p;
  p.raw_info = std::string(info);
  der::Reader r(seq->value);
  der::Tlv roles, name, id;
  if (!r.read(der::kSequence, roles) || !r.read(der::kUtf8String, name) || !r.read(der::kUtf8String, id) ||
      !r.empty()) {
    return false;
  }
  der::Reader rr(roles.value);
  while (!rr.empty()) {
    der::Tlv role, oid, rname;
    if (!rr.read(der::kSequence, role)) return false;
    der::Reader er(role.value);
    if (!er.read(der::kOid, oid) || !er.read(der::kUtf8String, rname) || !er.empty()) return false;
    auto text = der::oid_text(oid.value);
    if (!text) return false;
    p.roles.push_back(Psd2Role{std::move(*text), std::string(rname.value)});
  }
  p.nca_name = std::string(name.value);
  p.nca_id = std::string(id.value);
  out.psd2 = std::move(p);
  return true;
}

}  // namespace

std::string_view qc_type_name(QcType type) noexcept {
  switch (type) {
    case QcType::kESign: return "esign";
    case QcType::kESeal: return "eseal";
    case QcType::kWeb: return "web";
  }
  return "esign";
}

bool QcStatements::has_type(QcType t) const { return std::find(types.begin(), types.end(), t) != types.end(); }

QcStatements parse_qc_statements(std::string_view extension_value, Findings& findings) {
  QcStatements out;
  out.present = true;
  // QCStatements ::= SEQUENCE OF QCStatement; QCStatement ::= SEQUENCE {statementId OID,
  // statementInfo ANY DEFINED BY statementId OPTIONAL} (RFC 3739 3.2.6).
  auto seq = der::read_single(extension_value, der::kSequence);
  bool ok = seq.has_value();
  bool too_many = false;
  if (ok) {
    // Decode the whole list first so a broken tail invalidates everything, not half of it.
    der::Reader r(seq->value);
    while (ok && !r.empty()) {
      if (out.statements.size() == kMaxQcStatements) {
        too_many = true;
        break;
      }
      der::Tlv st, id;
      if (!r.read(der::kSequence, st)) {
        ok = false;
        break;
      }
      der::Reader sr(st.value);
      if (!sr.read(der::kOid, id)) {
        ok = false;
        break;
      }
      auto oid = der::oid_text(id.value);
      der::Tlv info;
      const bool has_info = !sr.empty() && sr.next(info);
      if (!oid || !sr.ok() || !sr.empty()) {
        ok = false;
        break;
      }
      out.statements.push_back(QcStatement{std::move(*oid), has_info ? std::string(info.whole) : std::string()});
    }
  }
  if (too_many) {
    out.well_formed = false;
    out.statements.clear();
    add_finding(findings, x509_findings::kQcStatementsTooMany,
                "qcStatements extension holds more than " + std::to_string(kMaxQcStatements) + " statements; not used",
                qc_oid::kQcStatementsExtension);
    return out;
  }
  if (!ok) {
    out.well_formed = false;
    out.statements.clear();
    add_finding(findings, x509_findings::kQcStatementsMalformed,
                "qcStatements extension is not a DER SEQUENCE OF QCStatement", qc_oid::kQcStatementsExtension);
    return out;
  }
  // Hash sets keep the duplicate check linear; each repeated id is reported once.
  std::unordered_set<std::string_view> seen, reported;
  for (std::size_t i = 0; i < out.statements.size(); ++i) {
    const QcStatement& s = out.statements[i];
    if (!seen.insert(s.oid).second) {
      if (reported.insert(s.oid).second) {
        add_finding(findings, x509_findings::kQcStatementDuplicate, "statement " + s.oid + " appears more than once",
                    s.oid);
      }
    }
    const std::string_view info = s.info_der;
    bool info_ok = true;
    if (s.oid == qc_oid::kCompliance) {
      out.compliance = true;
    } else if (s.oid == qc_oid::kSscd) {
      out.sscd = true;
    } else if (s.oid == qc_oid::kType) {
      out.type_present = true;
      info_ok = parse_type(info, out);
    } else if (s.oid == qc_oid::kCcLegislation) {
      out.cc_legislation_present = true;
      info_ok = parse_legislation(info, out);
    } else if (s.oid == qc_oid::kPds) {
      info_ok = parse_pds(info, out);
    } else if (s.oid == qc_oid::kRetentionPeriod) {
      info_ok = parse_retention(info, out);
    } else if (s.oid == qc_oid::kLimitValue) {
      info_ok = parse_limit(info, out);
    } else if (s.oid == qc_oid::kPsd2) {
      info_ok = parse_psd2(info, out);
    } else {
      out.unknown_oids.push_back(s.oid);
    }
    if (!info_ok) {
      add_finding(findings, x509_findings::kQcStatementInfoMalformed,
                  "statementInfo of " + s.oid + " does not match EN 319 412-5", s.oid);
    }
  }
  return out;
}

Result<std::string> encode_qc_statements(const QcStatementsSpec& spec) {
  std::vector<std::string> statements;
  auto statement = [&](std::string_view oid, std::string_view info) -> bool {
    auto id = der::oid(oid);
    if (!id) return false;
    statements.push_back(der::sequence({*id, info}));
    return true;
  };
  if (spec.compliance) statement(qc_oid::kCompliance, {});
  if (spec.limit_value) {
    const auto& v = *spec.limit_value;
    statement(qc_oid::kLimitValue, der::sequence({der::printable_string(v.currency), der::integer(v.amount),
                                                  der::integer(v.exponent)}));
  }
  if (spec.retention_period_years) statement(qc_oid::kRetentionPeriod, der::integer(*spec.retention_period_years));
  if (spec.sscd) statement(qc_oid::kSscd, {});
  if (!spec.pds.empty()) {
    std::vector<std::string> locations;
    for (const auto& p : spec.pds) {
      locations.push_back(der::sequence({der::ia5_string(p.url), der::printable_string(p.language)}));
    }
    statement(qc_oid::kPds, der::sequence_of(locations));
  }
  if (!spec.type_oids.empty()) {
    std::vector<std::string> oids;
    for (const auto& t : spec.type_oids) {
      auto o = der::oid(t);
      if (!o) return fail(Code::kInvalidArgument, "bad QcType OID '" + t + "'");
      oids.push_back(std::move(*o));
    }
    statement(qc_oid::kType, der::sequence_of(oids));
  }
  if (!spec.cc_legislation.empty()) {
    std::vector<std::string> countries;
    for (const auto& c : spec.cc_legislation) countries.push_back(der::printable_string(c));
    statement(qc_oid::kCcLegislation, der::sequence_of(countries));
  }
  for (const auto& e : spec.extra) {
    if (!statement(e.oid, e.info_der)) return fail(Code::kInvalidArgument, "bad statement OID '" + e.oid + "'");
  }
  return der::sequence_of(statements);
}

}  // namespace assay::engine
