import type { INodeProperties } from 'n8n-workflow';

import { binaryPropertyOutput, concurrencyOption } from '../common.descriptions';

/** Posti's product codes (OmaPosti Pro / shipping API), with the custom escape hatch. */
const SERVICES = [
	{ name: 'Postipaketti (PO2103): To a Pickup Point', value: 'PO2103' },
	{ name: 'Express-Paketti (PO2102): Home or Business', value: 'PO2102' },
	{ name: 'Kotipaketti (PO2104): Home Delivery', value: 'PO2104' },
	{ name: 'Pikkupaketti (PO2461): Pickup Point or Parcel Locker', value: 'PO2461' },
	{ name: 'Palautus (PO2108): Return', value: 'PO2108' },
	{ name: 'Rahti (POF1): Freight', value: 'POF1' },
	{ name: 'Custom Service Code', value: 'custom' },
];

const parcelFields: INodeProperties[] = [
	{ displayName: 'Count', name: 'count', type: 'number', typeOptions: { minValue: 1, maxValue: 999 }, default: 1, description: 'How many identical parcels (at most 999)' },
	{ displayName: 'Weight (Kg)', name: 'weight', type: 'number', typeOptions: { minValue: 0, maxValue: 1000, numberPrecision: 3 }, default: 1, description: 'Weight of one parcel in kilograms (at most 1000)' },
	{ displayName: 'Length (M)', name: 'length', type: 'number', typeOptions: { minValue: 0, maxValue: 20, numberPrecision: 3 }, default: 0, description: 'In metres (at most 20); 0 leaves it out' },
	{ displayName: 'Width (M)', name: 'width', type: 'number', typeOptions: { minValue: 0, maxValue: 20, numberPrecision: 3 }, default: 0, description: 'In metres (at most 20); 0 leaves it out' },
	{ displayName: 'Height (M)', name: 'height', type: 'number', typeOptions: { minValue: 0, maxValue: 20, numberPrecision: 3 }, default: 0, description: 'In metres (at most 20); 0 leaves it out' },
	{ displayName: 'Contents', name: 'contents', type: 'string', default: '', placeholder: 'e.g. Clothes' },
	{ displayName: 'Value', name: 'value', type: 'number', typeOptions: { minValue: 0, numberPrecision: 2 }, default: 0, description: 'Value of one parcel in euros; 0 leaves it out' },
	{ displayName: 'Package Code', name: 'packageCode', type: 'string', default: 'PKT', description: "Posti's package type; PKT (parcel) unless Posti told you otherwise" },
];

