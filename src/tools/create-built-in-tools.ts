import type { ToolSet } from 'ai';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { builtInToolNames, type BuiltInToolName } from './built-in-tool-names.ts';
import { fetchUrlTool } from './fetch/fetch-url-tool.ts';
import { editFileTool } from './files/edit-file-tool.ts';
import { globTool } from './files/glob-tool.ts';
import { grepTool } from './files/grep-tool.ts';
import { listFilesTool } from './files/list-files-tool.ts';
import { readFileTool } from './files/read-file-tool.ts';
import { writeFileTool } from './files/write-file-tool.ts';
import { prepareToolSettings, type PreparedToolSettings } from './prepare-tool-settings.ts';
import { shellTool } from './shell/shell-tool.ts';
import type { ToolSettings } from './tool-settings.ts';

const factories: Record<BuiltInToolName, (settings: PreparedToolSettings) => ToolSet[string]> = {
  read_file: readFileTool,
  list_files: listFilesTool,
  glob: globTool,
  grep: grepTool,
  write_file: writeFileTool,
  edit_file: editFileTool,
  shell: (settings) => {
    if (settings.shell === undefined) throw new InvalidInputError('the shell tool needs shell settings (at least `allow`, the programs it may run)');
    return shellTool(settings, settings.shell);
  },
  fetch_url: fetchUrlTool,
};

/**
 * The named built-in tools with `execute`, confined per `settings`. Throws an `InvalidInputError`
 * for an unknown name, `shell` without `settings.shell`, or a root that is not an existing folder.
 * A refused or failed call throws inside `execute`, which the AI SDK hands the model as a tool error.
 */
export function createBuiltInTools(names: readonly BuiltInToolName[], settings: ToolSettings): ToolSet {
  const unknown = names.filter((name) => !Object.hasOwn(factories, name));
  if (unknown.length > 0) throw new InvalidInputError(`unknown tool ${unknown.map((name) => JSON.stringify(name)).join(', ')}; built-in tools are ${builtInToolNames.join(', ')}`);
  const prepared = prepareToolSettings(settings);
  return Object.fromEntries(names.map((name) => [name, factories[name](prepared)]));
}
