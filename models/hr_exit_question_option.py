from odoo import api, fields, models


class HrExitQuestionOption(models.Model):
    """A possible answer of a multiple-choice question."""

    _name = 'hr.exit.question.option'
    _inherit = ['hr.exit.system.fields.mixin']
    _description = 'Exit Interview Answer Option'
    _order = 'sequence, id'

    question_id = fields.Many2one('hr.exit.question', required=True, ondelete='cascade')
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)

    @api.model
    def create(self, vals):
        self._exit_check_targets(vals, ['question_id'])
        return super(HrExitQuestionOption, self).create(vals)

    @api.multi
    def write(self, vals):
        self._exit_check_targets(vals, ['question_id'])
        return super(HrExitQuestionOption, self).write(vals)
