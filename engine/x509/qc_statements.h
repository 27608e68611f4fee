// QcStatements (RFC 3739 3.2.6, ETSI EN 319 412-5): decoded from the certificate extension
// 1.3.6.1.5.5.7.1.3 and encoded for the certificate builder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.h"
#include "engine/finding.h"

namespace assay::engine {

namespace qc_oid {
inline constexpr std::string_view kQcStatementsExtension = "1.3.6.1.5.5.7.1.3";
inline constexpr std::string_view kCompliance = "0.4.0.1862.1.1";       // EN 319 412-5 4.2.1
inline constexpr std::string_view kLimitValue = "0.4.0.1862.1.2";       // 4.3.2
inline constexpr std::string_view kRetentionPeriod = "0.4.0.1862.1.3";  // 4.3.3
inline constexpr std::string_view kSscd = "0.4.0.1862.1.4";             // 4.2.2
inline constexpr std::string_view kPds = "0.4.0.1862.1.5";              // 4.3.4
inline constexpr std::string_view kType = "0.4.0.1862.1.6";             // 4.2.3
inline constexpr std::string_view kTypeESign = "0.4.0.1862.1.6.1";
inline constexpr std::string_view kTypeESeal = "0.4.0.1862.1.6.2";
inline constexpr std::string_view kTypeWeb = "0.4.0.1862.1.6.3";
inline constexpr std::string_view kCcLegislation = "0.4.0.1862.1.7";    // 4.2.4
inline constexpr std::string_view kPsd2 = "0.4.0.19495.2";              // TS 119 495 5.1
}  // namespace qc_oid

// At most this many statements are read from one qcStatements extension (issue 21: real
// certificates carry up to about six); beyond it the extension is refused with
// x509_findings::kQcStatementsTooMany and nothing of it is used.
inline constexpr std::size_t kMaxQcStatements = 32;

enum class QcType { kESign, kESeal, kWeb };

// "esign", "eseal", "web".
std::string_view qc_type_name(QcType type) noexcept;

// One PDS location (EN 319 412-5 4.3.4): where the PKI disclosure statement is, in which language.
struct PdsLocation {
  std::string url;
  std::string language;  // ISO 639-1, as written in the certificate
  bool operator==(const PdsLocation&) const = default;
};

// QcLimitValue (EN 319 412-5 4.3.2): amount * 10^exponent in a currency.
struct QcLimitValue {
  std::string currency;  // ISO 4217 alphabetic code, or the numeric code as decimal text
  std::int64_t amount = 0;
  std::int64_t exponent = 0;
};

// A PSD2 role (TS 119 495 5.1): id-psd2-role-psp-as etc.
struct Psd2Role {
  std::string oid;
  std::string name;
};

// PSD2QcType (TS 119 495 5.1), kept with its raw statementInfo.
struct Psd2Statement {
  std::vector<Psd2Role> roles;
  std::string nca_name;
  std::string nca_id;
  std::string raw_info;  // DER of statementInfo
};

// Any statement, in certificate order, with its raw statementInfo (empty when absent).
struct QcStatement {
  std::string oid;
  std::string info_der;
};

// What the certificate says about itself as a QC. Default-constructed = no extension.
struct QcStatements {
  bool present = false;         // the extension exists (even if malformed)
  bool well_formed = true;      // false: the outer SEQUENCE did not decode (or held more than
                                // kMaxQcStatements); nothing below is set
  bool compliance = false;      // QcCompliance
  bool sscd = false;            // QcSSCD (QSCD after eIDAS)
  bool type_present = false;    // a QcType statement exists (possibly with an empty list)
  std::vector<QcType> types;    // known QcType values, in order
  std::vector<std::string> type_oids;  // every QcType OID, including unknown ones
  bool cc_legislation_present = false;
  std::vector<std::string> cc_legislation;  // country codes of QcCClegislation
  std::vector<PdsLocation> pds;
  std::optional<std::int64_t> retention_period_years;
  std::optional<QcLimitValue> limit_value;
  std::optional<Psd2Statement> psd2;
  std::vector<QcStatement> statements;      // all statements, in order
  std::vector<std::string> unknown_oids;    // statement ids not listed in qc_oid

  bool has_type(QcType t) const;
};

// Decodes the qcStatements extension value (the OCTET STRING contents). Never fails: problems
// become findings (x509_findings::kQcStatements*) appended to `findings` with `path` = the OID.
QcStatements parse_qc_statements(std::string_view extension_value, Findings& findings);

// What the builder writes (EN 319 412-5). Statements are written in this order: compliance,
// limit value, retention period, SSCD, PDS, type, CC legislation, then `extra`.
struct QcStatementsSpec {
  bool compliance = false;
  bool sscd = false;
  std::vector<std::string> type_oids;  // QcType list (use qc_oid::kType*); empty = no QcType
  std::vector<std::string> cc_legislation;  // empty = no QcCClegislation
  std::vector<PdsLocation> pds;             // empty = no QcPDS
  std::optional<std::int64_t> retention_period_years;
  std::optional<QcLimitValue> limit_value;  // alphabetic currency only
  std::vector<QcStatement> extra;           // appended verbatim (info_der may be empty)
};

// DER of the extension value (SEQUENCE OF QCStatement). kInvalidArgument for a bad OID.
Result<std::string> encode_qc_statements(const QcStatementsSpec& spec);

}  // namespace assay::engine
