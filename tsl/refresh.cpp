#include "tsl/refresh.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <thread>

#include "tsl/finding_ids.h"
#include "tsl/namespaces.h"

namespace assay::tsl {
namespace {

using engine::Severity;
using engine::net::FetchRequest;
using engine::net::FetchResult;

// Bodies that are obviously not trusted lists are fetch failures, never documents to parse
// (an HTML error page served with 200 is the classic way peers lose their lists).
std::optional<std::string> not_a_list_reason(const FetchResult& r) {
  if (r.body.empty()) return "empty body";
  if (r.content_type) {
    std::string type = *r.content_type;
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* bad : {"text/html", "application/xhtml", "application/pdf", "image/", "application/json"}) {
      if (type.find(bad) != std::string::npos) return "served as " + *r.content_type + ", not a trusted list";
    }
  }
  return std::nullopt;
}

std::string findings_json(const engine::Findings& findings) {
  std::string out = "[";
  for (const auto& f : findings) {
    if (out.size() > 1) out += ",";
    std::string id;
    for (const char c : f.id) {
      if (c != '"' && c != '\\') id += c;
    }
    out += "\"" + id + "\"";
  }
  return out + "]";
}

}  // namespace

std::string_view refresh_outcome_name(RefreshOutcome outcome) noexcept {
  switch (outcome) {
    case RefreshOutcome::kUpdated: return "updated";
    case RefreshOutcome::kUnchanged: return "unchanged";
    case RefreshOutcome::kKeptPrevious: return "kept_previous";
    case RefreshOutcome::kMissing: return "missing";
  }
  return "missing";
}

// One refresh: the state it reads at the start, the records it writes, the state it builds.
class RefreshRun {
 public:
  RefreshRun(Refresher& owner, const RefreshOptions& options) : owner_(owner), options_(options) {}

  engine::Result<std::shared_ptr<const TrustState>> run();

  // The documents this run fetched and parsed, adopted or not (any thread may add during run()).
  const std::vector<std::string>& attempted() const { return attempted_; }

 private:
  // A parsed document with its signature check, as cached by the Refresher.
  using Parsed = Refresher::Cached;
  // The document behind `url` now: its previous in-force record and what this run fetched.
  struct Slot {
    std::string url;
    std::optional<engine::store::InForceRecord> previous;
    ListState state;
    std::optional<engine::store::InForceRecord> next_record;  // what to write back
  };

  engine::UtcTime now() const { return options_.clock ? options_.clock() : options_.trust_time; }
  FetchRequest request_for(const Slot& slot) const;
  std::shared_ptr<const Refresher::Cached> parsed(const std::string& sha256, const std::string& url,
                                                  std::string bytes_if_known);
  void process(Slot& slot, FetchResult fetched, const std::function<Authentication(const Parsed&)>& judge,
               const std::string& kind);
  void keep_previous(Slot& slot, const std::function<Authentication(const Parsed&)>& judge, AuthStatus status,
                     std::string reason);
  // The version in force was served again (304 or the same bytes): it stays, no longer stale.
  void keep_unchanged(Slot& slot, const std::function<Authentication(const Parsed&)>& judge);
  void note(Slot& slot, const char* id, Severity severity, std::string message) {
    slot.state.findings.push_back({id, severity, std::move(message), slot.url});
  }
  void report_progress(const std::string& url, std::size_t bytes);
  // Fetch records are written in one transaction at the end of the run: one durable commit
  // instead of one per document (bodies themselves are stored, fsynced, before parsing).
  void log_fetch(engine::store::FetchRecord record) {
    std::lock_guard lock(fetch_log_mutex_);
    fetch_log_.push_back(std::move(record));
  }
  engine::Result<std::string> fetch_pivot(const std::string& url);

  Refresher& owner_;
  const RefreshOptions& options_;
  std::map<std::string, engine::store::InForceRecord> in_force_;
  std::vector<engine::store::InForceRecord> pivot_records_;
  std::int64_t run_id_ = 0;
  std::mutex progress_mutex_;
  RefreshProgress progress_;
  std::mutex fetch_log_mutex_;
  std::vector<engine::store::FetchRecord> fetch_log_;
  std::mutex attempted_mutex_;
  std::vector<std::string> attempted_;
};

