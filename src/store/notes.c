/* SQL for journal notes about a person. */
#include "store/notes.h"

#include "access/grant.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/rows.h"

static void
read_note(struct arena *a, struct stmt *st, void *row)
{
	struct note *x = row;

	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
	x->author_id = col_text(a, st, 2);
	x->author_name = col_text(a, st, 3);
	x->author_org_id = col_text(a, st, 4);
	x->author_org_name = col_text(a, st, 5);
	x->body = col_text(a, st, 6);
	x->body_lang = col_text(a, st, 7);
	x->restricted_reason = col_text(a, st, 8);
	x->restricted = col_int(st, 9) != 0;
	x->created_us = col_int(st, 10);
}

int
store_notes(struct store *s, struct arena *a, const struct grant *g, struct note **out,
    size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT n.person_id, n.id, n.author_id, u.display_name, n.author_org_id, "
	    "o.name, n.body, n.body_lang, n.restricted_reason, n.restricted, n.created_us "
	    "FROM note n JOIN user_account u ON u.id = n.author_id "
	    "LEFT JOIN organisation o ON o.id = n.author_org_id "
	    "WHERE n.person_id = ?1 ORDER BY n.created_us DESC, n.id LIMIT 200");
	bind_text(st, 1, person_id);
	rc = rows_collect(st, a, 16, sizeof(**out), read_note, &rows, n, __func__,
	    "notes");
	*out = rows;
	return rc;
}

/* For the person's download of their own data: without the page's limit. */
int
store_notes_all(struct store *s, struct arena *a, const struct grant *g, struct note **out,
    size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT n.person_id, n.id, n.author_id, u.display_name, n.author_org_id, "
	    "o.name, n.body, n.body_lang, n.restricted_reason, n.restricted, n.created_us "
	    "FROM note n JOIN user_account u ON u.id = n.author_id "
	    "LEFT JOIN organisation o ON o.id = n.author_org_id "
	    "WHERE n.person_id = ?1 ORDER BY n.created_us DESC, n.id");
	bind_text(st, 1, person_id);
	rc = rows_collect(st, a, 16, sizeof(**out), read_note, &rows, n, __func__,
	    "notes all");
	*out = rows;
	return rc;
}

/* Writes */

int
store_tx_note_insert(struct store_tx *tx, const struct grant *gr, const struct note *x)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO note (person_id, id, author_id, "
	    "author_org_id, body, body_lang, restricted, restricted_reason, created_us) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, x->person_id))
		return ERR_INVALID;

	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->id);
	bind_text(st, 3, x->author_id);
	bind_text(st, 4, x->author_org_id);
	bind_text(st, 5, x->body);
	bind_text(st, 6, x->body_lang);
	bind_int(st, 7, x->restricted);
	bind_text(st, 8, x->restricted ? x->restricted_reason : NULL);
	bind_int(st, 9, x->created_us);
	return step_done(tx->conn, st, "note insert");
}
