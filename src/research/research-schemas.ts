/** What a search task answers: the sources it found. */
export function sourcesSchema(count: number): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      sources: {
        type: 'array',
        minItems: 1,
        maxItems: count,
        items: {
          type: 'object',
          properties: {
            url: { type: 'string', description: 'the page’s own https URL' },
            title: { type: 'string' },
            summary: { type: 'string', description: 'one line on what the page says' },
          },
          required: ['url', 'title', 'summary'],
          additionalProperties: false,
        },
      },
    },
    required: ['sources'],
    additionalProperties: false,
  };
}

/** What a fetch task answers: facts, each with the URL of the page it came from. */
export const findingsSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    findings: {
      type: 'array',
      items: {
        type: 'object',
        properties: { fact: { type: 'string' }, url: { type: 'string' } },
        required: ['fact', 'url'],
        additionalProperties: false,
      },
    },
  },
  required: ['findings'],
  additionalProperties: false,
};

/** What an analysis answers: a summary, and its points with their sources. */
export const analysisSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    summary: { type: 'string' },
    points: {
      type: 'array',
      items: {
        type: 'object',
        properties: { point: { type: 'string' }, sources: { type: 'array', items: { type: 'string' }, description: 'URLs' } },
        required: ['point', 'sources'],
        additionalProperties: false,
      },
    },
  },
  required: ['summary', 'points'],
  additionalProperties: false,
};

/** What the synthesis answers: the report, and the sources it cites (at least one), numbered as the report cites them. */
export const reportSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    report: { type: 'string', description: 'the report; each claim cites its sources as [n]' },
    sources: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: { number: { type: 'integer', minimum: 1 }, url: { type: 'string' }, title: { type: 'string' } },
        required: ['number', 'url', 'title'],
        additionalProperties: false,
      },
    },
  },
  required: ['report', 'sources'],
  additionalProperties: false,
};
