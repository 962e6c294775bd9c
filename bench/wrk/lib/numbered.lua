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

-- BENCH_BULK=N (N > 0): each request carries N items, as a JSON array for the bulk endpoint
-- (POST /bulk/v1/ed-fi/{resource}); else one item. make(n) is the JSON of the item numbered n.
bulk = tonumber(os.getenv("BENCH_BULK") or "0")
function post_each(make)
  if bulk <= 0 then
    return post(make(next_number()))
  end
  local items = {}
  for i = 1, bulk do
    items[i] = make(next_number())
  end
  return post("[" .. table.concat(items, ",") .. "]")
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

-- BENCH_SHOW_ERRORS set: the first few answers that are not 2xx are printed (for a check before the load). A bulk
-- answer is 200 whatever its items' outcomes: the items refused or not written are counted (item_failures).
item_failures = 0
if os.getenv("BENCH_SHOW_ERRORS") or bulk > 0 then
  local shown = 0
  local show = os.getenv("BENCH_SHOW_ERRORS")
  function response(status, headers, body)
    local failed = status >= 300
    if bulk > 0 and status == 200 and body then
      for code in body:gmatch('{"status":(%d+)') do
        if tonumber(code) >= 300 then
          item_failures = item_failures + 1
          failed = true
        end
      end
    end
    if show and failed and shown < 3 then
      shown = shown + 1
      io.write("ANSWER " .. status .. " " .. tostring(body):sub(1, 2000) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local issued = 0
  local failures = 0
  for _, t in ipairs(threads) do
    local c = t:get("counter")
    if c > issued then issued = c end
    failures = failures + t:get("item_failures")
  end
  io.write(string.format("RESULT requests=%d seconds=%.3f errors=%d non2xx=%d p50_ms=%.2f p90_ms=%.2f "
    .. "p99_ms=%.2f max_ms=%.2f next_base=%d\n",
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status + failures, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, base + nthreads * issued))
end
