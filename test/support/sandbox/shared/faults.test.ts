import { createFaultQueue } from './faults';

/** What the next `count` requests get: a status, or 'normal' for an answer without a fault. */
function nextAnswers(queue: ReturnType<typeof createFaultQueue>, count: number) {
	return Array.from({ length: count }, () => queue.take()?.status ?? 'normal');
}

describe('shared sandbox fault queue', () => {
	it('serves each fault `times` requests, in order, then answers normally', () => {
		const queue = createFaultQueue();
		queue.add({ status: 503, times: 2 });
		queue.add({});
		expect(nextAnswers(queue, 4)).toEqual([503, 503, 500, 'normal']);
	});

	it('fills in the defaults', () => {
		const queue = createFaultQueue();
		queue.add();
		expect(queue.take()).toEqual({
			skip: 0,
			times: expect.any(Number), // counts down as requests are served
			status: 500,
			body: 'Internal Server Error',
			contentType: 'text/plain',
			headers: {},
			hang: false,
			dropConnection: false,
			passThrough: false,
		});
	});

	it('`skip` lets requests through before the fault starts', () => {
		const queue = createFaultQueue();
		queue.add({ skip: 2, status: 502 });
		expect(nextAnswers(queue, 4)).toEqual(['normal', 'normal', 502, 'normal']);
	});

	it('`passThrough` answers its requests normally, so the next fault hits a later one', () => {
		const queue = createFaultQueue();
		queue.add({ passThrough: true, times: 2 });
		queue.add({ status: 429 });
		expect(nextAnswers(queue, 4)).toEqual(['normal', 'normal', 429, 'normal']);
	});

	it('a hanging fault is handed out even with `passThrough` (it is carried out after the client left)', () => {
		const queue = createFaultQueue();
		queue.add({ hang: true, passThrough: true });
		expect(queue.take()).toMatchObject({ hang: true, passThrough: true });
	});

	it('clear() drops every queued fault', () => {
		const queue = createFaultQueue();
		queue.add({ times: 3 });
		queue.clear();
		expect(nextAnswers(queue, 1)).toEqual(['normal']);
	});

	it('refuses counts that are not whole numbers in range', () => {
		const queue = createFaultQueue();
		expect(() => queue.add({ times: 0 })).toThrow('injectFault: times must be an integer >= 1');
		expect(() => queue.add({ times: 1.5 })).toThrow('injectFault: times must be an integer >= 1');
		expect(() => queue.add({ skip: -1 })).toThrow('injectFault: skip must be an integer >= 0');
		expect(nextAnswers(queue, 1)).toEqual(['normal']);
	});
});
