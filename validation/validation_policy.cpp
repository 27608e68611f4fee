#include "validation/validation_policy.h"

namespace assay::validation {

namespace {

engine::UtcTime date(int y, unsigned m, unsigned d) {
  return engine::UtcTime(std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)));
}

ValidationPolicy make_default() {
  ValidationPolicy p;
  p.name = "assay default (PKIX strict, revocation required, TS 119 312 algorithms)";
  // Expiry dates of DSS's default cryptographic constraints (after ETSI TS 119 312 and SOG-IS):
  // the date after which a signature made with the algorithm is no longer trusted without proof of
  // existence before it. Of several entries for one key type, one admitting the key suffices.
  p.crypto.digests = {
      {"MD5", 0, date(2004, 8, 1)},         {"SHA-1", 0, date(2012, 8, 1)},    {"SHA-224", 0, date(2029, 1, 1)},
      {"SHA-256", 0, std::nullopt},         {"SHA-384", 0, std::nullopt},      {"SHA-512", 0, std::nullopt},
      {"SHA3-256", 0, std::nullopt},
  };
  p.crypto.keys = {
      {"RSA", 786, date(2010, 8, 1)},   {"RSA", 1024, date(2019, 10, 1)}, {"RSA", 1536, date(2019, 10, 1)},
      {"RSA", 1900, date(2029, 1, 1)},  {"RSA", 3000, date(2029, 1, 1)},  {"DSA", 1024, date(2015, 12, 1)},
      {"DSA", 1900, date(2029, 1, 1)},  {"DSA", 3000, std::nullopt},      {"EC", 160, date(2012, 8, 1)},
      {"EC", 224, date(2021, 10, 1)},   {"EC", 256, std::nullopt},        {"Ed25519", 0, std::nullopt},
      {"Ed448", 0, std::nullopt},
  };
  return p;
}

}  // namespace

const ValidationPolicy& default_validation_policy() {
  static const ValidationPolicy policy = make_default();  // immutable after first use
  return policy;
}

}  // namespace assay::validation
