// The immutable model of a trusted list (ETSI TS 119 612): a LOTL or a national list.
//
// Built once by `parse_trusted_list` and shared as `shared_ptr<const TrustedList>`; nothing in it
// changes afterwards, so any number of threads may read it. Strings are UTF-8 as in the document;
// URIs are kept exactly as written (unknown ones too: findings flag them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/finding.h"
#include "engine/time.h"

namespace assay::tsl {

using engine::UtcTime;

// A value in one language (`xml:lang`), as in TS 119 612 5.1.4 multilingual character strings.
struct LocalizedString {
  std::string lang;
  std::string value;
};
using MultiLangString = std::vector<LocalizedString>;

// Picks the English value, else the first one, else "".
const std::string& preferred(const MultiLangString& values);

struct PostalAddress {
  std::string lang;
  std::string street_address;
  std::string locality;
  std::string state_or_province;
  std::string postal_code;
  std::string country_name;
};

struct Address {
  std::vector<PostalAddress> postal;
  MultiLangString electronic;  // URIs (mailto:, https:) with their language
};

// One `DigitalId` of a `ServiceDigitalIdentity` (TS 119 612 5.5.3).
struct DigitalId {
  enum class Kind { kX509Certificate, kX509SubjectName, kX509Ski, kKeyValue, kOther };
  Kind kind = Kind::kOther;
  std::string certificate_der;  // kX509Certificate: DER bytes (base64 decoded)
  std::string subject_name;     // kX509SubjectName: as written (an RFC 4514-like string)
  std::string ski;              // kX509Ski: raw key identifier bytes (base64 decoded)
  std::string key_value_xml;    // kKeyValue: the ds:KeyValue element's canonical text, for reference
};

struct ServiceDigitalIdentity {
  std::vector<DigitalId> ids;
};

// KeyUsage criterion: each listed bit must have the given value (TS 119 612 5.5.9.2).
struct KeyUsageBit {
  std::string name;  // digitalSignature, nonRepudiation, keyEncipherment, ...
  bool value = false;
};

// A `CriteriaList` (TS 119 612 5.5.9.2): the assertion over its children.
struct CriteriaList {
  enum class Assert { kAll, kAtLeastOne, kNone };
  Assert assert_ = Assert::kAll;
  // Each KeyUsage element is one criterion: all its bits must match.
  std::vector<std::vector<KeyUsageBit>> key_usage;
  // Each PolicySet is one criterion: all its OIDs must be present (OIDs normalised: no "urn:oid:").
  std::vector<std::vector<std::string>> policy_sets;
  std::vector<CriteriaList> nested;
  // otherCriteriaList: ExtendedKeyUsage (each element one criterion, all KeyPurposeIds present)
  std::vector<std::vector<std::string>> extended_key_usage;
  // otherCriteriaList: CertSubjectDNAttribute (each element one criterion, all attribute OIDs present)
  std::vector<std::vector<std::string>> cert_subject_dn_attributes;
  // otherCriteriaList children we do not understand (namespace URI + local name), kept for findings.
  std::vector<std::string> unknown_criteria;
  std::string description;
};

// A `QualificationElement`: qualifiers that apply when the criteria list matches.
struct QualificationElement {
  std::vector<std::string> qualifiers;  // qualifier URIs
  CriteriaList criteria;
};

// `ServiceInformationExtensions` content that the engine interprets.
struct ServiceExtensions {
  std::vector<std::string> additional_service_information;  // ASI URIs
  std::vector<QualificationElement> qualifications;
  std::optional<UtcTime> expired_certs_revocation_info;
  std::vector<std::string> taken_over_by;  // raw text of TakenOverBy elements, if any
  std::vector<std::string> unknown_extensions;  // namespace URI + local name of the rest
};

// One state of a service: the current one (ServiceInformation) or a ServiceHistoryInstance.
struct ServiceState {
  std::string type;             // ServiceTypeIdentifier URI
  MultiLangString names;        // ServiceName
  ServiceDigitalIdentity identity;
  std::string status;           // ServiceStatus URI
  std::optional<UtcTime> status_starting_time;  // absent only when unparsable (a finding says so)
  ServiceExtensions extensions;
};

struct TspService {
  ServiceState current;
  std::vector<ServiceState> history;  // as in the document (newest first when well-formed)
  std::vector<std::string> supply_points;
  MultiLangString definition_uris;     // TSPServiceDefinitionURI
  MultiLangString scheme_service_definition_uris;
};

struct TrustServiceProvider {
  MultiLangString names;
  MultiLangString trade_names;
  Address address;
  MultiLangString information_uris;
  std::vector<TspService> services;
};

// An `OtherTSLPointer` (TS 119 612 5.3.13).
struct OtherTslPointer {
  std::string location;                  // TSLLocation URL
  std::vector<std::string> signer_certificates_der;  // X509Certificate values, DER
  std::vector<std::string> signer_subject_names;     // X509SubjectName values, if given
  std::string tsl_type;
  std::string territory;
  std::string mime_type;
  MultiLangString operator_names;
  std::vector<std::string> community_rules;
};

struct SchemeInformation {
  int version = 0;                      // TSLVersionIdentifier
  std::uint64_t sequence_number = 0;    // TSLSequenceNumber
  std::string tsl_type;
  MultiLangString operator_name;
  Address operator_address;
  MultiLangString scheme_name;
  MultiLangString scheme_information_uris;
  std::string status_determination_approach;
  MultiLangString scheme_type_community_rules;
  std::string territory;
  MultiLangString policy_or_legal_notice;
  std::optional<std::uint64_t> historical_information_period;
  std::vector<OtherTslPointer> pointers;
  std::optional<UtcTime> issue_date_time;  // ListIssueDateTime
  std::optional<UtcTime> next_update;       // absent: closed list
  std::vector<std::string> distribution_points;
  std::string tsl_tag;                       // the root's TSLTag attribute
};

enum class ListKind { kLotl, kNational };

// A parsed trusted list with the findings raised while reading it.
struct TrustedList {
  std::string sha256;  // hex SHA-256 of the exact document bytes
  std::uint64_t byte_size = 0;
  std::string root_id;  // the root element's Id attribute, if any
  SchemeInformation scheme;
  std::vector<TrustServiceProvider> tsps;
  engine::Findings findings;
  // Schema singletons that authentication relies on and that occur more than once
  // ("TSLSequenceNumber", ...): such a list is never authenticated (tsl.auth.ambiguous_signed_value).
  std::vector<std::string> ambiguous_elements;

  ListKind kind() const;
  std::size_t service_count() const;
  std::size_t history_instance_count() const;
};

}  // namespace assay::tsl
