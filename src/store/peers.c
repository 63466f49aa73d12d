/* SQL for peer workers: their profiles, what a person asks of a peer, the
 * peers a person excluded, and coaching notes. */
#include "store/peers.h"

#include <stdio.h>
#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/rows.h"

/* Profiles: a peer worker's own words, not a person's data. */

#define PROFILE_COLS "p.id, p.user_id, p.org_id, u.display_name, o.name, p.story, " \
	"p.langs, p.substances, p.gender, p.age_band, p.areas, p.days, p.times, " \
	"p.taking_new, p.video, p.updated_us"
#define PROFILE_FROM " FROM peer_profile p JOIN user_account u ON u.id = p.user_id " \
	"JOIN organisation o ON o.id = p.org_id "
/* A profile counts only while its author is a peer worker there. */
#define PROFILE_LIVE "EXISTS (SELECT 1 FROM membership m WHERE m.user_id = p.user_id " \
	"AND m.org_id = p.org_id AND m.role = 'peer_worker') AND u.disabled_us IS NULL " \
	"AND o.disabled_us IS NULL"

static void
read_profile(struct arena *a, struct stmt *st, void *row)
{
	struct peer_profile *p = row;

	p->id = col_text(a, st, 0);
	p->user_id = col_text(a, st, 1);
	p->org_id = col_text(a, st, 2);
	p->name = col_text(a, st, 3);
	p->org_name = col_text(a, st, 4);
	p->story = col_text(a, st, 5);
	p->langs = (unsigned)col_int(st, 6);
	p->substances = (unsigned)col_int(st, 7);
	if (!peer_gender_parse(col_cstr(st, 8), &p->gender))
		p->gender = PG_NONE;
	if (!peer_age_parse(col_cstr(st, 9), &p->age))
		p->age = PAGE_NONE;
	p->areas = col_text(a, st, 10);
	p->days = (unsigned)col_int(st, 11);
	p->times = (unsigned)col_int(st, 12);
	p->taking_new = col_int(st, 13) != 0;
	p->video = col_int(st, 14) != 0;
	p->updated_us = col_int(st, 15);
	if (p->story == NULL)
		p->story = "";
	if (p->areas == NULL)
		p->areas = "";
}

int
store_peer_profile_of(struct store *s, struct arena *a, const char *user_id,
    const char *org_id, struct peer_profile *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " PROFILE_COLS PROFILE_FROM
	    "WHERE p.user_id = ?1 AND p.org_id = ?2");
	bind_text(st, 1, user_id);
	bind_text(st, 2, org_id);
	if ((rc = step_row(c, st, "peer profile of")) != 0)
		return rc;
	read_profile(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_peer_profile_get(struct store *s, struct arena *a, const char *id,
    struct peer_profile *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " PROFILE_COLS PROFILE_FROM "WHERE p.id = ?1 AND " PROFILE_LIVE);
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "peer profile get")) != 0)
		return rc;
	read_profile(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_peer_profiles_org(struct store *s, struct arena *a, const char *org_id,
    struct peer_profile **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " PROFILE_COLS PROFILE_FROM "WHERE p.org_id = ?1 AND "
	    PROFILE_LIVE " ORDER BY u.display_name, p.id");
	bind_text(st, 1, org_id);
	rc = rows_collect(st, a, 8, sizeof(**out), read_profile, &rows, n, __func__,
	    "peer profiles org");
	*out = rows;
	return rc;
}

int
store_peer_profiles_open(struct store *s, struct arena *a, struct peer_profile **out,
    size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " PROFILE_COLS PROFILE_FROM "WHERE p.taking_new = 1 AND "
	    PROFILE_LIVE " ORDER BY u.display_name, p.id");
	rc = rows_collect(st, a, 16, sizeof(**out), read_profile, &rows, n, __func__,
	    "peer profiles open");
	*out = rows;
	return rc;
}

