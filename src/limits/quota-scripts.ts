/**
 * The quotas' Lua scripts: each runs whole inside Redis, so two processes reserving, holding or
 * settling at once never see each other's half-done work.
 *
 * A member's day has one ledger (a hash): `spent`, their files refused today; `held`, their
 * files being fetched now (each may yet be refused, so each holds a place in the budget);
 * `free`, files given back to the quotas without a refusal (reused, or failed through no fault
 * of theirs); and one short field per file, its state: 1 it holds a place, 2 it is settled (its
 * place given back, a refusal spent), 4 whether it is given back to the quotas is decided.
 */

/**
 * Refuses a sender whose refusal budget is spent, then checks every scope; takes `n` from all of
 * them, or from none. KEYS: the scopes' counters in the order of ARGV limits, then the ledger.
 * ARGV: n, ttl, refusal limit, the scopes' limits.
 * Returns {1}; {0, 0, spent} when the refusal budget refused; or {0, i, used}.
 */
export const RESERVE = `
local n = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local spent = tonumber(redis.call('HGET', KEYS[#KEYS], 'spent') or '0')
if spent >= tonumber(ARGV[3]) then return {0, 0, spent} end
for i = 1, #KEYS - 1 do
  local used = tonumber(redis.call('GET', KEYS[i]) or '0')
  if used + n > tonumber(ARGV[3 + i]) then return {0, i, used} end
end
for i = 1, #KEYS - 1 do
  redis.call('INCRBY', KEYS[i], n)
  redis.call('EXPIRE', KEYS[i], ttl)
end
return {1}
`;

/**
 * Takes a place in the sender's refusal budget for one file about to be fetched: only while
 * what is spent and what is held leave room, so files fetched at once can never overspend it.
 * KEYS: the ledger. ARGV: file field, refusal limit, ttl.
 * Returns 1 (held, now or before), 0 (the budget is spent: do not fetch), -1 (the rest of the
 * budget is held by the sender's other files: wait).
 */
export const HOLD = `
local state = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if state % 2 == 1 then return 1 end
local spent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
local held = tonumber(redis.call('HGET', KEYS[1], 'held') or '0')
local limit = tonumber(ARGV[2])
if spent >= limit then return 0 end
if spent + held >= limit then return -1 end
redis.call('HINCRBY', KEYS[1], 'held', 1)
redis.call('HSET', KEYS[1], ARGV[1], state + 1)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
`;

/**
 * Settles one file, once whatever the retries: its place is given back (a refusal is spent),
 * and a file that is not kept is given back to every scope: always when it was refused (the
 * refusal budget bounds those), else while the member's free files are under ARGV[4]. A kept
 * file may later be given back (a post that existed already), never the reverse. A kept file
 * with nothing else to remember leaves no field: a file rehosted costs its ledger nothing.
 * KEYS: the ledger, then the scopes' counters. ARGV: file field, outcome (kept, free or
 * refused), ttl, free limit. Returns 1 when it gave the file back.
 */
export const SETTLE = `
local ledger = KEYS[1]
local outcome = ARGV[2]
local state = tonumber(redis.call('HGET', ledger, ARGV[1]) or '0')
if math.floor(state / 2) % 2 == 0 then
  if state % 2 == 1 and tonumber(redis.call('HGET', ledger, 'held') or '0') > 0 then
    redis.call('HINCRBY', ledger, 'held', -1)
  end
  if outcome == 'refused' then redis.call('HINCRBY', ledger, 'spent', 1) end
  state = state + 2
end
local refunded = 0
if outcome ~= 'kept' and state < 4 then
  state = state + 4
  local free = tonumber(redis.call('HGET', ledger, 'free') or '0')
  if outcome == 'refused' or free < tonumber(ARGV[4]) then
    if outcome ~= 'refused' then redis.call('HINCRBY', ledger, 'free', 1) end
    for i = 2, #KEYS do
      local used = tonumber(redis.call('GET', KEYS[i]) or '0')
      if used > 0 then redis.call('DECR', KEYS[i]) end
    end
    refunded = 1
  end
end
if state < 4 and outcome == 'kept' then
  redis.call('HDEL', ledger, ARGV[1])
else
  redis.call('HSET', ledger, ARGV[1], state)
end
redis.call('EXPIRE', ledger, tonumber(ARGV[3]))
return refunded
`;
