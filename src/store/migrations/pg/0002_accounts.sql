-- 0002: organisations, users and their roles, sessions, invitations, API
-- tokens, sign-in throttling and the audit chain.
-- Ids are 32 hex digits (base/id.c); instants are UTC microseconds.

CREATE TABLE organisation (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	name_key TEXT NOT NULL,          -- folded, for ordering and uniqueness
	sector TEXT NOT NULL CHECK (sector IN ('addiction_treatment', 'health_care',
		'mental_health', 'social_services', 'housing', 'employment', 'education',
		'peer_organisation', 'volunteer_organisation', 'justice', 'community')),
	time_zone TEXT NOT NULL,
	created_us BIGINT NOT NULL,
	disabled_us BIGINT
);
CREATE UNIQUE INDEX organisation_name ON organisation (name_key);

CREATE TABLE user_account (
	id TEXT PRIMARY KEY,
	username TEXT NOT NULL,
	username_key TEXT NOT NULL,      -- lower case: sign-in ignores case
	display_name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('staff', 'person', 'family')),
	is_sysadmin BIGINT NOT NULL DEFAULT 0 CHECK (is_sysadmin IN (0, 1)),
	password_hash TEXT,              -- NULL until an invitation is accepted
	lang TEXT CHECK (lang IS NULL OR lang IN ('en', 'nl', 'da')),
	created_us BIGINT NOT NULL,
	password_changed_us BIGINT,
	disabled_us BIGINT
);
CREATE UNIQUE INDEX user_account_username ON user_account (username_key);

CREATE TABLE membership (
	user_id TEXT NOT NULL REFERENCES user_account (id),
	org_id TEXT NOT NULL REFERENCES organisation (id),
	role TEXT NOT NULL CHECK (role IN ('org_admin', 'coordinator', 'professional',
		'peer_worker', 'volunteer')),
	created_us BIGINT NOT NULL,
	PRIMARY KEY (user_id, org_id)
);
CREATE INDEX membership_org ON membership (org_id, user_id);

-- The cookie holds a random token; only its hash is kept here.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES user_account (id),
	org_id TEXT REFERENCES organisation (id),   -- the organisation acted for
	csrf TEXT NOT NULL,
	created_us BIGINT NOT NULL,
	last_seen_us BIGINT NOT NULL,
	client_addr TEXT NOT NULL
);
CREATE INDEX session_by_user ON session (user_id);

CREATE TABLE invitation (
	token_hash TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES user_account (id),
	created_by TEXT REFERENCES user_account (id),
	purpose TEXT NOT NULL CHECK (purpose IN ('join', 'reset')),
	created_us BIGINT NOT NULL,
	expires_us BIGINT NOT NULL,
	used_us BIGINT
);
CREATE INDEX invitation_user ON invitation (user_id);

CREATE TABLE api_token (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL REFERENCES user_account (id),
	org_id TEXT REFERENCES organisation (id),
	name TEXT NOT NULL,
	token_hash TEXT NOT NULL,
	created_us BIGINT NOT NULL,
	last_used_us BIGINT,
	revoked_us BIGINT
);
CREATE UNIQUE INDEX api_token_hash ON api_token (token_hash);
CREATE INDEX api_token_user ON api_token (user_id, created_us);

-- Failed sign-ins per account name and per client address.
CREATE TABLE signin_throttle (
	key TEXT PRIMARY KEY,
	failures BIGINT NOT NULL,
	last_failure_us BIGINT NOT NULL,
	blocked_until_us BIGINT NOT NULL
);

-- The audit chain: link = keyed BLAKE2b(previous link || content_hash).
-- Content may later be erased under a retention rule (erased_us set, the
-- content columns NULL) without breaking the chain.
CREATE TABLE audit (
	seq BIGINT PRIMARY KEY,
	at_us BIGINT NOT NULL,
	actor_id TEXT,
	actor_org_id TEXT,
	action TEXT,
	target TEXT,
	client_addr TEXT,
	detail TEXT,
	content_hash TEXT NOT NULL,
	link TEXT NOT NULL,
	erased_us BIGINT
);
CREATE INDEX audit_actor ON audit (actor_id, seq);
CREATE INDEX audit_action ON audit (action, seq);
