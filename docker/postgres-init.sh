#!/bin/sh
# Run once by the postgres image on a new volume: the owner that migrates, the runtime group and login.
# The passwords come from the environment docker-compose.yml passes (set them in .env: see docker/example.env).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_password="$SIGNPOST_OWNER_PASSWORD" -v runtime_password="$SIGNPOST_RUNTIME_PASSWORD" <<'SQL'
create role signpost_owner login password :'owner_password' createrole;
create database signpost owner signpost_owner;
create role signpost_runtime nologin nosuperuser nobypassrls;
create role signpost_app login password :'runtime_password' nosuperuser nobypassrls in role signpost_runtime;
SQL
