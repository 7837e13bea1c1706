from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class HrExitQuestionnaire(models.Model):
    """The set of questions an exit interview is prepared from."""

    _name = 'hr.exit.questionnaire'
    _inherit = ['hr.exit.system.fields.mixin']
    _description = 'Exit Interview Questionnaire'
    _exit_company_checked = True
    _order = 'is_default desc, name'

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    question_ids = fields.One2many('hr.exit.question', 'questionnaire_id', string='Questions',
                                   copy=True)
    question_count = fields.Integer(compute='_compute_question_count')
    company_id = fields.Many2one('res.company', index=True,
                                 default=lambda self: self.env.user.company_id)
    is_default = fields.Boolean(
        string='Default', help='Used for new exit interviews of this company.')
    active = fields.Boolean(default=True)

    @api.depends('question_ids')
    def _compute_question_count(self):
        for questionnaire in self:
            questionnaire.question_count = len(questionnaire.question_ids)

    @api.constrains('is_default', 'company_id', 'active')
    def _check_one_default_per_company(self):
        for questionnaire in self.filtered('is_default'):
            others = self.search_count([
                ('id', '!=', questionnaire.id),
                ('is_default', '=', True),
                ('company_id', '=', questionnaire.company_id.id),
            ])
            if others:
                raise ValidationError(_(
                    'Only one default questionnaire per company: untick "Default" on the '
                    'other questionnaire of %s first.') % (
                        questionnaire.company_id.name or _('all companies')))

    @api.model
    def create(self, vals):
        if vals.get('is_default'):
            self._clear_default(vals.get('company_id', self.env.user.company_id.id))
        return super(HrExitQuestionnaire, self).create(vals)

    @api.multi
    def write(self, vals):
        if vals.get('is_default'):
            companies = [vals['company_id']] if 'company_id' in vals \
                else [questionnaire.company_id.id for questionnaire in self]
            for company_id in set(companies):
                self._clear_default(company_id, exclude=self)
        return super(HrExitQuestionnaire, self).write(vals)

    @api.multi
    def unlink(self):
        if self.env['hr.exit.answer'].search_count([('question_id', 'in', self.mapped('question_ids').ids)]):
            raise UserError(_('This questionnaire has been used in exit interviews and cannot be '
                              'deleted; archive it instead.'))
        return super(HrExitQuestionnaire, self).unlink()

    def _clear_default(self, company_id, exclude=None):
        """Making a questionnaire the default takes the flag from the previous one."""
        previous = self.search([('is_default', '=', True), ('company_id', '=', company_id or False)])
        if exclude:
            previous -= exclude
        if previous:
            previous.write({'is_default': False})

    @api.model
    def get_default(self, company=None):
        """The company's default questionnaire, else a shared default one."""
        company = company or self.env.user.company_id
        return (self.search([('is_default', '=', True), ('company_id', '=', company.id)], limit=1)
                or self.search([('is_default', '=', True), ('company_id', '=', False)], limit=1))
