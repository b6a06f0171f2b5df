import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Makes every object schema with `properties` closed (`additionalProperties: false` unless the
 * spec says otherwise), in place: a field the vendor's spec does not have is a contract error.
 */
export function closeObjects(node: unknown): void {
	if (Array.isArray(node)) {
		node.forEach(closeObjects);
		return;
	}
	if (!node || typeof node !== 'object') return;
	const schema = node as { properties?: unknown; additionalProperties?: unknown };
	if (schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
	for (const value of Object.values(schema)) closeObjects(value);
}

/** An Ajv holding a spec's component schemas (closed) under `rootId`, for `$ref`s to `${rootId}#/components/schemas/…`. */
export function specAjv(rootId: string, componentSchemas: unknown, options: { verbose?: boolean } = {}): Ajv {
	const schemas = structuredClone(componentSchemas);
	closeObjects(schemas);
	const instance = new Ajv({ strict: false, allErrors: true, validateSchema: false, allowUnionTypes: true, ...options });
	addFormats(instance);
	instance.addSchema({ $id: rootId, components: { schemas } });
	return instance;
}
