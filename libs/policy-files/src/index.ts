export { loadPolicyDirectory, loadPolicyFile, type PolicyDirectory } from './load-policy-directory.js';
export { PolicyFileError, formatProblem, type PolicyFileProblem } from './policy-file-error.js';
export { lastRecordedAt, offlineTimeline, recordDocuments, recordingDate } from './offline-timeline.js';