int
store_tx_peer_profile_save(struct store_tx *tx, const struct peer_profile *p, int64_t now)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO peer_profile (id, user_id, org_id, story, "
	    "langs, substances, gender, age_band, areas, days, times, taking_new, video, "
	    "updated_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
	    "ON CONFLICT (user_id, org_id) DO UPDATE SET story = ?4, langs = ?5, "
	    "substances = ?6, gender = ?7, age_band = ?8, areas = ?9, days = ?10, times = ?11, "
	    "taking_new = ?12, video = ?13, updated_us = ?14");

	bind_text(st, 1, p->id);
	bind_text(st, 2, p->user_id);
	bind_text(st, 3, p->org_id);
	bind_text(st, 4, p->story);
	bind_int(st, 5, p->langs);
	bind_int(st, 6, p->substances);
	bind_text(st, 7, peer_gender_code(p->gender));
	bind_text(st, 8, peer_age_code(p->age));
	bind_text(st, 9, p->areas);
	bind_int(st, 10, p->days);
	bind_int(st, 11, p->times);
	bind_int(st, 12, p->taking_new ? 1 : 0);
	bind_int(st, 13, p->video ? 1 : 0);
	bind_int(st, 14, now);
	return step_done(tx->conn, st, "peer profile save");
}

/* A person's preferences and exclusions: theirs, through a grant. */

int
store_peer_pref(struct store *s, struct arena *a, const struct grant *g,
    struct peer_pref *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	enum peer_substance sub;
	int rc;

	memset(out, 0, sizeof(*out));
	out->person_id = grant_person(g);
	out->substance = -1;
	if (c == NULL)
		return ERR_DB;
	if (!grant_covers(g, CAT_PLAN))
		return ERR_INVALID;
	/* The substance is substance-use detail: left in the table unless
	 * the grant covers it. */
	st = STMT(c, "SELECT langs, gender, CASE WHEN ?2 = 1 THEN substance END, age_band, "
	    "area, days, times, video FROM peer_preference WHERE person_id = ?1");
	bind_text(st, 1, out->person_id);
	bind_int(st, 2, grant_covers(g, CAT_SUBSTANCE) ? 1 : 0);
	rc = step_row(c, st, "peer pref");
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	out->set = true;
	out->langs = (unsigned)col_int(st, 0);
	if (!peer_gender_parse(col_cstr(st, 1), &out->gender))
		out->gender = PG_NONE;
	if (peer_substance_parse(col_cstr(st, 2), &sub))
		out->substance = (int)sub;
	if (!peer_age_parse(col_cstr(st, 3), &out->age))
		out->age = PAGE_NONE;
	out->area = col_text(a, st, 4);
	out->days = (unsigned)col_int(st, 5);
	out->times = (unsigned)col_int(st, 6);
	out->video = col_int(st, 7) != 0;
	stmt_reset(st);
	return 0;
}

int
store_tx_peer_pref_set(struct store_tx *tx, const struct grant *g,
    const struct peer_pref *p, int64_t now)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO peer_preference (person_id, langs, gender, "
	    "substance, age_band, area, days, times, video, updated_us) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (person_id) DO UPDATE "
	    "SET langs = ?2, gender = ?3, substance = ?4, age_band = ?5, area = ?6, days = ?7, "
	    "times = ?8, video = ?9, updated_us = ?10");

	if (!store_grant_fits(g, p->person_id) || !grant_covers(g, CAT_PLAN) ||
	    !grant_covers(g, CAT_SUBSTANCE))
		return ERR_INVALID;
	bind_text(st, 1, p->person_id);
	bind_int(st, 2, p->langs);
	bind_text(st, 3, peer_gender_code(p->gender));
	bind_text(st, 4, p->substance >= 0 ?
	    peer_substance_code((enum peer_substance)p->substance) : NULL);
	bind_text(st, 5, peer_age_code(p->age));
	bind_text(st, 6, p->area != NULL && *p->area ? p->area : NULL);
	bind_int(st, 7, p->days);
	bind_int(st, 8, p->times);
	bind_int(st, 9, p->video ? 1 : 0);
	bind_int(st, 10, now);
	return step_done(tx->conn, st, "peer pref set");
}

static void
read_id(struct arena *a, struct stmt *st, void *row)
{
	*(const char **)row = col_text(a, st, 0);
}

