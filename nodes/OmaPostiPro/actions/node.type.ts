import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	shipment: 'create' | 'getLabel' | 'track';
	pickupPoint: 'get' | 'search';
};

export type OmaPostiProType = AllEntities<NodeMap>;
