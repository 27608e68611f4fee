// Certificate revocation lists (RFC 5280 5) and the CRLDistributionPoints syntax they share.
#include "engine/x509/crl.h"
#include "fuzz/support/fuzz_target.h"

ASSAY_FUZZ_TARGET(crl) {
  using namespace assay::engine;
  const auto bytes = assay::fuzz::as_text(data, size);
  if (auto crl = Crl::parse_der(bytes)) {
    const auto& c = **crl;
    // A few lookups (each is linear; all of them would make the target quadratic).
    for (std::size_t i = 0; i < c.entries().size() && i < 4; ++i) (void)c.find(c.entries()[i].serial);
    if (c.crl_number()) (void)compare_crl_numbers(*c.crl_number(), c.delta_base().value_or(""));
  }
  (void)parse_distribution_points(bytes);
  return 0;
}
