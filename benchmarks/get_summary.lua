-- wrk script for GET routes: a one-line summary (requests, req/s, p50 ms, p99 ms, errors incl.
-- non-2xx). qualification.lua loads it for the same line.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.1f %.3f %.3f %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