FetchRequest RefreshRun::request_for(const Slot& slot) const {
  FetchRequest r;
  r.url = slot.url;
  if (!slot.previous) return r;
  // Validators only from the fetch that produced the version in force: a 304 then means "still
  // that version", never "still the rejected body we saw last time".
  auto fetch = owner_.store_.latest_fetch_of(slot.url, slot.previous->sha256);
  if (fetch && *fetch) {
    r.etag = (*fetch)->etag;
    r.last_modified = (*fetch)->last_modified;
  }
  return r;
}

std::shared_ptr<const Refresher::Cached> RefreshRun::parsed(const std::string& sha256, const std::string& url,
                                                            std::string bytes) {
  {
    std::lock_guard lock(owner_.cache_mutex_);
    auto it = owner_.parsed_.find(sha256);
    if (it != owner_.parsed_.end()) return it->second;
  }
  if (bytes.empty()) {
    auto blob = owner_.store_.get_blob(sha256, options_.parse.limits.max_bytes);
    if (!blob) return nullptr;
    bytes = std::move(*blob);
  }
  owner_.documents_parsed_.fetch_add(1);
  auto loaded = load_list(url, std::move(bytes), options_.parse);
  if (!loaded) return nullptr;
  auto cached = std::make_shared<Refresher::Cached>();
  cached->signature = check_signature(*loaded);
  cached->loaded = std::move(*loaded);
  std::lock_guard lock(owner_.cache_mutex_);
  return owner_.parsed_.emplace(sha256, std::move(cached)).first->second;
}

void RefreshRun::keep_previous(Slot& slot, const std::function<Authentication(const Parsed&)>& judge,
                               AuthStatus status, std::string reason) {
  slot.state.attempt_status = status;
  slot.state.reason = std::move(reason);
  if (!slot.previous) {
    slot.state.outcome = RefreshOutcome::kMissing;
    return;
  }
  slot.state.outcome = RefreshOutcome::kKeptPrevious;
  auto cached = parsed(slot.previous->sha256, slot.url, {});
  if (cached) {
    slot.state.in_force = cached->loaded;
    slot.state.territory = cached->loaded.list->scheme.territory;
    slot.state.in_force_authentication = judge(*cached);
    if (!slot.state.in_force_authentication.authenticated()) {
      note(slot, finding::kInForceNoLongerTrusted, Severity::kError,
           "the version in force no longer authenticates: " + slot.state.in_force_authentication.detail);
    }
  } else {
    note(slot, finding::kStoreFailure, Severity::kError, "the version in force could not be read from the store");
  }
  slot.state.in_force_since = slot.previous->since;
  slot.state.stale_since = slot.previous->stale_since.value_or(now());
  auto record = *slot.previous;
  record.stale_since = slot.state.stale_since;
  record.reason = slot.state.reason;
  slot.next_record = record;
}

void RefreshRun::keep_unchanged(Slot& slot, const std::function<Authentication(const Parsed&)>& judge) {
  keep_previous(slot, judge, AuthStatus::kAuthenticated, "");
  slot.state.outcome = RefreshOutcome::kUnchanged;
  slot.state.attempt_status = slot.state.in_force_authentication.status;
  slot.state.stale_since.reset();
  slot.next_record->stale_since.reset();
}

