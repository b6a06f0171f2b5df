/**
 * Seed books: a Norwegian chart-of-accounts subset (NS 4102 numbers), the standard VAT
 * codes, voucher and payment types, a few customers, a supplier and products.
 *
 * Ids deliberately differ from the numbers clients look things up by (VAT type id 103
 * is VAT code "3", account id 470012 is account 3000), so code that confuses the two
 * fails here as it would against a real company. VAT types and currencies are shared
 * by all companies, like Tripletex's; everything else is per company (client companies
 * get the same records under ids shifted by `offset`).
 */
import type { Books } from './state';

export const OWN_COMPANY_ID = 108000;
export const DEFAULT_EMPLOYEE_ID = 18001;
export const DEFAULT_CONSUMER_TOKEN = 'sandbox-consumer-token';
export const DEFAULT_EMPLOYEE_TOKEN = 'sandbox-employee-token';
export const NOK_CURRENCY_ID = 1;
export const NORWAY_COUNTRY_ID = 161;

export interface CompanySeed {
	id: number;
	name: string;
	organizationNumber: string;
}

export const OWN_COMPANY: CompanySeed = { id: OWN_COMPANY_ID, name: 'Sandbox Handel AS', organizationNumber: '923618902' };

/** Accountant clients reachable with Basic username = their id. */
export const CLIENT_COMPANIES: CompanySeed[] = [
	{ id: 108101, name: 'Klient Kafé AS', organizationNumber: '976555554' },
	{ id: 108102, name: 'Klient Bygg AS', organizationNumber: '876543214' },
];

export type VatDirection = 'OUTGOING' | 'INCOMING' | 'NONE';

interface VatSeed {
	id: number;
	number: string;
	name: string;
	percentage: number;
	direction: VatDirection;
	/** Account (number) the VAT part is posted to. */
	vatAccount?: number;
}

export const VAT_TYPES: VatSeed[] = [
	{ id: 100, number: '0', name: 'Ingen avgiftsbehandling', percentage: 0, direction: 'NONE' },
	{ id: 101, number: '1', name: 'Fradrag for inngående avgift, høy sats', percentage: 25, direction: 'INCOMING', vatAccount: 2710 },
	{ id: 103, number: '3', name: 'Utgående avgift, høy sats', percentage: 25, direction: 'OUTGOING', vatAccount: 2700 },
	{ id: 105, number: '5', name: 'Ingen utgående avgift (innenfor mva-loven)', percentage: 0, direction: 'OUTGOING' },
	{ id: 106, number: '6', name: 'Ingen utgående avgift (utenfor mva-loven)', percentage: 0, direction: 'OUTGOING' },
	{ id: 111, number: '11', name: 'Fradrag for inngående avgift, middels sats', percentage: 15, direction: 'INCOMING', vatAccount: 2711 },
	{ id: 131, number: '31', name: 'Utgående avgift, middels sats', percentage: 15, direction: 'OUTGOING', vatAccount: 2701 },
	{ id: 133, number: '33', name: 'Utgående avgift, lav sats', percentage: 12, direction: 'OUTGOING', vatAccount: 2702 },
];

export const NO_VAT_ID = 100;

export function vatIdByNumber(number: string): number {
	const vat = VAT_TYPES.find((v) => v.number === number);
	if (!vat) throw new Error(`no seeded VAT type ${number}`);
	return vat.id;
}

type AccountType =
	| 'ASSETS'
	| 'EQUITY'
	| 'LIABILITIES'
	| 'OPERATING_REVENUES'
	| 'OPERATING_EXPENSES'
	| 'INVESTMENT_INCOME'
	| 'COST_OF_CAPITAL';

interface AccountSeed {
	id: number;
	number: number;
	name: string;
	ledgerType?: 'GENERAL' | 'CUSTOMER' | 'VENDOR' | 'EMPLOYEE';
	vat?: string;
	vatLocked?: boolean;
	bankAccountNumber?: string;
}

