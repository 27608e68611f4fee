#include "tests/engine/support/self_signed_certificate.h"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <utility>

namespace assay::testing {
namespace {

using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

}  // namespace

std::string make_self_signed_certificate(const engine::PrivateKey& key, const TestCertificateOptions& options) {
  X509Ptr cert(X509_new(), X509_free);
  EXPECT_TRUE(cert != nullptr);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), options.serial);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(options.not_before.time_since_epoch().count()));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(options.not_after.time_since_epoch().count()));
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("EU"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(options.common_name.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.openssl_key());
  // A trust-anchor shaped certificate, so xmlsec1 accepts it as --trusted-pem.
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  const std::pair<int, const char*> extensions[] = {
      {NID_basic_constraints, "critical,CA:TRUE"},
      {NID_key_usage, "critical,digitalSignature,nonRepudiation,keyCertSign"}};
  for (const auto& [nid, value] : extensions) {
    X509_EXTENSION* e = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    EXPECT_TRUE(e != nullptr);
    X509_add_ext(cert.get(), e, -1);
    X509_EXTENSION_free(e);
  }
  EXPECT_GT(X509_sign(cert.get(), key.openssl_key(), EVP_sha256()), 0);
  unsigned char* der = nullptr;
  const int len = i2d_X509(cert.get(), &der);
  EXPECT_GT(len, 0);
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

std::string certificate_pem(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())), X509_free);
  EXPECT_TRUE(cert != nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert.get());
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  return out;
}

}  // namespace assay::testing
