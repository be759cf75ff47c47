export { SwarmError } from './swarm-error.ts';
export { InvalidInputError } from './invalid-input-error.ts';
export { DuplicateIdError } from './duplicate-id-error.ts';
export { NotFoundError } from './not-found-error.ts';
export { ModelConfigError } from './model-config-error.ts';
export { StoreVersionError } from './store-version-error.ts';
export { StoreCorruptError } from './store-corrupt-error.ts';
