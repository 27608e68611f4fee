// http_exchange.h over libcurl easy handles. A session keeps one easy handle for plain HTTP:
// curl_easy_reset clears the options but keeps the handle's live connections, so the next
// exchange to the same server reuses the connection if the server left it open (and libcurl
// opens a new one, transparently, if it did not). HTTPS gets a fresh handle per exchange: the
// chain comes from CURLINFO_CERTINFO, which libcurl fills during a handshake, so every HTTPS
// exchange has its own handshake and its own record.
#include "engine/net/http_exchange.h"

#include <curl/curl.h>

#include <cctype>

#include "engine/c_handle.h"
#include "engine/digest.h"
#include "engine/x509/certificate.h"

namespace assay::engine::net {
namespace {

using CurlEasy = CHandle<CURL, curl_easy_cleanup>;
using CurlSlist = CHandle<curl_slist, curl_slist_free_all>;

constexpr std::size_t kMaxHeaderBytes = std::size_t{1} << 20;

struct Sink {
  std::string body;
  std::string headers;
  std::size_t limit = 0;
  bool over_limit = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto* s = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (s->body.size() + n > s->limit) {
    s->over_limit = true;
    return 0;  // curl aborts with CURLE_WRITE_ERROR: the rest is never read
  }
  s->body.append(data, n);
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto* s = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  // A new status line starts a new response (a 100 Continue before the real one): keep the last.
  if (line.starts_with("HTTP/")) s->headers.clear();
  if (s->headers.size() + n > kMaxHeaderBytes) return 0;
  s->headers.append(line);
  return n;
}

template <class T>
bool set(CURL* easy, CURLoption option, T value) {
  return curl_easy_setopt(easy, option, value) == CURLE_OK;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) return false;
  }
  return true;
}

std::vector<PeerCertificate> peer_chain(CURL* easy) {
  std::vector<PeerCertificate> out;
  curl_certinfo* info = nullptr;
  if (curl_easy_getinfo(easy, CURLINFO_CERTINFO, &info) != CURLE_OK || info == nullptr) return out;
  for (int i = 0; i < info->num_of_certs; ++i) {
    PeerCertificate pc;
    for (curl_slist* item = info->certinfo[i]; item != nullptr; item = item->next) {
      const std::string_view field(item->data);
      if (field.starts_with("Subject:")) pc.subject = std::string(field.substr(8));
      else if (field.starts_with("Issuer:")) pc.issuer = std::string(field.substr(7));
      else if (field.starts_with("Cert:")) {
        auto parsed = Certificate::parse_pem_chain(field.substr(5));
        if (parsed && !parsed->empty()) pc.sha256 = to_hex(sha256((*parsed)[0]->der()));
      }
    }
    out.push_back(std::move(pc));
  }
  return out;
}

void failed(HttpExchangeResult& r, ExchangeFailure f, std::string why) {
  r.failure = f;
  r.error = std::move(why);
}

}  // namespace

std::string_view exchange_failure_name(ExchangeFailure f) noexcept {
  switch (f) {
    case ExchangeFailure::kNone: return "none";
    case ExchangeFailure::kConnect: return "connect";
    case ExchangeFailure::kTimeout: return "timeout";
    case ExchangeFailure::kTooLarge: return "too_large";
    case ExchangeFailure::kTls: return "tls";
    case ExchangeFailure::kOther: return "other";
  }
  return "other";
}

struct HttpSession::Impl {
  CurlEasy plain;  // the plain-HTTP handle whose connection later exchanges reuse
};

HttpSession::HttpSession() : impl_(std::make_unique<Impl>()) {}
HttpSession::~HttpSession() = default;
HttpSession::HttpSession(HttpSession&&) noexcept = default;
HttpSession& HttpSession::operator=(HttpSession&&) noexcept = default;

HttpExchangeResult http_post(const std::string& url, const std::vector<std::string>& headers, std::string_view body,
                             const HttpExchangeOptions& options) {
  HttpSession once;
  return once.post(url, headers, body, options);
}

