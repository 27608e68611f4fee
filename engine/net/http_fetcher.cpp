#include "engine/net/http_fetcher.h"

#include <curl/curl.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <unordered_map>

#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "engine/net/internal/transfer.h"

namespace assay::engine::net {

namespace asio = boost::asio;
using internal::Transfer;
using Clock = std::chrono::steady_clock;

namespace {

using CurlMulti = CHandle<CURLM, curl_multi_cleanup>;

// curl owns its sockets: the descriptor wrapper must give the fd back instead of closing it.
struct SocketWatch {
  std::unique_ptr<asio::posix::stream_descriptor> descriptor;
  int wanted = 0;  // CURL_POLL_IN / CURL_POLL_OUT bits
  bool reading = false;
  bool writing = false;
  std::uint64_t generation = 0;  // tells late completions of a reused fd number apart

  ~SocketWatch() {
    if (descriptor) {
      boost::system::error_code ignored;
      descriptor->cancel(ignored);
      descriptor->release();
    }
  }
  SocketWatch() = default;
  SocketWatch(SocketWatch&&) = default;
  SocketWatch& operator=(SocketWatch&&) = default;
};

}  // namespace

// Everything lives on the io_context's thread; handlers hold a weak_ptr so that completions that
// arrive after destruction are dropped.
class HttpFetcher::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(asio::io_context& io, const HttpFetcherOptions& options)
      : io_(io), options_(options), timer_(io), rng_(options.random_seed) {}

  ~Impl() {
    for (auto& [id, t] : active_) {
      if (t->easy) curl_multi_remove_handle(multi_.get(), t->easy.get());
    }
    active_.clear();
    multi_.reset();  // may still call on_socket(REMOVE) for cached connections
    sockets_.clear();
  }

