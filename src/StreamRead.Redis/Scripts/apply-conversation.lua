-- Applies one streamread.receipts update to a conversation's serving keys, atomically and
-- idempotently: an update with a lower version than the stored one changes nothing (SPEC 2.7).
-- An equal version is applied: a large change comes as several updates with the same version,
-- and re-applying absolute values of the same version changes nothing.
-- KEYS: meta, msgs, seqs, counts, wm, elig, hi (all share the conversation's hash tag).
-- ARGV (flat, numbers as decimal strings so int64 seqs keep their digits):
--   version, kind, lastSeq, messageCount, hotFrom,
--   nMessages, (seq, senderId)*, nEvicted, (seq)*, nCounts, (seq, 'read:eligible')*,
--   nMembers, (userId, member 0|1, afterSeq, publicReadSeq)*, nWatermarks, (userId, readSeq)*
-- Returns 1 when applied, 0 when stale.
local meta, msgs, seqs, counts, wm, elig, hi = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]

local version = tonumber(ARGV[1])
local stored = tonumber(redis.call('HGET', meta, 'version') or '0')
if version < stored then
  return 0
end
redis.call('HSET', meta, 'version', ARGV[1], 'kind', ARGV[2], 'lastSeq', ARGV[3], 'messageCount', ARGV[4], 'hotFrom', ARGV[5])

local i = 6
local n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  redis.call('HSET', msgs, ARGV[i], ARGV[i + 1])
  redis.call('ZADD', seqs, ARGV[i], ARGV[i])
  i = i + 2
end

-- Evicted seqs and counts are runs of ARGV, each written with one variadic call: unpack hands
-- them over without building a Lua table, which costs more than the calls saved
-- (docs/benchmarks.md). At most 1,000 values per call: unpack's stack holds ~8,000.
local function variadic(command, key, from, count)
  local last = from + count - 1
  for j = from, last, 1000 do
    redis.call(command, key, unpack(ARGV, j, math.min(j + 999, last)))
  end
  return from + count
end

n = tonumber(ARGV[i]); i = i + 1
i = variadic('HDEL', counts, i, n)

n = tonumber(ARGV[i]); i = i + 1
i = variadic('HSET', counts, i, 2 * n) -- (seq, 'read:eligible') pairs: 1,000 keeps them whole

-- Members before watermarks: a watermark only counts for a current member.
-- A read report's update carries the reader in both lists with the same public watermark; what a
-- member entry wrote is noted so that the equal watermark entry costs nothing (docs/benchmarks.md).
local written = {}
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  local user, member, after, readSeq = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if member == '1' then
    written[user] = readSeq
    redis.call('ZADD', elig, after, user)
    redis.call('ZADD', wm, readSeq, user)
    if tonumber(after) > tonumber(readSeq) then
      redis.call('ZADD', hi, after, user)
    else
      redis.call('ZADD', hi, readSeq, user)
    end
  else
    redis.call('ZREM', elig, user)
    redis.call('ZREM', wm, user)
    redis.call('ZREM', hi, user)
  end
  i = i + 4
end

n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  local user, readSeq = ARGV[i], ARGV[i + 1]
  -- Equal to what the member entry set: the GT writes below would change nothing.
  if written[user] ~= readSeq and redis.call('ZSCORE', elig, user) then
    -- GT: watermarks only move up (SPEC 2.1), whatever the order updates arrive in.
    redis.call('ZADD', wm, 'GT', readSeq, user)
    redis.call('ZADD', hi, 'GT', readSeq, user)
  end
  i = i + 2
end
return 1
