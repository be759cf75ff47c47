import fs from 'node:fs';
import path from 'node:path';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { ToolSettings } from './tool-settings.ts';

/** `ToolSettings` with every default applied and the root resolved; the tools read only this. */
export interface PreparedToolSettings {
  /** The root as given (normalized), so absolute paths written with it are recognized. */
  rootAsGiven: string;
  /** The root's real path: what every checked path must lie in. */
  root: string;
  maxFileBytes: number;
  shell: { allow: string[]; timeoutMs: number; maxOutputBytes: number } | undefined;
  fetch: { allowPrivateAddresses: boolean; maxBytes: number; timeoutMs: number };
  environment: NodeJS.ProcessEnv;
}

/** Validates and defaults `settings` once; throws `InvalidInputError` for a root that is not an existing absolute folder. */
export function prepareToolSettings(settings: ToolSettings): PreparedToolSettings {
  const { root, maxFileBytes = 1_000_000, shell, fetch = {}, environment = process.env } = settings;
  if (typeof root !== 'string' || !path.isAbsolute(root)) throw new InvalidInputError(`the tools' root must be an absolute folder path, got ${JSON.stringify(root)}`);
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    throw new InvalidInputError(`the tools' root ${JSON.stringify(root)} does not exist`);
  }
  if (!fs.statSync(realRoot).isDirectory()) throw new InvalidInputError(`the tools' root ${JSON.stringify(root)} is not a folder`);
  return {
    rootAsGiven: path.resolve(root),
    root: realRoot,
    maxFileBytes: positive('maxFileBytes', maxFileBytes),
    shell: shell && {
      allow: [...shell.allow],
      timeoutMs: positive('shell.timeoutMs', shell.timeoutMs ?? 60_000),
      maxOutputBytes: positive('shell.maxOutputBytes', shell.maxOutputBytes ?? 65_536),
    },
    fetch: {
      allowPrivateAddresses: fetch.allowPrivateAddresses ?? false,
      maxBytes: positive('fetch.maxBytes', fetch.maxBytes ?? 1_000_000),
      timeoutMs: positive('fetch.timeoutMs', fetch.timeoutMs ?? 30_000),
    },
    environment,
  };
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new InvalidInputError(`tool setting ${name} must be a positive number, got ${value}`);
  return value;
}