  bool init() {
    multi_.reset(curl_multi_init());
    if (!multi_) return false;
    CURLM* m = multi_.get();
    return curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, &Impl::on_socket) == CURLM_OK &&
           curl_multi_setopt(m, CURLMOPT_SOCKETDATA, static_cast<void*>(this)) == CURLM_OK &&
           curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, &Impl::on_timer) == CURLM_OK &&
           curl_multi_setopt(m, CURLMOPT_TIMERDATA, static_cast<void*>(this)) == CURLM_OK;
  }

  std::atomic<std::size_t> outstanding{0};  // fetch() calls not yet completed (any thread)

  void start(FetchRequest request, FetchCallback done) {
    auto t = std::make_unique<Transfer>();
    t->id = next_id_++;
    t->request = std::move(request);
    t->done = std::move(done);
    t->started = Clock::now();
    t->body_limit = std::min(options_.max_body_bytes, t->request.max_body_bytes.value_or(options_.max_body_bytes));
    queue_.push_back(std::move(t));
    admit();
  }

  void cancel_all() {
    std::vector<std::unique_ptr<Transfer>> victims;
    for (auto& t : queue_) victims.push_back(std::move(t));
    queue_.clear();
    for (auto& [id, t] : active_) {
      if (t->easy) curl_multi_remove_handle(multi_.get(), t->easy.get());
      victims.push_back(std::move(t));
    }
    active_.clear();
    backoff_.clear();  // destroying the timers cancels them; their handlers find nothing
    for (auto& t : victims) {
      FetchResult out;
      out.url = t->request.url;
      out.final_url = t->request.url;
      out.attempts = t->attempts;
      out.failure = FetchFailure::kCancelled;
      out.error = Error(Code::kUnavailable, "cancelled");
      finish(*t, std::move(out));
    }
  }

 private:
  // Moves queued requests into flight while slots are free.
  void admit() {
    while (!queue_.empty() && active_.size() < std::max<std::size_t>(1, options_.max_concurrency)) {
      auto t = std::move(queue_.front());
      queue_.pop_front();
      Transfer& ref = *t;
      active_.emplace(ref.id, std::move(t));
      launch(ref);
    }
  }

  void launch(Transfer& t) {
    auto prepared = internal::prepare_attempt(t, options_);
    CURLMcode added = CURLM_OK;
    if (prepared) added = curl_multi_add_handle(multi_.get(), t.easy.get());
    if (!prepared || added != CURLM_OK) {
      FetchResult out;
      out.url = t.request.url;
      out.final_url = t.request.url;
      out.attempts = t.attempts;
      out.failure = FetchFailure::kOther;
      out.error = prepared ? Error(Code::kInternal, curl_multi_strerror(added)) : prepared.error();
      complete(t.id, std::move(out));
    }
  }

  // Removes the transfer from the active set, reports it, and admits the next one.
  void complete(std::uint64_t id, FetchResult out) {
    auto it = active_.find(id);
    if (it == active_.end()) return;
    auto t = std::move(it->second);
    active_.erase(it);
    finish(*t, std::move(out));
    admit();
  }

  void finish(Transfer& t, FetchResult out) {
    out.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t.started);
    FetchCallback done = std::move(t.done);
    outstanding.fetch_sub(1);
    if (done) done(std::move(out));
  }

  // Reaps finished transfers; called after every socket_action, never from inside a curl callback.
  void drain() {
    int pending = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &pending)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      const CURLcode code = msg->data.result;
      void* priv = nullptr;
      curl_easy_getinfo(easy, CURLINFO_PRIVATE, &priv);
      auto* t = static_cast<Transfer*>(priv);
      curl_multi_remove_handle(multi_.get(), easy);
      FetchResult out;
      out.url = t->request.url;
      const internal::Verdict verdict = internal::classify(*t, code, options_, out);
      t->easy.reset();
      if (verdict.retry) {
        schedule_retry(*t, verdict.retry_after.value_or(internal::backoff_delay(t->attempts, options_, rng_)));
      } else {
        internal::note_attempts(out);
        complete(t->id, std::move(out));
      }
    }
  }

  void schedule_retry(Transfer& t, std::chrono::milliseconds delay) {
    auto timer = std::make_unique<asio::steady_timer>(io_, delay);
    timer->async_wait([weak = weak_from_this(), id = t.id](const boost::system::error_code& ec) {
      auto self = weak.lock();
      if (!self || ec) return;
      self->backoff_.erase(id);
      auto it = self->active_.find(id);
      if (it != self->active_.end()) self->launch(*it->second);
    });
    backoff_[t.id] = std::move(timer);
  }

  // CURLMOPT_SOCKETFUNCTION: curl says what it wants from socket `s`.
  static int on_socket(CURL*, curl_socket_t s, int what, void* user, void*) noexcept {
    auto* self = static_cast<Impl*>(user);
    if (what == CURL_POLL_REMOVE) {
      self->sockets_.erase(s);  // releases (does not close) the fd; curl closes it
      return 0;
    }
    auto it = self->sockets_.find(s);
    if (it == self->sockets_.end()) {
      SocketWatch watch;
      watch.descriptor = std::make_unique<asio::posix::stream_descriptor>(self->io_);
      boost::system::error_code ec;
      watch.descriptor->assign(s, ec);
      if (ec) {
        watch.descriptor->release();
        watch.descriptor.reset();
        return -1;  // curl fails the transfer
      }
      watch.generation = self->next_generation_++;
      it = self->sockets_.emplace(s, std::move(watch)).first;
    }
    it->second.wanted = what;
    self->arm(s, it->second);
    return 0;
  }

  // CURLMOPT_TIMERFUNCTION: one timer for the whole multi handle. Even a 0 ms timeout goes
  // through Asio, since socket_action must not be called from inside this callback.
  static int on_timer(CURLM*, long timeout_ms, void* user) noexcept {
    auto* self = static_cast<Impl*>(user);
    if (timeout_ms < 0) {
      self->timer_.cancel();
      return 0;
    }
    self->timer_.expires_after(std::chrono::milliseconds(timeout_ms));
    self->timer_.async_wait([weak = self->weak_from_this()](const boost::system::error_code& ec) {
      auto me = weak.lock();
      if (!me || ec) return;
      int running = 0;
      curl_multi_socket_action(me->multi_.get(), CURL_SOCKET_TIMEOUT, 0, &running);
      me->drain();
    });
    return 0;
  }

  void arm(curl_socket_t s, SocketWatch& w) {
    auto wait = [&](asio::posix::stream_descriptor::wait_type type, int flag) {
      w.descriptor->async_wait(type, [weak = weak_from_this(), s, gen = w.generation, flag](
                                         const boost::system::error_code& ec) {
        if (auto self = weak.lock()) self->on_ready(s, gen, flag, ec);
      });
    };
    if ((w.wanted & CURL_POLL_IN) && !w.reading) {
      w.reading = true;
      wait(asio::posix::stream_descriptor::wait_read, CURL_CSELECT_IN);
    }
    if ((w.wanted & CURL_POLL_OUT) && !w.writing) {
      w.writing = true;
      wait(asio::posix::stream_descriptor::wait_write, CURL_CSELECT_OUT);
    }
  }

  void on_ready(curl_socket_t s, std::uint64_t generation, int flag, const boost::system::error_code& ec) {
    auto it = sockets_.find(s);
    if (it == sockets_.end() || it->second.generation != generation) return;  // stale completion
    (flag == CURL_CSELECT_IN ? it->second.reading : it->second.writing) = false;
    if (ec == asio::error::operation_aborted) return;
    const int poll_bit = flag == CURL_CSELECT_IN ? CURL_POLL_IN : CURL_POLL_OUT;
    if (!ec && !(it->second.wanted & poll_bit)) return;  // curl no longer cares for this direction
    int running = 0;
    curl_multi_socket_action(multi_.get(), s, ec ? CURL_CSELECT_ERR : flag, &running);
    drain();
    it = sockets_.find(s);
    if (it != sockets_.end() && it->second.generation == generation) arm(s, it->second);
  }

  asio::io_context& io_;
  const HttpFetcherOptions options_;  // a copy: late handlers may outlive the HttpFetcher
  CurlMulti multi_;
  asio::steady_timer timer_;
  std::mt19937_64 rng_;
  std::uint64_t next_id_ = 1;
  std::uint64_t next_generation_ = 1;
  std::deque<std::unique_ptr<Transfer>> queue_;
  std::map<std::uint64_t, std::unique_ptr<Transfer>> active_;  // in curl or waiting to retry
  std::map<std::uint64_t, std::unique_ptr<asio::steady_timer>> backoff_;
  std::unordered_map<curl_socket_t, SocketWatch> sockets_;
};

