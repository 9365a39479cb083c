import { AUDIT_WRITER_ROLE } from '../config/services';
import { GENERATED_BY } from './render-yaml';

/** Path of the init script in the repository; every database server of docker-compose.yml mounts it. */
export const POSTGRES_INIT_SCRIPT = 'deploy/postgres/init.sh';

/**
 * deploy/postgres/init.sh: one script for every database server, told by its container's environment which
 * database and roles to create. Passwords reach psql through its environment and `\getenv`, never a command line.
 */
export function renderPostgresInit(): string {
  return `#!/bin/bash
${GENERATED_BY.map((l) => `# ${l}`).join('\n')}
#
# Runs once, when a database's PostgreSQL container starts on an empty data volume (/docker-entrypoint-initdb.d),
# as the server's superuser (whose password only the server itself is given). docker-compose.yml gives every
# subgraph's database a server of its own and sets, for this script:
#   HUB_DATABASE_NAME                 the database (databaseName() in shared/src/config/services.ts)
#   HUB_DATABASE_OWNER                the subgraph's login role: owner of that database and nothing else, not a
#                                     superuser, cannot create databases or roles; the subgraph runs its
#                                     migrations and serves as this role
#   HUB_DATABASE_OWNER_PASSWORD_FILE  its password (a compose secret)
#   HUB_AUDIT_WRITER_PASSWORD_FILE    on the access log's server only: the login role ${AUDIT_WRITER_ROLE}, through
#                                     which every service writes the log; the audit migration grants it INSERT on
#                                     the pending queue's payload columns and nothing else (AUDIT_WRITER_ROLE)
set -euo pipefail
: "\${HUB_DATABASE_NAME:?HUB_DATABASE_NAME is not set}" "\${HUB_DATABASE_OWNER:?HUB_DATABASE_OWNER is not set}"

OWNER_PASSWORD="$(< "\${HUB_DATABASE_OWNER_PASSWORD_FILE:?HUB_DATABASE_OWNER_PASSWORD_FILE is not set}")" \\
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL'
\\getenv database HUB_DATABASE_NAME
\\getenv owner HUB_DATABASE_OWNER
\\getenv owner_password OWNER_PASSWORD
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'owner_password';
CREATE DATABASE :"database" OWNER :"owner";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
REVOKE ALL ON DATABASE postgres FROM PUBLIC;
SQL

if [ -n "\${HUB_AUDIT_WRITER_PASSWORD_FILE:-}" ]; then
  WRITER_PASSWORD="$(< "$HUB_AUDIT_WRITER_PASSWORD_FILE")" \\
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL'
\\getenv database HUB_DATABASE_NAME
\\getenv writer_password WRITER_PASSWORD
CREATE ROLE ${AUDIT_WRITER_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD :'writer_password';
GRANT CONNECT ON DATABASE :"database" TO ${AUDIT_WRITER_ROLE};
SQL
fi
`;
}
