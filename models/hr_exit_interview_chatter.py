from email.utils import formataddr

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import UserError

# Fields whose change may change who reads the interview (see the record rules).
READER_FIELDS = ('interviewer_id', 'employee_id', 'manager_id', 'department_id', 'company_id',
                 'anonymized')
# Context value of what the addon does by itself (a reminder, the leaver's
# reply, an archiving): its messages are signed by the company, not by the
# user the request or the scheduled action happens to run as. A Python object,
# not a flag: a client can put any JSON in the context of a call, not this.
_SYSTEM_AUTHOR = object()
SYSTEM_AUTHOR_KEY = 'exit_system_author'


class HrExitInterviewChatter(models.Model):
    """Who may follow an exit interview and how its messages are posted: the
    chatter is read by whoever reads the interview, so nobody else may
    follow it and posting subscribes nobody."""

    _inherit = 'hr.exit.interview'

    @api.model
    def create(self, vals):
        interview = super(HrExitInterviewChatter, self).create(vals)
        interview._sync_followers()
        return interview

    @api.multi
    def write(self, vals):
        result = super(HrExitInterviewChatter, self).write(vals)
        if set(vals) & set(READER_FIELDS):
            self._sync_followers()
        return result

    @api.multi
    @api.returns('self', lambda value: value.id)
    def message_post(self, **kwargs):
        """Followers are notified of every message: whoever may no longer read
        the interview (a manager since, a new head of the department, a user
        moved or stripped of their group, whatever changed it) stops following
        it before the message is sent, not after."""
        self._check_not_anonymized()
        self._sync_followers()
        if self.env.context.get(SYSTEM_AUTHOR_KEY) is _SYSTEM_AUTHOR \
                and not kwargs.get('author_id'):
            kwargs.update(self._exit_system_author_values())
        message = super(HrExitInterviewChatter, self.with_context(
            mail_post_autofollow=False)).message_post(**kwargs)
        if self.env.context.get('mark_exit_invitation_sent'):
            # "Invitation Sent" follows this message's e-mail (see
            # _compute_invitation_state), not the click on "Send"
            self._exit_system_write({'invitation_message_id': message.id})
        return message

    @api.multi
    def message_subscribe(self, partner_ids=None, channel_ids=None, subtype_ids=None, force=True):
        """Only people who may read the interview follow it: followers get its
        messages. Automatic subscriptions (the author of an incoming e-mail, for
        instance) of anyone else are dropped; explicit ones are refused."""
        self._check_not_anonymized()
        refused = self._partners_without_access(partner_ids or [])
        if (refused or channel_ids) and force:
            raise UserError(_(
                'Exit interviews are confidential: only their interviewer and HR officers can '
                'follow them. Refused: %s') % ', '.join(
                    refused.mapped('name') + self.env['mail.channel'].sudo().browse(
                        channel_ids or []).mapped('name')))
        partner_ids = [pid for pid in partner_ids or [] if pid not in refused.ids]
        return super(HrExitInterviewChatter, self).message_subscribe(
            partner_ids=partner_ids, channel_ids=None, subtype_ids=subtype_ids, force=force)

    def _exit_as_system_author(self):
        """self, for what the addon does by itself: its notes and the tracking
        of its changes are signed by the interview's company."""
        return self.with_context(**{SYSTEM_AUTHOR_KEY: _SYSTEM_AUTHOR})

    def _exit_system_author_values(self):
        """Author and sender of a system message: the company's partner, so
        that nobody reads "Administrator" (or whoever ran the scheduled action)
        as the person who did it."""
        partner = (self[:1].company_id or self.env.user.company_id).sudo().partner_id
        return {'author_id': partner.id,
                'email_from': formataddr((partner.name, partner.email or ''))}

    def _post_system_note(self, body):
        """An internal note signed by the company (see _exit_as_system_author)."""
        self.ensure_one()
        return self._exit_as_system_author().message_post(body=body, subtype='mail.mt_note')

    def _sync_followers(self):
        """Followers are exactly people who may read the interview now, and
        the interviewer follows the interview they hold."""
        for interview in self.sudo().filtered(lambda i: not i.anonymized):
            followers = interview.message_follower_ids
            refused = interview._partners_without_access(followers.mapped('partner_id').ids)
            lost = followers.filtered(lambda f: f.channel_id or f.partner_id in refused)
            kept = (followers - lost).mapped('partner_id')
            if lost:
                lost.unlink()
            partner = interview.interviewer_id.partner_id
            if partner and partner not in kept \
                    and interview._readable_by(interview.interviewer_id):
                interview.message_subscribe(partner_ids=partner.ids)

    def _partners_without_access(self, partner_ids):
        """The partners, among partner_ids, none of whose users may read all of self."""
        refused = self.env['res.partner']
        for partner in self.env['res.partner'].sudo().browse(partner_ids):
            if not any(self._readable_by(user) for user in partner.user_ids):
                refused |= partner
        return refused

    def _readable_by(self, user):
        if user.id == SUPERUSER_ID:
            return True
        records = self.sudo(user)
        if not records.check_access_rights('read', raise_exception=False):
            return False
        return records.search_count([('id', 'in', self.ids)]) == len(self)
