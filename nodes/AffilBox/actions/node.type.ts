/** Every resource → operation pair the node offers; the router checks its table against it. */
type AffilBoxMap = {
	conversion: 'add' | 'changeMany' | 'confirm' | 'get' | 'getMany' | 'update';
	bonus: 'add';
	partner: 'create' | 'get' | 'getMany' | 'getOrCreate';
	click: 'add';
	campaign: 'getMany';
	// API v2 (helpers/operationV2.ts)
	invoice: 'get' | 'getMany';
	dashboard: 'get';
	instance: 'get';
	customCall: 'customMethod';
};

export type AffilBoxType = {
	[R in keyof AffilBoxMap]: { resource: R; operation: AffilBoxMap[R] };
}[keyof AffilBoxMap];
