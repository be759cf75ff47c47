import { describe, expect, it } from 'vitest';
import { childEnvironment } from './child-environment.ts';
import { looksLikeSecret } from './looks-like-secret.ts';

describe('childEnvironment', () => {
  it('keeps only the safe variables, without secret-looking values or relative PATH entries', () => {
    const environment = childEnvironment({
      PATH: '/usr/local/bin:.:bin::/usr/bin',
      HOME: '/home/agent',
      LANG: 'en_US.UTF-8',
      TZ: 'Europe/Berlin',
      TERM: 'xterm-256color',
      USER: 'sk-proj-abcdefghijklmnop1234',
      SHELL: '/bin/bash',
      LC_ALL: '() { :; }; touch /tmp/pwned',
      OPENAI_API_KEY: 'sk-proj-abcdefghijklmnop1234',
      GITHUB_TOKEN: 'ghp_0123456789abcdefghij',
      DATABASE_PASSWORD: 'correct horse battery staple',
      TMPDIR: '/tmp/correct horse battery staple',
      NODE_OPTIONS: '--require ./evil.js',
    });
    expect(environment).toEqual({ PATH: '/usr/local/bin:/usr/bin', HOME: '/home/agent', LANG: 'en_US.UTF-8', TZ: 'Europe/Berlin', TERM: 'xterm-256color', SHELL: '/bin/bash' });
  });
});

describe('looksLikeSecret', () => {
  it.each(['sk-ant-api03-abcdefgh', 'sk-proj-abcdefghijkl', 'ghp_abcdefghijkl', 'github_pat_11ABCDEFG', 'xoxb-123456789-abc', 'AKIAIOSFODNN7EXAMPLE', 'AIzaSyA-abcdefghij', 'hf_abcdefghijkl', 'eyJhbGciOiJIUzI1NiJ9.eyJ', 'https://user:pass@example.com', 'Bearer abc', 'a3f9c2e1b4d5a6f7e8d9c0b1a2f3e4d5c6b7a8f9'])('%s looks like a secret', (value) => {
    expect(looksLikeSecret(value)).toBe(true);
  });

  it.each(['/usr/local/bin', '/home/task_runner_user', 'en_US.UTF-8', 'America/Argentina/Buenos_Aires', 'xterm-256color', '/bin/zsh', 'alice', '/tmp/desk_something_here', '/opt/very-long-folder-name-without-any-digits-at-all'])('%s does not', (value) => {
    expect(looksLikeSecret(value)).toBe(false);
  });
});
