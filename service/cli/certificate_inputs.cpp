#include "service/cli/certificate_inputs.h"

#include "engine/file.h"

namespace assay::service::cli {

namespace {

constexpr std::size_t kMaxCertificateFile = 16u << 20;
constexpr std::size_t kMaxRevocationFile = 64u << 20;

// Stands in until the revocation checker (validation/revocation) is merged: it reads nothing and
// answers "not checked" with a finding, so that policies requiring revocation say so.
class UnavailableRevocationChecker final : public validation::RevocationChecker {
 public:
  explicit UnavailableRevocationChecker(bool data_given) : data_given_(data_given) {}
  validation::RevocationEvidence check(const validation::RevocationQuery&, const validation::SignerPathValidator&) const override {
    validation::RevocationEvidence e;
    if (data_given_) {
      e.findings.push_back(engine::Finding{"validation.revocation.unavailable", engine::Severity::kError,
                                           "revocation checking is not available in this build", ""});
    }
    return e;
  }

 private:
  bool data_given_;
};

}  // namespace

engine::Result<std::vector<engine::CertificatePtr>> read_certificates(const std::string& path) {
  auto bytes = engine::read_file(path, kMaxCertificateFile);
  if (!bytes) return std::unexpected(bytes.error());
  return engine::Certificate::parse_pem_chain(*bytes);
}

engine::Result<std::unique_ptr<validation::RevocationChecker>> make_revocation_checker(
    const std::vector<std::string>& crl_files, const std::vector<std::string>& ocsp_files) {
  for (const auto* list : {&crl_files, &ocsp_files}) {
    for (const auto& f : *list) {
      auto bytes = engine::read_file(f, kMaxRevocationFile);
      if (!bytes) return std::unexpected(std::move(bytes.error()).with_context(f));
    }
  }
  return std::make_unique<UnavailableRevocationChecker>(!crl_files.empty() || !ocsp_files.empty());
}

}  // namespace assay::service::cli
