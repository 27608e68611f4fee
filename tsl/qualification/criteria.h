// Evaluation of a TL `CriteriaList` against a certificate (TS 119 612 5.5.9.2): KeyUsage,
// PolicySet, nested lists, and the otherCriteriaList ExtendedKeyUsage / CertSubjectDNAttribute.
// An unknown criterion never matches. Pure functions.
#pragma once

#include <string>

#include "engine/x509/certificate.h"
#include "tsl/trusted_list.h"

namespace assay::tsl {

// True when `criteria` matches `certificate`. `trace` (optional) receives a compact account of
// the evaluation, e.g. "all[KeyUsage(nonRepudiation=true):yes PolicySet(0.4.0.194112.1.2):no]=no".
bool criteria_match(const CriteriaList& criteria, const engine::Certificate& certificate, std::string* trace = nullptr);

// "all", "atLeastOne", "none".
std::string_view criteria_assert_name(CriteriaList::Assert a) noexcept;

}  // namespace assay::tsl
