-- wrk script: POST /api/v1/qualification with the JSON body in the file $ASSAY_LOAD_BODY, and a
-- one-line machine-readable summary (requests, req/s, p50 ms, p99 ms, errors incl. non-2xx).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("ASSAY_LOAD_BODY"), "r"))
wrk.body = f:read("*a")
f:close()

-- The summary line is the one get_summary.lua prints (wrk runs from the repository root).
dofile("benchmarks/get_summary.lua")
