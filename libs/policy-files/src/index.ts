export { loadPolicyDirectory, loadPolicyFile, type PolicyDirectory, type PolicyFileText } from './load-policy-directory.js';
export { PolicyFileError, formatProblem, type PolicyFileProblem } from './policy-file-error.js';
export { lastRecordedAt, offlineTimeline, recordDocuments, recordingDate } from './offline-timeline.js';
export { loadPolicyTexts } from './load-policy-directory.js';
export * from './export/index.js';
export * from './policy-tests/index.js';
