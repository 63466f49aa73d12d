/* Self-help meetings and a person's favourites (store/meetings.h). */
#include "store/meetings.h"

#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/id.h"
#include "core/person.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/rows.h"

#define COLS "m.id, m.source, m.slug, m.name, m.days, m.start_time, m.end_time, " \
	"m.time_zone, m.types, m.location, m.address, m.city, m.postal_code, m.country, " \
	"m.formatted_address, m.region, m.latitude, m.longitude, m.conference_url, " \
	"m.conference_url_notes, m.conference_phone, m.conference_phone_notes, m.online, " \
	"m.notes, m.location_notes, m.updated, m.place, m.fingerprint"

static void
read_meeting(struct arena *a, struct stmt *st, void *row)
{
	struct meeting *m = row;

	memset(m, 0, sizeof(*m));
	m->id = col_text(a, st, 0);
	m->source = col_text(a, st, 1);
	m->slug = col_text(a, st, 2);
	m->name = col_text(a, st, 3);
	m->days = (unsigned)col_int(st, 4);
	m->start_time = col_text(a, st, 5);
	m->end_time = col_text(a, st, 6);
	m->time_zone = col_text(a, st, 7);
	m->types = col_text(a, st, 8);
	m->location = col_text(a, st, 9);
	m->address = col_text(a, st, 10);
	m->city = col_text(a, st, 11);
	m->postal_code = col_text(a, st, 12);
	m->country = col_text(a, st, 13);
	m->formatted_address = col_text(a, st, 14);
	m->region = col_text(a, st, 15);
	m->has_geo = !col_null(st, 16) && !col_null(st, 17);
	m->latitude = col_double(st, 16);
	m->longitude = col_double(st, 17);
	m->conference_url = col_text(a, st, 18);
	m->conference_url_notes = col_text(a, st, 19);
	m->conference_phone = col_text(a, st, 20);
	m->conference_phone_notes = col_text(a, st, 21);
	m->online = col_int(st, 22) != 0;
	m->notes = col_text(a, st, 23);
	m->location_notes = col_text(a, st, 24);
	m->updated = col_text(a, st, 25);
	m->search = col_text(a, st, 26);
	m->fingerprint = col_text(a, st, 27);
}

/* Binds the meeting's fields as ?3 ... ?27, in the order of the columns
 * written by insert and update. */
static void
bind_fields(struct stmt *st, const struct meeting *m)
{
	bind_text(st, 3, m->name);
	bind_int(st, 4, m->days);
	bind_text(st, 5, m->start_time);
	bind_text(st, 6, m->end_time);
	bind_text(st, 7, m->time_zone);
	bind_text(st, 8, m->types);
	bind_text(st, 9, m->location);
	bind_text(st, 10, m->address);
	bind_text(st, 11, m->city);
	bind_text(st, 12, m->postal_code);
	bind_text(st, 13, m->country);
	bind_text(st, 14, m->formatted_address);
	bind_text(st, 15, m->region);
	if (m->has_geo) {
		bind_double(st, 16, m->latitude);
		bind_double(st, 17, m->longitude);
	} else {
		bind_null(st, 16);
		bind_null(st, 17);
	}
	bind_text(st, 18, m->conference_url);
	bind_text(st, 19, m->conference_url_notes);
	bind_text(st, 20, m->conference_phone);
	bind_text(st, 21, m->conference_phone_notes);
	bind_int(st, 22, m->online ? 1 : 0);
	bind_text(st, 23, m->notes);
	bind_text(st, 24, m->location_notes);
	bind_text(st, 25, m->updated);
	bind_text(st, 26, m->search);
	bind_text(st, 27, m->fingerprint);
}

struct import {
	const char *source;
	struct meeting *m;
	size_t n;
	int64_t now;
	struct meeting_counts *counts;
	struct arena *a;
};

