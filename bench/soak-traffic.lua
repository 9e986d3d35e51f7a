-- Mixed readers' traffic at a fixed rate: each connection waits `pause` ms between requests.
-- Pages (most), search, feeds; counts answers by status so errors show.
local paths = {}
local pause = tonumber(os.getenv("SOAK_PAUSE_MS") or "20")

function init(args)
  for i = 1, 40 do
    local n = (i * 241) % 2000 + 1
    local regions = { "middle-east-north-africa", "europe", "asia", "latin-america", "africa", "north-america", "oceania", "russia-and-fsu" }
    paths[#paths + 1] = string.format("/generated-article-%d-on-%s/", n, regions[(n % 8) + 1])
  end
  for _, p in ipairs({ "/", "/", "/?page=2", "/theme/law-and-justice/", "/region/europe/", "/soak-article/", "/soak-article/", "/feed/",
                       "/region/asia/feed/", "/sitemap.xml", "/search?q=soleimani", "/search?q=iraq+war", "/search.json?q=baghdad" }) do
    paths[#paths + 1] = p
  end
end

function delay() return pause end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx %d, socket errors %d (connect %d, read %d, write %d, timeout %d)\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("latency p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
