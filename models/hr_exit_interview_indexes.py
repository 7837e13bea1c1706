from odoo import fields, models


class HrExitInterview(models.Model):
    """Indexes on the foreign keys of the interview that a delete of the target
    (a manager, a reason, a questionnaire, a job) checks and that reports join:
    without them each such check reads the whole table."""

    _inherit = 'hr.exit.interview'

    job_id = fields.Many2one(index=True)
    manager_id = fields.Many2one(index=True)
    primary_reason_id = fields.Many2one(index=True)
    questionnaire_id = fields.Many2one(index=True)
