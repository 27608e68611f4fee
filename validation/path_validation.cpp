#include "validation/path_validation.h"

#include <algorithm>
#include <array>

#include "engine/x509/x509_findings.h"
#include "validation/name_constraints.h"
#include "validation/policy_tree.h"
#include "validation/validation_findings.h"

namespace assay::validation {

namespace {

using engine::Certificate;
using engine::CertificatePtr;

// Extensions path processing understands (RFC 5280 6.1.4 (o), 6.1.5 (f)); any other critical
// extension rejects the path.
constexpr std::array<std::string_view, 13> kProcessedExtensions{
    "2.5.29.15",  // keyUsage
    "2.5.29.19",  // basicConstraints
    "2.5.29.32",  // certificatePolicies
    "2.5.29.33",  // policyMappings
    "2.5.29.36",  // policyConstraints
    "2.5.29.54",  // inhibitAnyPolicy
    "2.5.29.30",  // nameConstraints
    "2.5.29.17",  // subjectAltName
    "2.5.29.37",  // extKeyUsage (checked by the caller's usage rules, harmless here)
    "2.5.29.14",  // subjectKeyIdentifier
    "2.5.29.35",  // authorityKeyIdentifier
    "2.5.29.31",  // cRLDistributionPoints
    "1.3.6.1.5.5.7.1.3",  // qcStatements (EN 319 412-5)
};

bool processed(std::string_view oid) {
  return std::find(kProcessedExtensions.begin(), kProcessedExtensions.end(), oid) != kProcessedExtensions.end() ||
         oid == "1.3.6.1.5.5.7.1.1" /* authorityInfoAccess */ || oid == "2.5.29.46" /* freshestCRL */ ||
         oid == "2.5.29.9" /* subjectDirectoryAttributes */ || oid == "1.3.6.1.5.5.7.48.1.5" /* ocsp-nocheck */;
}

bool self_issued(const Certificate& c) { return engine::equivalent_names(c.subject(), c.issuer()); }

class Processor {
 public:
  Processor(std::span<const CertificatePtr> path, const TrustAnchor& anchor, engine::UtcTime at, const PathSettings& s)
      : path_(path), at_(at), settings_(s), n_(static_cast<std::int64_t>(path.size())) {
    // 6.1.2 initialization.
    explicit_policy_ = s.initial_explicit_policy ? 0 : n_ + 1;
    inhibit_any_policy_ = s.initial_any_policy_inhibit ? 0 : n_ + 1;
    policy_mapping_ = s.initial_policy_mapping_inhibit ? 0 : n_ + 1;
    max_path_length_ = n_;
    working_key_ = anchor.spki_der;
    working_issuer_ = anchor.subject;
    if (anchor.certificate) {
      working_key_params_ = anchor.certificate->public_key().parameters_der;
      if (anchor.certificate->public_key().der == anchor.spki_der) working_key_cert_ = anchor.certificate.get();
    }
    result_.issuer_keys.resize(path.size());
  }

  PathValidationResult run() {
    for (std::int64_t i = 1; i <= n_; ++i) {
      const std::size_t index = static_cast<std::size_t>(n_ - i);
      const Certificate& c = *path_[index];
      process(c, i, static_cast<int>(index));
      if (i != n_) prepare(c, i, static_cast<int>(index));
    }
    wrap_up(*path_[0]);
    result_.policies = tree_.leaf_policies();
    return std::move(result_);
  }

 private:
  void fail(PathFailure kind, int index, std::string_view id, std::string message) {
    const bool enforce = kind != PathFailure::kConstraints ||
                         (id == findings::kNameConstraints ? settings_.enforce_name_constraints : settings_.enforce_policy_tree);
    const std::string where = index >= 0 ? path_[static_cast<std::size_t>(index)]->fingerprint_hex() : "";
    result_.findings.push_back(engine::Finding{std::string(id), enforce ? engine::Severity::kError : engine::Severity::kWarning,
                                               std::move(message), where});
    if (!enforce) return;
    // Validity problems rank below the others: remember a structural failure over them.
    if (result_.failure == PathFailure::kNone || (result_.failure == PathFailure::kValidity && kind != PathFailure::kValidity)) {
      result_.failure = kind;
      result_.failed_index = index;
    }
  }

