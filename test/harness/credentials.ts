/**
 * Credentials for the harness: an in-memory store (stands in for n8n's encrypted
 * `credentials_entity` table) and a credentials helper that behaves like the n8n CLI's
 * `CredentialsHelper` (packages/cli/src/credentials-helper.ts, n8n 2.41):
 *
 * - `getDecrypted`: stored data + credential-type defaults (`NodeHelpers.getNodeParameters`),
 *   then `={{ }}` expressions inside credential data are resolved.
 * - `authenticate`: function form is called as-is; generic form copies each
 *   `properties.<outerKey>.<key>` onto the request, resolving `={{$credentials.x}}`.
 * - `preAuthentication`: only for a type with a `hidden` property whose
 *   `typeOptions.expirable` is true; runs the type's `preAuthentication` when that
 *   field is empty or `credentialsExpired` is true, and persists the result (only if
 *   it contains the expirable field, only if the node references the credential)
 *   back into the store, then returns the merged data.
 *
 * n8n-core's `httpRequestWithAuthentication` drives it: preAuthentication(expired=false)
 * -> authenticate -> request, and on a 401 preAuthentication(expired=true) ->
 * authenticate -> one retry.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	getCredentialOwnRequestAllowedDomains,
	ICredentials,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
} from 'n8n-workflow';
import { getAdditionalKeys } from 'n8n-core';

export type CredentialTypeInput = ICredentialType | (new () => ICredentialType);

/** One stored credential, like a row of n8n's credentials table (data decrypted). */
export interface StoredCredential {
	id: string;
	name: string;
	data: ICredentialDataDecryptedObject;
}

export type CredentialInput = Partial<Omit<StoredCredential, 'data'>> & {
	data: ICredentialDataDecryptedObject;
};

export interface CredentialUpdate {
	type: string;
	id: string;
	/** Full stored data after the write. */
	data: ICredentialDataDecryptedObject;
}

export interface PreAuthenticationCall {
	type: string;
	credentialsExpired: boolean;
	/** Keys the credential type's preAuthentication returned. */
	returnedKeys: string[];
	/** Whether the result was written back to the store. */
	persisted: boolean;
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * In-memory credential store, one credential per credential type. Pass the same
 * instance to several `runWorkflow` calls to keep tokens across executions, as n8n's
 * database does.
 */
export class CredentialStore {
	private readonly byType = new Map<string, StoredCredential>();

	/** Every write (`updateCredentials`), in order. */
	readonly updates: CredentialUpdate[] = [];

	/** Every invocation of a credential type's `preAuthentication`, in order. */
	readonly preAuthenticationCalls: PreAuthenticationCall[] = [];

	constructor(initial: Record<string, CredentialInput> = {}) {
		for (const [type, credential] of Object.entries(initial)) this.set(type, credential);
	}

	set(type: string, credential: CredentialInput): void {
		this.byType.set(type, {
			id: credential.id ?? `${type}-1`,
			name: credential.name ?? `${type} account`,
			data: clone(credential.data),
		});
	}

	has(type: string): boolean {
		return this.byType.has(type);
	}

	/** A copy of the stored credential (as persisted: no defaults, expressions unresolved). */
	get(type: string): StoredCredential | undefined {
		const stored = this.byType.get(type);
		return stored ? clone(stored) : undefined;
	}

	/** A copy of the stored data of a credential type (throws if there is none). */
	data(type: string): ICredentialDataDecryptedObject {
		return clone(this.require(type).data);
	}

	/** Copies of the data of every stored credential (e.g. to know which secrets must not leak). */
	allData(): ICredentialDataDecryptedObject[] {
		return [...this.byType.values()].map((stored) => clone(stored.data));
	}

	/** `{ id, name }` as a workflow node references it. */
	reference(type: string): INodeCredentialsDetails {
		const { id, name } = this.require(type);
		return { id, name };
	}

	preAuthenticationCount(type?: string): number {
		return this.preAuthenticationCalls.filter((c) => type === undefined || c.type === type)
			.length;
	}

	updateCount(type?: string): number {
		return this.updates.filter((u) => type === undefined || u.type === type).length;
	}

	/** @internal used by the credentials helper */
	require(type: string, nodeCredentials?: INodeCredentialsDetails): StoredCredential {
		const stored = this.byType.get(type);
		if (!stored) {
			const ref = nodeCredentials?.id ? ` with ID "${nodeCredentials.id}"` : '';
			throw new UserError(
				`Credential${ref} of type "${type}" does not exist (harness: pass it in options.credentials).`,
			);
		}
		return stored;
	}

	/** @internal used by the credentials helper */
	write(type: string, data: ICredentialDataDecryptedObject): void {
		const stored = this.require(type);
		stored.data = clone(data);
		this.updates.push({ type, id: stored.id, data: clone(data) });
	}
}

/** Credential types known to a run, with `extends` resolution like n8n's CredentialTypes. */
export class CredentialTypeRegistry {
	private readonly types = new Map<string, ICredentialType>();

	constructor(inputs: CredentialTypeInput[] = []) {
		for (const input of inputs) {
			const type = typeof input === 'function' ? new input() : input;
			this.types.set(type.name, type);
		}
	}

	recognizes(name: string): boolean {
		return this.types.has(name);
	}

	getByName(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) {
			throw new UnexpectedError(
				`Unknown credential type "${name}" (harness: add it to options.credentialTypes; known: ${[...this.types.keys()].join(', ') || 'none'})`,
			);
		}
		return type;
	}

