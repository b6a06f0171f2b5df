import type { Router } from '../../framework/router';
import { addRoute, type TripletexCore } from '../api';
import { validationFailed, type ValidationMessage } from '../errors';
import { fromOre, grossOfNet, netOfGross, toOre } from '../money';
import { productDefaults, vatIdByNumber } from '../seed';
import { refId } from '../state';
import { copyWritable } from '../writable';

export function registerProductRoutes(router: Router, core: TripletexCore): void {
	addRoute(router, core, 'POST', '/product', (ctx) => {
		const books = ctx.books;
		const body = ctx.body;
		const product: Record<string, unknown> = { ...productDefaults(), vatType: { id: vatIdByNumber('3') } };
		copyWritable('Product', body, product);
		const messages: ValidationMessage[] = [];
		const name = typeof product.name === 'string' ? product.name.trim() : '';
		if (!name) messages.push({ field: 'name', message: 'Feltet må fylles ut.' });
		else if (books.all('Product').some((p) => String(p.name).toLowerCase() === name.toLowerCase())) {
			messages.push({ field: 'name', message: `Produktnavnet "${name}" er allerede registrert.` });
		}
		const number = typeof product.number === 'string' ? product.number.trim() : '';
		if (number && books.all('Product').some((p) => p.number === number)) {
			messages.push({ field: 'number', message: `Produktnummeret ${number} er i bruk.` });
		}
		const vat = books.get('VatType', refId(product.vatType));
		if (!vat) messages.push({ field: 'vatType.id', message: 'Ugyldig mva-kode.' });
		else if (vat._direction === 'INCOMING') messages.push({ field: 'vatType', message: `Ugyldig mva-kode ${String(vat.number)} for salg.` });
		for (const [field, schema] of [
			['account', 'Account'],
			['currency', 'Currency'],
			['supplier', 'Supplier'],
		] as const) {
			const id = refId(product[field]);
			if (id !== undefined && !books.get(schema, id)) messages.push({ field: `${field}.id`, message: 'Objektet finnes ikke.' });
		}
		if (messages.length) throw validationFailed(messages);

		// Only one of the two prices is needed; the other follows from the VAT rate.
		const percentage = (vat!.percentage as number) ?? 0;
		const excl = body.priceExcludingVatCurrency;
		const incl = body.priceIncludingVatCurrency;
		if (typeof excl === 'number' && typeof incl !== 'number') {
			product.priceIncludingVatCurrency = fromOre(grossOfNet(toOre(excl), percentage));
		}
		if (typeof incl === 'number' && typeof excl !== 'number') {
			product.priceExcludingVatCurrency = fromOre(netOfGross(toOre(incl), percentage));
		}

		const created = books.insert('Product', {
			...product,
			name,
			number,
			displayNumber: number,
			displayName: number ? `${number} ${name}` : name,
		});
		ctx.publish('product.create', created);
		return ctx.single('Product', created, 201);
	});

	addRoute(router, core, 'GET', '/product/{id}', (ctx) => ctx.single('Product', ctx.find('Product', ctx.pathId())));

	addRoute(router, core, 'GET', '/product', (ctx) => {
		const q = ctx.query;
		const ids = q.idList('ids');
		const productNumbers = q.list('productNumber');
		const numbers = q.list('number');
		const name = q.string('name');
		const ean = q.string('ean');
		const isInactive = q.bool('isInactive');
		const vatTypeId = q.int('vatTypeId');
		const products = ctx.books.all('Product').filter(
			(p) =>
				(!ids || ids.includes(p.id)) &&
				(!productNumbers || productNumbers.includes(String(p.number))) &&
				(!numbers || numbers.includes(String(p.number))) &&
				(!name || String(p.name).toLowerCase().includes(name.toLowerCase())) &&
				(ean === undefined || p.ean === ean) &&
				(isInactive === undefined || p.isInactive === isInactive) &&
				(vatTypeId === undefined || refId(p.vatType) === vatTypeId),
		);
		return ctx.list('Product', products);
	});
}
