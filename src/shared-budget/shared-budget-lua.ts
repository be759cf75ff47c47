/**
 * The Lua of a pass's budget shared by every process that calls for it: what was spent (calls,
 * tokens, cost, and the store's cost today) with the estimates of calls in flight, and the caps.
 * KEYS[1] the budget hash. A missing hash (Redis lost it) answers `missing`: the coordinator writes it again.
 */

/** ARGV cost, tokens. Returns {1, in flight} held, {0, cap, used, adding, in flight} over a cap, or {-1} missing. */
export const reserveBudgetLua = `
local raw = redis.call('HGETALL', KEYS[1])
if #raw == 0 then return {-1} end
local h = {}
for i = 1, #raw, 2 do h[raw[i]] = tonumber(raw[i + 1]) end
local cost, tokens = tonumber(ARGV[1]), tonumber(ARGV[2])
local caps = {
  {'maxCalls', 'calls', 1},
  {'maxTokens', 'tokens', tokens},
  {'maxCost', 'cost', cost},
  {'maxDailyCost', 'day', cost},
}
for _, cap in ipairs(caps) do
  local limit = h[cap[1]]
  local used = h[cap[2]] or 0
  if limit ~= nil and used + cap[3] > limit then
    return {0, cap[1], tostring(used), tostring(cap[3]), tostring(h.inflight or 0)}
  end
end
redis.call('HINCRBYFLOAT', KEYS[1], 'calls', 1)
redis.call('HINCRBYFLOAT', KEYS[1], 'tokens', tokens)
redis.call('HINCRBYFLOAT', KEYS[1], 'cost', cost)
redis.call('HINCRBYFLOAT', KEYS[1], 'day', cost)
return {1, redis.call('HINCRBY', KEYS[1], 'inflight', 1)}
`;

/** ARGV estimated cost, tokens, then actual cost, tokens: the estimate out, what was spent in. Returns calls in flight. */
export const releaseBudgetLua = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local cost = tonumber(ARGV[3]) - tonumber(ARGV[1])
local tokens = tonumber(ARGV[4]) - tonumber(ARGV[2])
redis.call('HINCRBYFLOAT', KEYS[1], 'tokens', tokens)
redis.call('HINCRBYFLOAT', KEYS[1], 'cost', cost)
redis.call('HINCRBYFLOAT', KEYS[1], 'day', cost)
local inflight = redis.call('HINCRBY', KEYS[1], 'inflight', -1)
if inflight < 0 then redis.call('HSET', KEYS[1], 'inflight', 0) inflight = 0 end
return inflight
`;