int
store_peer_exclusions(struct store *s, struct arena *a, const struct grant *g,
    const char ***out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	*out = NULL;
	if (c == NULL)
		return ERR_DB;
	if (!grant_covers(g, CAT_PLAN))
		return ERR_INVALID;
	st = STMT(c, "SELECT profile_id FROM peer_exclusion WHERE person_id = ?1 "
	    "ORDER BY created_us, profile_id");
	bind_text(st, 1, grant_person(g));
	rc = rows_collect(st, a, 4, sizeof(const char *), read_id, &rows, n, __func__,
	    "peer exclusions");
	*out = rows;
	return rc;
}

int
store_tx_peer_exclude(struct store_tx *tx, const struct grant *g, const char *person_id,
    const char *profile_id, int64_t now)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO peer_exclusion (person_id, profile_id, "
	    "created_us) VALUES (?1, ?2, ?3) ON CONFLICT (person_id, profile_id) DO NOTHING");

	if (!store_grant_fits(g, person_id) || !grant_covers(g, CAT_PLAN))
		return ERR_INVALID;
	bind_text(st, 1, person_id);
	bind_text(st, 2, profile_id);
	bind_int(st, 3, now);
	return step_done(tx->conn, st, "peer exclude");
}

int
store_peer_member(struct store *s, struct arena *a, const char *person_id,
    const char *user_id, const char *org_id, const char *today, const char **member_id)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*member_id = NULL;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT id FROM network_member WHERE person_id = ?1 AND user_id = ?2 "
	    "AND org_id = ?3 AND role = 'peer_worker' AND from_date <= ?4 "
	    "AND (until_date IS NULL OR until_date >= ?4) ORDER BY from_date, id LIMIT 1");
	bind_text(st, 1, person_id);
	bind_text(st, 2, user_id);
	bind_text(st, 3, org_id);
	bind_text(st, 4, today);
	if ((rc = step_row(c, st, "peer member")) != 0)
		return rc;
	*member_id = col_text(a, st, 0);
	stmt_reset(st);
	return 0;
}

/* Coaching notes. */

static void
read_coaching(struct arena *a, struct stmt *st, void *row)
{
	struct coaching_note *x = row;
	const char *day = col_cstr(st, 6);

	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
	x->author_id = col_text(a, st, 2);
	x->author_name = col_text(a, st, 3);
	x->org_id = col_text(a, st, 4);
	x->org_name = col_text(a, st, 5);
	snprintf(x->day, sizeof(x->day), "%s", day != NULL ? day : "");
	x->minutes = (int)col_int(st, 7);
	x->text = col_text(a, st, 8);
	x->created_us = col_int(st, 9);
}

int
store_coaching_notes(struct store *s, struct arena *a, const struct grant *g,
    struct coaching_note **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	*out = NULL;
	if (c == NULL)
		return ERR_DB;
	if (!grant_covers(g, CAT_NOTES))
		return ERR_INVALID;
	st = STMT(c, "SELECT n.person_id, n.id, n.author_id, u.display_name, n.org_id, o.name, "
	    "n.day, n.minutes, n.text, n.created_us FROM coaching_note n "
	    "JOIN user_account u ON u.id = n.author_id JOIN organisation o ON o.id = n.org_id "
	    "WHERE n.person_id = ?1 ORDER BY n.day DESC, n.created_us DESC, n.id");
	bind_text(st, 1, grant_person(g));
	rc = rows_collect(st, a, 8, sizeof(**out), read_coaching, &rows, n, __func__,
	    "coaching notes");
	*out = rows;
	return rc;
}

int
store_tx_coaching_add(struct store_tx *tx, const struct grant *g, const char *member_id,
    const struct coaching_note *x)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO coaching_note (person_id, id, member_id, "
	    "author_id, org_id, day, minutes, text, created_us) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");

	if (!store_grant_fits(g, x->person_id) || !grant_covers(g, CAT_NOTES))
		return ERR_INVALID;
	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->id);
	bind_text(st, 3, member_id);
	bind_text(st, 4, x->author_id);
	bind_text(st, 5, x->org_id);
	bind_text(st, 6, x->day);
	bind_int(st, 7, x->minutes);
	bind_text(st, 8, x->text);
	bind_int(st, 9, x->created_us);
	return step_done(tx->conn, st, "coaching add");
}
