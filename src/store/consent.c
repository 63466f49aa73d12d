/* SQL for a person's consents and the history of every change to them. */
#include "store/consent.h"

#include <stdio.h>

#include "access/grant.h"
#include "base/err.h"
#include "base/id.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/rows.h"

static void
read_consent(struct arena *a, struct stmt *st, void *row)
{
	struct consent *k = row;

	k->person_id = col_text(a, st, 0);
	k->id = col_text(a, st, 1);
	k->recipient_org_id = col_text(a, st, 2);
	k->recipient_member_id = col_text(a, st, 3);
	k->recipient_name = col_text(a, st, 4);
	if (!category_parse(col_cstr(st, 5), &k->category))
		k->category = CAT_BASIC;
	k->granted = col_int(st, 6) != 0;
	k->purpose = col_text(a, st, 7);
	k->until_date = col_text(a, st, 8);
	k->version = col_int(st, 9);
	k->updated_us = col_int(st, 10);
	k->updated_by = col_text(a, st, 11);
}

int
store_consents(struct store *s, struct arena *a, const struct grant *g,
    struct consent **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT k.person_id, k.id, k.recipient_org_id, k.recipient_member_id, "
	    "coalesce(o.name, u.display_name, m.name), k.category, k.granted, k.purpose, "
	    "k.until_date, k.version, k.updated_us, k.updated_by FROM consent k "
	    "LEFT JOIN organisation o ON o.id = k.recipient_org_id "
	    "LEFT JOIN network_member m ON m.person_id = k.person_id AND m.id = k.recipient_member_id "
	    "LEFT JOIN user_account u ON u.id = m.user_id "
	    "WHERE k.person_id = ?1 ORDER BY 5, k.category");
	bind_text(st, 1, person_id);
	rc = rows_collect(st, a, 16, sizeof(**out), read_consent, &rows, n, __func__,
	    "consents");
	*out = rows;
	return rc;
}

int
store_consent_history(struct store *s, struct arena *a, const struct grant *g,
    struct consent **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT k.person_id, k.id, k.recipient_org_id, k.recipient_member_id, "
	    "coalesce(o.name, u.display_name, m.name), k.category, h.granted, h.purpose, "
	    "h.until_date, h.version, h.changed_us, cu.display_name FROM consent_history h "
	    "JOIN consent k ON k.person_id = h.person_id AND k.id = h.consent_id "
	    "LEFT JOIN organisation o ON o.id = k.recipient_org_id "
	    "LEFT JOIN network_member m ON m.person_id = k.person_id AND m.id = k.recipient_member_id "
	    "LEFT JOIN user_account u ON u.id = m.user_id "
	    "LEFT JOIN user_account cu ON cu.id = h.changed_by "
	    "WHERE h.person_id = ?1 ORDER BY h.changed_us DESC, h.version DESC LIMIT 500");
	bind_text(st, 1, person_id);
	rc = rows_collect(st, a, 16, sizeof(**out), read_consent, &rows, n, __func__,
	    "consent history");
	*out = rows;
	return rc;
}

/* For the person's download of their own data: without the page's limit. */
int
store_consent_history_all(struct store *s, struct arena *a, const struct grant *g,
    struct consent **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT k.person_id, k.id, k.recipient_org_id, k.recipient_member_id, "
	    "coalesce(o.name, u.display_name, m.name), k.category, h.granted, h.purpose, "
	    "h.until_date, h.version, h.changed_us, cu.display_name FROM consent_history h "
	    "JOIN consent k ON k.person_id = h.person_id AND k.id = h.consent_id "
	    "LEFT JOIN organisation o ON o.id = k.recipient_org_id "
	    "LEFT JOIN network_member m ON m.person_id = k.person_id AND m.id = k.recipient_member_id "
	    "LEFT JOIN user_account u ON u.id = m.user_id "
	    "LEFT JOIN user_account cu ON cu.id = h.changed_by "
	    "WHERE h.person_id = ?1 ORDER BY h.changed_us DESC, h.version DESC");
	bind_text(st, 1, person_id);
	rc = rows_collect(st, a, 16, sizeof(**out), read_consent, &rows, n, __func__,
	    "consent history all");
	*out = rows;
	return rc;
}

/* Writes */

int
store_tx_consent_set(struct store_tx *tx, const struct grant *gr,
    const struct consent *k, int64_t now,
    const char *by)
{
	struct conn *c = tx->conn;
	struct stmt *st;
	char fresh[ID_LEN + 1];
	const char *id;
	int64_t version;
	int rc;

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, k->person_id))
		return ERR_INVALID;

	st = STMT(c, "SELECT id, version FROM consent WHERE person_id = ?1 "
	    "AND coalesce(recipient_org_id, '') = coalesce(?2, '') "
	    "AND coalesce(recipient_member_id, '') = coalesce(?3, '') AND category = ?4");
	bind_text(st, 1, k->person_id);
	bind_text(st, 2, k->recipient_org_id);
	bind_text(st, 3, k->recipient_member_id);
	bind_text(st, 4, category_code(k->category));
	rc = stmt_step(st, __func__);
	if (rc == STMT_ROW) {
		snprintf(fresh, sizeof(fresh), "%s", col_cstr(st, 0));
		version = col_int(st, 1) + 1;
		stmt_reset(st);
		id = fresh;
		st = STMT(c, "UPDATE consent SET granted = ?3, purpose = ?4, until_date = ?5, "
		    "version = ?6, updated_us = ?7, updated_by = ?8 WHERE person_id = ?1 AND id = ?2");
	} else if (rc == STMT_DONE) {
		stmt_reset(st);
		id_new(fresh);
		id = fresh;
		version = 1;
		st = STMT(c, "INSERT INTO consent (person_id, id, granted, purpose, until_date, "
		    "version, updated_us, updated_by, recipient_org_id, recipient_member_id, "
		    "category) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
		bind_text(st, 9, k->recipient_org_id);
		bind_text(st, 10, k->recipient_member_id);
		bind_text(st, 11, category_code(k->category));
	} else {
		stmt_reset(st);
		return db_error(c, rc, "consent find");
	}
	bind_text(st, 1, k->person_id);
	bind_text(st, 2, id);
	bind_int(st, 3, k->granted);
	bind_text(st, 4, k->purpose);
	bind_text(st, 5, k->until_date);
	bind_int(st, 6, version);
	bind_int(st, 7, now);
	bind_text(st, 8, by);
	if ((rc = step_done(c, st, "consent set")) != 0)
		return rc;
	st = STMT(c, "INSERT INTO consent_history (person_id, consent_id, version, granted, "
	    "purpose, until_date, changed_us, changed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	bind_text(st, 1, k->person_id);
	bind_text(st, 2, id);
	bind_int(st, 3, version);
	bind_int(st, 4, k->granted);
	bind_text(st, 5, k->purpose);
	bind_text(st, 6, k->until_date);
	bind_int(st, 7, now);
	bind_text(st, 8, by);
	return step_done(c, st, "consent history");
}
