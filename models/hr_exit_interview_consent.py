from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .constants import CONSENT_CHOICES


class HrExitInterviewConsent(models.Model):
    """The leaver's consent to the anonymous use of their answers, recorded
    as a choice: given, or refused. An interview is held only once the
    choice is recorded; with a refusal its answers stay on the interview,
    for HR, and out of every analysis (the SQL views of
    reports/hr_exit_interview_report.py, reports/hr_exit_answer_report.py
    and the trend report read ``consent``).

    ``consent_given`` stays, as "the consent is given", for the code and the
    clients that set it: writing it records the choice too."""

    _inherit = 'hr.exit.interview'

    consent = fields.Selection(
        CONSENT_CHOICES, string='Consent to Anonymous Use', copy=False,
        track_visibility='onchange',
        help='Whether the leaver agreed that their answers are recorded and used, anonymously, '
             'in the company statistics. Recorded before the interview is held; with a refusal '
             'the answers are kept for HR and left out of every analysis.')
    consent_given = fields.Boolean(
        compute='_compute_consent_given', inverse='_inverse_consent_given', store=True,
        readonly=False)

    @api.depends('consent')
    def _compute_consent_given(self):
        for interview in self:
            interview.consent_given = interview.consent == 'given'

    def _inverse_consent_given(self):
        """Ticking the box records the consent; unticking it leaves the
        choice to be recorded (it records no refusal)."""
        for interview in self:
            if interview.consent_given:
                interview.consent = 'given'
            elif interview.consent == 'given':
                interview.consent = False

    @api.multi
    def action_done(self):
        """Held requires the leaver's recorded choice about consent."""
        # After the questions: a missing answer is reported first (by super).
        unrecorded = self.filtered(
            lambda interview: interview.state == 'scheduled' and not interview.consent
            and not interview.answer_ids.filtered(lambda a: a.mandatory and not a.is_answered))
        if unrecorded:
            raise UserError(_(
                'Record whether the leaver consents to the anonymous use of their answers '
                'before marking %s as held: "Given", or "Refused" (the answers are then kept '
                'out of every analysis).') % ', '.join(unrecorded.mapped('name')))
        return super(HrExitInterviewConsent, self).action_done()