  std::string who(const Certificate& c) const { return "\"" + c.subject().rfc4514 + "\""; }

  // 6.1.3: basic certificate processing.
  void process(const Certificate& c, std::int64_t i, int index) {
    // (a)(1) signature, with the working key (DSA parameters inherited, 6.1.4 (d)-(f)).
    result_.issuer_keys[static_cast<std::size_t>(index)] = working_key_;
    // The issuer certificate's own key when the working key is that key (the usual case): its
    // decoded form is kept by the certificate and reused by the revocation checks.
    auto ok = working_key_cert_ != nullptr ? c.verify_signed_by(*working_key_cert_) : c.verify_signed_by_key(working_key_);
    if (!ok) {
      fail(PathFailure::kStructure, index, findings::kSignatureUnverifiable,
           "the signature of " + who(c) + " cannot be checked: " + ok.error().message());
    } else if (!*ok) {
      fail(PathFailure::kStructure, index, findings::kSignature,
           "the signature of " + who(c) + " does not verify with its issuer's key");
    }
    // (a)(2) validity.
    if (at_ < c.not_before()) {
      fail(PathFailure::kValidity, index, findings::kNotYetValid,
           who(c) + " is not valid before " + engine::format_utc_time(c.not_before()));
    } else if (at_ > c.not_after()) {
      fail(PathFailure::kValidity, index, findings::kExpired,
           who(c) + " expired at " + engine::format_utc_time(c.not_after()));
    }
    // (a)(4) name chaining (RFC 5280 7.1 comparison).
    if (!engine::equivalent_names(c.issuer(), working_issuer_)) {
      fail(PathFailure::kStructure, index, findings::kIssuerName,
           "the issuer of " + who(c) + " is not \"" + working_issuer_.rfc4514 + "\"");
    }
    // Malformed extensions make the certificate unusable for the checks that read them.
    for (const auto& f : c.findings()) {
      if (f.id == engine::x509_findings::kExtensionMalformed || f.id == engine::x509_findings::kExtensionDuplicate) {
        fail(PathFailure::kStructure, index, findings::kMalformedExtension, who(c) + ": " + f.message);
      }
    }
    // (b), (c) name constraints: skipped for self-issued intermediates.
    if (i == n_ || !self_issued(c)) {
      for (auto& problem : names_.check(c)) {
        fail(PathFailure::kConstraints, index, findings::kNameConstraints, who(c) + ": " + problem);
      }
    }
    // (d)-(f) policies.
    if (c.find_extension("2.5.29.32") != nullptr && !c.policy_information().empty()) {
      tree_.process_certificate(c.policy_information(), inhibit_any_policy_ > 0 || (i < n_ && self_issued(c)));
    } else {
      tree_.set_null();
    }
    if (tree_.overflowed()) {
      fail(PathFailure::kStructure, index, findings::kPolicyTree, "the valid policy tree exceeds its size limit");
    }
    if (explicit_policy_ <= 0 && tree_.null()) {
      fail(PathFailure::kConstraints, index, findings::kPolicyTree,
           "no valid policy remains at " + who(c) + " while an explicit policy is required");
    }
  }

