// A faulty validation service for audit tests (issue 17 checks): an HTTP server on 127.0.0.1 that
// speaks the DSS REST API (validateSignature, validateCertificate) by forwarding to assay's own
// DSS-compatible handler over the sample federation — and is wrong on purpose, in these
// documented ways (each can be switched off):
//   accept_revoked    a signer or certificate found revoked (SubIndication REVOKED*) is reported
//                     TOTAL_PASSED / PASSED                           → the audit finds a Major NC
//   ignore_withdrawal the certificate's qualification at validation time is reported as it was
//                     at issuance, as if the service had never been withdrawn → Major NC
//                     (a qualification over-claim)
//   wrong_sub         OUT_OF_BOUNDS_NO_POE is reported as OUT_OF_BOUNDS_NOT_REVOKED → Minor NC
//   stall_once_on     the first request whose body contains this text gets no answer for
//                     `stall` (longer than the client's timeout); later ones are answered
//                     → no finding with retries, an Observation (time-out) without
// Like a deployed DSS, the double finds revocation data itself: every CRL of the federation is
// given to the validation (the DSS DTO cannot carry any).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "tests/engine/support/test_http_server.h"
#include "tests/service/http/federation_fixture.h"

namespace assay::testing {

struct DssFaults {
  bool accept_revoked = false;
  bool ignore_withdrawal = false;
  bool wrong_sub = false;
  std::string stall_once_on;  // "" = never
  std::chrono::milliseconds stall{4000};
};

class FaultyDssDouble {
 public:
  // Serves the federation in `federation` (a suite's federation/ folder: urls.tsv, oj/, revocation/).
  FaultyDssDouble(DssFaults faults, const std::filesystem::path& federation);
  // "http://127.0.0.1:PORT/services/rest"
  std::string base() const { return server_.url("/services/rest"); }
  TestHttpServer& server() { return server_; }

 private:
  HttpScript answer(const RecordedRequest& request);

  DssFaults faults_;
  SampleFederation federation_;
  bool stalled_ = false;
  TestHttpServer server_;
};

}  // namespace assay::testing
