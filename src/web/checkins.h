/* Check-ins by the person: the quick form, the thank-you, their rhythm and
 * reminder, and the check-ins page (also for those they share them with). */
#ifndef ROSC_WEB_CHECKINS_H
#define ROSC_WEB_CHECKINS_H

struct req;

void web_checkin_form(struct req *r);           /* GET  /me/checkin */
void web_checkin_save(struct req *r);           /* POST /me/checkin */
void web_checkin_settings(struct req *r);       /* GET  /me/checkin/settings */
void web_checkin_settings_save(struct req *r);  /* POST /me/checkin/settings */
void web_checkins(struct req *r);               /* GET  /persons/{id}/checkins */

#endif