HttpExchangeResult HttpSession::post(const std::string& url, const std::vector<std::string>& headers, std::string_view body,
                                     const HttpExchangeOptions& o) {
  HttpExchangeResult r;
  const auto start = std::chrono::steady_clock::now();
  auto done = [&]() -> HttpExchangeResult {
    r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    return std::move(r);
  };
  if (!starts_with_ci(url, "http://") && !starts_with_ci(url, "https://")) {
    failed(r, ExchangeFailure::kOther, "only http and https URLs: '" + url + "'");
    return done();
  }
  const bool tls = starts_with_ci(url, "https://");
  CurlEasy fresh;
  if (!tls && impl_->plain) {
    curl_easy_reset(impl_->plain.get());
  } else {
    (tls ? fresh : impl_->plain).reset(curl_easy_init());
  }
  CURL* const e = tls ? fresh.get() : impl_->plain.get();
  if (e == nullptr) {
    failed(r, ExchangeFailure::kOther, "curl_easy_init failed");
    return done();
  }
  curl_slist* list = nullptr;
  for (const auto& h : headers) {
    if (curl_slist* next = curl_slist_append(list, h.c_str()); next != nullptr) list = next;
  }
  // No "Expect: 100-continue" round trip: the target answers the whole request.
  if (curl_slist* next = curl_slist_append(list, "Expect:"); next != nullptr) list = next;
  CurlSlist header_list(list);
  Sink sink;
  sink.limit = o.max_body_bytes;
  char error_buffer[CURL_ERROR_SIZE] = {};
  const bool ok =
      set(e, CURLOPT_URL, url.c_str()) && set(e, CURLOPT_NOSIGNAL, 1L) && set(e, CURLOPT_ERRORBUFFER, error_buffer) &&
      set(e, CURLOPT_PROTOCOLS_STR, "http,https") && set(e, CURLOPT_FOLLOWLOCATION, 0L) &&
      set(e, CURLOPT_POST, 1L) && set(e, CURLOPT_POSTFIELDS, body.data()) &&
      set(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size())) &&
      set(e, CURLOPT_HTTPHEADER, header_list.get()) && set(e, CURLOPT_WRITEFUNCTION, &on_body) &&
      set(e, CURLOPT_WRITEDATA, static_cast<void*>(&sink)) && set(e, CURLOPT_HEADERFUNCTION, &on_header) &&
      set(e, CURLOPT_HEADERDATA, static_cast<void*>(&sink)) &&
      set(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count())) &&
      set(e, CURLOPT_TIMEOUT_MS, static_cast<long>(o.total_timeout.count())) &&
      set(e, CURLOPT_LOW_SPEED_LIMIT, o.low_speed_limit) &&
      set(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.low_speed_time.count())) &&
      set(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_body_bytes)) &&
      set(e, CURLOPT_ACCEPT_ENCODING, "") && set(e, CURLOPT_CERTINFO, 1L) &&
      set(e, CURLOPT_SSL_VERIFYPEER, 1L) && set(e, CURLOPT_SSL_VERIFYHOST, 2L) &&
      set(e, CURLOPT_USERAGENT, o.user_agent.c_str()) &&
      (o.ca_bundle.empty() || set(e, CURLOPT_CAINFO, o.ca_bundle.c_str()));
  if (!ok) {
    failed(r, ExchangeFailure::kOther, "libcurl refused an option (needs libcurl >= 7.85 with http and https)");
    return done();
  }
  const CURLcode code = curl_easy_perform(e);
  // The handle outlives this call (its connection is kept): nothing may point into this frame.
  set(e, CURLOPT_ERRORBUFFER, static_cast<char*>(nullptr));
  set(e, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
  long status = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
  r.status = static_cast<int>(status);
  long connects = 0;
  if (curl_easy_getinfo(e, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK) r.reused_connection = code == CURLE_OK && connects == 0;
  r.response_headers = std::move(sink.headers);
  r.peer_chain = peer_chain(e);
  const std::string detail = error_buffer[0] != '\0' ? std::string(error_buffer) : curl_easy_strerror(code);
  if (sink.over_limit || code == CURLE_FILESIZE_EXCEEDED) {
    failed(r, ExchangeFailure::kTooLarge, "answer too large: over " + std::to_string(o.max_body_bytes) + " bytes");
  } else if (code == CURLE_OPERATION_TIMEDOUT) {
    failed(r, ExchangeFailure::kTimeout, "timed out after " + std::to_string(sink.body.size()) + " body bytes: " + detail);
  } else if (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_GOT_NOTHING ||
             code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR || code == CURLE_PARTIAL_FILE) {
    failed(r, ExchangeFailure::kConnect, "connection failed: " + detail);
  } else if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR || code == CURLE_SSL_CERTPROBLEM ||
             code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_CIPHER || code == CURLE_SSL_ISSUER_ERROR) {
    failed(r, ExchangeFailure::kTls, "TLS failure: " + detail);
  } else if (code != CURLE_OK) {
    failed(r, ExchangeFailure::kOther, "transfer failed: " + detail);
  } else {
    r.body = std::move(sink.body);
  }
  return done();
}

}  // namespace assay::engine::net
