/* The policy door for a person's data, for pages, the JSON API and every
 * interface to come: one call decides (policy/person.c) and notes the
 * access in the person's log, and hands back a grant, without which no
 * store reader or writer of a person's data can be called. */
#ifndef ROSC_ACCESS_DOOR_H
#define ROSC_ACCESS_DOOR_H

#include <stdbool.h>
#include <stdint.h>

#include "access/grant.h"
#include "core/person.h"
#include "core/referral.h"
#include "policy/person.h"

struct arena;
struct req;

/* Today's date in UTC ("YYYY-MM-DD"), from the request's clock. */
const char *today_utc(struct req *r);

/* May the actor do act on person_id's data in category need? If so, the
 * grant covers need and each category in `also` (CAT_BIT()s) that the
 * same act is allowed for, and every one of them is noted for the access
 * log ("read" for PA_READ, else "write"; the person's own use is not
 * logged), which the server writes durably before answering. If not,
 * NULL, and *d says why: 503 (the store failed), 403 (someone in the
 * network, told what is not shared) or 404 (anyone else: the same as for
 * a person who does not exist). A malformed id is a missing person. */
const struct grant *door_open(struct req *r, const char *person_id, enum person_action act,
    enum category need, unsigned also, struct decision *d);

/* As door_open, but the categories in `also` are covered without being
 * noted yet: door_shown() notes each when the page shows some of it (the
 * plan's history, which may or may not hold any of them). */
const struct grant *door_open_lazy(struct req *r, const char *person_id,
    enum person_action act, enum category need, unsigned also, struct decision *d);

/* The actor's own record, if the actor is a person in recovery: a grant
 * to all of it, and the record in *out. NULL with *rc ERR_NOT_FOUND for
 * an actor who is no person, or another error. */
struct person;
const struct grant *door_self(struct req *r, struct person *out, int *rc);

/* For a person shown in a list (caseload, tasks, search results): as
 * door_open_lazy for PA_READ, noted as a "list" entry (once per person,
 * actor, organisation, category and day). door_shown() notes a further
 * category of a grant, the way the grant is logged, when a page shows
 * some of it; once per grant and category. */
int door_prefetch(struct req *r);   /* the actor's relations, for a list */
const struct grant *door_list(struct req *r, const char *person_id, enum category need,
    unsigned also, struct decision *d);
void door_shown(struct req *r, const struct grant *g, enum category c);
/* Whether the actor may see person_id in a list, noting nothing (for
 * choosing whom a page of a list shows; those shown then pass
 * door_list). 1, 0, or -1 if the store failed. */
int door_listable(struct req *r, const char *person_id);

/* A list grant for the actor's own lists (caseload, tasks). */
const struct list_grant *door_my_lists(struct req *r);

/* A further question about the person of a grant, for what a page offers
 * (an edit button, a link): decides, logs nothing, reads nothing. */
bool door_may(struct req *r, const struct grant *g, enum person_action act,
    enum category c);

/* The staff accounts the actor may see (policy_staff_scope(); struct
 * staff_scope is in access/grant.h); for a person, with the grant to
 * their own record that their network is read with. Nothing is noted:
 * staff accounts are no person's data, and a person's own use is not
 * logged. False when the actor may see none. */
bool door_staff_scope(struct req *r, struct staff_scope *out);

/* Whether the actor is the person person_id (asks nothing else). */
bool door_is_self(struct req *r, const char *person_id);

/* A person's referrals (core/referral.h). The plan's readers (writers,
 * with write) and the person get a grant to all of them, noted as the
 * plan; the staff of an organisation that receives an open referral for
 * the person get one to the referrals sent to it, noted as "referral",
 * which covers those of `also` the person shared with that organisation
 * (lazily: door_shown() notes what a page shows). Else NULL and *d, as
 * door_open. */
const struct grant *door_referrals(struct req *r, const char *person_id, bool write,
    unsigned also, struct decision *d);
/* Which party the actor is for one referral, sent to to_org_id (NULL: a
 * service not run in rosc), with the grant door_referrals() gave:
 * RP_COUNT when they may move it nowhere. */
enum ref_party door_referral_party(struct req *r, const struct grant *g,
    const char *to_org_id);

/* A volunteer bridge builder's work (policy_may_accompany()). door_jobs()
 * is their list grant (the requests sent to their organisation and those
 * they accepted), NULL for anyone else. door_job() is a grant to one
 * person's requests as a volunteer sees them (grant_job()), noted in the
 * person's log as "accompaniment": "list" when shown in the list, "read"
 * when one is opened, "write" when accepted, released or reported. The
 * store then shows only a request sent to the volunteer's organisation,
 * and its details only to the volunteer who accepted it; anything else
 * reads as missing (and the server drops the notes of a 404). */
