export declare function findElectronBinary(): { path: string; missing?: undefined } | { missing: string; path?: undefined }