HttpFetcher::HttpFetcher(asio::io_context& io, HttpFetcherOptions options)
    : options_(std::move(options)), io_(io), impl_(std::make_shared<Impl>(io_, options_)) {
  if (!impl_->init()) impl_.reset();
}

HttpFetcher::HttpFetcher(HttpFetcherOptions options)
    : options_(std::move(options)),
      owned_io_(std::make_unique<asio::io_context>()),
      io_(*owned_io_),
      impl_(std::make_shared<Impl>(io_, options_)) {
  if (!impl_->init()) impl_.reset();
}

HttpFetcher::~HttpFetcher() { impl_.reset(); }

void HttpFetcher::fetch(FetchRequest request, FetchCallback done) {
  done = take_on_done(request, std::move(done));
  if (!impl_) {
    FetchResult out;
    out.url = request.url;
    out.failure = FetchFailure::kOther;
    out.error = Error(Code::kInternal, "curl_multi_init failed");
    if (done) done(std::move(out));
    return;
  }
  impl_->outstanding.fetch_add(1);
  asio::post(io_, [weak = std::weak_ptr<Impl>(impl_), request = std::move(request), done = std::move(done)]() mutable {
    if (auto self = weak.lock()) self->start(std::move(request), std::move(done));
  });
}

void HttpFetcher::cancel_all() {
  if (!impl_) return;
  asio::post(io_, [weak = std::weak_ptr<Impl>(impl_)] {
    if (auto self = weak.lock()) self->cancel_all();
  });
}

void HttpFetcher::run() {
  if (!owned_io_ || !impl_) return;
  owned_io_->restart();
  // run_one rather than run: idle keep-alive sockets stay watched and would keep run() busy.
  while (impl_->outstanding.load() > 0 && owned_io_->run_one()) {
  }
}

std::vector<FetchResult> HttpFetcher::fetch_all(std::vector<FetchRequest> requests) {
  std::vector<FetchResult> results(requests.size());
  if (!owned_io_ && io_.get_executor().running_in_this_thread()) {
    for (std::size_t i = 0; i < requests.size(); ++i) {
      results[i].url = requests[i].url;
      results[i].failure = FetchFailure::kOther;
      results[i].error = Error(Code::kInternal, "fetch_all called on the fetcher's own io_context thread");
    }
    return results;
  }
  std::mutex mutex;
  std::condition_variable cv;
  std::size_t remaining = requests.size();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    fetch(std::move(requests[i]), [&, i](FetchResult r) {
      std::lock_guard lock(mutex);
      results[i] = std::move(r);
      if (--remaining == 0) cv.notify_all();
    });
  }
  if (owned_io_) {
    run();
  } else {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return remaining == 0; });
  }
  return results;
}

}  // namespace assay::engine::net
