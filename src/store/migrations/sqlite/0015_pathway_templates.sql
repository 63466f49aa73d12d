-- 0015: pathway templates ("pakkeforløb"): phased programmes as data. Each
-- version of a template is a row of its own and never changes, so a
-- running pathway keeps the version it started with. body is the
-- template itself in the JSON format "rosc-pathway-template/1"
-- (docs/pathway-template.md); the columns beside it are what lists need.
-- org_id NULL: shipped with rosc; else the organisation that made it.

CREATE TABLE pathway_template (
	id TEXT PRIMARY KEY,
	code TEXT NOT NULL,
	version INTEGER NOT NULL CHECK (version >= 1),
	org_id TEXT REFERENCES organisation (id),
	country TEXT CHECK (country IS NULL OR country IN ('DK', 'NL')),
	name_en TEXT NOT NULL,
	name_nl TEXT NOT NULL,
	name_da TEXT NOT NULL,
	phases INTEGER NOT NULL,
	total_days INTEGER NOT NULL,
	start_within_days INTEGER,
	body TEXT NOT NULL,
	created_by TEXT,
	created_us INTEGER NOT NULL
);
CREATE UNIQUE INDEX pathway_template_version ON pathway_template
	(coalesce(org_id, ''), code, version);
