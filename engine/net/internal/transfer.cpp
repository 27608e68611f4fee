#include "engine/net/internal/transfer.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

namespace assay::engine::net::internal {
namespace {

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

bool is_redirect_status(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Body bytes arrive here already decoded (gzip/deflate). Returning less than offered makes curl
// abort the transfer with CURLE_WRITE_ERROR, which is how the limit stops a stream early.
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t->body.size() + n > t->body_limit) {
    t->over_limit = true;
    return 0;
  }
  t->body.append(data, n);
  return n;
}

// Collects the headers of interest and refuses https -> http redirects before curl follows them
// (CURLOPT_REDIR_PROTOCOLS_STR alone cannot express "http is fine until https was seen").
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  if (iequals_prefix(line, "HTTP/")) {
    t->headers = ResponseHeaders{};  // a new response (after a redirect or a 100 Continue)
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  const std::string_view name = line.substr(0, colon);
  const std::string value(trim(line.substr(colon + 1)));
  auto is = [&](std::string_view want) { return name.size() == want.size() && iequals_prefix(name, want); };
  if (is("content-type")) {
    t->headers.content_type = value;
  } else if (is("etag")) {
    t->headers.etag = value;
  } else if (is("last-modified")) {
    t->headers.last_modified = value;
  } else if (is("retry-after")) {
    t->headers.retry_after = value;
  } else if (is("date")) {
    t->headers.date = value;
  } else if (is("content-length")) {
    std::uint64_t length = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (ec == std::errc() && end == value.data() + value.size()) t->headers.content_length = length;
  } else if (is("location")) {
    t->headers.location = value;
    long status = 0;
    char* effective = nullptr;
    curl_easy_getinfo(t->easy.get(), CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(t->easy.get(), CURLINFO_EFFECTIVE_URL, &effective);
    if (is_redirect_status(status) && effective != nullptr && iequals_prefix(effective, "https:") &&
        iequals_prefix(value, "http:")) {
      t->downgrade_refused = true;
      return 0;
    }
  }
  return n;
}

// Retry-After (RFC 9110 10.2.3): delay-seconds, or an HTTP-date, which is measured against the
// response's own Date header so that no clock is read here.
std::optional<std::chrono::milliseconds> parse_retry_after(const ResponseHeaders& h) {
  if (!h.retry_after) return std::nullopt;
  const std::string& v = *h.retry_after;
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
  if (ec == std::errc() && end == v.data() + v.size() && seconds >= 0) {
    return std::chrono::milliseconds(std::min<long long>(seconds, 86'400LL) * 1000);
  }
  if (!h.date) return std::nullopt;
  const time_t when = curl_getdate(v.c_str(), nullptr);
  const time_t now = curl_getdate(h.date->c_str(), nullptr);
  if (when < 0 || now < 0) return std::nullopt;
  return std::chrono::milliseconds(std::max<long long>(0, std::min<long long>(when - now, 86'400LL)) * 1000);
}

template <class T>
bool set(CURL* easy, CURLoption option, T value) {
  return curl_easy_setopt(easy, option, value) == CURLE_OK;
}

void set_error(FetchResult& out, FetchFailure failure, Code code, std::string message) {
  out.failure = failure;
  out.error = Error(code, std::move(message));
}

bool is_transient(FetchFailure failure, int status) {
  return failure == FetchFailure::kConnect || failure == FetchFailure::kTimeout ||
         (failure == FetchFailure::kHttpStatus && (status == 429 || status >= 500));
}

}  // namespace

Result<void> prepare_attempt(Transfer& t, const HttpFetcherOptions& o) {
  t.easy.reset(curl_easy_init());
  if (!t.easy) return fail(Code::kInternal, "curl_easy_init failed");
  t.request_headers.reset();
  t.body.clear();
  t.headers = ResponseHeaders{};
  t.over_limit = false;
  t.downgrade_refused = false;
  t.error_buffer[0] = '\0';
  ++t.attempts;

  curl_slist* list = nullptr;
  auto add_header = [&](const std::string& line) {
    curl_slist* next = curl_slist_append(list, line.c_str());
    if (next != nullptr) list = next;
    return next != nullptr;
  };
  bool ok = true;
  if (t.request.etag) ok = ok && add_header("If-None-Match: " + *t.request.etag);
  if (t.request.last_modified) ok = ok && add_header("If-Modified-Since: " + *t.request.last_modified);
  t.request_headers.reset(list);  // owns the list from here, even when an append failed
  if (!ok) return fail(Code::kInternal, "curl_slist_append failed");

  CURL* e = t.easy.get();
  const bool https_origin = iequals_prefix(t.request.url, "https:");
  ok = set(e, CURLOPT_URL, t.request.url.c_str()) && set(e, CURLOPT_PRIVATE, static_cast<void*>(&t)) &&
       set(e, CURLOPT_NOSIGNAL, 1L) && set(e, CURLOPT_ERRORBUFFER, t.error_buffer) &&
       set(e, CURLOPT_WRITEFUNCTION, &on_body) && set(e, CURLOPT_WRITEDATA, static_cast<void*>(&t)) &&
       set(e, CURLOPT_HEADERFUNCTION, &on_header) && set(e, CURLOPT_HEADERDATA, static_cast<void*>(&t)) &&
       set(e, CURLOPT_PROTOCOLS_STR, "http,https") &&
       // Once on https, stay on https (the header callback also covers http -> https -> http).
       set(e, CURLOPT_REDIR_PROTOCOLS_STR, https_origin ? "https" : "http,https") &&
       set(e, CURLOPT_FOLLOWLOCATION, 1L) && set(e, CURLOPT_MAXREDIRS, o.max_redirects) &&
       set(e, CURLOPT_ACCEPT_ENCODING, "") &&
       set(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count())) &&
       set(e, CURLOPT_TIMEOUT_MS, static_cast<long>(o.total_timeout.count())) &&
       set(e, CURLOPT_LOW_SPEED_LIMIT, o.low_speed_limit) &&
       set(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.low_speed_time.count())) &&
       set(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t.body_limit)) &&
       set(e, CURLOPT_SSL_VERIFYPEER, o.tls_verification == TlsVerification::kOn ? 1L : 0L) &&
       set(e, CURLOPT_SSL_VERIFYHOST, o.tls_verification == TlsVerification::kOn ? 2L : 0L) &&
       set(e, CURLOPT_USERAGENT, o.user_agent.c_str()) &&
       set(e, CURLOPT_HTTPHEADER, t.request_headers.get());
  if (ok && !o.ca_bundle.empty()) ok = set(e, CURLOPT_CAINFO, o.ca_bundle.c_str());
  if (!ok) return fail(Code::kInternal, "libcurl refused an option (needs libcurl >= 7.85 with http and https)");
  return {};
}

Verdict classify(Transfer& t, CURLcode code, const HttpFetcherOptions& o, FetchResult& out) {
  CURL* e = t.easy.get();
  long status = 0;
  char* effective = nullptr;
  curl_off_t received = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &effective);
  curl_easy_getinfo(e, CURLINFO_SIZE_DOWNLOAD_T, &received);
  out.http_status = static_cast<int>(status);
  out.final_url = effective != nullptr ? effective : t.request.url;
  out.content_type = t.headers.content_type;
  out.etag = t.headers.etag;
  out.last_modified = t.headers.last_modified;
  out.retry_after = t.headers.retry_after;
  out.attempts = t.attempts;
  out.error.reset();
  out.failure = FetchFailure::kNone;
  out.not_modified = false;
  out.body.clear();

  const std::string detail = t.error_buffer[0] != '\0' ? std::string(t.error_buffer) : curl_easy_strerror(code);
  const std::string bytes = std::to_string(static_cast<long long>(received)) + " bytes";
  if (t.downgrade_refused) {
    set_error(out, FetchFailure::kRedirectRefused, Code::kUnavailable, "redirect from https to http refused");
  } else if (code == CURLE_UNSUPPORTED_PROTOCOL && is_redirect_status(status)) {
    const bool to_http = t.headers.location && iequals_prefix(*t.headers.location, "http:");
    set_error(out, FetchFailure::kRedirectRefused, Code::kUnavailable,
              to_http ? "redirect from https to http refused" : "redirect to an unsupported scheme refused");
  } else if (t.over_limit) {
    set_error(out, FetchFailure::kTooLarge, Code::kResourceExhausted,
              "body over " + std::to_string(t.body_limit) + " bytes");
  } else if (code == CURLE_FILESIZE_EXCEEDED) {
    std::string message = "body over " + std::to_string(t.body_limit) + " bytes";
    if (t.headers.content_length) message += " (Content-Length " + std::to_string(*t.headers.content_length) + ")";
    set_error(out, FetchFailure::kTooLarge, Code::kResourceExhausted, std::move(message));
  } else if (code == CURLE_PARTIAL_FILE) {
    std::string message = "connection closed after " + bytes;
    if (t.headers.content_length) message += " of " + std::to_string(*t.headers.content_length);
    set_error(out, FetchFailure::kTruncated, Code::kMalformed, std::move(message));
  } else if (code == CURLE_BAD_CONTENT_ENCODING) {
    set_error(out, FetchFailure::kBadEncoding, Code::kMalformed, "bad content encoding: " + detail);
  } else if (code == CURLE_TOO_MANY_REDIRECTS) {
    set_error(out, FetchFailure::kTooManyRedirects, Code::kUnavailable,
              "more than " + std::to_string(o.max_redirects) + " redirects");
  } else if (code == CURLE_OPERATION_TIMEDOUT) {
    set_error(out, FetchFailure::kTimeout, Code::kDeadlineExceeded, "timed out after " + bytes + ": " + detail);
  } else if (code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR) {
    set_error(out, FetchFailure::kConnect, Code::kUnavailable, "connection reset after " + bytes + ": " + detail);
  } else if (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST ||
             code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_GOT_NOTHING) {
    set_error(out, FetchFailure::kConnect, Code::kUnavailable, "connect failed: " + detail);
  } else if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR ||
             code == CURLE_SSL_CERTPROBLEM || code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_CIPHER ||
             code == CURLE_SSL_ISSUER_ERROR || code == CURLE_SSL_PINNEDPUBKEYNOTMATCH) {
    set_error(out, FetchFailure::kTls, Code::kUnavailable, "TLS failure: " + detail);
  } else if (code != CURLE_OK) {
    set_error(out, FetchFailure::kOther, Code::kUnavailable, "transfer failed: " + detail);
  } else if (status >= 200 && status < 300) {
    out.body = std::move(t.body);
  } else if (status == 304 && (t.request.etag || t.request.last_modified)) {
    out.not_modified = true;
  } else if (status == 404 || status == 410) {
    set_error(out, FetchFailure::kHttpStatus, Code::kNotFound, "HTTP " + std::to_string(status));
  } else {
    set_error(out, FetchFailure::kHttpStatus, Code::kUnavailable, "HTTP " + std::to_string(status));
  }

  Verdict verdict;
  verdict.retry = out.error && is_transient(out.failure, out.http_status) && t.attempts < o.max_attempts;
  if (verdict.retry && (status == 429 || status == 503)) {
    if (auto after = parse_retry_after(t.headers)) verdict.retry_after = std::min(*after, o.retry_after_max);
  }
  return verdict;
}

void note_attempts(FetchResult& out) {
  if (out.error && out.attempts > 1 && is_transient(out.failure, out.http_status)) {
    out.error = Error(out.error->code(), out.error->message() + " after " + std::to_string(out.attempts) + " attempts");
  }
}

std::chrono::milliseconds backoff_delay(int attempts, const HttpFetcherOptions& o, std::mt19937_64& rng) {
  const int doublings = std::clamp(attempts - 1, 0, 30);
  const long long base = std::min<long long>(o.backoff_max.count(), o.backoff_initial.count() << doublings);
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  return std::chrono::milliseconds(static_cast<long long>(static_cast<double>(base) * jitter(rng)));
}

}  // namespace assay::engine::net::internal
