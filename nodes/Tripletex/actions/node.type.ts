import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	customer: 'create' | 'findOrCreate' | 'get' | 'getMany' | 'update';
	invoice: 'downloadPdf' | 'get' | 'getMany' | 'registerPayment';
	order: 'create' | 'invoice';
	product: 'create' | 'get' | 'getMany';
	voucher: 'create' | 'deleteVoucher' | 'downloadPdf' | 'get' | 'getMany' | 'reverse' | 'uploadAttachment';
};

export type TripletexType = AllEntities<NodeMap>;
