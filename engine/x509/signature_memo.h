// What a signed object (certificate, CRL, OCSP response) remembers about its own signature: the
// verdicts already reached with given public keys. A signature check is a pure function of the
// signed bytes and the key, so a second check with the same key — the same CA certificate
// verified while ranking issuers and again in path processing, a delegated OCSP responder
// verified as the response's signer and again on its own path, a CRL read for several
// certificates — costs a comparison instead of a public-key operation. Holds few entries (hostile
// inputs offering many candidate keys are bounded elsewhere; beyond the cap nothing is kept).
// Thread safe. Copies start empty.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace assay::engine {

class SignatureMemo {
 public:
  static constexpr std::size_t kMaxEntries = 4;

  SignatureMemo() = default;
  SignatureMemo(const SignatureMemo&) {}
  SignatureMemo& operator=(const SignatureMemo&) { return *this; }

  // The verdict reached with the key `spki_der` (SubjectPublicKeyInfo DER), if any.
  std::optional<bool> find(std::string_view spki_der) const {
    std::lock_guard lock(mutex_);
    for (const auto& [key, verdict] : entries_) {
      if (key == spki_der) return verdict;
    }
    return std::nullopt;
  }
  // Records a definite verdict (errors — the check could not be made — are not recorded).
  void remember(std::string_view spki_der, bool verdict) const {
    std::lock_guard lock(mutex_);
    if (entries_.size() < kMaxEntries) entries_.emplace_back(spki_der, verdict);
  }

 private:
  mutable std::mutex mutex_;
  mutable std::vector<std::pair<std::string, bool>> entries_;
};

}  // namespace assay::engine
