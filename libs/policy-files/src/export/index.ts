export { exportPolicyFiles, fileIdFor, type ExportedFile, type PolicyExport } from './export-policy-files.js';
export { formatPolicyFile } from './format-policy-file.js';
export { legalActionsOf, POLICY_FILE_METADATA, type RecordedLegalAction, type StoredPolicyEvent } from './legal-actions.js';
export { policyDrift, type DriftLine } from './policy-drift.js';
