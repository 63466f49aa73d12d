-- 0008: the service directory, modelled on the Open Referral Human
-- Services Data Specification (HSDS 3.0): organisations, services,
-- locations, services at locations, contacts, phones, schedules and
-- languages, keyed by their HSDS ids so that a re-import updates rather
-- than duplicates. Eligibility, fees and the rest of HSDS's free text are
-- columns of the service. rosc adds to a service its stage on the
-- continuum of care, the plan's life domains it helps with, video, its
-- capacity (HSDS 3.0 service_capacity), how many days a referral may wait
-- for an answer, and the consent categories a referral to it asks for.
-- A directory organisation may be run by a rosc organisation
-- (managed_by): its admins edit its services and its staff answer the
-- referrals to them. The directory is public: nothing here is person data.

CREATE TABLE dir_organization (
	id TEXT PRIMARY KEY,                 -- the HSDS id
	name TEXT NOT NULL,
	alternate_name TEXT,
	description TEXT,
	email TEXT,
	website TEXT,
	managed_by TEXT REFERENCES organisation (id),
	version BIGINT NOT NULL DEFAULT 1,
	updated_us BIGINT NOT NULL
);
CREATE INDEX dir_organization_managed ON dir_organization (managed_by) WHERE managed_by IS NOT NULL;

CREATE TABLE dir_location (
	id TEXT PRIMARY KEY,
	organization_id TEXT REFERENCES dir_organization (id),
	name TEXT,
	alternate_name TEXT,
	description TEXT,
	transportation TEXT,
	latitude DOUBLE PRECISION,
	longitude DOUBLE PRECISION,
	-- its physical address (HSDS: addresses with address_type 'physical')
	address_1 TEXT,
	address_2 TEXT,
	city TEXT,
	region TEXT,
	state_province TEXT,
	postal_code TEXT,
	country TEXT,                        -- ISO 3166-1 alpha-2
	updated_us BIGINT NOT NULL
);
CREATE INDEX dir_location_org ON dir_location (organization_id);

CREATE TABLE service (
	id TEXT PRIMARY KEY,
	organization_id TEXT NOT NULL REFERENCES dir_organization (id),
	name TEXT NOT NULL,
	alternate_name TEXT,
	description TEXT,
	url TEXT,
	email TEXT,
	status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
	interpretation_services TEXT,
	application_process TEXT,
	fees_description TEXT,
	wait_time TEXT,
	eligibility_description TEXT,
	minimum_age BIGINT,
	maximum_age BIGINT,
	alert TEXT,
	-- rosc's own
	stage TEXT CHECK (stage IS NULL OR stage IN ('prevention', 'early_intervention',
		'treatment', 'recovery_support', 'reintegration')),
	domains TEXT NOT NULL DEFAULT '',    -- ",housing,work_education," (plan life domains)
	video BIGINT NOT NULL DEFAULT 0 CHECK (video IN (0, 1)),
	capacity_available BIGINT,          -- places or beds free now; NULL: not counted
	capacity_maximum BIGINT,
	capacity_unit TEXT,                  -- 'places', 'beds'
	capacity_updated_us BIGINT,
	response_days BIGINT NOT NULL DEFAULT 5 CHECK (response_days BETWEEN 1 AND 90),
	shares TEXT NOT NULL DEFAULT ',basic,', -- consent categories a referral asks for
	search_key TEXT NOT NULL,            -- folded name, alternate name, description, organisation
	version BIGINT NOT NULL DEFAULT 1,
	updated_us BIGINT NOT NULL,
	updated_by TEXT
);
CREATE INDEX service_org ON service (organization_id);
CREATE INDEX service_name ON service (name, id);
CREATE INDEX service_stage ON service (stage, name, id);

CREATE TABLE service_at_location (
	id TEXT PRIMARY KEY,
	service_id TEXT NOT NULL REFERENCES service (id),
	location_id TEXT NOT NULL REFERENCES dir_location (id),
	description TEXT
);
CREATE INDEX service_at_location_service ON service_at_location (service_id);
CREATE INDEX service_at_location_location ON service_at_location (location_id);

CREATE TABLE dir_contact (
	id TEXT PRIMARY KEY,
	organization_id TEXT REFERENCES dir_organization (id),
	service_id TEXT REFERENCES service (id),
	location_id TEXT REFERENCES dir_location (id),
	name TEXT,
	title TEXT,
	department TEXT,
	email TEXT
);
CREATE INDEX dir_contact_service ON dir_contact (service_id);

CREATE TABLE dir_phone (
	id TEXT PRIMARY KEY,
	organization_id TEXT REFERENCES dir_organization (id),
	service_id TEXT REFERENCES service (id),
	location_id TEXT REFERENCES dir_location (id),
	contact_id TEXT REFERENCES dir_contact (id),
	number TEXT NOT NULL,
	extension TEXT,
	type TEXT,                           -- text, voice, fax, cell, video, pager, textphone
	description TEXT
);
CREATE INDEX dir_phone_service ON dir_phone (service_id);

-- Opening hours: one row per weekly slot (HSDS 3.0 schedules with
-- freq WEEKLY, byday one of MO..SU, opens_at and closes_at as HH:MM in
-- the service's time zone). Other recurrences are kept as description.
CREATE TABLE dir_schedule (
	id TEXT PRIMARY KEY,
	service_id TEXT REFERENCES service (id),
	location_id TEXT REFERENCES dir_location (id),
	service_at_location_id TEXT REFERENCES service_at_location (id),
	freq TEXT,
	byday TEXT,
	opens_at TEXT,
	closes_at TEXT,
	timezone TEXT,
	valid_from TEXT,
	valid_to TEXT,
	description TEXT
);
-- A service's slots, covering what "open now" asks of them, so the search's
-- test of each service it passes reads one index page and no table rows.
CREATE INDEX dir_schedule_service ON dir_schedule (service_id, freq, byday, opens_at,
	closes_at, timezone);
-- The time zones in use, for "open now" (a skip scan, one seek per zone).
CREATE INDEX dir_schedule_zone ON dir_schedule (timezone);

CREATE TABLE service_language (
	service_id TEXT NOT NULL REFERENCES service (id),
	code TEXT NOT NULL,                  -- ISO 639-1 where known ('da', 'nl', 'en'), else the name
	id TEXT,                             -- the HSDS id of the languages row
	name TEXT,
	PRIMARY KEY (service_id, code)
);
CREATE INDEX service_language_code ON service_language (code, service_id);