  // 6.1.4: preparation for certificate i+1.
  void prepare(const Certificate& c, std::int64_t /*i*/, int index) {
    // (a), (b) policy mappings.
    const auto& mappings = c.policy_mappings();
    bool any_mapped = false;
    for (const auto& m : mappings) {
      any_mapped = any_mapped || m.issuer_domain == engine::kOidAnyPolicy || m.subject_domain == engine::kOidAnyPolicy;
    }
    if (any_mapped) {
      fail(PathFailure::kStructure, index, findings::kPolicyMappingAny, who(c) + " maps to or from anyPolicy");
    } else {
      tree_.apply_mappings(mappings, policy_mapping_ > 0);
    }
    // (c)-(f) working issuer name and key; a key without parameters of the same algorithm
    // inherits the working parameters (DSA).
    working_issuer_ = c.subject();
    const auto& key = c.public_key();
    const bool dss_params = !working_key_params_.empty() && working_key_params_[0] == '\x30';
    if (key.algorithm == "DSA" && key.parameters_der.empty() && dss_params) {
      auto inherited = engine::spki_with_parameters(key.der, working_key_params_);
      working_key_ = inherited ? *inherited : key.der;
      working_key_cert_ = inherited ? nullptr : &c;
    } else {
      working_key_ = key.der;
      working_key_params_ = key.parameters_der;
      working_key_cert_ = &c;
    }
    // (g) name constraints.
    if (c.name_constraints().present) names_.add(c.name_constraints());
    // (h) counters, unless self-issued.
    if (!self_issued(c)) {
      if (explicit_policy_ > 0) --explicit_policy_;
      if (policy_mapping_ > 0) --policy_mapping_;
      if (inhibit_any_policy_ > 0) --inhibit_any_policy_;
    }
    // (i) policyConstraints.
    const auto& pc = c.policy_constraints();
    if (pc.require_explicit_policy) explicit_policy_ = std::min(explicit_policy_, *pc.require_explicit_policy);
    if (pc.inhibit_policy_mapping) policy_mapping_ = std::min(policy_mapping_, *pc.inhibit_policy_mapping);
    // (j) inhibitAnyPolicy.
    if (c.inhibit_any_policy()) inhibit_any_policy_ = std::min(inhibit_any_policy_, *c.inhibit_any_policy());
    // (k) a CA certificate (v1/v2 certificates have no basicConstraints and are refused as CAs).
    if (!c.basic_constraints().present || !c.basic_constraints().ca) {
      fail(PathFailure::kStructure, index, findings::kNotCa, who(c) + " is not a CA certificate (basicConstraints cA)");
    }
    // (l), (m) path length.
    if (!self_issued(c)) {
      if (max_path_length_ <= 0) {
        fail(PathFailure::kStructure, index, findings::kPathLength, "the path length constraint is exceeded at " + who(c));
      } else {
        --max_path_length_;
      }
    }
    if (c.basic_constraints().path_length) max_path_length_ = std::min(max_path_length_, *c.basic_constraints().path_length);
    // (n) keyCertSign.
    if (c.key_usage().present && !c.key_usage().has(engine::KeyUsageBit::kKeyCertSign)) {
      fail(PathFailure::kStructure, index, findings::kKeyCertSign, who(c) + " does not assert keyCertSign");
    }
    critical_extensions(c, index);  // (o)
  }

  void critical_extensions(const Certificate& c, int index) {
    for (const auto& e : c.extensions()) {
      if (e.critical && !processed(e.oid)) {
        fail(PathFailure::kStructure, index, findings::kUnknownCritical, who(c) + " has the unrecognised critical extension " + e.oid);
      }
    }
  }

  // 6.1.5 wrap-up.
  void wrap_up(const Certificate& c) {
    if (explicit_policy_ > 0) --explicit_policy_;                                        // (a)
    if (c.policy_constraints().require_explicit_policy == 0) explicit_policy_ = 0;     // (b)
    critical_extensions(c, 0);                                                          // (f)
    tree_.intersect(settings_.user_initial_policy_set);                                 // (g)
    if (explicit_policy_ <= 0 && tree_.null()) {
      fail(PathFailure::kConstraints, 0, findings::kPolicyTree,
           "no policy of the user-initial-policy-set is valid for the path while an explicit policy is required");
    }
  }

  std::span<const CertificatePtr> path_;
  engine::UtcTime at_;
  const PathSettings& settings_;
  std::int64_t n_;
  std::int64_t explicit_policy_ = 0, inhibit_any_policy_ = 0, policy_mapping_ = 0, max_path_length_ = 0;
  std::string working_key_;
  std::string working_key_params_;
  const Certificate* working_key_cert_ = nullptr;  // whose SubjectPublicKeyInfo working_key_ is, if any
  engine::DistinguishedName working_issuer_;
  PolicyTree tree_;
  NameConstraintState names_;
  PathValidationResult result_;
};

}  // namespace

PathValidationResult validate_path(std::span<const CertificatePtr> path, const TrustAnchor& anchor, engine::UtcTime at,
                                   const PathSettings& settings) {
  if (path.empty()) return {};
  auto result = Processor(path, anchor, at, settings).run();
  if (result.failure == PathFailure::kValidity) result.expired_only_end_entity = result.failed_index == 0;
  return result;
}

}  // namespace assay::validation