	/** All ancestors (`extends`, transitively). Unregistered parents are listed but not followed. */
	getParentTypes(name: string): string[] {
		const parents: string[] = [];
		const queue = [...(this.types.get(name)?.extends ?? [])];
		while (queue.length > 0) {
			const parent = queue.shift() as string;
			if (parents.includes(parent)) continue;
			parents.push(parent);
			queue.push(...(this.types.get(parent)?.extends ?? []));
		}
		return parents;
	}
}

/** Minimal ICredentials: n8n-core's `Credentials` would need the Cipher/encryption key. */
class PlainCredentials extends ICredentials {
	constructor(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		private plain: ICredentialDataDecryptedObject,
	) {
		super(nodeCredentials, type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return clone(this.plain);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.plain) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.plain = clone(data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const next = { ...this.plain, ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete next[key];
		this.plain = next;
	}
}

// Same trick as the CLI: expressions in credential data are resolved against a
// one-node workflow when no node context is given.
const mockNode: INode = {
	id: 'harness-credentials-mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};
const mockNodeType: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};
const mockNodeTypes: INodeTypes = {
	getByName: () => mockNodeType,
	getByNameAndVersion: () => mockNodeType,
	getKnownTypes: () => ({}),
};

/**
 * Wraps the helpers handed to a credential's `preAuthentication` so its requests
 * honour the credential's own "allowed domains" setting, as the CLI does.
 */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: CredentialTypeRegistry,
		readonly store: CredentialStore,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		const typeDef = this.credentialTypes.getByName(credentialType);
		if (!typeDef.restrictToSupportedNodes) return true;
		const supported = typeDef.supportedNodes ?? [];
		return supported.some((name) => nodeType === name || nodeType.endsWith(`.${name}`));
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions;
		const credentialType = this.credentialTypes.getByName(typeName);
		const { authenticate } = credentialType;
		if (!authenticate) return requestOptions as IHttpRequestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}

		if (!workflow || !node) {
			throw new UnexpectedError(
				'Workflow and node are required for declarative credential authentication',
			);
		}
		if (requestOptions.headers === undefined) requestOptions.headers = {};
		if (authenticate.type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
					const keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
					const valueResolved = this.resolveValue(
						value as string,
						{ $credentials: credentials },
						workflow,
						node,
					);
					if (!target[outerKey]) target[outerKey] = {};
					target[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property?.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;

		// n8n's credential test runs with a mock noOp node whose `temp` parameter is ''.
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (
			!(credentials[expirableProperty.name] === '' || credentialsExpired || isTestingCredentials)
		) {
			return undefined;
		}

		const output = (await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		)) as ICredentialDataDecryptedObject;

		const call: PreAuthenticationCall = {
			type: typeName,
			credentialsExpired,
			returnedKeys: Object.keys(output ?? {}),
			persisted: false,
		};
		this.store.preAuthenticationCalls.push(call);

		// The result must contain the expirable property, otherwise nothing is saved.
		if (output?.[expirableProperty.name] === undefined) return undefined;
		if (!node.credentials) return undefined;

		const nodeCredentials = node.credentials[credentialType.name];
		const storedData = await (await this.getCredentials(nodeCredentials, credentialType.name)).getData();
		const dataToPersist: ICredentialDataDecryptedObject = { ...storedData };
		for (const [key, value] of Object.entries(output)) {
			// Never overwrite a field the user stored as an expression.
			if (key === expirableProperty.name || !isExpression(storedData[key])) {
				dataToPersist[key] = value;
			}
		}
		await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
		call.persisted = true;
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails | undefined,
		type: string,
	): Promise<ICredentials> {
		const stored = this.store.require(type, nodeCredentials);
		return new PlainCredentials({ id: stored.id, name: stored.name }, type, stored.data);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const decryptedDataOriginal = clone(this.store.require(type, nodeCredentials).data);
		if (raw === true) return decryptedDataOriginal;

		const credentialsProperties = this.getCredentialsProperties(type);
		let decryptedData = NodeHelpers.getNodeParameters(
			credentialsProperties,
			decryptedDataOriginal as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (decryptedDataOriginal.oauthTokenData !== undefined) {
			decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData;
		}
		for (const key of ['allowedHttpRequestDomains', 'allowedDomains']) {
			if (decryptedData[key] === undefined && decryptedDataOriginal[key] !== undefined) {
				decryptedData[key] = decryptedDataOriginal[key];
			}
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			try {
				decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
					decryptedData as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				(e as Error).message += ' [Error resolving credentials]';
				throw e;
			}
		} else {
			const workflow = new Workflow({
				nodes: [mockNode],
				connections: {},
				active: false,
				nodeTypes: mockNodeTypes,
			});
			await workflow.expression.acquireIsolate();
			try {
				decryptedData = workflow.expression.getComplexParameterValue(
					mockNode,
					decryptedData as INodeParameters,
					mode,
					additionalKeys,
					undefined,
					undefined,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} finally {
				await workflow.expression.releaseIsolate();
			}
		}
		return decryptedData;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails | undefined,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.require(type, nodeCredentials);
		this.store.write(type, data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const stored = this.store.require(type, nodeCredentials);
		this.store.write(type, { ...stored.data, oauthTokenData: data.oauthTokenData });
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialTypeData = this.credentialTypes.getByName(type);
		if (credentialTypeData.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialTypeData.properties,
					{
						displayName: 'oauthTokenData',
						name: 'oauthTokenData',
						type: 'json',
						required: false,
						default: {},
					},
				];
			}
			return credentialTypeData.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of credentialTypeData.extends) {
			if (!this.credentialTypes.recognizes(parent)) continue;
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialTypeData.properties);
		return combined;
	}

	private resolveValue(
		parameterValue: string,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(parameterValue)) return parameterValue;
		const returnValue = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!returnValue) return '';
		return returnValue.toString();
	}
}
