-- wrk script: POST /api/v1/qualification with the JSON body in the file $ASSAY_LOAD_BODY, and a
-- one-line machine-readable summary (requests, req/s, p50 ms, p99 ms, errors incl. non-2xx).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("ASSAY_LOAD_BODY"), "r"))
wrk.body = f:read("*a")
f:close()

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.1f %.3f %.3f %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
