/**
 * The Lua of a limiter whose state lives in Redis, shared by every process that calls the key: the
 * same rules as `createKeyLimiter` (token buckets per limit paced under it, a park until the
 * provider's deadline, limits learned from headers, a margin that refusals widen, a rate learned
 * from refusals when none is stated, adaptive concurrency), each change one atomic script.
 *
 * KEYS[1] the state hash, KEYS[2] its holders (calls in flight and last beat per process), KEYS[3]
 * the send log (units sent per 50 ms slot, accepted calls per second). Times are Redis's own clock
 * (`TIME`), so processes on machines whose clocks differ agree.
 */
import { limiterTuning } from '../limit/limiter-tuning.ts';
import { adaptation } from './limiter-lua-adaptation.ts';
import { prelude } from './limiter-lua-prelude.ts';

const { margin, fullBucketSlack } = limiterTuning;

// Every script answers the state a process keeps for its snapshot: now, slots, in flight, parked until, version, paced requests/min.
const reply = `{tostring(now), tostring(slots()), tostring(g('inf', 0)), tostring(g('park', 0)), tostring(g('ver', 0)), tostring((rate('r') or 0) * 60000)}`;

/**
 * Takes slots for the calls at the head of a process's queue, in order, until one must wait: ARGV
 * holder, n, then each call's input and output tokens. Returns how many were granted, why the next
 * was not (0: wait the ms that follow, 2: no slot free, 1: all granted), the wait, then the state.
 */
export const acquireLua = `${prelude}${adaptation}
local holder, n = ARGV[1], tonumber(ARGV[2])
if g('src', 'none') == 'none' then estimate_tick() end
local park = g('park', 0)
if park > now then save() return {0, 0, tostring(park - now), ${reply}} end
local granted, code, w = 0, 1, 0
local sent = {r = 0, i = 0, o = 0, t = 0}
local logged = false
for k = 1, n do
  if g('inf', 0) >= slots() then code = 2 break end
  local u = usage(tonumber(ARGV[1 + 2 * k]), tonumber(ARGV[2 + 2 * k]))
  for _, name in ipairs(NAMES) do w = math.max(w, wait_for(name, u[name])) end
  w = math.max(w, day_wait(u.t), spacing_wait())
  if w > 0 then code = 0 break end
  for _, name in ipairs(NAMES) do
    if st['b_' .. name] ~= nil then logged = true end
    take(name, u[name])
    set('f_' .. name, g('f_' .. name, 0) + u[name])
    sent[name] = sent[name] + u[name]
  end
  if st['b_d'] ~= nil then set('b_d', g('b_d') - u.t) logged = true end
  if st['b_s'] ~= nil then set('b_s', g('b_s') - 1) end
  set('inf', g('inf', 0) + 1)
  if g('refused', 0) == 0 then set('lif', math.max(g('lif', 0), g('inf', 0))) end
  granted = granted + 1
end
if granted > 0 then
  -- Sends are logged only to read a provider's remaining: a key with no limit keeps no log.
  if logged then
    local s = slot(now)
    for _, name in ipairs(NAMES) do if sent[name] ~= 0 then redis.call('HINCRBYFLOAT', L, s .. ':' .. name, sent[name]) end end
  end
  redis.call('HINCRBY', H, 'n:' .. holder, granted)
  set('last', now)
end
save()
return {granted, code, tostring(w), ${reply}}
`;

/**
 * Ends a call: ARGV holder, estimated input, output, actual input, output ('' when unknown),
 * latency ('' when not answered), overloaded, refused, cancelled (never sent) (0/1), sent at,
 * whether the process has calls waiting for a slot (0/1).
 */