export const ACCOUNTS: AccountSeed[] = [
	{ id: 470001, number: 1500, name: 'Kundefordringer', ledgerType: 'CUSTOMER', vatLocked: true },
	{ id: 470002, number: 1900, name: 'Kontanter' },
	{ id: 470003, number: 1920, name: 'Bankinnskudd', bankAccountNumber: '15032080119' },
	{ id: 470004, number: 2400, name: 'Leverandørgjeld', ledgerType: 'VENDOR', vatLocked: true },
	{ id: 470005, number: 2700, name: 'Utgående merverdiavgift, høy sats', vatLocked: true },
	{ id: 470006, number: 2701, name: 'Utgående merverdiavgift, middels sats', vatLocked: true },
	{ id: 470007, number: 2702, name: 'Utgående merverdiavgift, lav sats', vatLocked: true },
	{ id: 470008, number: 2710, name: 'Inngående merverdiavgift, høy sats', vatLocked: true },
	{ id: 470009, number: 2711, name: 'Inngående merverdiavgift, middels sats', vatLocked: true },
	{ id: 470010, number: 2740, name: 'Oppgjørskonto merverdiavgift', vatLocked: true },
	{ id: 470011, number: 2910, name: 'Gjeld til ansatte og eiere', ledgerType: 'EMPLOYEE' },
	{ id: 470012, number: 3000, name: 'Salgsinntekt, avgiftspliktig', vat: '3' },
	{ id: 470013, number: 3100, name: 'Salgsinntekt, avgiftsfri', vat: '5' },
	{ id: 470014, number: 3200, name: 'Salgsinntekt, utenfor avgiftsområdet', vat: '6' },
	{ id: 470015, number: 4000, name: 'Innkjøp av råvarer og halvfabrikata', vat: '1' },
	{ id: 470016, number: 4300, name: 'Innkjøp av varer for videresalg', vat: '1' },
	{ id: 470017, number: 6300, name: 'Leie lokale' },
	{ id: 470018, number: 6540, name: 'Inventar', vat: '1' },
	{ id: 470019, number: 6800, name: 'Kontorrekvisita', vat: '1' },
	{ id: 470020, number: 7770, name: 'Bank og kortgebyr' },
	{ id: 470021, number: 8050, name: 'Annen renteinntekt' },
	{ id: 470022, number: 8150, name: 'Annen rentekostnad' },
];

export const VOUCHER_TYPES = [
	{ id: 8001, name: 'Utgående faktura' },
	{ id: 8002, name: 'Leverandørfaktura' },
	{ id: 8003, name: 'Innbetaling' },
	{ id: 8004, name: 'Utbetaling' },
	{ id: 8005, name: 'Memorialbilag' },
	{ id: 8006, name: 'Bankavstemming' },
	{ id: 8007, name: 'Reiseregning' },
	{ id: 8008, name: 'Lønnsbilag' },
];

export const OUTGOING_INVOICE_VOUCHER_TYPE = 'Utgående faktura';
export const PAYMENT_VOUCHER_TYPE = 'Innbetaling';

export const PAYMENT_TYPES = [
	{ id: 9001, description: 'Kontant', debitAccount: 1900 },
	{ id: 9002, description: 'Betalt til bank', debitAccount: 1920 },
	{ id: 9003, description: 'Vipps', debitAccount: 1920 },
	{ id: 9004, description: 'Klarna', debitAccount: 1920 },
];

const CURRENCIES = [
	{ id: NOK_CURRENCY_ID, code: 'NOK', description: 'Norske kroner' },
	{ id: 2, code: 'EUR', description: 'Euro' },
	{ id: 3, code: 'SEK', description: 'Svenske kroner' },
];

function accountType(number: number): AccountType {
	if (number < 2000) return 'ASSETS';
	if (number < 2100) return 'EQUITY';
	if (number < 3000) return 'LIABILITIES';
	if (number < 4000) return 'OPERATING_REVENUES';
	if (number < 8000) return 'OPERATING_EXPENSES';
	if (number < 8100) return 'INVESTMENT_INCOME';
	return 'COST_OF_CAPITAL';
}

/** VAT codes an account accepts: sales codes on revenue, input codes on costs, none on balance accounts. */
export function legalVatNumbers(accountNumber: number): string[] {
	if (accountNumber >= 3000 && accountNumber < 4000) return ['0', '3', '31', '33', '5', '6'];
	if (accountNumber >= 4000 && accountNumber < 8000) return ['0', '1', '11'];
	return ['0'];
}

