/**
 * Copies the writable properties of a request body onto a record: readOnly properties
 * are ignored (the server does the same), references are kept as `{id}`.
 */
import { loadTripletexSpec, schemaNameOf } from './openapi-validator';

export function copyWritable(
	schemaName: string,
	body: Record<string, unknown>,
	target: Record<string, unknown>,
	skip: string[] = [],
): void {
	const properties = loadTripletexSpec().components.schemas[schemaName]?.properties ?? {};
	for (const [name, schema] of Object.entries(properties)) {
		if (schema.readOnly || skip.includes(name) || ['id', 'version', 'url', 'changes'].includes(name)) continue;
		if (!(name in body)) continue;
		const value = body[name];
		if (schemaNameOf(schema) && value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'number') {
			target[name] = { id: (value as { id: number }).id };
		} else {
			target[name] = value;
		}
	}
}
