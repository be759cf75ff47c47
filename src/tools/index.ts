export { builtInToolNames, type BuiltInToolName } from './built-in-tool-names.ts';
export type { ToolSettings, ShellSettings, FetchSettings } from './tool-settings.ts';
export { createBuiltInTools } from './create-built-in-tools.ts';
export { maxToolOutputCharacters } from './cap-tool-output.ts';
export { ToolRefusedError, type RefusalReason } from './tool-refused-error.ts';
export { ToolFailedError } from './tool-failed-error.ts';
