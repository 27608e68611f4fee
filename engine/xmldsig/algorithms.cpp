#include "engine/xmldsig/algorithms.h"

namespace assay::engine::xmldsig {
namespace {

struct DigestName {
  DigestAlgorithm algorithm;
  std::string_view uri;
};

// XMLDSig 6.2 and RFC 6931 2.1.
constexpr DigestName kDigests[] = {
    {DigestAlgorithm::kSha1, "http://www.w3.org/2000/09/xmldsig#sha1"},
    {DigestAlgorithm::kSha224, "http://www.w3.org/2001/04/xmldsig-more#sha224"},
    {DigestAlgorithm::kSha256, "http://www.w3.org/2001/04/xmlenc#sha256"},
    {DigestAlgorithm::kSha384, "http://www.w3.org/2001/04/xmldsig-more#sha384"},
    {DigestAlgorithm::kSha512, "http://www.w3.org/2001/04/xmlenc#sha512"},
};

}  // namespace

std::string_view digest_uri(DigestAlgorithm digest) {
  for (const auto& d : kDigests) {
    if (d.algorithm == digest) return d.uri;
  }
  return {};
}

std::optional<DigestAlgorithm> digest_from_uri(std::string_view uri) {
  for (const auto& d : kDigests) {
    if (d.uri == uri) return d.algorithm;
  }
  return std::nullopt;
}

}  // namespace assay::engine::xmldsig