const struct list_grant *door_jobs(struct req *r);
enum job_use { JOB_LISTED, JOB_OPENED, JOB_WRITE };
const struct grant *door_job(struct req *r, const char *person_id, enum job_use use);

/* A person's Help now presses (store/help_now.h), for staff. A press says
 * only that the person asked for help and when: contact, not care, so it
 * is guarded as their basic details are (CAT_BASIC), which staff in the
 * network see by duty (the home organisation) or by the person's consent
 * (other organisations); nothing about the plan, substances or notes
 * rides on it. Only staff who may answer a call for help
 * (policy_may_see_help_now()) get a grant; anyone else NULL with *d a 404,
 * as for a missing person. Reading is noted "read" of basic details in the
 * person's access log, every time; acknowledging (ack) is asked as
 * writing a note is (the same people, by duty or consent) and noted
 * "write". */
const struct grant *door_help_now(struct req *r, const char *person_id, bool ack,
    struct decision *d);

/* A person's messages (core/message.h): a grant to read (write: to send
 * one) if policy_may_message() allows, for the threads the actor takes
 * part in (the person: all of theirs), noted in the person's log as
 * "messages" (read or write). Else NULL and *d: 503, or 404 as for a
 * missing person (never 403: a thread one may not see is not there). */
const struct grant *door_messages(struct req *r, const char *person_id, bool write,
    struct decision *d);

/* Whether the actor may read the messages of the grant's person (for a
 * link): decides as door_messages() does, logs nothing, reads nothing. */
bool door_may_message(struct req *r, const struct grant *g);

/* Which of a person's network members (candidates, in order) may take
 * part in messages with them today: ok[i] set for each. 0, or a negative
 * enum err if the store failed. Nothing is noted (nothing is shown). */
struct msg_candidate;
int door_message_members(struct req *r, const char *person_id,
    const struct msg_candidate *c, size_t n, bool *ok);
/* A person's coaching notes (store/peers.h), in the "notes" category.
 * Reading is door_open(PA_READ, CAT_NOTES): the person always, others by
 * duty or consent, noted "read" of notes. Writing (write true) is only
 * for the peer worker whose own current place in the person's network is
 * as a peer worker for the organisation they act for
 * (policy_may_write_coaching()); *member_id gets that place, and the
 * grant covers notes, noted "write". Else NULL and *d: 403 for someone in
 * the network, 404 for anyone else (as for a missing person). */
const struct grant *door_coaching(struct req *r, const char *person_id, bool write,
    const char **member_id, struct decision *d);

/* Whether door_coaching() would let the actor write one: decides, notes
 * nothing (for showing the form). */
bool door_may_write_coaching(struct req *r, const char *person_id);

/* Answers a refusal: 503; 404 exactly as for a missing person; or 403
 * with a page (or problem+json, as the client asks) that says, in plain
 * words, what the person has not shared. (The server drops a 403 or
 * 404 answer's access-log notes: the log says what was shown, never what
 * was refused.) */
void door_refuse(struct req *r, const struct decision *d, enum category cat);

/* The page door_refuse() shows for a 403, installed by the pages at
 * start-up (the door itself renders nothing): what is not shared, and
 * whether to mention emergency access (only to those who may ask). */
typedef void (*door_page_fn)(struct req *r, enum category cat, bool offer_emergency);
void door_set_refusal_page(door_page_fn fn);

/* Emergency access ("break the glass"). Only staff whose organisation
 * admin gave them the right, in a role with a duty of care, may ask. */
bool door_may_break_glass(struct req *r);

/* Whether this sign-in confirmed a second factor, which breaking the glass
 * also needs (asked after door_emergency_form said yes). */
bool door_glass_factor_ok(struct req *r);

/* The review of emergency accesses to the persons of the actor's
 * organisation (their home organisation): a list grant for it if the
 * actor may review them, else NULL. door_review_shown() notes in a
 * person's log that the review list showed an access to their record. */
const struct list_grant *door_review_list(struct req *r);
void door_review_shown(struct req *r, const char *person_id);

/* Finding a person by national id. Inside the actor's organisation's
 * networks the person is found as in a list (logged as such); outside
 * them only an actor who may break the glass finds them, and the search
 * lands in the found person's log. Anyone else, and any id not
 * registered, gets FIND_NONE. */
enum find_result { FIND_NONE, FIND_IN_CARE, FIND_EMERGENCY, FIND_ERROR };
enum find_result door_find_national_id(struct req *r, const char *nid, const char **id);

/* Whether the actor may see the emergency form for person_id: an actor
 * who may break the glass, for a person who exists. Anything else is
 * answered as for a missing person. 0, ERR_NOT_FOUND or another error. */
