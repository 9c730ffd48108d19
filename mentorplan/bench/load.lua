-- One wrk run of `make bench`. mentorplan/bench/load.py writes `config` above this text:
--   config.requests  the requests of one screen, made in turn: {path, headers} each
--   config.notes     for the autosave only: one note per thread, {path, fields, headers} each
-- Each thread has one connection (wrk -t N -c N), so a thread's requests follow one another
-- like one person's: the autosave sends the version its last save got back, as notes.js does.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  step = 0
  saves = 0
  version = 0
  if config.notes then
    note = config.notes[(id - 1) % #config.notes + 1]
  end
end

function request()
  if note then
    saves = saves + 1
    local body = note.fields .. "&version=" .. version .. "&body=Said+in+the+call+" .. id .. "-" .. saves
    return wrk.format("POST", note.path, note.headers, body)
  end
  step = step % #config.requests + 1
  local r = config.requests[step]
  return wrk.format("GET", r.path, r.headers)
end

if config.notes then
  function response(status, headers, body)
    if status == 200 then
      version = tonumber(string.match(body, '"version": *(%d+)')) or version
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, '
      .. '"p50_us": %d, "p99_us": %d, "per_set": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), config.notes and 1 or #config.requests))
end
