/** The file caches under node_modules/.cache of this checkout (bin/diskCache.js). */
export declare function cacheDir(name: string): string;
export declare function readCached(dir: string, file: string): string | undefined;
export declare function writeCached(dir: string, file: string, text: string): void;