int door_emergency_form(struct req *r, const char *person_id);

/* When the actor's own emergency access to person_id ends, or 0. */
int64_t door_emergency_until(struct req *r, const char *person_id);

/* A peer group's members, for its facilitator (policy_is_facilitator()):
 * a grant per member, in the order they joined (grant_group(): the
 * member's name, membership and attendance in this group alone, nothing
 * more), each noted in the member's access log as "group" ("read"; with
 * write, "write": attendance marked). The person gave this consent by
 * joining a group this organisation runs, as the join page says. For
 * anyone else NULL with *rc ERR_NOT_FOUND (a page that is not there);
 * NULL with another *rc if the store failed; else *n grants (maybe 0). */
const struct grant *const *door_group_members(struct req *r, const char *group_id,
    const char *org_id, const char *facilitator_id, bool write, size_t *n, int *rc);

/* Registering a person: the staff member who registers them (and becomes
 * the first in their network) may write their record and network, for
 * the new id, in the same write. Staff acting for an organisation only;
 * NULL for anyone else. Nothing is logged: the person did not exist. */
const struct grant *door_register(struct req *r, const char *new_person_id);

/* The command line (rosc demo and the like) acts for the operator, who
 * holds the database itself: a grant to all of a person's data, not
 * logged. Only src/cmd/ may call it (scripts/lint.sh checks). */
const struct grant *door_command_line(struct arena *a, const char *person_id);
/* The same for the demo's volunteer: a volunteer's grant (door_job()) for
 * user_id of org_id to person_id's requests, not logged. */
const struct grant *door_command_line_job(struct arena *a, const char *person_id,
    const char *org_id, const char *user_id);
/* The same for the demo's facilitator: a facilitator's write grant
 * (door_group_members()) to person_id's attendance in group_id, not
 * logged. */
const struct grant *door_command_line_group(struct arena *a, const char *person_id,
    const char *group_id);
const struct list_grant *door_command_line_lists(struct arena *a, const char *user_id,
    const char *org_id);

/* The reminder job (src/jobs/reminders.c) sends a person their own
 * reminders, as the person asked: a read grant to their basic details and
 * appointments, not logged. Only src/jobs/ may call it (scripts/lint.sh
 * checks). */
const struct grant *door_reminders(struct arena *a, const char *person_id);
/* The same for the check-in reminder (src/jobs/checkin_reminders.c): a
 * read grant to their basic details and check-ins (not their substance
 * use), not logged. Only src/jobs/ may call it. */
const struct grant *door_checkin_reminders(struct arena *a, const char *person_id);

/* The check-up job (src/jobs/checkups.c) marks a person's check-up missed
 * or done and sends them their own gentle reminder: a write grant to
 * their basic details, appointments and check-ups, not logged (nobody
 * sees anything by it). Only src/jobs/ may call it (scripts/lint.sh
 * checks). */
const struct grant *door_checkups(struct arena *a, const char *person_id);

/* A person's early-warning flags (core/warning.h), for a page or the API:
 * the actor may read them (write: record a follow-up, as staff writing
 * about their work with the person) if the policy lets them read (write
 * a note about) the person at all; the grant covers each category the
 * same act is allowed for, and a flag shows only if its category is
 * covered. Noted in the person's log as "warnings" (read or write), not
 * by category: what the page shows is the flags. NULL and *d as
 * door_open. */
const struct grant *door_warnings_open(struct req *r, const char *person_id, bool write,
    struct decision *d);
/* Whether the actor is one who may see a person's early warnings at all
 * (staff answering for an organisation; the person their own): for a
 * link. The flags themselves pass door_warnings_open(). */
bool door_may_see_flags(struct req *r);
/* Notes, for a grant from door_list(), that a list showed the person's
 * early warnings ("warnings", list; once a day as any list entry). */
void door_warnings_listed(struct req *r, const struct grant *g);

/* The early-warning job (src/jobs/warnings.c) looks at a person's data to
 * see whether a rule fires, and raises flags: a grant to all of it, not
 * logged (what it finds is shown to a person only through the door, when
 * they open the flag). Only src/jobs/ may call it (scripts/lint.sh
 * checks). */
const struct grant *door_warnings(struct arena *a, const char *person_id);

/* Whom of the candidates (in order of preference) a flag whose evidence
 * is in category cat may be given to: the first the policy lets read cat
 * of person_id today, acting for the organisation through which they are
 * in the network. Their index, -1 if none may, or a negative enum err
 * below -1 if the store failed. */
struct store;
struct warn_candidate;
int door_warning_recipient(struct store *s, const char *person_id, enum category cat,
    const char *today, int64_t now, const struct warn_candidate *c, size_t n);

#endif
