import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	businessPartner: 'create' | 'findOrCreate' | 'get' | 'getMany';
	integration: 'getActivationRequest' | 'respond';
	invoice: 'addAttachment' | 'approve' | 'create' | 'get' | 'getMany' | 'markPaid' | 'send';
	product: 'get' | 'getMany';
};

export type ProcountorType = AllEntities<NodeMap>;
