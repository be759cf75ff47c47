import { z } from 'zod';

const id = z.string({ error: 'must be text' }).refine((value) => value.trim() !== '', { error: 'must not be empty' });
// Entries carry more fields than Swarm reads (a command template may name any of them).
const entry = z.looseObject(
  {
    id,
    title: z.string({ error: 'must be text' }).optional(),
    spec_path: z.string({ error: 'must be text' }).optional(),
    priority: z.number({ error: 'must be a number' }).optional(),
  },
  { error: 'must be a mapping with id: (and title:, spec_path:, priority:)' },
);

/** The zod schema of agentops' wave JSON (`ol hero hunt` output): ready `wave` entries, `blocked` ones, and `completed` ones. */
export const waveSchema = z.looseObject(
  {
    wave: z.array(entry, { error: 'must be a list of entries' }),
    blocked: z.array(entry.extend({ blocked_by: z.array(id, { error: 'must be a list of entry ids' }) }), { error: 'must be a list of entries' }).optional(),
    completed: z.array(z.looseObject({ id }, { error: 'must be a mapping with id:' }), { error: 'must be a list of entries' }).optional(),
  },
  { error: 'must be an object with wave: (and blocked:, completed:), as `ol hero hunt` writes it' },
);

/** A wave file as read. */
export type Wave = z.infer<typeof waveSchema>;
