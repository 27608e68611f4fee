// RFC 5280 4.2.1.10 / 6.1.3 (b)-(c) / 6.1.4 (g) name constraints as path processing keeps them:
// every permitted set seen so far must admit a name (this is the intersection RFC 5280 asks for,
// kept as a list instead of computed), and no excluded subtree may contain it.
// Supports directoryName, rfc822Name, dNSName, URI and iPAddress; a constraint of another form
// in a critical extension makes names of that form unverifiable (reported, path rejected).
#pragma once

#include <string>
#include <vector>

#include "engine/x509/certificate.h"

namespace assay::validation {

class NameConstraintState {
 public:
  // RFC 5280 6.1.4 (g): add a CA's constraints.
  void add(const engine::NameConstraints& constraints);
  // RFC 5280 6.1.3 (b)/(c): empty when `certificate`'s subject and subjectAltNames are all
  // permitted and none excluded; otherwise one sentence per violating name.
  std::vector<std::string> check(const engine::Certificate& certificate) const;

 private:
  std::vector<std::vector<engine::GeneralSubtree>> permitted_;  // each set must admit the name
  std::vector<engine::GeneralSubtree> excluded_;
};

// Whether `name` lies within `base` (same form only). Exposed for tests.
bool name_within(const engine::GeneralName& name, const engine::GeneralName& base);

}  // namespace assay::validation
