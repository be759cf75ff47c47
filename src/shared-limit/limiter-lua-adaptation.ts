import { limiterTuning } from '../limit/limiter-tuning.ts';

const { maxConcurrency, overloadWindow, overloadsToBackOff, probing, episodeGapMs, settleMs, measuringSpanMs, rateHeadroom } = limiterTuning;

/** One probing mode as a Lua table; `slower`: the mode's letter after a refusal. */
function luaProbing(mode: (typeof probing)[keyof typeof probing], slower: string): string {
  return `{after = ${mode.afterMs}, calls = ${mode.calls}, first = ${mode.firstStep}, growth = ${mode.growth}, largest = ${mode.largestStep}, back = ${mode.stepsBack}, slower = '${slower}'}`;
}

/** Adaptive concurrency (as `createAdaptiveConcurrency`) and the rate learned from refusals (as `createRateEstimate`). */
export const adaptation = `
local function decrease(factor)
  if g('csd', 1e15) < g('conc', 1) then return end
  local conc = math.max(1, g('conc', 1) * factor)
  set('conc', conc); set('ssc', conc); set('csd', 0)
end
-- The last ${overloadWindow} outcomes as letters (k answered, x overloaded): a string no number parses.
local function remember(outcome)
  local w = (g('ow', '') .. outcome)
  if #w > ${overloadWindow} then w = string.sub(w, #w - ${overloadWindow - 1}) end
  set('ow', w)
  return w
end
-- Saturated: the calls in flight fill the limit, or more are waiting for a slot (another process's
-- slot freed at the same moment cannot be taken before this settles, as it would be in one process).
local function on_success(latency, inflight, waiting)
  set('csd', g('csd', 1e15) + 1)
  remember('k')
  local ul, sl = g('ul', 0), g('sl', 0)
  ul = (ul == 0) and latency or ul * 0.99 + latency * 0.01
  sl = (sl == 0) and latency or sl * 0.9 + latency * 0.1
  set('ul', ul); set('sl', sl)
  local conc = g('conc', 1)
  local saturated = inflight >= math.floor(conc) - 1 or waiting
  if saturated and conc > 1 and ul > 1 and sl > ul * 2 then decrease(0.9) return end
  if not saturated then return end
  local ceiling = g('maxc', ${maxConcurrency})
  if conc < g('ssc', ceiling) then conc = conc + 1 else conc = conc + 1 / conc end
  set('conc', math.min(ceiling, conc))
end
local function on_overload()
  set('csd', g('csd', 1e15) + 1)
  local w = remember('x')
  local _, ones = string.gsub(w, 'x', '')
  if ones >= math.min(${overloadsToBackOff}, #w) then decrease(0.7) end
end
local function raise_to(value)
  set('conc', math.max(g('conc', 1), math.min(g('maxc', ${maxConcurrency}), value)))
end
local PROBING = {
  q = ${luaProbing(probing.quick, 'm')},
  m = ${luaProbing(probing.medium, 'c')},
  c = ${luaProbing(probing.careful, 'c')},
}
local function estimate_refused(sent_at)
  if sent_at - g('elr', -1e15) > ${episodeGapMs} then set('eep', sent_at) end
  set('elr', math.max(g('elr', -1e15), sent_at))
  local estimate = g('est')
  if estimate ~= nil and sent_at < g('elo', -1e15) + ${settleMs} then return end
  set('elo', now)
  local mode = g('emo', 'q')
  if estimate == nil then
    set('est', math.max(1, accepted_between(sent_at - 1000, sent_at)) * 60 * 0.5)
  else
    local span = sent_at - g('eep', sent_at)
    local steps = g('est_steps', '')
    if span >= ${measuringSpanMs} then
      local measured = accepted_between(g('eep', sent_at), sent_at) / span * 60000
      set('est', math.max(0.1, math.min(estimate, measured * ${rateHeadroom})))
      mode = 'c'
    elseif steps ~= '' then
      local undone, taken, list = 1, 0, {}
      for step in string.gmatch(steps, '[^,]+') do list[#list + 1] = tonumber(step) end
      for k = #list, math.max(1, #list - PROBING[mode].back + 1), -1 do undone = undone * (1 + list[k]) end
      set('est', math.max(0.1, estimate / undone * ${rateHeadroom}))
      mode = PROBING[mode].slower
    else
      set('est', math.max(0.1, estimate * 0.7))
      mode = 'm'
    end
  end
  set('emo', mode); set('est_steps', ''); set('estep', PROBING[mode].first); set('ech', now); set('eacc', 0)
end
local function estimate_tick()
  local estimate = g('est')
  if estimate == nil then return end
  local p = PROBING[g('emo', 'q')]
  if now - g('ech', now) < p.after or now - g('elo', -1e15) < p.after or g('eacc', 0) < p.calls then return end
  local step = g('estep', p.first)
  set('est', estimate * (1 + step))
  local steps = g('est_steps', '')
  set('est_steps', (steps == '') and tostring(step) or (steps .. ',' .. step))
  set('estep', math.min(p.largest, step * p.growth))
  set('ech', now); set('eacc', 0); set('elr', -1e15)
end
`;
