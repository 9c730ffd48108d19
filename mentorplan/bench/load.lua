-- One wrk run of `make bench`. mentorplan/bench/load.py writes `config` above this text:
--   config.requests  the requests of a screen, made in turn: {path, headers} each
--   config.notes     for the autosave only: one note per thread, {path, fields, headers} each
--   config.threads   how many threads (people) wrk runs
--   config.screen    how many of the requests make one screen, if not all of them (1: each
--                    request is a screen of its own, as when many readers ask for their pages)
-- Each thread has one connection (wrk -t N -c N), so a thread's requests follow one another
-- like one person's: the autosave sends the version its last save got back, as notes.js does,
-- and a poll sends the ETag its last answer carried, as a browser does (a trainee's arrival in
-- the room, for one, changes the poll's ETag once).

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  step = 0
  if config.screen == 1 then
    -- Screens of their own (many readers): each thread starts at its own, spread over all of
    -- them, as people do not all open the same page at the same moment.
    step = math.floor((id - 1) * #config.requests / config.threads)
  end
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
  if etag and r.headers["If-None-Match"] then
    r.headers["If-None-Match"] = etag
  end
  return wrk.format("GET", r.path, r.headers)
end

function response(status, headers, body)
  if note then
    if status == 200 then
      version = tonumber(string.match(body, '"version": *(%d+)')) or version
    end
  elseif headers["ETag"] then
    etag = headers["ETag"]
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, '
      .. '"p50_us": %d, "p99_us": %d, "per_set": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99),
    config.notes and 1 or config.screen or #config.requests))
end
