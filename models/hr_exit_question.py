from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

QUESTION_TYPES = [
    ('rating', 'Rating (1-5)'),
    ('score', 'Score (0-10)'),
    ('yes_no', 'Yes / No'),
    ('choice', 'Multiple choice'),
    ('text', 'Free text'),
]


class HrExitQuestion(models.Model):
    """A question of a questionnaire, in one of the seven areas."""

    _name = 'hr.exit.question'
    _inherit = ['hr.exit.system.fields.mixin']
    _description = 'Exit Interview Question'
    _exit_target_fields = ('questionnaire_id',)
    _order = 'questionnaire_id, category_sequence, sequence, id'

    questionnaire_id = fields.Many2one('hr.exit.questionnaire', required=True, ondelete='cascade',
                                       index=True)
    category_id = fields.Many2one('hr.exit.category', string='Area', required=True,
                                  ondelete='restrict', index=True)
    category_sequence = fields.Integer(related='category_id.sequence', store=True, readonly=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string='Question', required=True, translate=True)
    description = fields.Text(string='Guidance', translate=True,
                              help='Shown under the question to help answering it.')
    question_type = fields.Selection(QUESTION_TYPES, string='Type', required=True,
                                     default='rating')
    option_ids = fields.One2many('hr.exit.question.option', 'question_id', string='Options',
                                 copy=True)
    mandatory = fields.Boolean()
    is_recommend = fields.Boolean(
        string='Employer recommendation',
        help='The "would you recommend us as an employer" question: its 0-10 score feeds the '
             'recommendation score (eNPS) of the interview.')
    answer_count = fields.Integer(compute='_compute_answer_count')
    active = fields.Boolean(default=True)

    def _compute_answer_count(self):
        counts = dict(
            (group['question_id'][0], group['question_id_count'])
            for group in self.env['hr.exit.answer'].sudo().read_group(
                [('question_id', 'in', self.ids)], ['question_id'], ['question_id']))
        for question in self:
            question.answer_count = counts.get(question.id, 0)

    @api.constrains('is_recommend', 'question_type')
    def _check_recommend_is_score(self):
        for question in self:
            if question.is_recommend and question.question_type != 'score':
                raise ValidationError(_('The employer recommendation question must be of type '
                                        '"Score (0-10)".'))

    @api.multi
    def unlink(self):
        used = self.env['hr.exit.answer'].sudo().search([('question_id', 'in', self.ids)])
        if used:
            raise UserError(_('These questions have already been answered and cannot be deleted; '
                              'archive them instead: %s') % ', '.join(used.mapped('question_id.name')))
        return super(HrExitQuestion, self).unlink()
