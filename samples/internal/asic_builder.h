// Builds ASiC containers (EN 319 162-1) for the sample federation, the tests and the benchmarks:
// ASiC-S / ASiC-E with a CAdES signature (engine/cms/cades_builder.h; over the data object, or
// over an ASiCManifest for ASiC-E) or a XAdES signature (detached references to the container's
// files, signed with engine/xmldsig/template_signer from a XAdES-BASELINE-B template written
// here). Nothing here uses validation/ code. Internal to assay_samples; thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/crypto/private_key.h"
#include "engine/error.h"
#include "engine/time.h"
#include "engine/x509/certificate.h"

namespace assay::samples {

using ContainerFiles = std::vector<std::pair<std::string, std::string>>;  // name, bytes

// An asic:XAdESSignatures document with one XAdES-BASELINE-B signature (ECDSA or RSA with
// SHA-256; SigningTime, SigningCertificateV2) whose references are the `files` by name; KeyInfo
// carries the signer's certificate and `chain_der`.
engine::Result<std::string> xades_for_container(const ContainerFiles& files, const engine::Certificate& signer,
                                                const engine::PrivateKey& key, engine::UtcTime signing_time,
                                                const std::vector<std::string>& chain_der = {});

// An ASiCManifest (EN 319 162-1 A.4) naming `signature_name` and listing `files` (SHA-256).
std::string asic_manifest(const ContainerFiles& files, const std::string& signature_name);

// An ASiCArchiveManifest (EN 319 162-1 A.6) naming the time-stamp token `timestamp_name` and
// listing `files` (SHA-256): the data objects and the signature files and manifests it protects.
std::string asic_archive_manifest(const ContainerFiles& files, const std::string& timestamp_name);

struct ContainerSpec {
  bool asic_e = true;
  bool cades = false;                  // else XAdES
  ContainerFiles files;                // signed data objects
  ContainerFiles unsigned_files;       // added after signing, covered by nothing
  std::vector<std::string> chain_der;  // extra certificates (CAdES SignedData / XAdES KeyInfo)
  engine::UtcTime signing_time{};
};

// The container (ZIP bytes): mimetype first and stored, the files, then META-INF/.
engine::Result<std::string> build_container(const ContainerSpec& spec, const engine::Certificate& signer,
                                            const engine::PrivateKey& key);

}  // namespace assay::samples
