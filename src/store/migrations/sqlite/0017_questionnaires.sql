-- 0017: questionnaires (WHO-5, BARC-10, AUDIT, AUDIT-C, ...) as data. Each
-- version of a definition is a row of its own and never changes, so an
-- answer given to it keeps the items, options and scoring rule it was
-- given with. body is the definition in the JSON format
-- "rosc-questionnaire/1" (docs/questionnaire.md); the columns beside it
-- are what lists need. name_nl and name_da are NULL where the instrument
-- has no official version in that language (shown in English). These are
-- instruments, not anyone's answers: no person data here.

CREATE TABLE questionnaire (
	id TEXT PRIMARY KEY,
	code TEXT NOT NULL,
	version INTEGER NOT NULL CHECK (version >= 1),
	name_en TEXT NOT NULL,
	name_nl TEXT,
	name_da TEXT,
	languages TEXT NOT NULL,
	items INTEGER NOT NULL CHECK (items >= 1),
	score_min INTEGER NOT NULL,
	score_max INTEGER NOT NULL,
	body TEXT NOT NULL,
	created_by TEXT,
	created_us INTEGER NOT NULL
);
CREATE UNIQUE INDEX questionnaire_version ON questionnaire (code, version);

-- A version is kept as it was imported: a change is a new version.
CREATE TRIGGER questionnaire_unchanged BEFORE UPDATE ON questionnaire BEGIN
	SELECT RAISE(ABORT, 'a questionnaire version never changes; import a new version');
END;
