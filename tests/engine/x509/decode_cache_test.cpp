// engine/x509/internal/decode_cache.h: a cached decoding answers exactly what decoding the same
// bytes again would (same key, same certificate), and bytes that do not decode cleanly — trailing
// bytes, truncation, garbage — are refused every time, even next to a cached clean copy.
#include "engine/x509/internal/decode_cache.h"

#include <gtest/gtest.h>

#include "tests/engine/x509/x509_test_support.h"

namespace assay::engine {
namespace {

using testing_x509::ec_key;
using testing_x509::root_ca;

TEST(DecodeCache, PublicKeyIsDecodedOnceAndEqualsAFreshDecoding) {
  ossl::clear_decode_caches();
  const std::string spki = ec_key().public_key_der();
  const auto first = ossl::decode_public_key(spki);
  const auto second = ossl::decode_public_key(spki);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first.get(), second.get());  // one shared decoding, a reference each
  const unsigned char* p = ossl::bytes(spki);
  ossl::EvpPkeyPtr fresh(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
  ASSERT_TRUE(fresh);
  EXPECT_EQ(EVP_PKEY_eq(first.get(), fresh.get()), 1);
  ossl::clear_decode_caches();
  EXPECT_EQ(EVP_PKEY_eq(first.get(), ossl::decode_public_key(spki).get()), 1);  // handed-out keys survive
}

TEST(DecodeCache, PublicKeyBytesThatDoNotDecodeCleanlyAreRefused) {
  const std::string spki = ec_key().public_key_der();
  ASSERT_TRUE(ossl::decode_public_key(spki));  // cached
  EXPECT_FALSE(ossl::decode_public_key(spki + std::string(1, '\0')));
  EXPECT_FALSE(ossl::decode_public_key(spki.substr(0, spki.size() - 1)));
  EXPECT_FALSE(ossl::decode_public_key("not a key"));
  EXPECT_FALSE(ossl::decode_public_key(""));
  EXPECT_EQ(ERR_peek_error(), 0u);  // the error queue is left clean
}

TEST(DecodeCache, CertificateIsSharedAndTrailingBytesAreRefused) {
  const std::string& der = root_ca()->der();
  const auto a = ossl::decode_certificate(der);
  const auto b = ossl::decode_certificate(der);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a.get(), b.get());
  EXPECT_NE(X509_get0_pubkey(a.get()), nullptr);
  EXPECT_FALSE(ossl::decode_certificate(der + "x"));
  EXPECT_FALSE(ossl::decode_certificate(der.substr(0, der.size() / 2)));
  EXPECT_EQ(ERR_peek_error(), 0u);
}

}  // namespace
}  // namespace assay::engine
