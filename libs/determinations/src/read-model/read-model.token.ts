/** Injection token of the better-sqlite3 Database that holds the read models and their checkpoints. */
export const READ_MODEL_DATABASE = Symbol('READ_MODEL_DATABASE');
