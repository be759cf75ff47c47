import type { TaskDefinition } from './task-definition.ts';

/** The columns a task's pass writes: the task's response_schema, or the text outputs of its turns. */
export function taskOutputSchema(task: TaskDefinition): Record<string, unknown> {
  if (task.responseSchema !== undefined && !task.multiTurn) return task.responseSchema;
  // A custom script without a declared schema returns columns of its own: they are kept whole in `output`.
  if (task.taskType === 'custom') return { type: 'object', properties: { output: { type: 'object' } }, required: ['output'] };
  if (!task.multiTurn) return { type: 'object', properties: { output: { type: 'string' } }, required: ['output'] };
  return {
    type: 'object',
    properties: {
      output: { type: 'string', description: 'the last assistant reply' },
      turns: { type: 'integer', minimum: 1 },
      completed: { type: 'boolean', description: 'whether the completion rule was met before max_turns' },
      conversation: {
        type: 'array',
        items: { type: 'object', properties: { role: { type: 'string' }, content: { type: 'string' } }, required: ['role', 'content'] },
      },
    },
    required: ['output', 'turns', 'completed', 'conversation'],
  };
}