export const settleLua = `${prelude}${adaptation}
local holder = ARGV[1]
local u = usage(tonumber(ARGV[2]), tonumber(ARGV[3]))
local a = (ARGV[4] == '') and u or usage(tonumber(ARGV[4]), tonumber(ARGV[5]))
local latency = tonumber(ARGV[6])
local overloaded, refused, cancelled = ARGV[7] == '1', ARGV[8] == '1', ARGV[9] == '1'
local sent_at = tonumber(ARGV[10])
local waiting = ARGV[11] == '1'
-- A holder declared gone had its calls given back already: its late settles count no more.
local held = tonumber(redis.call('HGET', H, 'n:' .. holder) or '0')
if held > 0 then
  set('inf', math.max(0, g('inf', 0) - 1))
  if held == 1 then redis.call('HDEL', H, 'n:' .. holder) else redis.call('HINCRBY', H, 'n:' .. holder, -1) end
end
for _, n in ipairs(NAMES) do set('f_' .. n, math.max(0, g('f_' .. n, 0) - u[n])) end
if cancelled then
  -- Never sent: everything it took goes back, and it taught nothing.
  for _, n in ipairs(NAMES) do give(n, u[n]) end
  if st['b_d'] ~= nil then set('b_d', g('b_d') + u.t) end
  local s = slot(sent_at)
  for _, n in ipairs(NAMES) do if u[n] ~= 0 and redis.call('HEXISTS', L, s .. ':' .. n) == 1 then redis.call('HINCRBYFLOAT', L, s .. ':' .. n, -u[n]) end end
  save()
  return ${reply}
end
for _, n in ipairs(NAMES) do
  local difference
  if n == 'r' then difference = refused and 1 or 0 else difference = u[n] - a[n] end
  if difference > 0 then give(n, difference) elseif difference < 0 then take(n, -difference) end
end
if st['b_d'] ~= nil and u.t ~= a.t then set('b_d', g('b_d') + u.t - a.t) end
local paced = rate('r') ~= nil
if refused then
  local s = slot(sent_at)
  for _, n in ipairs(NAMES) do if u[n] ~= 0 and redis.call('HEXISTS', L, s .. ':' .. n) == 1 then redis.call('HINCRBYFLOAT', L, s .. ':' .. n, -u[n]) end end
  if g('refused', 0) == 0 then set('lif', math.max(1, math.floor(g('lif', 0) / 2))) end
  set('refused', 1)
  if g('src', 'none') == 'none' then
    estimate_refused(sent_at)
  elseif sent_at > g('mch', -1e15) then
    -- With a limit stated, a refusal is jitter or another client: pace a little further under it.
    set('share', math.max(${margin.lowest}, g('share', ${margin.usual}) * 0.98))
    set('slack', math.min(${fullBucketSlack.largestMs}, g('slack', ${fullBucketSlack.usualMs}) * 2))
    set('mch', now)
    set('quiet', 0)
  end
elseif not overloaded and latency ~= nil then
  if g('src', 'none') == 'none' then
    redis.call('HINCRBY', L, 'a:' .. math.floor(sent_at / 1000), 1)
    set('eacc', g('eacc', 0) + 1)
  end
  local share = g('share', ${margin.usual})
  if share < ${margin.usual} then
    local quiet = g('quiet', 0) + 1
    if quiet >= ${margin.quietCallsPerStepBack} then
      set('share', math.min(${margin.usual}, share * 1.01))
      set('slack', math.max(${fullBucketSlack.usualMs}, g('slack', ${fullBucketSlack.usualMs}) / 2))
      quiet = 0
    end
    set('quiet', quiet)
  end
  local lat = g('lat')
  set('lat', (lat == nil) and latency or lat * 0.9 + latency * 0.1)
end
if overloaded then on_overload()
elseif latency ~= nil and not refused then
  -- Paced, calls in flight follow from rate x latency (Little's law); unpaced, from how the provider copes.
  if not paced then on_success(latency, g('inf', 0) + 1, waiting)
  else raise_to(math.ceil(rate('r') * g('lat', latency) * 2) + 1) end
  if g('refused', 0) == 0 then set('lif', math.max(g('lif', 0), math.floor(g('conc', 1)))) end
end
save()
return ${reply}
`;

/**
 * Applies what a provider said: ARGV source, sent at ('' when unknown), limits as JSON (an object,
 * '{}' for none), remaining as JSON (as of the call sent then).
 */
export const learnLua = `${prelude}
local from = ARGV[1]
local sent_at = tonumber(ARGV[2])
local limits, remaining = cjson.decode(ARGV[3]), cjson.decode(ARGV[4])
local stale = sent_at ~= nil and sent_at < g('newest', -1e15)
if sent_at ~= nil and not stale then set('newest', sent_at) end
for key, value in pairs(remaining) do
  local n = OF_LIMIT[key]
  if n ~= nil then set('lr_' .. n, math.max(g('lr_' .. n, 0), value)) end
end
local changed = false
if not stale then
  for key, value in pairs(limits) do
    local field = FIELD[key]
    if field ~= nil and g(field) ~= value then set(field, value) changed = true end
  end
  local src = g('src', 'none')
  if next(limits) ~= nil and (from == 'header' or src == 'none' or (src == 'learned' and from == 'configured')) then
    if src ~= from then changed = true end
    set('src', from)
  end
end
local reported = sent_at or now
for key, value in pairs(remaining) do
  if key == 'tokensPerDay' then
    if st['b_d'] ~= nil then set('b_d', math.min(plain_level('d', g('tpd') / 86400000, g('tpd')), value - sent_since('t', reported))) end
  else
    local n = OF_LIMIT[key]
    local limit = n and g(LIMIT[n])
    if n ~= nil and limit ~= nil then
      local lv = level(n)
      -- What the provider had left when it admitted that call, plus what refilled since, less what was sent after it.
      if lv ~= nil then set('b_' .. n, math.min(lv, value + (now - reported) * limit / 60000 - sent_since(n, reported))) end
    end
  end
end
if changed then bump() end
save()
return ${reply}
`;

