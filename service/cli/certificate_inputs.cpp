#include "service/cli/certificate_inputs.h"

#include "engine/file.h"
#include "validation/revocation/standard_revocation_checker.h"

namespace assay::service::cli {

namespace {

constexpr std::size_t kMaxCertificateFile = 16u << 20;
constexpr std::size_t kMaxRevocationFile = 64u << 20;

}  // namespace

engine::Result<std::vector<engine::CertificatePtr>> read_certificates(const std::string& path) {
  auto bytes = engine::read_file(path, kMaxCertificateFile);
  if (!bytes) return std::unexpected(bytes.error());
  return engine::Certificate::parse_pem_chain(*bytes);
}

engine::Result<std::vector<std::string>> read_certificate_der(const std::string& path) {
  auto bytes = engine::read_file(path, kMaxCertificateFile);
  if (!bytes) return std::unexpected(bytes.error());
  auto blobs = engine::Certificate::pem_chain_der(*bytes);
  if (!blobs) return std::unexpected(std::move(blobs.error()).with_context(path));
  return blobs;
}

engine::Result<std::unique_ptr<validation::RevocationChecker>> make_revocation_checker(
    const std::vector<std::string>& crl_files, const std::vector<std::string>& ocsp_files,
    const validation::OnlineSource* online) {
  std::vector<std::string> crls, responses;
  for (const auto& f : crl_files) {
    auto bytes = engine::read_file(f, kMaxRevocationFile);
    if (!bytes) return std::unexpected(std::move(bytes.error()).with_context(f));
    crls.push_back(std::move(*bytes));
  }
  for (const auto& f : ocsp_files) {
    auto bytes = engine::read_file(f, kMaxRevocationFile);
    if (!bytes) return std::unexpected(std::move(bytes.error()).with_context(f));
    responses.push_back(std::move(*bytes));
  }
  auto checker = validation::StandardRevocationChecker::from_der(crls, responses, online);
  if (!checker) return std::unexpected(std::move(checker.error()));
  return std::unique_ptr<validation::RevocationChecker>(std::move(*checker));
}

}  // namespace assay::service::cli