void RefreshRun::process(Slot& slot, FetchResult fetched, const std::function<Authentication(const Parsed&)>& judge,
                         const std::string& kind) {
  auto& store = owner_.store_;
  const engine::UtcTime fetched_at = now();
  engine::store::FetchRecord record;
  record.url = slot.url;
  record.time = fetched_at;
  record.http_status = fetched.http_status;
  record.etag = fetched.etag;
  record.last_modified = fetched.last_modified;
  record.duration_ms = fetched.duration.count();

  if (fetched.error) {
    record.error = fetched.error->message();
    log_fetch(record);
    return keep_previous(slot, judge, AuthStatus::kNotAvailable, fetched.error->message());
  }
  if (fetched.not_modified) {
    log_fetch(record);
    if (!slot.previous) return keep_previous(slot, judge, AuthStatus::kNotAvailable, "304 without a version in force");
    return keep_unchanged(slot, judge);
  }
  // Store before parsing: every body is kept, good or bad.
  record.size = static_cast<std::int64_t>(fetched.body.size());
  auto sha = store.put_blob(fetched.body, fetched_at);
  if (sha) record.sha256 = *sha;
  if (auto bad = not_a_list_reason(fetched)) {
    record.error = *bad;
    log_fetch(record);
    note(slot, finding::kNotAList, Severity::kError, *bad);
    return keep_previous(slot, judge, AuthStatus::kMalformed, *bad);
  }
  log_fetch(record);
  if (!sha) {
    note(slot, finding::kStoreFailure, Severity::kError, sha.error().message());
    return keep_previous(slot, judge, AuthStatus::kNotAvailable, "could not store the body: " + sha.error().message());
  }
  if (slot.previous && slot.previous->sha256 == *sha) return keep_unchanged(slot, judge);

  auto cached = parsed(*sha, slot.url, std::move(fetched.body));
  if (!cached) {
    // Not parsable: recorded as a version attempt so the history shows it.
    return keep_previous(slot, judge, AuthStatus::kMalformed, "the body is not a readable trusted list");
  }
  {
    std::lock_guard lock(attempted_mutex_);
    attempted_.push_back(*sha);
  }
  const LoadedList& loaded = cached->loaded;
  Authentication auth = judge(*cached);
  engine::store::VersionRecord version;
  version.url = slot.url;
  version.territory = loaded.list->scheme.territory;
  version.kind = kind;
  version.sequence = static_cast<std::int64_t>(loaded.list->scheme.sequence_number);
  version.issued = loaded.list->scheme.issue_date_time;
  version.next_update = loaded.list->scheme.next_update;
  version.sha256 = *sha;
  version.auth_status = std::string(auth_status_name(auth.status));
  version.findings_json = findings_json(auth.findings);
  version.trust_time = options_.trust_time;
  version.recorded_at = fetched_at;
  if (auto v = store.record_version(version); !v) note(slot, finding::kStoreFailure, Severity::kWarning, v.error().message());

  if (!auth.authenticated()) return keep_previous(slot, judge, auth.status, auth.detail);

  if (slot.previous) {
    auto previous = parsed(slot.previous->sha256, slot.url, {});
    if (previous) {
      const auto old_seq = previous->loaded.list->scheme.sequence_number;
      const auto new_seq = loaded.list->scheme.sequence_number;
      if (new_seq < old_seq) {
        const std::string why = "sequence " + std::to_string(new_seq) + " is lower than the version in force (" +
                                std::to_string(old_seq) + ")";
        note(slot, finding::kSequenceRegression, Severity::kError, why);
        return keep_previous(slot, judge, AuthStatus::kAuthenticated, why);
      }
      if (new_seq == old_seq) {
        note(slot, finding::kSameSequenceNewContent, Severity::kWarning,
             "new content under the same sequence number " + std::to_string(new_seq));
      }
    }
  }
  slot.state.outcome = RefreshOutcome::kUpdated;
  slot.state.territory = loaded.list->scheme.territory;
  slot.state.attempt_status = auth.status;
  slot.state.in_force = loaded;
  slot.state.in_force_authentication = std::move(auth);
  slot.state.in_force_since = fetched_at;
  slot.next_record = engine::store::InForceRecord{slot.url, *sha, fetched_at, std::nullopt, ""};
}

void RefreshRun::report_progress(const std::string& url, std::size_t bytes) {
  if (!options_.progress) return;
  std::lock_guard lock(progress_mutex_);
  ++progress_.done;
  progress_.bytes += bytes;
  progress_.current = url;
  options_.progress(progress_);
}

engine::Result<std::string> RefreshRun::fetch_pivot(const std::string& url) {
  FetchRequest request;
  request.url = url;
  auto results = owner_.fetcher_.fetch_all({request});
  FetchResult& r = results.at(0);
  engine::store::FetchRecord record{url, now(), r.http_status, r.etag, r.last_modified, std::nullopt, std::nullopt,
                                    r.duration.count(), std::nullopt};
  if (r.error) {
    record.error = r.error->message();
    log_fetch(record);
    return std::unexpected(*r.error);
  }
  auto sha = owner_.store_.put_blob(r.body, now());
  if (sha) {
    record.sha256 = *sha;
    record.size = static_cast<std::int64_t>(r.body.size());
    pivot_records_.push_back({url, *sha, now(), std::nullopt, ""});
  }
  log_fetch(record);
  report_progress(url, r.body.size());
  return std::move(r.body);
}

