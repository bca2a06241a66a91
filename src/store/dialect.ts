/** The SQL dialects Pharos runs on. Every dialect difference lives in this file or `database.ts`. */
export type SqlDialect = 'sqlite' | 'postgres';

/** Column type of an auto-incrementing integer primary key. */
export function autoIncrementType(dialect: SqlDialect): 'integer' | 'bigserial' {
  return dialect === 'sqlite' ? 'integer' : 'bigserial';
}
