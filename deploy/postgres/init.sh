#!/bin/bash
# Runs once, when the postgres service starts on an empty data volume (/docker-entrypoint-initdb.d).
# One database per subgraph: each agency's records live in their own database, and each subgraph runs its
# own TypeORM migrations in it on start (names: databaseName() in shared/src/config/services.ts). Plus the
# login role through which every service writes the access log; the audit subgraph's migration grants it
# INSERT on the log and nothing else (AUDIT_WRITER_ROLE in shared/src/config/services.ts).
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set writer_password="${HUB_AUDIT_WRITER_PASSWORD:?HUB_AUDIT_WRITER_PASSWORD is not set}" <<'SQL'
CREATE DATABASE hub_coordination;
CREATE DATABASE hub_police;
CREATE DATABASE hub_immigration;
CREATE DATABASE hub_social_services;
CREATE DATABASE hub_health;
CREATE DATABASE hub_child_welfare;
CREATE DATABASE hub_audit;
CREATE ROLE hub_audit_writer LOGIN PASSWORD :'writer_password';
SQL
