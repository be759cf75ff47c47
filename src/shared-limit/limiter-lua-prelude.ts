import { limiterTuning } from '../limit/limiter-tuning.ts';

const { margin, burstShareOfSecond, fullBucketSlack } = limiterTuning;

/**
 * The common part of the shared limiter's Lua scripts (see `limiter-lua.ts`): KEYS[1] the state
 * hash, KEYS[2] its holders, KEYS[3] the send log; `now` is Redis's clock.
 */
/** What every limiter script starts with: the state read once, helpers, and the buckets' rules. */
export const prelude = `
local S, H, L = KEYS[1], KEYS[2], KEYS[3]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local st, dirty = {}, {}
local raw = redis.call('HGETALL', S)
for i = 1, #raw, 2 do st[raw[i]] = raw[i + 1] end
local function g(name, default)
  local value = st[name]
  if value == nil or value == false then return default end
  return tonumber(value) or value
end
local function set(name, value)
  st[name] = value
  dirty[name] = true
end
local function save()
  local args = {}
  for name in pairs(dirty) do
    if st[name] == nil then redis.call('HDEL', S, name)
    else
      args[#args + 1] = name
      args[#args + 1] = tostring(st[name])
    end
  end
  if #args > 0 then redis.call('HSET', S, unpack(args)) end
end
local NAMES = {'r', 'i', 'o', 't'}
local LIMIT = {r = 'rpm', i = 'itpm', o = 'otpm', t = 'tpm'}
local OF_LIMIT = {requestsPerMinute = 'r', inputTokensPerMinute = 'i', outputTokensPerMinute = 'o', tokensPerMinute = 't'}
local FIELD = {requestsPerMinute = 'rpm', inputTokensPerMinute = 'itpm', outputTokensPerMinute = 'otpm', tokensPerMinute = 'tpm',
  tokensPerDay = 'tpd', maxInFlight = 'mif', minIntervalMs = 'mi'}
local SLOT_MS = 50
local function usage(input, output) return {r = 1, i = input, o = output, t = input + output} end
-- Per ms; nil when the limit is unknown. Requests with no stated limit go at the rate refusals taught.
local function rate(n)
  local limit = g(LIMIT[n])
  if limit == nil then
    if n == 'r' then
      local estimate = g('est')
      if estimate ~= nil then return estimate / 60000 end
    end
    return nil
  end
  return limit * g('share', ${margin.usual}) / 60000
end
-- The burst a bucket holds: what the provider said was left, at most the share of a second it may enforce.
local function capacity(n)
  local limit, seen = g(LIMIT[n]), g('lr_' .. n)
  if limit == nil or seen == nil then return 1 end
  local second = (n == 'r') and ${burstShareOfSecond.requests} or ${burstShareOfSecond.tokens}
  return math.max(1, math.min(seen, limit / 60 * second))
end
-- A bucket's level now (refilled), its rate and capacity; nil when the limit is unknown.
local function level(n)
  local r = rate(n)
  if r == nil then
    if st['b_' .. n] ~= nil then set('b_' .. n, nil); set('u_' .. n, nil) end
    return nil
  end
  local c = capacity(n)
  local lv, at = g('b_' .. n), g('u_' .. n, now)
  if lv == nil then
    -- A new bucket starts charged with the calls in flight, and the last call when it was recent.
    local owed = g('f_' .. n, 0)
    if n == 'r' and g('last', -1e15) > now - 60000 then owed = math.max(owed, 1) end
    lv = c - owed
  elseif now > at then
    lv = math.min(c, lv + (now - at) * r)
  end
  lv = math.min(lv, c)
  set('b_' .. n, lv)
  set('u_' .. n, now)
  return lv, r, c
end
local function take(n, amount)
  if st['b_' .. n] ~= nil then set('b_' .. n, g('b_' .. n) - amount) end
end
local function give(n, amount)
  local lv, r, c = level(n)
  if lv ~= nil then set('b_' .. n, math.min(c, lv + amount)) end
end
local function wait_for(n, amount)
  local lv, r, c = level(n)
  if lv == nil then return 0 end
  local needed = math.min(amount, c) - lv
  if needed <= 1e-9 * c then return 0 end
  if r <= 0 then return 1e12 end
  local w = math.ceil(needed / r)
  if amount > c then w = w + g('slack', ${fullBucketSlack.usualMs}) end
  return w
end
-- The day's token budget and the least interval between starts: buckets of their own.
local function plain_level(name, per_ms, cap)
  local lv, at = g('b_' .. name), g('u_' .. name, now)
  if lv == nil then lv = cap elseif now > at then lv = math.min(cap, lv + (now - at) * per_ms) end
  set('b_' .. name, lv)
  set('u_' .. name, now)
  return lv
end
local function day_wait(tokens)
  local tpd = g('tpd')
  if tpd == nil then return 0 end
  local per_ms = tpd / 86400000
  local needed = math.min(tokens, tpd) - plain_level('d', per_ms, tpd)
  if needed <= 0 then return 0 end
  return math.ceil(needed / per_ms)
end
local function spacing_wait()
  local mi = g('mi')
  if mi == nil or mi <= 0 then return 0 end
  local needed = 1 - plain_level('s', 1 / mi, 1)
  if needed <= 1e-9 then return 0 end
  return math.ceil(needed * mi)
end
local function slot(at) return math.floor(at / SLOT_MS) end
local function sent_since(n, at)
  local from, to = slot(at), slot(now)
  if to - from > 2400 then from = to - 2400 end
  local fields = {}
  for s = from, to do fields[#fields + 1] = s .. ':' .. n end
  local total = 0
  for _, v in ipairs(redis.call('HMGET', L, unpack(fields))) do if v then total = total + tonumber(v) end end
  return total
end
local function accepted_between(from, to)
  local total = 0
  for s = math.floor(from / 1000), math.floor(to / 1000) do
    local v = redis.call('HGET', L, 'a:' .. s)
    if v then total = total + tonumber(v) end
  end
  return total
end
local function slots()
  return math.max(1, math.floor(math.min(g('conc', 1), g('mif', 1e12), g('maxc', 1e12))))
end
local function bump() set('ver', g('ver', 0) + 1) end
`;
