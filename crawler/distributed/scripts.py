"""Lua scripts run inside Redis, so each step is atomic across workers.

Kept apart from the logic that calls them (``inflight``, ``host_slots``).
"""

#: Pop the best request of a scrapy-redis PriorityQueue (sorted set, lowest score first) and
#: record it in the worker's in-flight hash in the same step, a kill cannot fall between; the
#: worker joins the site's set of workers, where its peers look for in-flight hashes.
#: KEYS: queue, inflight hash, workers set. ARGV: worker. Returns {field, data} or nil.
POP_AND_RECORD = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return nil end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
local field = redis.sha1hex(top[1]) .. ':' .. top[2]
redis.call('HSET', KEYS[2], field, top[1])
redis.call('SADD', KEYS[3], ARGV[1])
return {field, top[1]}
"""

#: Put every request of an in-flight hash back in the queue (score kept in the field after
#: ':'), delete the hash and take its worker out of the site's workers set (it joins again
#: with its next pop); a second caller finds nothing. KEYS: inflight hash, queue, workers set.
#: ARGV: worker.
REQUEUE_ALL = """
local entries = redis.call('HGETALL', KEYS[1])
local n = 0
for i = 1, #entries, 2 do
  local score = string.match(entries[i], ':([^:]+)$') or '0'
  redis.call('ZADD', KEYS[2], score, entries[i + 1])
  n = n + 1
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[3], ARGV[1])
return n
"""

#: Take one of a host's slots if fewer than LIMIT are held (expired leases dropped first).
#: KEYS: host slot set. ARGV: limit, token, lease seconds. Returns 1 (taken) or 0.
ACQUIRE_SLOT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
  redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[3])) + 60)
  return 1
end
return 0
"""
