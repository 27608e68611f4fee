#include "engine/xmldsig/internal/certificate.h"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/x509.h>

#include <climits>
#include <ctime>

#include "engine/x509/internal/decode_cache.h"
#include "engine/x509/internal/openssl_util.h"

namespace assay::engine::xmldsig::internal {
namespace {

using ossl::BioPtr;
using ossl::BignumPtr;
using ossl::drain_errors;

std::optional<UtcTime> to_utc(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) {
    drain_errors();
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day ymd{year(tm.tm_year + 1900), month(static_cast<unsigned>(tm.tm_mon + 1)),
                           day(static_cast<unsigned>(tm.tm_mday))};
  if (!ymd.ok()) return std::nullopt;
  return sys_days(ymd) + hours(tm.tm_hour) + minutes(tm.tm_min) + seconds(tm.tm_sec);
}

}  // namespace

std::optional<CertificateFacts> CertificateFacts::parse(std::string_view der) {
  // Cached by DER (decode_cache.h): the signer's certificate is decoded for the SignatureValue
  // and again for the signing-certificate checks, and the same signers sign many documents.
  auto cert = ossl::decode_certificate(der);
  if (!cert) return std::nullopt;
  return CertificateFacts(std::move(cert));
}

evp_pkey_st* CertificateFacts::public_key() const {
  EVP_PKEY* key = X509_get0_pubkey(cert_.get());
  if (key == nullptr) drain_errors();
  return key;
}

std::optional<UtcTime> CertificateFacts::not_before() const { return to_utc(X509_get0_notBefore(cert_.get())); }
std::optional<UtcTime> CertificateFacts::not_after() const { return to_utc(X509_get0_notAfter(cert_.get())); }

std::string CertificateFacts::issuer_rfc2253() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), X509_get_issuer_name(cert_.get()), 0, XN_FLAG_RFC2253) < 0) {
    drain_errors();
    return {};
  }
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string();
}

std::string CertificateFacts::serial_decimal() const {
  BignumPtr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert_.get()), nullptr));
  if (!bn) {
    drain_errors();
    return {};
  }
  char* dec = BN_bn2dec(bn.get());
  if (dec == nullptr) return {};
  std::string out(dec);
  OPENSSL_free(dec);
  return out;
}

}  // namespace assay::engine::xmldsig::internal