static int
write_import(struct store_tx *tx, void *arg)
{
	struct import *x = arg;
	struct conn *c = tx->conn;
	struct stmt *find = STMT(c, "SELECT id, fingerprint FROM meeting WHERE source = ?1 "
	    "AND slug = ?2");
	struct stmt *ins = STMT(c, "INSERT INTO meeting (id, slug, name, days, start_time, "
	    "end_time, time_zone, types, location, address, city, postal_code, country, "
	    "formatted_address, region, latitude, longitude, conference_url, "
	    "conference_url_notes, conference_phone, conference_phone_notes, online, notes, "
	    "location_notes, updated, place, fingerprint, source, created_us, updated_us, "
	    "import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
	    "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?29, "
	    "?30)");
	struct stmt *upd = STMT(c, "UPDATE meeting SET name = ?3, days = ?4, start_time = ?5, "
	    "end_time = ?6, time_zone = ?7, types = ?8, location = ?9, address = ?10, "
	    "city = ?11, postal_code = ?12, country = ?13, formatted_address = ?14, "
	    "region = ?15, latitude = ?16, longitude = ?17, conference_url = ?18, "
	    "conference_url_notes = ?19, conference_phone = ?20, conference_phone_notes = ?21, "
	    "online = ?22, notes = ?23, location_notes = ?24, updated = ?25, place = ?26, "
	    "fingerprint = ?27, updated_us = ?28, import_id = ?29 WHERE id = ?1 AND slug = ?2");
	struct stmt *seen = STMT(c, "UPDATE meeting SET import_id = ?2 WHERE id = ?1");
	struct stmt *unfav = STMT(c, "DELETE FROM meeting_favourite WHERE meeting_id IN "
	    "(SELECT id FROM meeting WHERE source = ?1 AND import_id <> ?2)");
	struct stmt *del = STMT(c, "DELETE FROM meeting WHERE source = ?1 AND import_id <> ?2");
	char id[ID_LEN + 1], run[ID_LEN + 1];
	size_t i;
	int rc;

	/* This import's mark: what keeps none afterwards is no longer listed. */
	id_new(run);
	memset(x->counts, 0, sizeof(*x->counts));
	for (i = 0; i < x->n; i++) {
		struct meeting *m = &x->m[i];

		bind_text(find, 1, x->source);
		bind_text(find, 2, m->slug);
		rc = step_row(c, find, "meeting find");
		if (rc == 0) {
			m->id = arena_strdup(x->a, col_cstr(find, 0));
			bool same = strcmp(col_cstr(find, 1), m->fingerprint) == 0;
			stmt_reset(find);
			if (same) {
				bind_text(seen, 1, m->id);
				bind_text(seen, 2, run);
				rc = step_done(c, seen, "meeting seen");
				x->counts->unchanged++;
			} else {
				bind_text(upd, 1, m->id);
				bind_text(upd, 2, m->slug);
				bind_fields(upd, m);
				bind_int(upd, 28, x->now);
				bind_text(upd, 29, run);
				rc = step_done(c, upd, "meeting update");
				x->counts->updated++;
			}
		} else if (rc == ERR_NOT_FOUND) {
			id_new(id);
			m->id = arena_strdup(x->a, id);
			bind_text(ins, 1, m->id);
			bind_text(ins, 2, m->slug);
			bind_fields(ins, m);
			bind_text(ins, 28, x->source);
			bind_int(ins, 29, x->now);
			bind_text(ins, 30, run);
			rc = step_done(c, ins, "meeting insert");
			x->counts->added++;
		}
		if (rc != 0)
			return rc;
	}
	bind_text(unfav, 1, x->source);
	bind_text(unfav, 2, run);
	if ((rc = step_done(c, unfav, "meeting favourites of removed")) != 0)
		return rc;
	bind_text(del, 1, x->source);
	bind_text(del, 2, run);
	if ((rc = step_done(c, del, "meeting remove")) != 0)
		return rc;
	x->counts->removed = (size_t)c->changes;
	return 0;
}

