#include "tsl/trusted_list.h"

#include "tsl/namespaces.h"

namespace assay::tsl {

const std::string& preferred(const MultiLangString& values) {
  static const std::string kEmpty;
  for (const auto& v : values) {
    if (v.lang == "en" || v.lang == "EN") return v.value;
  }
  return values.empty() ? kEmpty : values.front().value;
}

ListKind TrustedList::kind() const {
  return scheme.tsl_type == ns::kTypeLotl || scheme.tsl_type.ends_with("listofthelists") ? ListKind::kLotl
                                                                                         : ListKind::kNational;
}

std::size_t TrustedList::service_count() const {
  std::size_t n = 0;
  for (const auto& tsp : tsps) n += tsp.services.size();
  return n;
}

std::size_t TrustedList::history_instance_count() const {
  std::size_t n = 0;
  for (const auto& tsp : tsps) {
    for (const auto& s : tsp.services) n += s.history.size();
  }
  return n;
}

}  // namespace assay::tsl
