// What an export says about itself (manifest.json): its own module, so that the export, its README
// and the import all read it without importing one another.
export const EXPORT_FORMAT = 'bridgework-practice-export';
export const EXPORT_VERSION = 1;

export interface ExportManifest {
	format: typeof EXPORT_FORMAT;
	version: typeof EXPORT_VERSION;
	exportedAt: string;
	trainerId: string;
	practiceName: string | null;
	counts: Record<string, number>;
}
