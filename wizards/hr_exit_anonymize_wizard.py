from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HrExitAnonymizeWizard(models.TransientModel):
    """Anonymise, from the list, those of the selected interviews whose
    retention period has passed."""

    _name = 'hr.exit.anonymize.wizard'
    _description = 'Anonymise Exit Interviews'

    def _default_interview_ids(self):
        if self.env.context.get('active_model') != 'hr.exit.interview':
            return self.env['hr.exit.interview']
        return self.env['hr.exit.interview'].search(
            [('id', 'in', self.env.context.get('active_ids') or [])])

    interview_ids = fields.Many2many('hr.exit.interview', string='Selected Interviews',
                                     default=lambda self: self._default_interview_ids(),
                                     help='The interviews selected in the list.')
    eligible_count = fields.Integer(string='To Anonymise', compute='_compute_counts',
                                    help='Selected interviews whose departure is older than '
                                         "the retention period of their company.")
    skipped_count = fields.Integer(string='Left as They Are', compute='_compute_counts',
                                   help='Selected interviews still within the retention period, '
                                        'or already anonymised: they are not changed.')

    @api.depends('interview_ids')
    def _compute_counts(self):
        for wizard in self:
            eligible = wizard._eligible_interviews()
            wizard.eligible_count = len(eligible)
            wizard.skipped_count = len(wizard.interview_ids - eligible)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        eligible = self._eligible_interviews()
        if not eligible:
            raise UserError(_('None of the selected interviews is past the retention period of '
                              'its company, or they are anonymised already.'))
        eligible.action_anonymize()
        return {'type': 'ir.actions.act_window_close'}

    def _eligible_interviews(self):
        return self.interview_ids.filtered(
            lambda interview: not interview.anonymized and interview._is_past_retention())
