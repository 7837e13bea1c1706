from odoo import fields, models


class HrExitQuestionOption(models.Model):
    """A possible answer of a multiple-choice question."""

    _name = 'hr.exit.question.option'
    _inherit = ['hr.exit.system.fields.mixin']
    _description = 'Exit Interview Answer Option'
    _exit_target_fields = ('question_id',)
    _order = 'sequence, id'

    question_id = fields.Many2one('hr.exit.question', required=True, ondelete='cascade',
                                  index=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)

