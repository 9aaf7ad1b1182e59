-- One page of readers(c, seq, read|unread) (SPEC 4), walking the public-watermark set in
-- (watermark, userId) order from a rank: O(log n + scanned).
-- KEYS: meta, msgs, wm, elig. ARGV: seq, state ('read'|'unread'), limit, cursorScore, cursorUser, maxScan.
-- A cursor is the (watermark, userId) of the last entry returned; '' starts at the beginning.
-- Returns {status, nextScore, nextUser, user1, readSeq1, user2, readSeq2, ...}; status -1 unknown
-- conversation, -2 unknown message, 1 ok. next* are '' when the walk reached the end.
-- Private readers never appear as readers: wm holds public watermarks only (SPEC 2.6).
local meta, msgs, wm, elig = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local seq, state, limit, cursorScore, cursorUser, maxScan =
  tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5], tonumber(ARGV[6])
if redis.call('EXISTS', meta) == 0 then
  return {-1}
end
local sender = redis.call('HGET', msgs, ARGV[1])
if not sender then
  return {-2}
end

-- Whether a sorts after b byte by byte, as Redis orders members of equal score (Lua's own
-- comparison follows the server's locale).
local function bytesAfter(a, b)
  local n = math.min(#a, #b)
  for i = 1, n do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then
      return x > y
    end
  end
  return #a > #b
end

-- Ranks [first, last] hold the candidates: watermark >= seq for readers, < seq otherwise.
local below = redis.call('ZCOUNT', wm, '-inf', '(' .. ARGV[1])
local first, last
if state == 'read' then
  first, last = below, redis.call('ZCARD', wm) - 1
else
  first, last = 0, below - 1
end

if cursorUser ~= '' then
  local rank = redis.call('ZRANK', wm, cursorUser)
  local score = redis.call('ZSCORE', wm, cursorUser)
  if rank and score == cursorScore then
    first = math.max(first, rank + 1)
  else
    -- The cursor's user moved or left since the previous page: resume where it would stand,
    -- after the members of its old watermark that sort before it (Redis orders equal scores
    -- by bytes), found by binary search over that watermark's ranks.
    local lo = redis.call('ZCOUNT', wm, '-inf', '(' .. cursorScore)
    local hi = redis.call('ZCOUNT', wm, '-inf', cursorScore)
    while lo < hi do
      local mid = math.floor((lo + hi) / 2)
      if bytesAfter(redis.call('ZRANGE', wm, mid, mid)[1], cursorUser) then
        hi = mid
      else
        lo = mid + 1
      end
    end
    first = math.max(first, lo)
  end
end

local result = {1, '', ''}
local found, scanned, rank = 0, 0, first
while rank <= last and found < limit and scanned < maxScan do
  local chunk = redis.call('ZRANGE', wm, rank, math.min(last, rank + limit - 1), 'WITHSCORES')
  for j = 1, #chunk, 2 do
    local user, score = chunk[j], chunk[j + 1]
    scanned = scanned + 1
    rank = rank + 1
    local after = redis.call('ZSCORE', elig, user)
    -- Eligible: joined before the message and not its sender (SPEC 2.2).
    if after and tonumber(after) < seq and user ~= sender then
      result[#result + 1] = user
      result[#result + 1] = score
      found = found + 1
    end
    result[2], result[3] = score, user
    if found >= limit or scanned >= maxScan then
      break
    end
  end
end
if rank > last then
  result[2], result[3] = '', ''
end
return result
