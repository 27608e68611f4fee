// engine::OcspResponse: responses built by revocation_builder.h read back, CertID matching,
// responder ids, OCSPRequest building (checked with OpenSSL), and hostile input.
#include "engine/x509/ocsp_response.h"

#include <openssl/ocsp.h>

#include <gtest/gtest.h>

#include "engine/c_handle.h"
#include "engine/x509/revocation_builder.h"
#include "tests/engine/x509/x509_test_support.h"

namespace assay::engine {
namespace {

using testing_x509::at;
using testing_x509::ca_spec;
using testing_x509::ec_key;
using testing_x509::root_ca;
using testing_x509::rsa_key;

CertificatePtr leaf(std::string serial) {
  CertificateSpec s;
  s.subject = {{"C", "LU"}, {"CN", "Leaf " + serial}};
  s.serial_hex = std::move(serial);
  s.not_before = at("2024-01-01T00:00:00Z");
  s.not_after = at("2026-01-01T00:00:00Z");
  return *build_certificate(s, ec_key().public_key_der(), *root_ca(), rsa_key(0));
}

std::string serial_of(const Certificate& c) { return c.serial_der().substr(2); }

std::string response_for(const Certificate& subject, OcspCertStatus status, OcspResponderId id = OcspResponderId::kByName) {
  OcspResponseSpec spec;
  spec.produced_at = at("2025-01-02T00:00:00Z");
  spec.responder_id = id;
  spec.nonce = "nonce-1";
  OcspSingleResponse single;
  single.subject = &subject;
  single.issuer = root_ca().get();
  single.status = status;
  single.revocation_time = at("2024-12-01T00:00:00Z");
  single.reason = CrlReason::kCertificateHold;
  single.this_update = at("2025-01-02T00:00:00Z");
  single.next_update = at("2025-01-09T00:00:00Z");
  spec.responses = {single};
  return *build_ocsp_response(spec, *root_ca(), rsa_key(0));
}

TEST(OcspResponse, ReadsWhatTheBuilderWrote) {
  auto ee = leaf("1234");
  auto r = OcspResponse::parse_der(response_for(*ee, OcspCertStatus::kRevoked));
  ASSERT_TRUE(r.has_value()) << r.error().message();
  const OcspResponse& o = **r;
  EXPECT_EQ(o.response_status(), OcspResponseStatus::kSuccessful);
  ASSERT_TRUE(o.responder_name().has_value());
  EXPECT_EQ(o.responder_name()->rfc4514, root_ca()->subject().rfc4514);
  EXPECT_TRUE(o.responder_matches(*root_ca()));
  EXPECT_EQ(o.produced_at(), at("2025-01-02T00:00:00Z"));
  EXPECT_EQ(o.nonce(), std::string("nonce-1"));
  ASSERT_EQ(o.certificates().size(), 1u);
  ASSERT_EQ(o.responses().size(), 1u);
  const auto& s = o.responses()[0];
  EXPECT_EQ(s.status, OcspCertStatus::kRevoked);
  EXPECT_EQ(s.revocation_time, at("2024-12-01T00:00:00Z"));
  EXPECT_EQ(s.reason, CrlReason::kCertificateHold);
  EXPECT_EQ(s.this_update, at("2025-01-02T00:00:00Z"));
  EXPECT_EQ(s.next_update, at("2025-01-09T00:00:00Z"));
  EXPECT_EQ(s.cert_id.hash_algorithm_oid, "1.3.14.3.2.26");
  EXPECT_EQ(s.cert_id.match(serial_of(*ee), root_ca()->subject().der, root_ca()->public_key().der), CertIdMatch::kMatch);
  EXPECT_EQ(o.verify_signed_by(*root_ca()), true);
}

TEST(OcspResponse, CertIdTellsWhichPartDiffers) {
  auto ee = leaf("1234");
  auto other = leaf("99");
  const auto& s = (*OcspResponse::parse_der(response_for(*ee, OcspCertStatus::kGood)))->responses()[0];
  EXPECT_EQ(s.cert_id.match(serial_of(*other), root_ca()->subject().der, root_ca()->public_key().der),
            CertIdMatch::kSerialDiffers);
  auto renamed = *build_self_signed(ca_spec("Another Root"), rsa_key(0));
  EXPECT_EQ(s.cert_id.match(serial_of(*ee), renamed->subject().der, renamed->public_key().der),
            CertIdMatch::kIssuerNameHashDiffers);
  auto rekeyed = *build_self_signed(ca_spec("Test Root"), rsa_key(1));
  EXPECT_EQ(s.cert_id.match(serial_of(*ee), rekeyed->subject().der, rekeyed->public_key().der),
            CertIdMatch::kIssuerKeyHashDiffers);
}

TEST(OcspResponse, ResponderByKeyHashAndWrongSigner) {
  auto ee = leaf("1234");
  auto o = *OcspResponse::parse_der(response_for(*ee, OcspCertStatus::kGood, OcspResponderId::kByKey));
  EXPECT_FALSE(o->responder_name().has_value());
  ASSERT_TRUE(o->responder_key_hash().has_value());
  EXPECT_TRUE(o->responder_matches(*root_ca()));
  auto rekeyed = *build_self_signed(ca_spec("Test Root"), rsa_key(1));
  EXPECT_FALSE(o->responder_matches(*rekeyed));
  EXPECT_EQ(o->verify_signed_by(*rekeyed), false);
}

TEST(OcspResponse, NonSuccessfulStatusHasNoBody) {
  auto r = OcspResponse::parse_der(std::string("\x30\x03\x0a\x01\x03", 5));
  ASSERT_TRUE(r.has_value()) << r.error().message();
  EXPECT_EQ((*r)->response_status(), OcspResponseStatus::kTryLater);
  EXPECT_EQ(ocsp_response_status_name((*r)->response_status()), "tryLater");
  EXPECT_TRUE((*r)->responses().empty());
  EXPECT_FALSE(OcspResponse::parse_der(std::string("\x30\x03\x0a\x01\x04", 5)).has_value());  // 4 is not used
  EXPECT_FALSE(OcspResponse::parse_der(std::string("\x30\x03\x0a\x01\x00", 5)).has_value());  // no responseBytes
}

TEST(OcspHostile, TruncationTrailingBytesNonMinimalDerAndLimits) {
  auto ee = leaf("1234");
  const std::string der = response_for(*ee, OcspCertStatus::kGood);
  for (std::size_t n = 0; n < der.size(); ++n) {
    auto r = OcspResponse::parse_der(std::string_view(der).substr(0, n));
    ASSERT_FALSE(r.has_value()) << "prefix of " << n << " bytes parsed";
  }
  EXPECT_EQ(OcspResponse::parse_der(der + "x").error().code(), Code::kMalformed);
  ASSERT_EQ(static_cast<std::uint8_t>(der[1]), 0x82);
  EXPECT_EQ(OcspResponse::parse_der(std::string("\x30\x83\x00", 3) + der.substr(2)).error().code(), Code::kMalformed);
  OcspLimits limits;
  limits.max_bytes = 100;
  EXPECT_EQ(OcspResponse::parse_der(der, limits).error().code(), Code::kResourceExhausted);
  limits = {};
  limits.max_certificates = 0;
  EXPECT_EQ(OcspResponse::parse_der(der, limits).error().code(), Code::kResourceExhausted);
}

TEST(OcspRequest, BuildsACertIdOpenSslAgreesWith) {
  auto ee = leaf("0abcdef1");
  auto req = build_ocsp_request(*ee, root_ca()->subject().der, root_ca()->public_key().der, DigestAlgorithm::kSha1,
                                std::string("n0nce"));
  ASSERT_TRUE(req.has_value()) << req.error().message();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(req->data());
  CHandle<OCSP_REQUEST, OCSP_REQUEST_free> parsed(d2i_OCSP_REQUEST(nullptr, &p, static_cast<long>(req->size())));
  ASSERT_TRUE(parsed);
  ASSERT_EQ(OCSP_request_onereq_count(parsed.get()), 1);
  CHandle<OCSP_CERTID, OCSP_CERTID_free> expected(OCSP_cert_to_id(EVP_sha1(), ee->openssl_x509(), root_ca()->openssl_x509()));
  EXPECT_EQ(OCSP_id_cmp(OCSP_onereq_get0_id(OCSP_request_onereq_get0(parsed.get(), 0)), expected.get()), 0);
  EXPECT_GE(OCSP_REQUEST_get_ext_by_NID(parsed.get(), NID_id_pkix_OCSP_Nonce, -1), 0);
  EXPECT_FALSE(build_ocsp_request(*ee, root_ca()->subject().der, "junk").has_value());
}

}  // namespace
}  // namespace assay::engine
