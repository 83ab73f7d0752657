-- wrk script: cycles through the request paths of a file (one a line), each
-- thread from its own offset, with an optional Cookie and Accept-Encoding
-- (a browser sends "gzip, deflate, br"); prints one JSON line of figures at
-- the end; PACE_MS=N makes each connection wait N ms before its next request
-- (wrk's delay(): a steady load instead of as fast as the server answers).
-- Used by bench/http/run.sh and bench/scale/run.sh.
--   PATHS=file COOKIE='sovang_session=…' [ACCEPT_ENCODING=gzip] [PACE_MS=10] wrk -s cycle.lua http://127.0.0.1:PORT
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end
assert(#paths > 0, "PATHS names an empty file")
local pace = tonumber(os.getenv("PACE_MS") or "")
if pace and pace > 0 then
  function delay() return pace end
end
local cookie = os.getenv("COOKIE")
local accept_encoding = os.getenv("ACCEPT_ENCODING")
local counter = 1
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  counter = (id * 7919) % #paths + 1
  if cookie and #cookie > 0 then wrk.headers["Cookie"] = cookie end
  if accept_encoding and #accept_encoding > 0 then wrk.headers["Accept-Encoding"] = accept_encoding end
  responses, statuses = 0, {}
end

function request()
  local path = paths[counter]
  counter = counter % #paths + 1
  return wrk.format("GET", path)
end

function response(status, headers, body)
  responses = responses + 1
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local codes = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do codes[k] = (codes[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(codes) do parts[#parts + 1] = string.format('"%s": %d', k, v) end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_s": %.3f, "rps": %.1f, "p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, ' ..
    '"max_ms": %.3f, "mean_ms": %.3f, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000, e.connect, e.read, e.write, e.status, e.timeout,
    table.concat(parts, ", ")))
end
