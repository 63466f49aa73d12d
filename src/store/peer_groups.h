/* Storage for peer groups (0026_peer_groups.sql). A group, and its session
 * notes, are the organisation's, not person data: anyone may read them
 * (the pages decide what to show). Membership and attendance are person
 * data in the consent category "appointments": readers show nothing unless
 * the grant covers CAT_APPOINTMENTS or is a facilitator's grant for that
 * group (grant_group()); only the person writes their membership
 * (grant_is_self()), only the facilitator's grant marks attendance.
 * Returns 0, ERR_NOT_FOUND, ERR_CONFLICT, ERR_EXISTS, ERR_INVALID or
 * ERR_DB. */
#ifndef ROSC_STORE_PEER_GROUPS_H
#define ROSC_STORE_PEER_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct grant;
struct store;
struct store_tx;

struct peer_group {
	const char *id, *org_id, *name, *description;
	const char *language;          /* one or two codes, space between */
	int weekday, minutes;          /* 0 = Monday */
	const char *at_time, *time_zone, *starts_on, *ends_on;   /* ends_on NULL: none */
	const char *place, *video_url; /* NULL when not given */
	const char *facilitator_id;
	bool is_open;
	const char *created_by;
	int64_t created_us, updated_us;
	/* Read only. */
	const char *org_name, *facilitator_name;
};

/* Which open groups to find: NULL or -1 for any. */
struct group_filter {
	const char *language;          /* a code */
	int online;                    /* 1: with a video link, 0: with a place */
	int weekday;
};

int store_group_get(struct store *s, struct arena *a, const char *id, struct peer_group *out);
/* Groups open to new members and not ended before today ("YYYY-MM-DD"),
 * that fit f, by weekday, time and name; at most 200. */
int store_groups_open(struct store *s, struct arena *a, const struct group_filter *f,
    const char *today, struct peer_group **out, size_t *n);
/* Every group of an organisation, by name. */
int store_groups_of_org(struct store *s, struct arena *a, const char *org_id,
    struct peer_group **out, size_t *n);
int store_tx_group_insert(struct store_tx *tx, const struct peer_group *g);
/* Changes what a group is (not its organisation); ERR_NOT_FOUND if none. */
int store_tx_group_update(struct store_tx *tx, const struct peer_group *g);

/* A session's note (not person data); ERR_NOT_FOUND if none. */
struct group_note {
	const char *group_id, *session_on, *body, *written_by, *written_by_name;
	int64_t written_us;
};
int store_group_notes(struct store *s, struct arena *a, const char *group_id,
    struct group_note **out, size_t *n);
int store_tx_group_note_set(struct store_tx *tx, const struct group_note *x);

/* The persons who are members of a group, as they joined. Only the door
 * calls this (door_group_members()): what it gives is ids, to make grants
 * with, and nothing about the persons. */
int store_group_member_ids(struct store *s, struct arena *a, const char *group_id,
    const char ***out, size_t *n);

/* Person data. */
struct group_membership {
	const char *person_id, *group_id, *person_name;
	int64_t joined_us;
	/* The group, for the person's own lists. */
	struct peer_group group;
};
/* The groups the person of g is a member of (needs CAT_APPOINTMENTS). */
int store_person_groups(struct store *s, struct arena *a, const struct grant *g,
    struct group_membership **out, size_t *n);
/* The person's membership of group_id, with their name (CAT_APPOINTMENTS,
 * or the facilitator's grant for that group); ERR_NOT_FOUND if none. */
int store_group_membership(struct store *s, struct arena *a, const struct grant *g,
    const char *group_id, struct group_membership *out);

struct group_attendance {
	const char *person_id, *group_id, *group_name, *session_on;
	const char *marked_by;
	int64_t marked_us;
};
/* The sessions the person came to: of group_id (NULL: of every group),
 * latest first; at most 500. As store_group_membership for group_id,
 * CAT_APPOINTMENTS for all. */
int store_group_attendance(struct store *s, struct arena *a, const struct grant *g,
    const char *group_id, struct group_attendance **out, size_t *n);

/* The person joins group_id: only their own grant (grant_is_self(), with
 * write), and only an open group that has not ended by today;
 * ERR_CONFLICT if it is closed or over, ERR_NOT_FOUND if there is no such
 * group, ERR_EXISTS if they are a member already. */
int store_tx_group_join(struct store_tx *tx, const struct grant *g, const char *group_id,
    const char *today, int64_t now);
/* The person leaves group_id (their own grant); ERR_NOT_FOUND if they were
 * no member. Their attendance stays: it is their history. */
int store_tx_group_leave(struct store_tx *tx, const struct grant *g, const char *group_id);
/* The facilitator marks whether the person of g (a facilitator's write
 * grant for group_id) came to the session on session_on; ERR_NOT_FOUND
 * if they are no longer a member. */
int store_tx_group_attended(struct store_tx *tx, const struct grant *g, const char *group_id,
    const char *session_on, bool came, const char *by, int64_t now);

#endif
