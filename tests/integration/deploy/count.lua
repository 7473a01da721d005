-- wrk script of the deploy tests: counts the answers per version (from the
-- body "version V colour C") in each thread and prints them when wrk ends.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function response(status, headers, body)
  local version = body:match("version (%S+)") or ("status-" .. status)
  counts[version] = (counts[version] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for version, count in pairs(thread:get("counts")) do
      total[version] = (total[version] or 0) + count
    end
  end
  for version, count in pairs(total) do
    io.write(string.format("answers %s %d\n", version, count))
  end
end
