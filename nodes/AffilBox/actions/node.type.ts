/** Every resource → operation pair the node offers; the router checks its table against it. */
type AffilBoxMap = {
	conversion: 'add' | 'confirm' | 'get' | 'getMany' | 'update';
	bonus: 'add';
	partner: 'get' | 'getMany' | 'getOrCreate';
	click: 'add';
	campaign: 'getMany';
	customCall: 'customMethod';
};

export type AffilBoxType = {
	[R in keyof AffilBoxMap]: { resource: R; operation: AffilBoxMap[R] };
}[keyof AffilBoxMap];
