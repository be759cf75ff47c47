/** The JSON Schema of a critic's answer: a score from 0 to 1, and what to fix. */
export const criticAnswerSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    score: { type: 'number', minimum: 0, maximum: 1, description: '0: useless or wrong; 1: complete and correct' },
    critique: { type: 'string', description: 'what is missing or wrong, and how to fix it' },
  },
  required: ['score', 'critique'],
  additionalProperties: false,
};
