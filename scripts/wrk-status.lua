-- wrk script for scripts/test-cluster.sh: counts the answers by HTTP status over every thread and prints
-- them with the latency percentiles and wrk's socket errors, one "key value" per line.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    statuses = {}
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("statuses")) do
            total[status] = (total[status] or 0) + count
        end
    end
    io.write(string.format("requests %d\n", summary.requests))
    for status, count in pairs(total) do
        io.write(string.format("status_%d %d\n", status, count))
    end
    local errors = summary.errors
    io.write(string.format("errors_connect %d\nerrors_read %d\nerrors_write %d\nerrors_timeout %d\n",
        errors.connect, errors.read, errors.write, errors.timeout))
    io.write(string.format("latency_p50_ms %.1f\nlatency_p99_ms %.1f\nlatency_max_ms %.1f\n",
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
