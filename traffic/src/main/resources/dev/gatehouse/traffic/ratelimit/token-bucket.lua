-- One token of a GCRA token bucket, atomically, with Redis's clock (shared by every gateway).
-- The key holds the bucket's "theoretical arrival time" (TAT) in microseconds: the instant it is full again.
-- KEYS[1] the bucket
-- ARGV[1] interval: microseconds per token (period / average)
-- ARGV[2] burst: the bucket size
-- ARGV[3] the longest a request may be held to smooth traffic, in microseconds
-- Returns {allowed (1|0), wait, remaining, reset}; wait and reset in microseconds.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local max_delay = tonumber(ARGV[3])
local tolerance = burst * interval
local tat = tonumber(redis.call('GET', KEYS[1]))
local base = now
if tat ~= nil and tat > now then
  base = tat
end
local new_tat = base + interval
local wait = new_tat - now - tolerance
if wait > max_delay then
  local reset = 0
  if tat ~= nil and tat > now then
    reset = tat - now
  end
  return {0, wait, 0, reset}
end
local used = new_tat - now
-- The key expires once the bucket is full again: a missing key is a full bucket.
redis.call('SET', KEYS[1], string.format('%d', new_tat), 'PX', math.ceil(used / 1000) + 1)
local remaining = math.floor((tolerance - used) / interval)
if remaining < 0 then
  remaining = 0
end
if wait < 0 then
  wait = 0
end
return {1, wait, remaining, used}
