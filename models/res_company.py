from odoo import fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    exit_interviewer_id = fields.Many2one(
        'res.users', string='Default Exit Interviewer',
        help='Proposed as interviewer when a departure is registered.')
    exit_create_on_archive = fields.Boolean(
        string='Exit Interview on Archiving', default=True,
        help='Archiving an employee without the departure wizard creates an exit interview '
             'to schedule.')