export function seedSharedRecords(books: Books): void {
	for (const vat of VAT_TYPES) {
		books.insert('VatType', {
			id: vat.id,
			version: 0,
			name: vat.name,
			number: vat.number,
			displayName: `${vat.number} ${vat.name}`,
			percentage: vat.percentage,
			deductionPercentage: 100,
			parentType: null,
			_direction: vat.direction,
			_vatAccountNumber: vat.vatAccount ?? null,
		});
	}
	for (const c of CURRENCIES) {
		books.insert('Currency', { ...c, version: 0, factor: 1, displayName: c.code, isDisabled: false });
	}
}

export function seedCompanyBooks(books: Books, company: CompanySeed, offset: number): void {
	seedSharedRecords(books);
	const id = (base: number) => base + offset;
	books.insert('Company', {
		id: company.id,
		version: 0,
		name: company.name,
		displayName: company.name,
		organizationNumber: company.organizationNumber,
		email: '',
		phoneNumber: '',
		type: 'AS',
		currency: { id: NOK_CURRENCY_ID },
	});
	books.insert('Employee', {
		id: DEFAULT_EMPLOYEE_ID,
		version: 0,
		firstName: 'Siri',
		lastName: 'Sandbox',
		displayName: 'Siri Sandbox',
		employeeNumber: '1',
		email: 'siri.sandbox@example.com',
	});

	for (const a of ACCOUNTS) {
		const vatNumber = a.vat ?? '0';
		books.insert('Account', {
			id: id(a.id),
			version: 0,
			number: a.number,
			numberPretty: String(a.number),
			name: a.name,
			description: '',
			type: accountType(a.number),
			legalVatTypes: legalVatNumbers(a.number).map((n) => ({ id: vatIdByNumber(n) })),
			ledgerType: a.ledgerType ?? 'GENERAL',
			balanceGroup: 'Ikke i en saldogruppe.',
			vatType: { id: vatIdByNumber(vatNumber) },
			vatLocked: a.vatLocked ?? false,
			currency: null,
			isCloseable: a.ledgerType === 'CUSTOMER' || a.ledgerType === 'VENDOR',
			isApplicableForSupplierInvoice: a.number >= 4000 && a.number < 8000,
			requireReconciliation: a.bankAccountNumber !== undefined,
			isInactive: false,
			isBankAccount: a.bankAccountNumber !== undefined,
			isInvoiceAccount: a.bankAccountNumber !== undefined,
			bankAccountNumber: a.bankAccountNumber ?? '',
			bankAccountCountry: null,
			bankName: '',
			bankAccountIBAN: '',
			bankAccountSWIFT: '',
			saftCode: String(a.number).slice(0, 2),
			groupingCode: `${String(a.number).slice(0, 2)}00`,
			displayName: `${a.number} ${a.name}`,
			requiresDepartment: false,
			requiresProject: false,
			isPostingsExist: false,
		});
	}

	for (const t of VOUCHER_TYPES) {
		books.insert('VoucherType', { id: id(t.id), version: 0, name: t.name, displayName: t.name });
	}

	const accountId = (number: number) => id(ACCOUNTS.find((a) => a.number === number)!.id);
	PAYMENT_TYPES.forEach((p, index) => {
		books.insert('PaymentType', {
			id: id(p.id),
			version: 0,
			description: p.description,
			displayName: p.description,
			debitAccount: { id: accountId(p.debitAccount) },
			creditAccount: null,
			vatType: null,
			sequence: index + 1,
			customer: null,
			supplier: null,
			currencyId: NOK_CURRENCY_ID,
			currencyCode: 'NOK',
		});
	});

	const address = (base: number, addressLine1: string, postalCode: string, city: string) =>
		books.insert('Address', {
			id: id(base),
			version: 0,
			addressLine1,
			addressLine2: '',
			postalCode,
			city,
			country: { id: NORWAY_COUNTRY_ID },
			displayName: `${addressLine1}, ${postalCode} ${city}`,
			addressAsString: `${addressLine1}, ${postalCode} ${city}`,
		});
	const customers = [
		{
			base: 310001,
			name: 'Fjordkaffe AS',
			org: '987654325',
			email: 'post@fjordkaffe.example',
			invoiceEmail: 'faktura@fjordkaffe.example',
			addr: [340001, 'Bryggen 1', '5003', 'Bergen'] as const,
		},
		{
			base: 310002,
			name: 'Nordlys Sykkel AS',
			org: '915543219',
			email: 'kontakt@nordlyssykkel.example',
			invoiceEmail: '',
			addr: [340002, 'Storgata 12', '9008', 'Tromsø'] as const,
		},
		{
			base: 310003,
			name: 'Kari Nordmann',
			org: '',
			email: 'kari.nordmann@example.com',
			invoiceEmail: '',
			private: true,
			addr: [340003, 'Kirkeveien 5', '0368', 'Oslo'] as const,
		},
		{ base: 310004, name: 'Gammel Kunde AS', org: '', email: '', invoiceEmail: '', inactive: true },
	];
	customers.forEach((c, index) => {
		const postal = c.addr ? address(c.addr[0], c.addr[1], c.addr[2], c.addr[3]) : undefined;
		books.insert('Customer', {
			...customerDefaults(),
			id: id(c.base),
			version: 0,
			name: c.name,
			organizationNumber: c.org,
			customerNumber: 100000 + index,
			email: c.email,
			invoiceEmail: c.invoiceEmail,
			isPrivateIndividual: c.private ?? false,
			isInactive: c.inactive ?? false,
			postalAddress: postal ? { id: postal.id } : null,
			displayName: `${c.name} (${100000 + index})`,
			ledgerAccount: { id: accountId(1500) },
		});
	});

	books.insert('Supplier', {
		id: id(320001),
		version: 0,
		name: 'Grossist Engros AS',
		organizationNumber: '933001121',
		supplierNumber: 20001,
		customerNumber: 0,
		isSupplier: true,
		isCustomer: false,
		isInactive: false,
		email: 'ordre@grossist.example',
		displayName: 'Grossist Engros AS (20001)',
		currency: { id: NOK_CURRENCY_ID },
		ledgerAccount: { id: accountId(2400) },
		language: 'NO',
	});

	const products = [
		{ base: 330001, number: '1001', name: 'Kaffe 250 g', vat: '31', excl: 86.09, incl: 99.0, account: 3000 },
		{ base: 330002, number: '1002', name: 'Kaffekvern', vat: '3', excl: 399.2, incl: 499.0, account: 3000 },
		{ base: 330003, number: '1003', name: 'Gavekort', vat: '6', excl: 500.0, incl: 500.0, account: 3200 },
		{ base: 330004, number: '9000', name: 'Frakt', vat: '3', excl: 79.2, incl: 99.0, account: 3000 },
	];
	for (const p of products) {
		books.insert('Product', {
			...productDefaults(),
			id: id(p.base),
			version: 0,
			name: p.name,
			number: p.number,
			displayNumber: p.number,
			displayName: `${p.number} ${p.name}`,
			priceExcludingVatCurrency: p.excl,
			priceIncludingVatCurrency: p.incl,
			vatType: { id: vatIdByNumber(p.vat) },
			account: { id: accountId(p.account) },
		});
	}
}

