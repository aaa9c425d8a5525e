CREATE TABLE "jwt_signing_secret" (
	"id" smallint PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	CONSTRAINT "jwt_signing_secret_single_row" CHECK ("jwt_signing_secret"."id" = 1)
);