/** Holds every call until ARGV[1] (Redis ms): the key resumes with one call at the deadline, then at the pace. */
export const parkLua = `${prelude}
local until_ms = tonumber(ARGV[1])
local park = g('park', 0)
if until_ms > park then park = until_ms set('park', park) bump() end
local wait = park - now
for _, n in ipairs(NAMES) do
  local lv, r = level(n)
  if lv ~= nil then set('b_' .. n, math.min(lv, ((n == 'r') and 1 or 0) - wait * r)) end
end
save()
return ${reply}
`;

/**
 * Sets a key's caps: ARGV max concurrency, initial concurrency (for a key nothing is known of), adaptive (0/1),
 * configured limits as JSON. The cap is the last one set: every process of a pass sets the same.
 */
export const configureLua = `${prelude}
local maxc, initial, adaptive = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3] == '1'
local limits = cjson.decode(ARGV[4])
local changed = false
for key, value in pairs(limits) do
  local field = FIELD[key]
  if field ~= nil and g(field) ~= value then set(field, value) changed = true end
end
local src = g('src', 'none')
if next(limits) ~= nil and (src == 'none' or src == 'learned') then set('src', 'configured') changed = true end
if g('maxc') ~= maxc then set('maxc', maxc) changed = true end
if not adaptive then set('conc', maxc)
elseif st['conc'] == nil then
  -- With limits known the pacer spaces the calls; with none, only evidence earns a burst.
  local known = g('src', 'none') ~= 'none'
  set('conc', known and math.min(initial, maxc) or math.min(initial, math.max(1, g('lif', 1)), 32))
  set('ssc', maxc)
else set('conc', math.min(g('conc', 1), maxc)) end
if changed then bump() end
save()
return ${reply}
`;

/**
 * A process says it is alive (ARGV holder); processes silent for ARGV[2] ms are gone, and their
 * calls in flight with them. Old send-log slots are dropped; the key expires a week after its last use.
 */
export const beatLua = `${prelude}
local holder, gone_after = ARGV[1], tonumber(ARGV[2])
redis.call('HSET', H, 'b:' .. holder, now)
local entries = redis.call('HGETALL', H)
local beats, counts = {}, {}
for i = 1, #entries, 2 do
  local kind, who = string.sub(entries[i], 1, 1), string.sub(entries[i], 3)
  if kind == 'b' then beats[who] = tonumber(entries[i + 1]) else counts[who] = tonumber(entries[i + 1]) end
end
for who, at in pairs(beats) do
  if at < now - gone_after then
    set('inf', math.max(0, g('inf', 0) - (counts[who] or 0)))
    redis.call('HDEL', H, 'b:' .. who, 'n:' .. who)
  end
end
for who, count in pairs(counts) do
  if beats[who] == nil then
    set('inf', math.max(0, g('inf', 0) - count))
    redis.call('HDEL', H, 'n:' .. who)
  end
end
if g('inf', 0) == 0 then for _, n in ipairs(NAMES) do if st['f_' .. n] ~= nil then set('f_' .. n, 0) end end end
-- The send log keeps two minutes.
local keep_from = slot(now) - 2400
local gc = g('gc', keep_from)
if keep_from - gc > 24000 then gc = keep_from - 24000 end
for s = gc, keep_from - 1 do redis.call('HDEL', L, s .. ':r', s .. ':i', s .. ':o', s .. ':t') end
local keep_second = math.floor(now / 1000) - 120
for s = math.floor(gc * 50 / 1000), keep_second - 1 do redis.call('HDEL', L, 'a:' .. s) end
set('gc', keep_from)
save()
for _, key in ipairs({S, H, L}) do redis.call('PEXPIRE', key, 604800000) end
return ${reply}
`;

/** A process leaves the key (ARGV holder): whatever it still held in flight goes back. */
export const leaveLua = `${prelude}
local holder = ARGV[1]
local count = tonumber(redis.call('HGET', H, 'n:' .. holder) or '0')
if count > 0 then set('inf', math.max(0, g('inf', 0) - count)) end
redis.call('HDEL', H, 'b:' .. holder, 'n:' .. holder)
save()
return ${reply}
`;