int
store_meetings_import(struct store *s, struct arena *a, const char *source,
    struct meeting *m, size_t n, int64_t now, struct meeting_counts *out)
{
	struct import x = {source, m, n, now, out, a};

	return store_write(s, write_import, &x);
}

int
store_meetings_search(struct store *s, struct arena *a, const char *q, const char *type,
    const char *lang_type, bool online, struct meeting **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " COLS " FROM meeting m WHERE "
	    "(CAST(?1 AS TEXT) IS NULL OR m.place LIKE ?1 ESCAPE '\\') AND "
	    "(CAST(?2 AS TEXT) IS NULL OR m.types LIKE ?2) AND "
	    "(CAST(?3 AS TEXT) IS NULL OR m.types LIKE ?3) AND "
	    "(?4 = 0 OR m.online = 1) ORDER BY m.name, m.id LIMIT ?5");
	bind_text(st, 1, q != NULL ? like_pattern(a, q) : NULL);
	bind_text(st, 2, type != NULL ? arena_printf(a, "%% %s %%", type) : NULL);
	bind_text(st, 3, lang_type != NULL ? arena_printf(a, "%% %s %%", lang_type) : NULL);
	bind_int(st, 4, online ? 1 : 0);
	bind_int(st, 5, MEETINGS_SEARCH_MAX);
	rc = rows_collect(st, a, 64, sizeof(**out), read_meeting, &rows, n, __func__,
	    "meetings search");
	*out = rows;
	return rc;
}

int
store_meetings_to_suggest(struct store *s, struct arena *a, const struct grant *g,
    const char *lang_type, const char *area_key, const char *tz, unsigned today_bit,
    unsigned tomorrow_bit, struct meeting **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (g == NULL || !grant_is_self(g) || !grant_covers(g, CAT_PLAN) || lang_type == NULL)
		return ERR_INVALID;
	st = STMT(c, "SELECT " COLS " FROM meeting m WHERE m.types LIKE ?2 AND m.days <> 0 AND "
	    "(m.online = 1 OR (CAST(?3 AS TEXT) IS NOT NULL AND m.place LIKE ?3 ESCAPE '\\') OR "
	    "(CAST(?3 AS TEXT) IS NULL AND m.time_zone = ?4)) AND "
	    "NOT EXISTS (SELECT 1 FROM meeting_favourite f WHERE f.person_id = ?1 AND "
	    "f.meeting_id = m.id) AND "
	    "NOT EXISTS (SELECT 1 FROM suggestion_dismissed d WHERE d.person_id = ?1 AND "
	    "d.source = 'meeting' AND d.item_id = m.id) "
	    "ORDER BY (m.days & ?5) = 0, (m.days & ?6) = 0, m.name, m.id LIMIT ?7");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, arena_printf(a, "%% %s %%", lang_type));
	bind_text(st, 3, area_key != NULL && *area_key != '\0' ? like_pattern(a, area_key) : NULL);
	bind_text(st, 4, tz);
	bind_int(st, 5, today_bit);
	bind_int(st, 6, tomorrow_bit);
	bind_int(st, 7, MEETINGS_SUGGEST_MAX);
	rc = rows_collect(st, a, 16, sizeof(**out), read_meeting, &rows, n, __func__,
	    "meetings to suggest");
	*out = rows;
	return rc;
}

int
store_meeting_get(struct store *s, struct arena *a, const char *id, struct meeting *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " COLS " FROM meeting m WHERE m.id = ?1");
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "meeting get")) != 0)
		return rc;
	read_meeting(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_meetings_count(struct store *s, const char *source, int64_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT count(*) FROM meeting WHERE CAST(?1 AS TEXT) IS NULL OR "
	    "source = ?1");
	bind_text(st, 1, source);
	if ((rc = step_row(c, st, "meetings count")) != 0)
		return rc;
	*n = col_int(st, 0);
	stmt_reset(st);
	return 0;
}

struct fav_row {
	struct meeting m;
	int64_t saved_us;
};

