/* Self-help meetings (core/meeting.h): the public listings from Meeting
 * Guide feeds, and the favourites a person keeps in their plan. */
#ifndef ROSC_STORE_MEETINGS_H
#define ROSC_STORE_MEETINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "access/grant.h"
#include "core/meeting.h"
#include "store/store.h"

struct arena;

/* What an import did. */
struct meeting_counts {
	size_t added, updated, unchanged, removed;
};
/* Imports a feed's n meetings for source, in one write: a meeting is
 * matched by (source, slug), added, updated or left unchanged, and the
 * source's meetings the feed no longer lists are removed, with the
 * favourites that named them. Each m[i].id is set (in a). 0 or an
 * error. */
int store_meetings_import(struct store *s, struct arena *a, const char *source,
    struct meeting *m, size_t n, int64_t now, struct meeting_counts *out);

/* The meetings whose folded words hold q (NULL: any), that have type
 * (NULL: any) and lang_type (a language's type code, NULL: any), only
 * online ones if online; by name, at most MEETINGS_SEARCH_MAX. Public
 * listings: no grant. */
#define MEETINGS_SEARCH_MAX 5000
int store_meetings_search(struct store *s, struct arena *a, const char *q, const char *type,
    const char *lang_type, bool online, struct meeting **out, size_t *n);
/* The meetings to suggest to the person of g (their own grant, covering
 * the plan): with the type lang_type (a language's), online or meeting
 * in a place near them (area_key given: whose place words hold it, the
 * area folded with person_name_key(); else in the time zone tz), with a
 * weekly time, neither kept in their plan nor dismissed as a suggestion
 * ("meeting"). One query of at most MEETINGS_SUGGEST_MAX: those that meet
 * on today_bit's day (a bit of m->days), then on tomorrow_bit's, then by
 * name. */
#define MEETINGS_SUGGEST_MAX 100
int store_meetings_to_suggest(struct store *s, struct arena *a, const struct grant *g,
    const char *lang_type, const char *area_key, const char *tz, unsigned today_bit,
    unsigned tomorrow_bit, struct meeting **out, size_t *n);
/* One meeting by id: 0, ERR_NOT_FOUND or an error. */
int store_meeting_get(struct store *s, struct arena *a, const char *id, struct meeting *out);
/* The installation's time zone for a feed that names none: the first
 * organisation's (in a), else "UTC". */
const char *store_meetings_default_zone(struct store *s, struct arena *a);
/* The id of the meeting of source with slug (in a): 0, ERR_NOT_FOUND or an
 * error. */
int store_meeting_by_slug(struct store *s, struct arena *a, const char *source,
    const char *slug, const char **id);
/* How many meetings of source there are (all sources: NULL). */
int store_meetings_count(struct store *s, const char *source, int64_t *n);

/* A person's favourite meetings, newest first (the grant must cover the
 * plan, else ERR_NOT_FOUND), with when each was saved in saved_us[i]. */
int store_meeting_favourites(struct store *s, struct arena *a, const struct grant *g,
    struct meeting **out, int64_t **saved_us, size_t *n);
/* Whether the person keeps meeting_id: 1, 0 or an error. */
int store_meeting_is_favourite(struct store *s, const struct grant *g, const char *meeting_id);
/* Saving and removing a favourite: only the person (a grant of their own
 * that writes). Saving one already kept changes nothing; removing one not
 * kept is ERR_NOT_FOUND; an unknown meeting is ERR_NOT_FOUND. */
int store_tx_meeting_favourite_add(struct store_tx *tx, const struct grant *g,
    const char *meeting_id, int64_t now);
int store_tx_meeting_favourite_remove(struct store_tx *tx, const struct grant *g,
    const char *meeting_id);

#endif
