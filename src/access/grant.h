/* A grant: the door's word that this actor may read (or write) this
 * person's data in these categories, already noted in the access log.
 * Every store reader and writer of a person's data takes one instead of a
 * bare person id; only the door (access/door.c) makes them, so reading a
 * person's data without passing the door does not compile. */
#ifndef ROSC_ACCESS_GRANT_H
#define ROSC_ACCESS_GRANT_H

#include <stdbool.h>

#include "core/person.h"

/* Opaque outside src/access/: nobody else can fill one in. */
struct grant;

/* The person the grant is about. */
const char *grant_person(const struct grant *g);
/* Whether the grant covers category c (for the store's filters). */
bool grant_covers(const struct grant *g, enum category c);
/* Whether it allows writing, not only reading (a volunteer's grant never
 * does: see grant_job_writes()). */
bool grant_writes(const struct grant *g);
/* Whether the actor is the person. */
bool grant_is_self(const struct grant *g);

/* Which of the person's referrals the grant covers: all of them (the
 * plan's readers and the person), only those sent to one organisation
 * (*org: its staff, answering one), or none. */
enum ref_scope { REF_SCOPE_NONE, REF_SCOPE_ALL, REF_SCOPE_ORG };
enum ref_scope grant_referral_scope(const struct grant *g, const char **org);

/* A volunteer's grant (door_job()): true, with the volunteer organisation
 * and the volunteer, when it covers only the requests for company sent to
 * that organisation, as acc_job shows them, and the details of those the
 * volunteer accepted. */
bool grant_job(const struct grant *g, const char **org, const char **user);
/* Whether a volunteer's grant lets them accept, release or report (no
 * other grant writes as a volunteer, and a volunteer's grant writes
 * nothing else: grant_writes() is false for it). */
bool grant_job_writes(const struct grant *g);

/* A grant to a person's messages (door_messages()): true, with the
 * reader (a user) and the organisation they act for (NULL: none). The
 * person sees all their threads; anyone else only those they take part
 * in through a network membership in force, for that organisation. */
bool grant_messages(const struct grant *g, const char **user, const char **org);
/* A facilitator's grant (door_group_members()): the group whose member
 * the person is, whose membership, attendance and the member's name it
 * covers (and nothing else: it covers no category); NULL for any other. */
const char *grant_group(const struct grant *g);
/* Whether a facilitator's grant lets them mark attendance (no other grant
 * does, and grant_writes() is false for it). */
bool grant_group_writes(const struct grant *g);

/* A list grant: the actor's own lists (the persons in whose networks
 * they are, their tasks), for one organisation. Each person a list shows
 * still passes the door on its own. */
struct list_grant;
const char *list_grant_user(const struct list_grant *l);
const char *list_grant_org(const struct list_grant *l);   /* NULL: none */

/* Which staff accounts a reader may see (door_staff_scope()): their own
 * (user_id; NULL if they are not staff), those of the members of org_id
 * (NULL: none), with their roles there, and for a person in recovery the
 * staff in their own network (network: the person's grant to their own
 * record, NULL for anyone else), as their network page shows them. */
struct staff_scope {
	const char *user_id, *org_id;
	const struct grant *network;
};

#endif
