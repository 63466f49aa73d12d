-- 0029: a second factor at sign-in (TOTP, RFC 6238) with recovery codes.
-- The secret is sealed (libsodium secretbox) under a key derived from the
-- audit key, which lives outside the database: a copy of the database alone
-- does not give anyone a working authenticator.
CREATE TABLE second_factor (
	user_id TEXT PRIMARY KEY REFERENCES user_account (id),
	secret_box TEXT NOT NULL,        -- hex: nonce || sealed secret
	created_us BIGINT NOT NULL,
	confirmed_us BIGINT,             -- NULL while being set up
	last_step BIGINT NOT NULL DEFAULT 0   -- the newest time step accepted
);

-- Single-use recovery codes; only their hashes.
CREATE TABLE recovery_code (
	user_id TEXT NOT NULL REFERENCES user_account (id),
	code_hash TEXT NOT NULL,
	created_us BIGINT NOT NULL,
	used_us BIGINT,
	PRIMARY KEY (user_id, code_hash)
);

-- A sign-in between the password and the code: the browser holds a random
-- token (only its hash is here); the session is made after the code.
CREATE TABLE signin_pending (
	token_hash TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES user_account (id),
	created_us BIGINT NOT NULL,
	client_addr TEXT NOT NULL
);
CREATE INDEX signin_pending_user ON signin_pending (user_id);

-- An organisation's admin may require a second factor of its staff.
ALTER TABLE organisation ADD COLUMN require_second_factor BIGINT NOT NULL DEFAULT 0
	CHECK (require_second_factor IN (0, 1));
-- When this session's sign-in confirmed a second factor (emergency access
-- needs one).
ALTER TABLE session ADD COLUMN second_factor_us BIGINT;
