// @ts-check
'use strict';

/**
 * What tests do to invoices besides the API (which has no call that makes an invoice or marks one
 * paid, as far as is known): issue one, as AffilBox does when a partner's payout is billed, and
 * mark one paid (or unpaid), as the programme's manager does in AffilBox's back office. A new
 * invoice has the shape of the seed's first invoice (test/fixtures/affilbox/seed.json), so
 * it carries the same quirks: numbers as strings, `Kč`, an unpadded hour, float noise.
 */
const { loadDefaultSeed, nextId } = require('../store');

/**
 * @param {import('../store').State} state
 * @param {() => string} now the licence's wall-clock time, `yyyy-MM-dd HH:mm:ss`
 */
function invoiceControls(state, now) {
	const template = loadDefaultSeed().invoices[0];
	return {
		/**
		 * @param {{ id?: string, created?: string, paid?: boolean, amount?: string | number, supplier?: string }} [fields]
		 * @returns {import('../store').InvoiceRow} the stored invoice (its `id` is the invoice's id)
		 */
		issueInvoice(fields = {}) {
			const id = fields.id ?? nextId(state.invoices.map((invoice) => String(invoice.id)));
			const created = fields.created ?? now();
			const vs = `${created.slice(0, 4)}${id.padStart(6, '0')}`;
			/** @type {Record<string, unknown>} */
			const supplier = { .../** @type {object} */ (template.supplier) };
			if (fields.supplier !== undefined) supplier.name = fields.supplier;
			const invoice = {
				...structuredClone(template),
				id,
				created,
				issueDate: `${created.slice(0, 10)} 00:00:00`,
				uploadDate: null,
				supplier,
				vs,
				file: `https://partneri.sandbox.invalid/data/faktura/${vs}.pdf`,
				paid: fields.paid === true,
				items: [
					{
						item: `Odměna za konverze (faktura ${id})`,
						amount: fields.amount ?? '1000.0000000000001',
						currency: 'Kč',
					},
				],
			};
			state.invoices.push(invoice);
			return invoice;
		},
		/**
		 * @param {string} invoiceId
		 * @param {boolean} [paid]
		 */
		payInvoice(invoiceId, paid = true) {
			const invoice = state.invoices.find((entry) => String(entry.id) === invoiceId);
			if (!invoice) throw new Error(`no invoice ${invoiceId} in the sandbox`);
			invoice.paid = paid;
		},
	};
}

module.exports = { invoiceControls };
