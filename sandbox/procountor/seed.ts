/**
 * Procountor seed data: one Finnish company (the API key's), a second company that only
 * the pending activation request offers, VAT rates and statuses as of 2025/2026, the
 * company's bank accounts, business partners, products and invoice templates.
 * Ids are distinct ranges so a wrong id type is caught (a partner id is never a product id).
 */
export const DEFAULT_CLIENT_ID = 'sandbox-client-id';
export const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret';
export const DEFAULT_API_KEY = 'sandbox-api-key';
export const DEFAULT_ACTIVATION_REQUEST_ID = 'sandbox-activation-request';
export const DEFAULT_INTEGRATION_ID = 7001;

export interface CompanySeed {
	id: number;
	name: string;
	businessId: string;
	userId: number;
	userName: string;
}

export const OWN_COMPANY: CompanySeed = {
	id: 2684459,
	name: 'Sandbox Kauppa Oy',
	businessId: '2684459-4',
	userId: 51001,
	userName: 'Sandbox API User',
};

/** Offered by the seeded activation request next to OWN_COMPANY. */
export const SECOND_COMPANY: CompanySeed = {
	id: 1060155,
	name: 'Toinen Verkkokauppa Oy',
	businessId: '1060155-5',
	userId: 51002,
	userName: 'API technical user',
};

export const COMPANIES = [OWN_COMPANY, SECOND_COMPANY];

/** Finnish sales VAT rates in 2025/2026: 25.5 % general (since 2024-09-01), 14 % (food, restaurants; more goods since 2025-01-01), 10 % (books, newspapers), 0 %. */
export const VAT_PERCENTAGES = [25.5, 14, 10, 0];

export const VAT_STATUSES = [
	{ vatStatus: 1, description: 'Domestic', sales: true, purchase: true },
	{ vatStatus: 2, description: 'Domestic construction service sales (reverse charge)', sales: true, purchase: false },
	{ vatStatus: 3, description: 'Sales of goods outside EU', sales: true, purchase: false },
	{ vatStatus: 4, description: 'Purchases of goods outside EU', sales: false, purchase: true },
	{ vatStatus: 5, description: 'EU community sales of goods', sales: true, purchase: false },
	{ vatStatus: 6, description: 'EU community sales of services', sales: true, purchase: false },
	{ vatStatus: 12, description: 'No VAT handling', sales: true, purchase: true },
];

export const BANK_ACCOUNTS = [
	{ id: 8101, accountNumber: 'FI2799999900031563', bic: 'NDEAFIHH', name: 'Päätili', currency: 'EUR', defaultAccount: true },
	{ id: 8102, accountNumber: 'FI2112345600000785', bic: 'OKOYFIHH', name: 'Verkkokaupan tili', currency: 'EUR', defaultAccount: false },
];

export const INVOICE_TEMPLATES = [
	{ id: 9201, name: 'Oletuspohja' },
	{ id: 9202, name: 'Verkkokauppa' },
];

export const PARTNERS = [
	{
		id: 310501,
		name: 'Kahvila Äijä Oy',
		customerNumber: '1001',
		identifier: '0112038-9',
		email: 'laskut@kahvila-aija.example',
		address: { name: 'Kahvila Äijä Oy', street: 'Aleksanterinkatu 1', zip: '00100', city: 'Helsinki', country: 'FINLAND' },
		invoiceChannel: 'EMAIL',
	},
	{
		id: 310502,
		name: 'Pyöräliike Polku Oy',
		customerNumber: '1002',
		identifier: '0737546-2',
		email: 'polku@example.fi',
		address: { name: 'Pyöräliike Polku Oy', street: 'Hämeenkatu 10', zip: '33100', city: 'Tampere', country: 'FINLAND' },
		einvoiceAddress: '003707375462',
		einvoiceOperator: 'E204503',
		invoiceChannel: 'ELECTRONIC_INVOICE',
	},
	{
		id: 310503,
		name: 'Matti Meikäläinen',
		customerNumber: '1003',
		identifier: '',
		email: 'matti@example.fi',
		address: { name: 'Matti Meikäläinen', street: 'Kauppatori 3', zip: '20100', city: 'Turku', country: 'FINLAND' },
		invoiceChannel: 'MAIL',
	},
	{
		id: 310504,
		name: 'Vanha Asiakas Oy',
		customerNumber: '1004',
		identifier: '2345678-0',
		email: 'vanha@example.fi',
		address: { name: 'Vanha Asiakas Oy', street: 'Kirkkokatu 5', zip: '90100', city: 'Oulu', country: 'FINLAND' },
		invoiceChannel: 'EMAIL',
		active: false,
	},
] as const;

export const PRODUCTS = [
	{ id: 420101, code: 'KAHVI-250', name: 'Kahvi 250 g', price: 8.9, vat: 14, unit: 'PIECE' },
	{ id: 420102, code: 'KAHVI-250-LUOMU', name: 'Luomukahvi 250 g', price: 10.9, vat: 14, unit: 'PIECE' },
	{ id: 420103, code: 'MUKI', name: 'Kahvimuki', price: 12.5, vat: 25.5, unit: 'PIECE' },
	{ id: 420104, code: 'KIRJA-1', name: 'Kahvikirja', price: 29, vat: 10, unit: 'PIECE' },
	{ id: 420105, code: 'TOIMITUS', name: 'Toimitusmaksu', price: 5.9, vat: 25.5, unit: 'NO_UNIT' },
] as const;

/** First id handed to records created through the API. */
export const FIRST_CREATED_ID = 50_000_001;
/** Invoice numbers start here per company. */
export const FIRST_INVOICE_NUMBER = 1001;
/** Customer numbers of new partners continue from here. */
export const FIRST_CUSTOMER_NUMBER = 1005;
