-- Shared by the bench/wrk/gateway-*.lua scripts (dofile'd; run wrk from the project root): every request gets a
-- number unique across the wrk runs of one benchmark, n = BENCH_BASE + thread + BENCH_THREADS * counter, from
-- which the script derives a natural key of its own. done() prints one RESULT line with throughput, latency
-- percentiles and next_base, the BENCH_BASE for the next run.
local base = tonumber(os.getenv("BENCH_BASE") or "0")
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
token = os.getenv("BENCH_TOKEN")
counter = 0 -- globals: done() reads each thread's counter through thread:get
tid = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

-- the next unique number of this thread
function next_number()
  local n = base + tid + nthreads * counter
  counter = counter + 1
  return n
end

function post(body)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token },
    body)
end

-- lines of a file (e.g. the studentUniqueIds of the students that exist), as an array
function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then table.insert(lines, line) end
  end
  assert(#lines > 0, "no lines in " .. path)
  return lines
end

-- BENCH_SHOW_ERRORS set: the first few answers that are not 2xx are printed (for a check before the load)
if os.getenv("BENCH_SHOW_ERRORS") then
  local shown = 0
  function response(status, headers, body)
    if status >= 300 and shown < 3 then
      shown = shown + 1
      io.write("ANSWER " .. status .. " " .. tostring(body) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local issued = 0
  for _, t in ipairs(threads) do
    local c = t:get("counter")
    if c > issued then issued = c end
  end
  io.write(string.format("RESULT requests=%d seconds=%.3f errors=%d non2xx=%d p50_ms=%.2f p90_ms=%.2f "
    .. "p99_ms=%.2f max_ms=%.2f next_base=%d\n",
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, base + nthreads * issued))
end
