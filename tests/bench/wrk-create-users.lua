-- wrk script: POST /Users with a unique user per request (counter-based userName,
-- externalId and email), the same request the SCIM client benchmark sends, and counts
-- every answer that is not 201 Created.
-- Usage: wrk -t T -c C -d D -s wrk-create-users.lua <base-url>/Users
-- The bearer token comes from the environment (SCIMDESK_BENCH_TOKEN), never the command line.

local threads = {}

function setup(thread)
    thread:set("threadIndex", #threads)
    table.insert(threads, thread)
end

function init(args)
    counter = 0
    created = 0
    rejected = 0
    statuses = ""
    seen = {}
    token = os.getenv("SCIMDESK_BENCH_TOKEN") or "emulator-token"
    headers = {
        ["Content-Type"] = "application/scim+json",
        ["Authorization"] = "Bearer " .. token,
        ["Accept"] = "application/scim+json",
    }
end

function request()
    counter = counter + 1
    local name = string.format("wrk.t%d.u%07d", threadIndex, counter)
    local body = string.format(
        '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],' ..
        '"userName":"%s","externalId":"ext-%s","displayName":"Bench User %d",' ..
        '"name":{"givenName":"Bench","familyName":"User%d"},' ..
        '"emails":[{"value":"%s@example.com","type":"work","primary":true}],' ..
        '"active":true}',
        name, name, counter, counter, name)
    return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
    if status == 201 then
        created = created + 1
    else
        rejected = rejected + 1
        -- Keep a short list of the distinct statuses for the report.
        if not seen[status] then
            seen[status] = true
            statuses = statuses .. " " .. status
        end
    end
end

function done(summary, latency, requests)
    local ok, bad, kinds, listed = 0, 0, "", {}
    for _, thread in ipairs(threads) do
        ok = ok + thread:get("created")
        bad = bad + thread:get("rejected")
        for status in string.gmatch(thread:get("statuses"), "%d+") do
            if not listed[status] then
                listed[status] = true
                kinds = kinds .. "," .. status
            end
        end
    end
    -- One machine-readable line for the benchmark driver.
    io.write(string.format("WRKRESULT requests=%d seconds=%.3f created=%d rejected=%d socketErrors=%d " ..
        "p50ms=%.2f p99ms=%.2f statuses=%s\n",
        summary.requests, summary.duration / 1e6, ok, bad,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        kinds == "" and "-" or kinds:sub(2)))
end
