import { isSchemaNode } from './is-schema-node.ts';
import type { SchemaNode } from './provider-schema.ts';

/** The types a node declares (`type` as a string or a list); empty when it declares none. */
export function typesOf(node: SchemaNode): string[] {
  if (typeof node.type === 'string') return [node.type];
  return Array.isArray(node.type) ? node.type.filter((type): type is string => typeof type === 'string') : [];
}

/** Whether a node describes objects: `type: "object"`, or no type and object keywords. */
export function describesObjects(node: SchemaNode): boolean {
  const types = typesOf(node);
  if (types.length > 0) return types.includes('object');
  return isSchemaNode(node.properties) || node.additionalProperties !== undefined || isSchemaNode(node.patternProperties);
}

/** Whether a node describes arrays: `type: "array"`, or no type and array keywords. */
export function describesArrays(node: SchemaNode): boolean {
  const types = typesOf(node);
  if (types.length > 0) return types.includes('array');
  return node.items !== undefined || Array.isArray(node.prefixItems);
}

/** Whether a node says what its values are: a type, an enum or const, branches or a reference. */
export function constrainsType(node: SchemaNode): boolean {
  return typesOf(node).length > 0 || Array.isArray(node.enum) || 'const' in node || Array.isArray(node.anyOf) || typeof node.$ref === 'string' || describesObjects(node) || describesArrays(node);
}
