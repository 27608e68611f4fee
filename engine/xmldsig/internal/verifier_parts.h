// Engine-private: the structural and XAdES steps of enveloped-signature verification
// (engine/xmldsig/verifier.cpp drives them and adds the cryptographic checks).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/xmldsig/internal/c14n.h"
#include "engine/xmldsig/internal/certificate.h"
#include "engine/xmldsig/internal/crypto_ops.h"
#include "engine/xmldsig/internal/tree.h"
#include "engine/xmldsig/verifier.h"

namespace assay::engine::xmldsig::internal {

// A Reference that passed classification, with what is needed to recompute its digest.
struct ParsedReference {
  ReferenceReport report;
  std::size_t report_index = 0;  // position in SignatureReport::references
  const _xmlNode* apex = nullptr;  // the referenced element; null for URI="" (whole document)
  C14nMethod c14n{};               // default: inclusive C14N 1.0 (XMLDSig 4.4.3.2)
  std::vector<std::string> inclusive_prefixes;
  std::optional<DigestAlgorithm> digest;
  std::string digest_value;
};

// Ranks failures: 0 for structure/policy failures (which also stop the cryptographic checks).
int precedence(std::string_view id);

// The state of one verification; each step records findings and never throws.
class Verification {
 public:
  Verification(const xml::Document& document, const VerifyOptions& options);

  // Finds the single signature (child of the root) and checks Ids and the Signature's children.
  // False when nothing more can be checked.
  bool locate_signature();
  void parse_signed_info();
  void parse_references();
  void parse_key_info();
  void check_signed_properties();
  // True when the digests and SignatureValue may (and can) be computed.
  bool core_verifiable() const;

  void add(std::string_view id, std::string message, const _xmlNode* where = nullptr);

  const _xmlDoc* doc = nullptr;
  const _xmlNode* root = nullptr;
  const _xmlNode* signature = nullptr;
  const _xmlNode* signed_info = nullptr;
  C14nMethod signed_info_c14n{};
  std::vector<std::string> signed_info_prefixes;
  std::optional<SignatureMethod> method;
  std::string signature_value;
  std::vector<ParsedReference> references;
  std::optional<CertificateFacts> signer;
  const _xmlNode* signed_properties = nullptr;
  SignatureReport report;

 private:
  bool parse_transforms(const _xmlNode* reference, ParsedReference& ref);
  void classify(ParsedReference& ref, bool has_enveloped);
  void check_signing_certificate(const _xmlNode* ssp);

  const VerifyOptions& options_;
  DocumentScan scan_;
  std::vector<const _xmlNode*> qualifying_properties_;
};

}  // namespace assay::engine::xmldsig::internal
