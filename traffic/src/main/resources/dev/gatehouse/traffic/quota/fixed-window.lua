-- Counts one request in a fixed (calendar) window, atomically.
-- KEYS[1] the counter of one source in one window (the window's start is part of the key)
-- ARGV[1] when the counter may go: the window's end plus a grace, as a Unix time in seconds
-- Returns the count including this request; the caller compares it with the limit.
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('EXPIREAT', KEYS[1], ARGV[1])
end
return n
