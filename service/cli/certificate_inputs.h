// Inputs of `assay certificates validate` read from files: certificates (PEM or DER) and the
// revocation checker over the CRLs and OCSP responses given.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/x509/certificate.h"
#include "validation/online_source.h"
#include "validation/revocation_checker.h"

namespace assay::service::cli {

// One file of certificates (PEM blocks, DER, or base64 DER), order kept.
engine::Result<std::vector<engine::CertificatePtr>> read_certificates(const std::string& path);
// The DER of each certificate in such a file, unparsed (for forwarding to a service).
engine::Result<std::vector<std::string>> read_certificate_der(const std::string& path);

// A checker over the given CRL and OCSP files (DER), fetching through `online` when not null.
// kMalformed / kNotFound naming a bad file.
engine::Result<std::unique_ptr<validation::RevocationChecker>> make_revocation_checker(
    const std::vector<std::string>& crl_files, const std::vector<std::string>& ocsp_files,
    const validation::OnlineSource* online = nullptr);

}  // namespace assay::service::cli
