/* Messages: the checks and the notice's words (see message.h). */
#include "core/message.h"

#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/utf8.h"

static bool
blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

const char *
message_check_body(const char *s)
{
	size_t len;

	if (s == NULL)
		return "required";
	len = strlen(s);
	if (!utf8_valid_text(s, len))
		return "invalid_format";
	if (blank(s))
		return "required";
	if (utf8_count(s, len) > MESSAGE_MAX)
		return "too_long";
	return NULL;
}

const char *
message_check_subject(const char *s)
{
	size_t len;

	if (s == NULL)
		return "required";
	len = strlen(s);
	if (!utf8_valid_text(s, len) || strpbrk(s, "\r\n\t") != NULL)
		return "invalid_format";
	if (blank(s))
		return "required";
	if (utf8_count(s, len) > MESSAGE_SUBJECT_MAX)
		return "too_long";
	return NULL;
}

int64_t
message_unread(int64_t last_seq, int64_t read_seq)
{
	return last_seq > read_seq ? last_seq - read_seq : 0;
}

void
message_notice(struct arena *a, const char *base_url, const char **subject,
    const char **body)
{
	*subject = _("You have a new message in rosc");
	*body = arena_printf(a, "%s\n\n%s\n%s/signin\n", _("You have a new message in rosc."),
	    _("Sign in to read it:"), base_url);
}

void
message_send_prepare(struct arena *a, struct msg_send *s, const char *person_id,
    const char *author_id, const char *author_org_id, int64_t now, const char *today,
    const char *base_url, int lang)
{
	char *mid = arena_alloc(a, ID_LEN + 1);
	int l;

	id_new(mid);
	s->m.id = mid;
	s->m.person_id = person_id;
	s->m.author_id = author_id;
	s->m.author_org_id = author_org_id;
	s->m.created_us = now;
	if (s->new_thread) {
		char *tid = arena_alloc(a, ID_LEN + 1);

		id_new(tid);
		s->t.person_id = person_id;
		s->t.id = tid;
		s->t.started_by = author_id;
		s->t.created_us = now;
		s->m.seq = 1;
	}
	s->m.thread_id = s->t.id;
	s->today = today;
	s->a = a;
	for (l = 0; l < LANG_COUNT; l++) {
		i18n_use((enum lang)l);
		message_notice(a, base_url, &s->words.subject[l], &s->words.body[l]);
	}
	i18n_use((enum lang)lang);
}
