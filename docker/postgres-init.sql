-- Run once by the postgres image on a new volume: the owner that migrates, the runtime group and login.
-- Change the passwords here and in docker-compose.yml together.
create role signpost_owner login password 'change-me-owner' createrole;
create database signpost owner signpost_owner;
create role signpost_runtime nologin nosuperuser nobypassrls;
create role signpost_app login password 'change-me-runtime' nosuperuser nobypassrls in role signpost_runtime;
