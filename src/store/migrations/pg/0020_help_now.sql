-- 0020: Help now (src/store/help_now.c). help_now_notify is the person's own
-- choice of the network members to tell at once when they press Help now;
-- the message goes to what the member's row says is how to reach them
-- (network_member.contact: an e-mail address, or a phone number for a text
-- message; core/help_now.c decides which), read when the button is pressed,
-- so a changed number is used at once. A member who leaves the network is
-- no longer told (the press reads only current members).
-- help_now_press is each press: when, how many were told, and who of the
-- staff saw it and when (NULL until someone does: the caseload shows the
-- open ones at the top). Numbers 0018 and 0019 are left to other changes.

CREATE TABLE help_now_notify (
	person_id TEXT NOT NULL REFERENCES person (id),
	member_id TEXT NOT NULL,
	created_us BIGINT NOT NULL,
	PRIMARY KEY (person_id, member_id),
	FOREIGN KEY (person_id, member_id) REFERENCES network_member (person_id, id)
);

CREATE TABLE help_now_press (
	person_id TEXT NOT NULL REFERENCES person (id),
	id TEXT NOT NULL,
	at_us BIGINT NOT NULL,
	notified BIGINT NOT NULL CHECK (notified >= 0),
	acknowledged_by TEXT REFERENCES user_account (id),
	acknowledged_us BIGINT,
	PRIMARY KEY (person_id, id),
	CHECK ((acknowledged_by IS NULL) = (acknowledged_us IS NULL))
);
-- The presses nobody has seen yet: what the caseload looks for, by person.
CREATE INDEX help_now_press_open ON help_now_press (person_id, at_us)
	WHERE acknowledged_us IS NULL;
