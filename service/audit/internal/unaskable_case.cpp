#include "service/audit/internal/unaskable_case.h"

#include "service/cli/certificate_inputs.h"

namespace assay::service::audit::internal {

std::optional<std::string> unaskable_revocation_case(const SuiteCase& c, bool carries_revocation, bool target_fetches) {
  if (c.question == Question::kQualification) return std::nullopt;
  const std::size_t files = c.crls.size() + c.ocsp.size();
  if (files != 0 && !carries_revocation && !target_fetches) {
    return "the DSS API takes no revocation data (the case gives " + std::to_string(files) +
           " CRL/OCSP file(s)); with --target-fetches-revocation the target's own fetching is asked instead";
  }
  if (files != 0 || !target_fetches) return std::nullopt;
  if (c.no_other_revocation) {
    return std::string("the case's expected outcome assumes no revocation data beyond its own (no_other_revocation), "
                       "but the target fetches it online");
  }
  if (c.question != Question::kCertificate) return std::nullopt;
  for (const auto& f : c.certificates) {
    auto certs = cli::read_certificates(f.string());
    if (!certs) return std::nullopt;  // the request itself reports the unreadable file
    for (const auto& cert : *certs) {
      for (const auto& url : cert->crl_distribution_points()) {
        if (url.starts_with("http://") || url.starts_with("https://")) {
          return "the case asks with no revocation data, but the target fetches it online and the certificate names " + url;
        }
      }
      if (!cert->ocsp_urls().empty()) {
        return "the case asks with no revocation data, but the target fetches it online and the certificate names " +
               cert->ocsp_urls().front();
      }
    }
  }
  return std::nullopt;
}

}  // namespace assay::service::audit::internal
