// engine/x509/internal/verdict_cache.h: certificate signature verdicts are shared across parses
// of the same bytes, kept per key, and never carried over to other bytes.
#include "engine/x509/internal/verdict_cache.h"

#include <gtest/gtest.h>

#include "engine/x509/internal/decode_cache.h"
#include "tests/engine/x509/x509_test_support.h"

namespace assay::engine {
namespace {

using testing_x509::ca_spec;
using testing_x509::rsa_key;
using testing_x509::root_ca;

// A CA certificate issued by root_ca(), as a fresh parse of its DER each call.
CertificatePtr issued_by_root() {
  static const std::string der = [] {
    auto issued = build_certificate(ca_spec("Verdict Test CA"), rsa_key(1).public_key_der(), *root_ca(), rsa_key(0));
    return issued ? (*issued)->der() : std::string();
  }();
  auto parsed = Certificate::parse_der(der);
  return parsed ? *parsed : nullptr;
}

TEST(VerdictCache, AFreshParseOfTheSameBytesUsesTheVerdictReachedBefore) {
  ossl::clear_decode_caches();
  const auto first = issued_by_root();
  ASSERT_TRUE(first);
  const std::string& root_key = root_ca()->public_key().der;
  EXPECT_FALSE(ossl::find_certificate_verdict(first->sha256_fingerprint(), root_key).has_value());
  ASSERT_EQ(first->verify_signed_by(*root_ca()), true);
  EXPECT_EQ(ossl::find_certificate_verdict(first->sha256_fingerprint(), root_key), true);

  // The cache is consulted before any public-key operation: a (planted) wrong verdict shows it.
  ossl::remember_certificate_verdict(first->sha256_fingerprint(), root_key, false);
  EXPECT_EQ(issued_by_root()->verify_signed_by(*root_ca()), false);
  EXPECT_EQ(issued_by_root()->verify_signed_by_key(root_key), false);
  ossl::clear_decode_caches();  // forgets verdicts too
  EXPECT_EQ(issued_by_root()->verify_signed_by(*root_ca()), true);
}

TEST(VerdictCache, VerdictsAreKeptPerKey) {
  ossl::clear_decode_caches();
  const auto issued = issued_by_root();
  ASSERT_TRUE(issued);
  ASSERT_EQ(issued->verify_signed_by(*root_ca()), true);
  // Another key (the CA's own) does not verify it, and the good verdict does not leak to it.
  const std::string other_key = rsa_key(1).public_key_der();
  EXPECT_EQ(issued_by_root()->verify_signed_by_key(other_key), false);
  EXPECT_EQ(ossl::find_certificate_verdict(issued->sha256_fingerprint(), other_key), false);
  EXPECT_EQ(issued_by_root()->verify_signed_by(*root_ca()), true);
}

TEST(VerdictCache, AlteredBytesAreCheckedAfresh) {
  ossl::clear_decode_caches();
  const auto good = issued_by_root();
  ASSERT_TRUE(good);
  ASSERT_EQ(good->verify_signed_by(*root_ca()), true);
  // The last byte of a certificate is the signature's: same TBS, same issuer key, other bytes.
  std::string altered = good->der();
  altered.back() = static_cast<char>(altered.back() ^ 0x01);
  auto tampered = Certificate::parse_der(altered);
  ASSERT_TRUE(tampered);
  EXPECT_EQ((*tampered)->verify_signed_by(*root_ca()), false);
  EXPECT_EQ(Certificate::parse_der(altered).value()->verify_signed_by(*root_ca()), false);
  EXPECT_EQ(issued_by_root()->verify_signed_by(*root_ca()), true);
}

}  // namespace
}  // namespace assay::engine
