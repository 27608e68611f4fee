// CRLs and OCSP responses built here are read back with OpenSSL (d2i) and checked.
#include <openssl/ocsp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <gtest/gtest.h>

#include "engine/c_handle.h"
#include "engine/x509/revocation_builder.h"
#include "tests/engine/x509/x509_test_support.h"

namespace assay::engine {
namespace {

using testing_x509::at;
using testing_x509::ec_key;
using testing_x509::root_ca;
using testing_x509::rsa_key;

std::time_t unix_time(std::string_view t) { return std::chrono::system_clock::to_time_t(at(t)); }

CertificatePtr leaf(std::string serial) {
  CertificateSpec s;
  s.subject = {{"C", "LU"}, {"CN", "Leaf " + serial}};
  s.serial_hex = std::move(serial);
  s.not_before = at("2024-01-01T00:00:00Z");
  s.not_after = at("2026-01-01T00:00:00Z");
  s.key_usage = key_usage_bits({KeyUsageBit::kNonRepudiation});
  return *build_certificate(s, ec_key().public_key_der(), *root_ca(), rsa_key(0));
}

TEST(CrlBuilder, ParsesBackWithOpenSsl) {
  CrlSpec spec;
  spec.this_update = at("2025-01-01T00:00:00Z");
  spec.next_update = at("2025-01-08T00:00:00Z");
  spec.crl_number = 42;
  spec.revoked = {{"0a", at("2024-06-01T12:00:00Z"), CrlReason::kKeyCompromise},
                  {"80ff", at("2024-07-01T12:00:00Z"), std::nullopt}};
  auto der = build_crl(spec, *root_ca(), rsa_key(0));
  ASSERT_TRUE(der.has_value()) << der.error().message();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der->data());
  CHandle<X509_CRL, X509_CRL_free> crl(d2i_X509_CRL(nullptr, &p, static_cast<long>(der->size())));
  ASSERT_TRUE(crl);
  EXPECT_EQ(p, reinterpret_cast<const unsigned char*>(der->data() + der->size()));
  EXPECT_EQ(X509_CRL_get_version(crl.get()), 1);
  EXPECT_EQ(X509_CRL_verify(crl.get(), root_ca()->openssl_public_key()), 1);
  EXPECT_EQ(X509_CRL_verify(crl.get(), PrivateKey(rsa_key(1)).openssl_key()), 0);
  EXPECT_EQ(X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_subject_name(root_ca()->openssl_x509())), 0);
  EXPECT_EQ(ASN1_TIME_cmp_time_t(X509_CRL_get0_lastUpdate(crl.get()), unix_time("2025-01-01T00:00:00Z")), 0);
  EXPECT_EQ(ASN1_TIME_cmp_time_t(X509_CRL_get0_nextUpdate(crl.get()), unix_time("2025-01-08T00:00:00Z")), 0);
  STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(crl.get());
  ASSERT_EQ(sk_X509_REVOKED_num(revoked), 2);
  const X509_REVOKED* first = sk_X509_REVOKED_value(revoked, 0);
  EXPECT_EQ(ASN1_INTEGER_get(X509_REVOKED_get0_serialNumber(first)), 10);
  EXPECT_EQ(ASN1_TIME_cmp_time_t(X509_REVOKED_get0_revocationDate(first), unix_time("2024-06-01T12:00:00Z")), 0);
  CHandle<ASN1_ENUMERATED, ASN1_ENUMERATED_free> reason(
      static_cast<ASN1_ENUMERATED*>(X509_REVOKED_get_ext_d2i(first, NID_crl_reason, nullptr, nullptr)));
  ASSERT_TRUE(reason);
  EXPECT_EQ(ASN1_ENUMERATED_get(reason.get()), 1);
  EXPECT_EQ(ASN1_INTEGER_get(X509_REVOKED_get0_serialNumber(sk_X509_REVOKED_value(revoked, 1))), 0x80ff);
  // The revoked leaf is found by OpenSSL's own lookup.
  auto revoked_leaf = leaf("0a");
  X509_REVOKED* hit = nullptr;
  EXPECT_EQ(X509_CRL_get0_by_cert(crl.get(), &hit, revoked_leaf->openssl_x509()), 1);
  CHandle<ASN1_INTEGER, ASN1_INTEGER_free> number(
      static_cast<ASN1_INTEGER*>(X509_CRL_get_ext_d2i(crl.get(), NID_crl_number, nullptr, nullptr)));
  ASSERT_TRUE(number);
  EXPECT_EQ(ASN1_INTEGER_get(number.get()), 42);
}

