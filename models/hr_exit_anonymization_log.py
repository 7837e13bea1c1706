from odoo import api, fields, models


class HrExitAnonymizationLog(models.Model):
    """One anonymisation run: when, by whom, how many interviews. Nothing about
    the people whose interviews were anonymised."""

    _name = 'hr.exit.anonymization.log'
    _description = 'Exit Interview Anonymisation Log'
    _order = 'date desc, id desc'
    _rec_name = 'date'

    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one('res.users', string='Run by', required=True, readonly=True,
                              ondelete='restrict', index=True)
    company_id = fields.Many2one('res.company', required=True, readonly=True,
                                 ondelete='cascade', index=True)
    trigger = fields.Selection([
        ('cron', 'Daily job'),
        ('manual', 'Anonymise action'),
    ], required=True, readonly=True)
    interview_count = fields.Integer(string='Interviews Anonymised', readonly=True)

    @api.model
    def _log_run(self, interviews, trigger):
        """One line per company of the interviews; written as superuser, as
        nobody may create or edit these lines by hand."""
        logs = self.browse()
        for company in interviews.sudo().mapped('company_id'):
            count = len(interviews.sudo().filtered(lambda i: i.company_id == company))
            logs |= self.sudo().create({
                'user_id': self.env.uid,
                'company_id': company.id,
                'trigger': trigger,
                'interview_count': count,
            })
        return logs
