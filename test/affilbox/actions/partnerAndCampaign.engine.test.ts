import { jsonOf, lastCall, runAffilBox, seed, useAffilBoxSandbox } from '../../support/workflows/affilBoxWorkflow';

const sandbox = useAffilBoxSandbox();

describe('Partner → Get', () => {
	it('gets a partner by affiliate ID or e-mail, nesting as sent', async () => {
		const byId = await runAffilBox(sandbox(), {
			resource: 'partner',
			operation: 'get',
			partnerId: 'jdvorak',
		});
		const byEmail = await runAffilBox(sandbox(), {
			resource: 'partner',
			operation: 'get',
			partnerId: 'jiri.dvorak@example.com',
		});
		expect(jsonOf(byId)).toEqual(jsonOf(byEmail));
		const [partner] = jsonOf(byId);
		expect(partner.person).toEqual(
			expect.objectContaining({ affilid: 'jdvorak', name: 'Jiří', surname: 'Dvořák' }),
		);
		expect(partner.company).toEqual(
			expect.objectContaining({
				name: 'Dvořák & syn s.r.o.',
				description: 'Recenze obuvi a <outdoor> vybavení',
			}),
		);
		expect(partner.address).toEqual(expect.objectContaining({ psc: '120 00' }));
	});

	it('reports an unknown partner', async () => {
		const result = await runAffilBox(sandbox(), {
			resource: 'partner',
			operation: 'get',
			partnerId: 'ghost',
		});
		expect(result.error?.message).toMatch(/^AffilBox error 404: /);
	});
});

describe('Partner → Get, bad input', () => {
	it('refuses a partner that resolves to nothing before any request', async () => {
		const result = await runAffilBox(
			sandbox(),
			{ resource: 'partner', operation: 'get', partnerId: '={{ $json.affiliate }}' },
			{ inputItems: [{ affiliate: '   ' }] },
		);
		expect(result.error?.message).toBe('Partner is required');
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Partner → Get Many', () => {
	it('returns all partners, one item each', async () => {
		const result = await runAffilBox(sandbox(), {
			resource: 'partner',
			operation: 'getMany',
			returnAll: true,
		});
		expect(result.items).toHaveLength(seed.partners.length);
	});

	it('sends date filters as whole days in the licence zone', async () => {
		await runAffilBox(sandbox(), {
			resource: 'partner',
			operation: 'getMany',
			returnAll: true,
			filters: {
				registeredAfter: '2024-01-01T23:30:00Z',
				registeredBefore: '2025-12-31',
				lastLoginAfter: '1.1.2026',
				lastLoginBefore: '2026-12-31 10:00',
				consentDate: '2025-01-01',
			},
		});
		expect(lastCall(sandbox()).params).toEqual({
			register_from: '2024-01-02',
			register_to: '2025-12-31',
			last_login_from: '2026-01-01',
			last_login_to: '2026-12-31',
			souhlas_sdeleni: '2025-01-01',
		});
	});

	it('limits the answer and rejects an unreadable date', async () => {
		const limited = await runAffilBox(sandbox(), {
			resource: 'partner',
			operation: 'getMany',
			returnAll: false,
			limit: 2,
		});
		expect(limited.items).toHaveLength(2);
		const bad = await runAffilBox(sandbox(), {
			resource: 'partner',
			operation: 'getMany',
			returnAll: true,
			filters: { registeredAfter: 'soon' },
		});
		expect(bad.error?.message).toBe('Registered After: "soon" is not a date AffilBox can use');
	});
});

describe('Partner → Get or Create', () => {
	const base = { resource: 'partner', operation: 'getOrCreate' };

	it('finds an existing partner', async () => {
		const result = await runAffilBox(sandbox(), { ...base, email: 'jiri.dvorak@example.com' });
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				created: false,
				person: expect.objectContaining({ affilid: 'jdvorak' }),
			}),
		]);
	});

	it('creates a new partner with a custom affiliate ID', async () => {
		const result = await runAffilBox(sandbox(), {
			...base,
			email: 'nova.partnerka@example.com',
			additionalFields: { affilId: 'nova' },
		});
		expect(lastCall(sandbox()).params).toEqual({
			email: 'nova.partnerka@example.com',
			affilid: 'nova',
		});
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				created: true,
				person: expect.objectContaining({ affilid: 'nova', email: 'nova.partnerka@example.com' }),
			}),
		]);
	});

	it('refuses something that is not an e-mail before any request', async () => {
		const result = await runAffilBox(sandbox(), { ...base, email: 'not-an-email' });
		expect(result.error?.message).toBe('Email: "not-an-email" is not an e-mail address');
		expect(sandbox().requests).toHaveLength(0);
	});
});

describe('Campaign → Get Many', () => {
	it('returns all campaigns with names decoded exactly', async () => {
		const result = await runAffilBox(sandbox(), {
			resource: 'campaign',
			operation: 'getMany',
			returnAll: true,
		});
		expect(jsonOf(result).map((c) => c.name)).toEqual(seed.campaigns.map((c) => c.name));
		expect(jsonOf(result).map((c) => c.name)).toContain('Knihy & <Hry> pro děti');
	});

	it("returns only a partner's campaigns, limited", async () => {
		const result = await runAffilBox(sandbox(), {
			resource: 'campaign',
			operation: 'getMany',
			returnAll: false,
			limit: 1,
			filters: { partnerId: 'jdvorak' },
		});
		expect(lastCall(sandbox()).params).toEqual({ partner_id: 'jdvorak' });
		expect(result.items).toHaveLength(1);
	});

	it('refuses a limit that is not a positive whole number before any request', async () => {
		for (const [limit, message] of [
			['={{ "ten" }}', 'Limit must be a whole number, got "ten"'],
			['={{ -5 }}', 'Limit must be at least 1, got -5'],
		]) {
			const result = await runAffilBox(sandbox(), {
				resource: 'campaign',
				operation: 'getMany',
				returnAll: false,
				limit,
			});
			expect(result.error?.message).toBe(message);
		}
		expect(sandbox().requests).toHaveLength(0);
	});

	it('reports an unknown partner filter', async () => {
		const result = await runAffilBox(sandbox(), {
			resource: 'campaign',
			operation: 'getMany',
			returnAll: true,
			filters: { partnerId: 'ghost' },
		});
		expect(result.error?.message).toMatch(/^AffilBox error 404: /);
	});
});
