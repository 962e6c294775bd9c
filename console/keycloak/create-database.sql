CREATE DATABASE keycloak OWNER statehub;