static void
read_fav(struct arena *a, struct stmt *st, void *row)
{
	struct fav_row *f = row;

	read_meeting(a, st, &f->m);
	f->saved_us = col_int(st, 28);
}

int
store_meeting_favourites(struct store *s, struct arena *a, const struct grant *g,
    struct meeting **out, int64_t **saved_us, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	struct fav_row *rows;
	void *r;
	size_t i;
	int rc;

	*out = NULL;
	*saved_us = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (!grant_covers(g, CAT_PLAN))
		return ERR_NOT_FOUND;
	st = STMT(c, "SELECT " COLS ", f.created_us FROM meeting_favourite f JOIN meeting m "
	    "ON m.id = f.meeting_id WHERE f.person_id = ?1 "
	    "ORDER BY f.created_us DESC, m.id LIMIT 200");
	bind_text(st, 1, grant_person(g));
	rc = rows_collect(st, a, 8, sizeof(*rows), read_fav, &r, n, __func__,
	    "meeting favourites");
	rows = r;
	*out = arena_alloc(a, (*n ? *n : 1) * sizeof(**out));
	*saved_us = arena_alloc(a, (*n ? *n : 1) * sizeof(**saved_us));
	for (i = 0; i < *n; i++) {
		(*out)[i] = rows[i].m;
		(*saved_us)[i] = rows[i].saved_us;
	}
	return rc;
}

int
store_meeting_is_favourite(struct store *s, const struct grant *g, const char *meeting_id)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	if (!grant_covers(g, CAT_PLAN))
		return 0;
	st = STMT(c, "SELECT 1 FROM meeting_favourite WHERE person_id = ?1 AND "
	    "meeting_id = ?2");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, meeting_id);
	rc = step_row(c, st, "meeting favourite");
	if (rc == 0) {
		stmt_reset(st);
		return 1;
	}
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

int
store_tx_meeting_favourite_add(struct store_tx *tx, const struct grant *g,
    const char *meeting_id, int64_t now)
{
	struct stmt *st;

	if (!store_grant_fits(g, grant_person(g)) || !grant_is_self(g) ||
	    !grant_covers(g, CAT_PLAN) || meeting_id == NULL)
		return ERR_INVALID;
	st = STMT(tx->conn, "INSERT INTO meeting_favourite (person_id, meeting_id, created_us) "
	    "SELECT ?1, id, ?3 FROM meeting WHERE id = ?2 "
	    "ON CONFLICT (person_id, meeting_id) DO NOTHING");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, meeting_id);
	bind_int(st, 3, now);
	return step_done(tx->conn, st, "meeting favourite add");
}

int
store_tx_meeting_favourite_remove(struct store_tx *tx, const struct grant *g,
    const char *meeting_id)
{
	struct stmt *st;

	if (!store_grant_fits(g, grant_person(g)) || !grant_is_self(g) ||
	    !grant_covers(g, CAT_PLAN) || meeting_id == NULL)
		return ERR_INVALID;
	st = STMT(tx->conn, "DELETE FROM meeting_favourite WHERE person_id = ?1 AND "
	    "meeting_id = ?2");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, meeting_id);
	return step_changed(tx->conn, st, "meeting favourite remove");
}

const char *
store_meetings_default_zone(struct store *s, struct arena *a)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	const char *tz = "UTC";

	if (c == NULL)
		return tz;
	st = STMT(c, "SELECT time_zone FROM organisation ORDER BY created_us, id LIMIT 1");
	if (step_row(c, st, "meetings zone") == 0) {
		tz = col_text(a, st, 0);
		stmt_reset(st);
	}
	return tz;
}

int
store_meeting_by_slug(struct store *s, struct arena *a, const char *source, const char *slug,
    const char **id)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT id FROM meeting WHERE source = ?1 AND slug = ?2");
	bind_text(st, 1, source);
	bind_text(st, 2, slug);
	if ((rc = step_row(c, st, "meeting by slug")) != 0)
		return rc;
	*id = col_text(a, st, 0);
	stmt_reset(st);
	return 0;
}
