import { describe, expect, it } from 'vitest';
import { commandEnvironment } from './command-environment.ts';

describe('commandEnvironment', () => {
  it('leaves out the known key variables and anything named like a secret, unless passed', () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/home/me',
      OPENAI_API_KEY: 'sk-1',
      LOCAL_LLM: 'configured key',
      GITHUB_TOKEN: 'ghp',
      AWS_SECRET_ACCESS_KEY: 'aws',
      PGPASSWORD: 'pg',
      DB_PASSWORD: 'db',
      GOOGLE_APPLICATION_CREDENTIALS: '/creds.json',
      KEYBOARD_LAYOUT: 'us',
      SSH_AUTH_SOCK: '/tmp/agent',
      ANTHROPIC_API_KEY: 'sk-ant',
      UNSET: undefined,
    };
    expect(commandEnvironment(env, { keyVariables: ['OPENAI_API_KEY', 'LOCAL_LLM'], passEnv: ['ANTHROPIC_API_KEY'] })).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      KEYBOARD_LAYOUT: 'us',
      SSH_AUTH_SOCK: '/tmp/agent',
      ANTHROPIC_API_KEY: 'sk-ant',
    });
  });
});