engine::Result<std::shared_ptr<const TrustState>> RefreshRun::run() {
  auto& store = owner_.store_;
  auto run_id = store.begin_run(now(), options_.trust_time);
  if (!run_id) return std::unexpected(std::move(run_id.error()).with_context("starting a refresh run"));
  run_id_ = *run_id;
  auto all = store.all_in_force();
  if (!all) return std::unexpected(std::move(all.error()).with_context("reading what is in force"));
  for (auto& r : *all) in_force_.emplace(r.url, std::move(r));

  auto state = std::make_shared<TrustState>();
  state->trust_time = options_.trust_time;
  state->run_id = run_id_;

  // 1. The LOTL, authenticated through its pivots from the anchors.
  Slot lotl;
  lotl.url = options_.lotl_url;
  lotl.state.url = lotl.url;
  if (auto it = in_force_.find(lotl.url); it != in_force_.end()) lotl.previous = it->second;
  {
    std::lock_guard lock(progress_mutex_);
    progress_.total = 1;
  }
  LotlAuthentication walk;
  auto judge_lotl = [&](const Parsed& p) {
    const std::string anchors_key = [&] {
      std::string k;
      for (const auto& f : options_.anchors.fingerprints()) k += f;
      return k;
    }();
    // The pivot walk depends only on the LOTL bytes and the anchors: reuse it when both are unchanged.
    std::shared_ptr<const Refresher::LotlWalk> cached;
    {
      std::lock_guard lock(owner_.cache_mutex_);
      if (owner_.lotl_walk_ && owner_.lotl_walk_->lotl_sha256 == p.loaded.list->sha256 &&
          owner_.lotl_walk_->anchors_key == anchors_key) {
        cached = owner_.lotl_walk_;
      }
    }
    if (!cached) {
      LotlOptions lo;
      lo.trust_time = options_.trust_time;
      lo.max_pivots = options_.max_pivots;
      lo.parse = options_.parse;
      auto w = std::make_shared<Refresher::LotlWalk>();
      w->lotl_sha256 = p.loaded.list->sha256;
      w->anchors_key = anchors_key;
      w->walk = authenticate_lotl(p.loaded, options_.anchors, [this](const std::string& u) { return fetch_pivot(u); }, lo);
      std::lock_guard lock(owner_.cache_mutex_);
      owner_.lotl_walk_ = w;
      cached = w;
    }
    walk = cached->walk;
    // Freshness depends on the trust time: judge again (cheap) against the walk's final signers.
    Authentication a = judge_list(p.loaded, p.signature, cached->walk.final_signers, options_.trust_time,
                                  Expectations{"", std::string(ns::kTypeLotl)});
    if (cached->walk.lotl.status == AuthStatus::kPivotChainBroken) a = cached->walk.lotl;
    for (const auto& f : cached->walk.lotl.findings) {
      if (f.id.rfind("tsl.pivot.", 0) == 0) a.findings.push_back(f);
    }
    return a;
  };
  auto lotl_fetch = owner_.fetcher_.fetch_all({request_for(lotl)});
  const std::size_t lotl_bytes = lotl_fetch.at(0).body.size();
  process(lotl, std::move(lotl_fetch.at(0)), judge_lotl, "lotl");
  report_progress(lotl.url, lotl_bytes);
  state->lotl = lotl.state;
  state->pivots = walk.pivots;
  state->lotl_signers = walk.final_signer_fingerprints;

  // 2. Every XML list the LOTL in force points to (never the pointers of a rejected LOTL).
  std::vector<Slot> slots;
  std::vector<const OtherTslPointer*> pointers;
  if (state->lotl_authenticated()) {
    for (const auto& p : state->lotl.in_force->list->scheme.pointers) {
      if (!is_xml_list_pointer(p)) continue;
      Slot s;
      s.url = p.location;
      s.state.url = p.location;
      s.state.territory = p.territory;
      if (auto it = in_force_.find(s.url); it != in_force_.end()) s.previous = it->second;
      slots.push_back(std::move(s));
      pointers.push_back(&p);
    }
  }
  {
    std::lock_guard lock(progress_mutex_);
    progress_.total = progress_.done + slots.size();
  }
  // Downloads run concurrently in the fetcher; each finished body goes to a worker at once, so
  // parsing and verifying overlap with the remaining downloads.
  std::mutex queue_mutex;
  std::condition_variable queue_cv;
  std::deque<std::pair<std::size_t, FetchResult>> queue;
  bool closed = false;
  auto worker = [&] {
    for (;;) {
      std::pair<std::size_t, FetchResult> item;
      {
        std::unique_lock lock(queue_mutex);
        queue_cv.wait(lock, [&] { return closed || !queue.empty(); });
        if (queue.empty()) return;
        item = std::move(queue.front());
        queue.pop_front();
      }
      const std::size_t i = item.first;
      const OtherTslPointer& pointer = *pointers[i];
      const SignerSet signers = SignerSet::from_der(pointer.signer_certificates_der);
      const std::size_t bytes = item.second.body.size();
      process(slots[i], std::move(item.second),
              [&](const Parsed& p) {
                return judge_list(p.loaded, p.signature, signers, options_.trust_time, expectations_of(pointer));
              },
              "list");
      report_progress(slots[i].url, bytes);
    }
  };
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < std::max(1u, options_.threads); ++t) workers.emplace_back(worker);
  std::vector<FetchRequest> requests;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    FetchRequest r = request_for(slots[i]);
    r.on_done = [&, i](FetchResult& result) {
      std::lock_guard lock(queue_mutex);
      queue.emplace_back(i, std::move(result));  // the worker owns the body; fetch_all keeps a husk
      queue_cv.notify_one();
    };
    requests.push_back(std::move(r));
  }
  owner_.fetcher_.fetch_all(std::move(requests));
  {
    std::lock_guard lock(queue_mutex);
    closed = true;
  }
  queue_cv.notify_all();
  for (auto& w : workers) w.join();

  // 3. Record what is in force, all at once.
  std::vector<engine::store::InForceRecord> records = pivot_records_;
  if (lotl.next_record) records.push_back(*lotl.next_record);
  for (auto& s : slots) {
    if (s.next_record) records.push_back(*s.next_record);
    state->lists.push_back(std::move(s.state));
  }
  if (auto r = store.record_fetches(fetch_log_); !r) {
    return std::unexpected(std::move(r.error()).with_context("recording fetches"));
  }
  if (auto r = store.set_in_force(records); !r) {
    return std::unexpected(std::move(r.error()).with_context("recording what is in force"));
  }
  std::vector<engine::store::PivotStepRecord> steps;
  for (std::size_t i = 0; i < walk.pivots.size(); ++i) {
    const auto& p = walk.pivots[i];
    std::string signers = "[";
    for (const auto& f : p.next_signers) signers += (signers.size() > 1 ? ",\"" : "\"") + f + "\"";
    steps.push_back({run_id_, static_cast<int>(i), p.url, static_cast<std::int64_t>(p.sequence), p.signer_sha256,
                     std::string(auth_status_name(p.verdict)), signers + "]"});
  }
  if (auto r = store.record_pivot_steps(steps); !r) {
    return std::unexpected(std::move(r.error()).with_context("recording pivot steps"));
  }
  std::size_t good = 0;
  for (const auto& l : state->lists) good += l.in_force_authentication.authenticated() ? 1 : 0;
  state->refreshed_at = now();
  (void)store.finish_run(run_id_, state->refreshed_at,
                         "{\"lotl\":\"" + std::string(auth_status_name(state->lotl.in_force_authentication.status)) +
                             "\",\"lists\":" + std::to_string(state->lists.size()) +
                             ",\"authenticated\":" + std::to_string(good) + "}");
  return std::shared_ptr<const TrustState>(std::move(state));
}

engine::Result<std::shared_ptr<const TrustState>> Refresher::refresh(const RefreshOptions& options) {
  std::lock_guard serial(refresh_mutex_);
  RefreshRun run(*this, options);
  auto state = run.run();
  if (!state) return state;
  {
    std::lock_guard lock(cache_mutex_);
    current_ = *state;
    // Keep parsed documents only for what is in force now and for this run's attempts (a list
    // rejected now is usually served unchanged next time: it is then neither parsed nor verified
    // again). At most two documents per URL: the cache never grows without bound.
    std::set<std::string> keep(run.attempted().begin(), run.attempted().end());
    if ((*state)->lotl.in_force) keep.insert((*state)->lotl.in_force_sha256());
    for (const auto& l : (*state)->lists) {
      if (l.in_force) keep.insert(l.in_force_sha256());
    }
    for (auto it = parsed_.begin(); it != parsed_.end();) {
      it = keep.contains(it->first) ? std::next(it) : parsed_.erase(it);
    }
  }
  return state;
}

std::shared_ptr<const TrustState> Refresher::current() const {
  std::lock_guard lock(cache_mutex_);
  return current_;
}

}  // namespace assay::tsl
