-- Records one user's position in one conversation for unread badges (SPEC 2.4), idempotently:
-- an update older than the stored version changes nothing.
-- KEYS[1]: the user's hash (field = conversation id, value = "version:readSeq:afterSeq").
-- ARGV: conversationId, version, member 0|1, own readSeq (private reads included), afterSeq
--       ('' keeps the stored eligibility point: the update changed only the read position).
-- The field "_" marks the user as known even when they belong to no conversation any more.
-- Returns 1 when applied, 0 when stale.
local key, conversation, version = KEYS[1], ARGV[1], tonumber(ARGV[2])
local stored = redis.call('HGET', key, conversation)
if stored then
  local storedVersion = tonumber(string.match(stored, '^(%d+):'))
  if storedVersion and version < storedVersion then
    return 0
  end
end
if ARGV[3] == '1' then
  local after = ARGV[5]
  if after == '' then
    after = (stored and string.match(stored, '^%d+:%d+:(%d+)$')) or '0'
  end
  redis.call('HSET', key, '_', '1', conversation, ARGV[2] .. ':' .. ARGV[4] .. ':' .. after)
else
  -- A left conversation keeps its version so an older "member" update cannot re-add it.
  redis.call('HSET', key, '_', '1', conversation, ARGV[2] .. ':left')
end
return 1
