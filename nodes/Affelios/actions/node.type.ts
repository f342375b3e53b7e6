/** Every resource → operation pair the node offers; the router checks its table against it. */
type AffeliosMap = {
	customer: 'create' | 'createMany' | 'get' | 'update';
	transaction: 'create' | 'createMany' | 'get';
	customCall: 'customApiCall';
};

export type AffeliosType = {
	[R in keyof AffeliosMap]: { resource: R; operation: AffeliosMap[R] };
}[keyof AffeliosMap];
