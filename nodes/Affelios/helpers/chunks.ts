/** Item indexes 0..count-1 cut into consecutive chunks of at most `size`. */
export function chunkIndexes(count: number, size: number): number[][] {
	const chunks: number[][] = [];
	for (let start = 0; start < count; start += size) {
		const end = Math.min(start + size, count);
		chunks.push(Array.from({ length: end - start }, (_, offset) => start + offset));
	}
	return chunks;
}
