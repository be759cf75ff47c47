import { describe, expect, it } from 'vitest';
import { commandEnvironment } from './command-environment.ts';

describe('commandEnvironment', () => {
  it('leaves out the known key variables, anything named like a secret, and copies of their values, unless passed', () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/home/me',
      OPENAI_API_KEY: 'sk-1',
      LOCAL_LLM: 'configured key',
      GITHUB_TOKEN: 'ghp-0123456789',
      AWS_SECRET_ACCESS_KEY: 'aws',
      PGPASSWORD: 'pg',
      DB_PASSWORD: 'db',
      GOOGLE_APPLICATION_CREDENTIALS: '/creds.json',
      KEYBOARD_LAYOUT: 'us',
      SSH_AUTH_SOCK: '/tmp/agent',
      ANTHROPIC_API_KEY: 'sk-ant',
      BACKUP: 'x ghp-0123456789 y',
      FLAG_TOKEN: '1',
      DEBUG: '1',
      UNSET: undefined,
    };
    expect(commandEnvironment(env, { keyVariables: ['OPENAI_API_KEY', 'LOCAL_LLM'], passEnv: ['ANTHROPIC_API_KEY'] })).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      KEYBOARD_LAYOUT: 'us',
      SSH_AUTH_SOCK: '/tmp/agent',
      ANTHROPIC_API_KEY: 'sk-ant',
      DEBUG: '1',
    });
  });
});
