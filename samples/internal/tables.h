// The text files of the federation that must be byte-identical for the same `now`:
// expected.tsv, expected-authentication.tsv, expected-tsa.tsv, urls.tsv, expected-pivot-era.tsv,
// urls-pivot-era.tsv and README.md.
// Internal to assay_samples; pure functions of the scenario table.
#pragma once

#include <map>
#include <string>

namespace assay::samples {

// URL of a federation file ("lists/XA.xml" -> "https://federation.assay.invalid/lists/XA.xml";
// "lotl/lotl.xml" -> the LOTL URL).
std::string url_of(const std::string& file);

std::string expected_tsv();
// The pivot era's rows (scenarios.h pivot_era_scenarios()), columns as expected.tsv.
std::string expected_pivot_era_tsv();
std::string expected_tsa_tsv();
std::string expected_authentication_tsv();
std::string urls_tsv();
// `descriptions`: every file of the federation (relative path -> one-line description).
std::string readme(const std::string& now, const std::map<std::string, std::string>& descriptions);

}  // namespace assay::samples