struct OcspCase {
  OcspCertStatus status;
  int openssl_status;
};

TEST(OcspBuilder, ParsesBackWithOpenSslForEveryStatus) {
  for (const auto& [status, expected] : {OcspCase{OcspCertStatus::kGood, V_OCSP_CERTSTATUS_GOOD},
                                         OcspCase{OcspCertStatus::kRevoked, V_OCSP_CERTSTATUS_REVOKED},
                                         OcspCase{OcspCertStatus::kUnknown, V_OCSP_CERTSTATUS_UNKNOWN}}) {
    auto subject = leaf("1234");
    OcspResponseSpec spec;
    spec.produced_at = at("2025-02-01T10:00:00Z");
    spec.responder_id = status == OcspCertStatus::kGood ? OcspResponderId::kByName : OcspResponderId::kByKey;
    OcspSingleResponse single;
    single.subject = subject.get();
    single.issuer = root_ca().get();
    single.status = status;
    single.revocation_time = at("2025-01-15T00:00:00Z");
    single.reason = CrlReason::kSuperseded;
    single.this_update = at("2025-02-01T09:00:00Z");
    single.next_update = at("2025-02-02T09:00:00Z");
    spec.responses = {single};
    auto der = build_ocsp_response(spec, *root_ca(), rsa_key(0));
    ASSERT_TRUE(der.has_value()) << der.error().message();

    const unsigned char* p = reinterpret_cast<const unsigned char*>(der->data());
    CHandle<OCSP_RESPONSE, OCSP_RESPONSE_free> resp(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der->size())));
    ASSERT_TRUE(resp);
    EXPECT_EQ(OCSP_response_status(resp.get()), OCSP_RESPONSE_STATUS_SUCCESSFUL);
    CHandle<OCSP_BASICRESP, OCSP_BASICRESP_free> basic(OCSP_response_get1_basic(resp.get()));
    ASSERT_TRUE(basic);
    // Signature check by the responder certificate carried in the response.
    CHandle<X509_STORE, X509_STORE_free> store(X509_STORE_new());
    EXPECT_EQ(OCSP_basic_verify(basic.get(), nullptr, store.get(), OCSP_NOVERIFY), 1);
    EXPECT_EQ(ASN1_TIME_cmp_time_t(OCSP_resp_get0_produced_at(basic.get()), unix_time("2025-02-01T10:00:00Z")), 0);
    // OpenSSL's own CertID must find our single response.
    OCSP_CERTID* id = OCSP_cert_to_id(EVP_sha1(), subject->openssl_x509(), root_ca()->openssl_x509());
    ASSERT_NE(id, nullptr);
    int st = -1, reason = -1;
    ASN1_GENERALIZEDTIME *rev = nullptr, *this_upd = nullptr, *next_upd = nullptr;
    EXPECT_EQ(OCSP_resp_find_status(basic.get(), id, &st, &reason, &rev, &this_upd, &next_upd), 1);
    OCSP_CERTID_free(id);
    EXPECT_EQ(st, expected);
    EXPECT_EQ(ASN1_TIME_cmp_time_t(this_upd, unix_time("2025-02-01T09:00:00Z")), 0);
    EXPECT_EQ(ASN1_TIME_cmp_time_t(next_upd, unix_time("2025-02-02T09:00:00Z")), 0);
    if (status == OcspCertStatus::kRevoked) {
      EXPECT_EQ(reason, OCSP_REVOKED_STATUS_SUPERSEDED);
      EXPECT_EQ(ASN1_TIME_cmp_time_t(rev, unix_time("2025-01-15T00:00:00Z")), 0);
    }
  }
}

TEST(OcspBuilder, RejectsIncompleteSingleResponse) {
  OcspResponseSpec spec;
  spec.responses = {OcspSingleResponse{}};
  EXPECT_EQ(build_ocsp_response(spec, *root_ca(), rsa_key(0)).error().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace assay::engine