/** The parameters of Shipment → Create, in the order the node shows them. */
export const createFields: INodeProperties[] = [
	{
		displayName: 'Service',
		name: 'service',
		type: 'options',
		options: SERVICES,
		default: 'PO2103',
		description: 'The Posti product; it must be on the contract',
	},
	{
		displayName: 'Custom Service Code',
		name: 'customServiceCode',
		type: 'string',
		default: '',
		// Not `required`: n8n would then demand it whenever Service is an expression.
		placeholder: 'e.g. PO2711',
		description: 'A Posti service code on your contract that is not in the list',
		displayOptions: { show: { service: ['custom'] } },
	},
	{
		displayName: 'Pickup Point ID',
		name: 'pickupPointId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 001003200',
		displayOptions: { show: { service: ['PO2103', 'PO2461', 'custom'] } },
		description:
			"Where the receiver picks the parcel up (the ID from Pickup Point → Search, or the one the customer chose at checkout). Required for PO2103 and PO2461.",
	},
	{
		displayName: 'Order Reference',
		name: 'orderNo',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.order_number }}',
		description:
			"The store's order number, printed on the label and kept with the shipment in OmaPosti Pro. Posti has no way to look a shipment up, so after an uncertain failure this is how you find out whether it was created.",
	},
	{
		displayName: 'One Shipment per Order Reference',
		name: 'oneShipmentPerOrder',
		type: 'boolean',
		default: true,
		displayOptions: { hide: { orderNo: [''] } },
		description:
			'Whether a second create with the same Order Reference (a webhook delivered twice, a retry, a re-run) returns the shipment already booked by this n8n instance in the last 24 hours instead of booking another. Turn off for split deliveries that share one order number.',
	},
	{
		displayName: 'Sender Name',
		name: 'senderName',
		type: 'string',
		default: '',
		required: true,
		description: 'The sender printed on the label (your company or store)',
	},
	{ displayName: 'Sender Street Address', name: 'senderAddress', type: 'string', default: '', required: true },
	{ displayName: 'Sender Postcode', name: 'senderPostcode', type: 'string', default: '', required: true, placeholder: 'e.g. 00100' },
	{ displayName: 'Sender City', name: 'senderCity', type: 'string', default: '', required: true },
	{ displayName: 'Sender Country Code', name: 'senderCountry', type: 'string', default: 'FI', placeholder: 'e.g. FI' },
	{ displayName: 'Receiver Name', name: 'receiverName', type: 'string', default: '', required: true },
	{ displayName: 'Receiver Street Address', name: 'receiverAddress', type: 'string', default: '', required: true },
	{ displayName: 'Receiver Postcode', name: 'receiverPostcode', type: 'string', default: '', required: true, placeholder: 'e.g. 20100' },
	{ displayName: 'Receiver City', name: 'receiverCity', type: 'string', default: '', required: true },
	{ displayName: 'Receiver Country Code', name: 'receiverCountry', type: 'string', default: 'FI', placeholder: 'e.g. FI' },
	{
		displayName: 'Receiver Phone',
		name: 'receiverPhone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +358401234567',
		description: 'For the arrival notice (SMS). PO2103, PO2104 and PO2461 need the phone or the email.',
	},
	{
		displayName: 'Receiver Email',
		name: 'receiverEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'For the arrival notice. PO2103, PO2104 and PO2461 need the phone or the email.',
	},
	{
		displayName: 'Parcels',
		name: 'parcelsSource',
		type: 'options',
		options: [
			{ name: 'Define Below', value: 'fields', description: 'Enter the parcels in the node' },
			{ name: 'From JSON', value: 'json', description: 'An array on the item, e.g. built from the order' },
		],
		default: 'fields',
	},
	{
		displayName: 'Parcels',
		name: 'parcels',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parcel',
		default: { parcel: [{ count: 1, weight: 1 }] },
		displayOptions: { show: { parcelsSource: ['fields'] } },
		options: [{ displayName: 'Parcel', name: 'parcel', values: parcelFields }],
	},
	{
		displayName: 'Parcels (JSON)',
		name: 'parcelsJson',
		type: 'json',
		default: '[{ "count": 1, "weight": 1.2, "contents": "Clothes" }]',
		displayOptions: { show: { parcelsSource: ['json'] } },
		description:
			'Array of parcels with count, weight (kg), length, width, height (m), contents, value, packageCode',
	},
	{
		displayName: 'Label',
		name: 'labelOutput',
		type: 'options',
		options: [
			{ name: 'As File', value: 'binary', description: 'Return the label PDF as binary data on the item' },
			{ name: 'As Link', value: 'link', description: 'Return only the link; Get Label downloads it within 1 hour' },
		],
		default: 'binary',
	},
	{ ...binaryPropertyOutput, displayOptions: { show: { labelOutput: ['binary'] } } },
	{
		displayName: 'Print Media',
		name: 'printMedia',
		type: 'options',
		options: [
			{ name: 'Laser A5', value: 'laser-a5' },
			{ name: 'Laser A4', value: 'laser-a4' },
			{ name: 'Thermal (107 × 225 Mm)', value: 'thermo-225' },
			{ name: 'Thermal (SE)', value: 'thermo-se' },
		],
		default: 'laser-a5',
		description: 'The label format, for the printer it goes to',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Additional Service Codes',
				name: 'additionalServices',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3101, 3104',
				description: 'Comma-separated codes of additional services to add (sent as service.addons)',
			},
			{
				displayName: 'Contract Number',
				name: 'contractNumber',
				type: 'string',
				default: '',
				description: "Logistics Service Contract for this shipment instead of the credential's",
			},
			{ displayName: 'Receiver Address Line 2', name: 'receiverAddress2', type: 'string', default: '' },
			{ displayName: 'Sender Address Line 2', name: 'senderAddress2', type: 'string', default: '' },
			{ displayName: 'Sender Email', name: 'senderEmail', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Sender Phone', name: 'senderPhone', type: 'string', default: '', placeholder: 'e.g. +358401234567' },
			{
				displayName: 'Sender Reference',
				name: 'senderReference',
				type: 'string',
				default: '',
				description: 'Your reference on the label and invoice; defaults to the order reference',
			},
			{
				displayName: 'Transport ID',
				name: 'transportId',
				type: 'string',
				default: '',
				description: "Transport ID for freight (POF1) instead of the credential's",
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [concurrencyOption],
	},
];
