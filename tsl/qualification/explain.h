// Sentences a person can read for a qualification answer: what matched, what was in force,
// what was filtered and why, and the rule behind each of QC / type / QSCD. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "tsl/qualification/qualification.h"

namespace assay::tsl {

// One sentence per fact, in reading order: certificate, chain, candidates, then per instant the
// states and the decision, then the combination and the trust provenance.
std::vector<std::string> explain(const QualificationResult& result);

// The sentences of one instant (used by explain()).
std::vector<std::string> explain_instant(const QualificationResult& result, const InstantResult& instant,
                                         std::string_view label);

// One sentence describing a candidate service: territory, list sequence + SHA-256, TSP, service,
// id, matched chain element and how.
std::string describe_candidate(const QualificationResult& result, const CandidateService& candidate);

// Sentences for a time-stamp qualification.
std::vector<std::string> explain(const TimestampQualification& result);

}  // namespace assay::tsl
