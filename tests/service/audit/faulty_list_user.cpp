// The faulty TL-user (faulty_list_user.h): assay's own loading for the honest part, then the
// documented mistakes applied to the mirror states and the snapshot.
#include "tests/service/audit/faulty_list_user.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/file.h"
#include "engine/x509/certificate.h"
#include "service/audit/suite_trust.h"
#include "tsl/federation_authentication.h"
#include "tsl/parser.h"
#include "tsl/qualification/qualification.h"
#include "tsl/trust_snapshot.h"

namespace assay::testing {
namespace {

namespace fs = std::filesystem;
using service::audit::Observation;

// url -> file of a mirror map (url<TAB>file, files relative to the map's folder).
std::map<std::string, fs::path> read_map(const fs::path& tsv) {
  std::map<std::string, fs::path> out;
  std::ifstream in(tsv);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab != std::string::npos) out[line.substr(0, tab)] = tsv.parent_path() / line.substr(tab + 1);
  }
  return out;
}

std::shared_ptr<const tsl::TrustedList> parse_at(const std::map<std::string, fs::path>& map, const std::string& url) {
  const auto it = map.find(url);
  if (it == map.end()) return nullptr;
  auto bytes = engine::read_file(it->second, std::size_t{1} << 24);
  if (!bytes) return nullptr;
  auto list = tsl::parse_trusted_list(*bytes);
  return list ? *list : nullptr;
}

Observation failed(std::string detail) {
  Observation o;
  o.status = Observation::Status::kServiceError;
  o.detail = std::move(detail);
  return o;
}

}  // namespace

Observation FaultyListUser::ask(const service::audit::Suite& suite, const service::audit::SuiteCase& c) {
  if (!c.trust || c.question != service::audit::Question::kQualification) return honest_->ask(suite, c);
  service::audit::CaseTrust trust = *c.trust;
  if (faults_.accept_rollback) trust.mirrors = {trust.mirrors.back()};
  if (faults_.keep_superseded) trust.mirrors = {trust.mirrors.front()};
  auto loaded = service::audit::SuiteTrust::open(suite, trust);
  if (!loaded) return failed(loaded.error().message());
  const tsl::TrustSnapshot* snapshot = (*loaded)->snapshot();
  if (snapshot == nullptr) return failed("no snapshot");
  tsl::TrustSnapshotPtr rebuilt;

  if (faults_.ignore_authentication || faults_.follow_pivot_pointers) {
    const auto map = read_map(trust.mirrors.back());
    std::vector<tsl::OtherTslPointer> pointers;
    const auto lotl = parse_at(map, suite.trust.lotl_url);
    if (lotl == nullptr) return failed("the LOTL does not parse");
    if (faults_.ignore_authentication) pointers = lotl->scheme.pointers;
    if (faults_.follow_pivot_pointers) {
      // Only what the pivots add: a territory the LOTL points to is the LOTL's business.
      std::set<std::string> pointed;
      for (const auto& p : lotl->scheme.pointers) pointed.insert(p.territory);
      for (const auto& uri : lotl->scheme.scheme_information_uris) {
        if (!uri.value.ends_with(".xml")) continue;
        if (const auto pivot = parse_at(map, uri.value)) {
          for (const auto& p : pivot->scheme.pointers) {
            if (!pointed.contains(p.territory)) pointers.push_back(p);
          }
        }
      }
    }
    tsl::SnapshotInput input;
    input.trust_time = snapshot->trust_time();
    input.lotl = snapshot->lotl();
    std::set<std::string> territories;
    for (const auto& l : snapshot->lists()) {
      input.lists.push_back({l.url, l.timelines->list, l.auth_status, l.findings});
      territories.insert(l.list().scheme.territory);
    }
    for (const auto& p : pointers) {
      if (!tsl::is_xml_list_pointer(p) || p.territory == "EU" || territories.contains(p.territory)) continue;
      if (auto list = parse_at(map, p.location)) {
        input.lists.push_back({p.location, list, "authenticated", {}});  // the fault: never checked
        territories.insert(p.territory);
      }
    }
    rebuilt = tsl::TrustSnapshot::build(std::move(input));
    snapshot = rebuilt.get();
  }

  std::vector<engine::CertificatePtr> chain;
  for (const auto& f : c.certificates) {
    auto bytes = engine::read_file(f, std::size_t{1} << 20);
    if (!bytes) return failed(bytes.error().message());
    auto parsed = engine::Certificate::parse_pem_chain(*bytes);
    if (!parsed) return failed(parsed.error().message());
    chain.insert(chain.end(), parsed->begin(), parsed->end());
  }
  const tsl::QualificationResult result = tsl::qualify(*snapshot, chain, c.at);
  Observation o;
  o.status = Observation::Status::kAnswered;
  o.qualification = result.label;
  return o;
}

}  // namespace assay::testing
