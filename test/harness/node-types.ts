/**
 * Node-type registry for a harness run, plus stand-ins for the few n8n-nodes-base
 * nodes a workflow needs around ours (n8n-nodes-base itself is not installed).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, UnexpectedError } from 'n8n-workflow';

export type NodeTypeInput =
	| INodeType
	| IVersionedNodeType
	| (new () => INodeType | IVersionedNodeType);

/** Package prefix of our node types, as a real n8n names them (`<package>.<node>`). */
export const DEFAULT_PACKAGE_NAME = 'n8n-nodes-nordic-commerce';

export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const NO_OP_TYPE = 'n8n-nodes-base.noOp';
export const STICKY_NOTE_TYPE = 'n8n-nodes-base.stickyNote';

/**
 * Stand-in for n8n-nodes-base.manualTrigger. The real node is a `trigger()` node that
 * emits one empty item; here it simply passes on what the harness puts on the
 * execution stack (one empty item). Its items normally come from `pinData`
 * (or the `input` option), in which case n8n does not run it at all.
 */
export class ManualTriggerStandIn implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		icon: 'fa:mouse-pointer',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		eventTriggerDescription: '',
		maxNodes: 1,
		defaults: { name: "When clicking 'Execute workflow'" },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** Stand-in for n8n-nodes-base.noOp ("No Operation, do nothing"): passes items through. */
export class NoOpStandIn implements INodeType {
	description: INodeType['description'] = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		icon: 'fa:arrow-right',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** Stand-in for sticky notes, which exported workflows and templates often contain. */
export class StickyNoteStandIn implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Sticky Note',
		name: 'stickyNote',
		icon: 'fa:sticky-note',
		group: ['input'],
		version: [1, 2],
		description: 'Make your workflow easier to understand',
		defaults: { name: 'Sticky Note' },
		inputs: [],
		outputs: [],
		properties: [],
	};
}

export function instantiate<T>(input: T | (new () => T)): T {
	return typeof input === 'function' ? new (input as new () => T)() : input;
}

/**
 * Returns a per-run copy of a node type whose `execute` records the error it throws,
 * so a test can see the original NodeApiError/NodeOperationError instance (n8n-core
 * itself only keeps a plain-object copy in the run data). Everything else, including
 * the prototype chain, is the node's own.
 */
function withErrorCapture(
	nodeType: INodeType,
	onError: (nodeName: string, error: unknown) => void,
): INodeType {
	const { execute } = nodeType;
	if (typeof execute !== 'function') return nodeType;
	const copy = Object.create(nodeType) as INodeType & IDataObject;
	copy.execute = async function (this: IExecuteFunctions, ...args: unknown[]) {
		try {
			return await (execute as (...a: unknown[]) => Promise<unknown>).apply(this, args);
		} catch (error) {
			// `this` is the execute context for classic nodes, the node instance otherwise.
			const context = (typeof this?.getNode === 'function' ? this : args[0]) as
				| IExecuteFunctions
				| undefined;
			onError(context?.getNode?.().name ?? '', error);
			throw error;
		}
	} as INodeType['execute'];
	return copy;
}

export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(
		nodeTypes: NodeTypeInput[] | Record<string, NodeTypeInput>,
		packageName: string,
		onError: (nodeName: string, error: unknown) => void,
	) {
		const add = (name: string, input: NodeTypeInput) => {
			const instance = instantiate(input);
			this.types.set(name, wrapAll(instance, onError));
		};
		add(MANUAL_TRIGGER_TYPE, ManualTriggerStandIn);
		add(NO_OP_TYPE, NoOpStandIn);
		add(STICKY_NOTE_TYPE, StickyNoteStandIn);
		if (Array.isArray(nodeTypes)) {
			for (const input of nodeTypes) {
				const instance = instantiate(input);
				this.types.set(`${packageName}.${instance.description.name}`, wrapAll(instance, onError));
			}
		} else {
			for (const [name, input] of Object.entries(nodeTypes)) add(name, input);
		}
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) {
			throw new UnexpectedError(
				`Unrecognized node type: ${nodeType} (harness knows: ${[...this.types.keys()].join(', ')})`,
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	knownTypeNames(): string[] {
		return [...this.types.keys()];
	}
}

function wrapAll(
	instance: INodeType | IVersionedNodeType,
	onError: (nodeName: string, error: unknown) => void,
): INodeType | IVersionedNodeType {
	if ('nodeVersions' in instance) {
		const versioned = Object.create(instance) as IVersionedNodeType;
		versioned.nodeVersions = Object.fromEntries(
			Object.entries(instance.nodeVersions).map(([v, t]) => [v, withErrorCapture(t, onError)]),
		);
		return versioned;
	}
	return withErrorCapture(instance, onError);
}