export function customerDefaults(): Record<string, unknown> {
	return {
		organizationNumber: '',
		globalLocationNumber: 0,
		supplierNumber: 0,
		isSupplier: false,
		isCustomer: true,
		isInactive: false,
		accountManager: null,
		department: null,
		email: '',
		invoiceEmail: '',
		overdueNoticeEmail: '',
		bankAccounts: [],
		phoneNumber: '',
		phoneNumberMobile: '',
		description: '',
		language: 'NO',
		isPrivateIndividual: false,
		singleCustomerInvoice: false,
		invoiceSendMethod: 'EMAIL',
		emailAttachmentType: 'LINK',
		postalAddress: null,
		physicalAddress: null,
		deliveryAddress: null,
		invoicesDueIn: 14,
		invoicesDueInType: 'DAYS',
		currency: { id: NOK_CURRENCY_ID },
		isFactoring: false,
		invoiceSendSMSNotification: false,
		isAutomaticSoftReminderEnabled: false,
		isAutomaticReminderEnabled: false,
		isAutomaticNoticeOfDebtCollectionEnabled: false,
		discountPercentage: 0,
		website: '',
	};
}

export function productDefaults(): Record<string, unknown> {
	return {
		number: '',
		description: '',
		orderLineDescription: '',
		ean: '',
		costExcludingVatCurrency: 0,
		expenses: 0,
		priceExcludingVatCurrency: 0,
		priceIncludingVatCurrency: 0,
		isInactive: false,
		productUnit: null,
		isStockItem: false,
		currency: { id: NOK_CURRENCY_ID },
		department: null,
		supplier: null,
		isDeletable: false,
		hasSupplierProductConnected: false,
		weight: 0,
		volume: 0,
	};
}
