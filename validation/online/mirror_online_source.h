// The OnlineSource of `--online` validation against a mirror map (tests, air-gapped audits,
// `assay serve --online` auditing itself): CRLs and caIssuers certificates are files named by
// URL, as in every mirror map; OCSP responders are folders of pre-produced responses.
//
// Why folders for OCSP: an OCSP GET URL carries the request (RFC 6960 A.1), and a POST has it in
// the body, so a URL -> file map cannot name the answer: the URL depends on the requester's
// CertID hash algorithm and nonce. A responder that answers with pre-produced responses (RFC 5019
// 2.2; RFC 6960 2.2 allows it) picks the response by the request's CertID, and so does this
// source: a map line whose target is a path ending in '/' maps the responder URL (as in the certificate's AIA
// id-ad-ocsp) to a folder, and every `*.ocsp` file in it (DER OCSPResponse) is served for the
// CertIDs its SingleResponses name. The responses are read and parsed once, at open(); a file
// that is not an OCSP response fails open() naming it (a broken mirror is a setup error, not a
// revocation answer).
//
// Every other line is an ordinary MirrorFetcher line (engine/net/mirror_fetcher.h), fetched
// through StoreOnlineSource (stored and recorded in the store). Answers from a responder folder
// are not recorded in the store: they are local files, named in the map.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/net/mirror_fetcher.h"
#include "engine/x509/ocsp_response.h"
#include "validation/online/store_online_source.h"

namespace assay::validation {

class MirrorOnlineSource final : public OnlineSource {
 public:
  // Reads the map `tsv`. `delegate` fetches the map's http(s) targets (may be null); `store` and
  // `now` are StoreOnlineSource's. Errors: the map's (kNotFound, kMalformed with the line), a
  // responder folder that is missing or holds no `*.ocsp` file, a file that does not parse.
  static engine::Result<std::unique_ptr<MirrorOnlineSource>> open(const std::filesystem::path& tsv,
                                                                  engine::net::Fetcher* delegate,
                                                                  engine::store::Store* store,
                                                                  std::function<engine::UtcTime()> now,
                                                                  StoreOnlineSourceOptions options = {});

  std::vector<OnlineResponse> fetch(std::span<const OnlineRequest> requests) const override;

  // The responder URLs served from folders, sorted.
  std::vector<std::string> responders() const;

 private:
  MirrorOnlineSource() = default;
  // The pre-produced response of `responder` for the first CertID of `request_der`; kNotFound
  // naming the serial when the folder holds none (a real responder would answer "unknown").
  engine::Result<std::string> answer_ocsp(const std::string& responder, std::string_view request_der) const;

  std::unique_ptr<engine::net::MirrorFetcher> mirror_;
  std::unique_ptr<StoreOnlineSource> files_;
  std::map<std::string, std::vector<engine::OcspResponsePtr>> responders_;  // URL without trailing '/'
};

}  // namespace assay::validation
