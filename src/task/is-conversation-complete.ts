import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import type { CompletionRule } from './task-definition.ts';

/** Whether a reply ends the conversation under the task's completion rule. */
export function isConversationComplete(rule: CompletionRule, reply: string): boolean {
  if ('marker' in rule) return reply.includes(rule.marker);
  if ('regex' in rule) return new RegExp(rule.regex).test(reply);
  const parsed = parseUntrustedJson(reply, { repair: true });
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') return false;
  const value = (parsed.value as Record<string, unknown>)[rule.jsonField];
  return rule.equals === undefined ? Boolean(value) : JSON.stringify(value) === JSON.stringify(rule.equals);
}
