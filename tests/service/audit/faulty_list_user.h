// A faulty in-process TL-user for audit tests (issue 17): a validation service whose trusted-list
// state the runner controls (like the in-process `assay` target), answering qualification
// questions with a snapshot built wrongly on purpose, in these documented ways (each switchable):
//   ignore_authentication  every list the LOTL points to is used, whether its signature verifies
//                          or not (the lists are parsed and taken as they are)
//   accept_rollback        only the list state served last counts: whatever version a URL serves
//                          now replaces the one in force, even with a lower sequence number
//   keep_superseded        only the first list state counts: a newer version never replaces the
//                          one the service loaded first
//   follow_pivot_pointers  the lists that the pivot LOTLs (the LOTL's SchemeInformationURIs ending
//                          in .xml) point to are used as well as the LOTL's own
// Cases without their own [trust] (and every non-qualification case) get assay's own answer, so
// a campaign reports findings only on the list-state cases the fault concerns.
#pragma once

#include <memory>
#include <string>

#include "service/audit/suite.h"
#include "service/audit/target.h"

namespace assay::testing {

struct ListFaults {
  bool ignore_authentication = false;
  bool accept_rollback = false;
  bool keep_superseded = false;
  bool follow_pivot_pointers = false;
};

class FaultyListUser final : public service::audit::Target {
 public:
  // `honest`: the in-process assay target for the same suite.
  FaultyListUser(ListFaults faults, std::unique_ptr<service::audit::Target> honest)
      : faults_(faults), honest_(std::move(honest)) {}
  std::string identity() const override { return "faulty TL-user (test double, in-process)"; }
  service::audit::Observation ask(const service::audit::Suite& suite, const service::audit::SuiteCase& c) override;

 private:
  ListFaults faults_;
  std::unique_ptr<service::audit::Target> honest_;
};

}  // namespace assay::testing
