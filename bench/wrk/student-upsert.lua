-- wrk script: every request POSTs a new student (unique studentUniqueId, the same body otherwise) - the same
-- rows pgbench inserts with bench/lib/pgbench.sh.
local prefix = os.getenv("BENCH_PREFIX") or tostring(os.time())
local token = os.getenv("BENCH_TOKEN")
local threads = 0
local counter = 0
local tid = 0

local body = '{"studentUniqueId":"%s","firstName":"Lisa","lastSurname":"Woods","birthDate":"2008-05-17",'
  .. '"birthCity":"Lubbock","birthSexDescriptor":"uri://ed-fi.org/SexDescriptor#Female",'
  .. '"birthCountryDescriptor":"uri://ed-fi.org/CountryDescriptor#US","multipleBirthStatus":false,'
  .. '"otherNames":[{"otherNameTypeDescriptor":"uri://ed-fi.org/OtherNameTypeDescriptor#Nickname",'
  .. '"firstName":"Liz","lastSurname":"Woods"}]}'

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function request()
  counter = counter + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token },
    string.format(body, prefix .. "-" .. tid .. "-" .. counter))
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.3f errors=%d non2xx=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
