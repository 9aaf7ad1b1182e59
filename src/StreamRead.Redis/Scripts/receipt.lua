-- Answers receipt(c, seq) in O(log n) (SPEC 2.3, 4).
-- KEYS: meta, msgs, counts, elig, hi. ARGV: seq.
-- Returns {read, eligible}, or {-1} for an unknown conversation, {-2} for an unknown message.
-- Hot-window messages come from the counts the processor keeps current; older ones are
-- derived from the member sets: eligible = #{a < seq}, read = eligible - #{max(a, w) < seq},
-- both minus the sender when the sender is an eligible member (the sender's w is >= seq).
local meta, msgs, counts, elig, hi = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local seq = ARGV[1]
if redis.call('EXISTS', meta) == 0 then
  return {-1}
end
local sender = redis.call('HGET', msgs, seq)
if not sender then
  return {-2}
end
local hotFrom = tonumber(redis.call('HGET', meta, 'hotFrom') or '0')
if hotFrom > 0 and tonumber(seq) >= hotFrom then
  local cached = redis.call('HGET', counts, seq)
  if cached then
    local read, eligible = string.match(cached, '^(%d+):(%d+)$')
    return {tonumber(read), tonumber(eligible)}
  end
end
local eligible = redis.call('ZCOUNT', elig, '-inf', '(' .. seq)
local read = eligible - redis.call('ZCOUNT', hi, '-inf', '(' .. seq)
local senderAfter = redis.call('ZSCORE', elig, sender)
if senderAfter and tonumber(senderAfter) < tonumber(seq) then
  eligible = eligible - 1
  read = read - 1
end
return {read, eligible}
