import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .constants import RATING_SCALE, SCORE_SCALE, scale_choices
from .hr_exit_interview import is_anonymizing
from .hr_exit_question import QUESTION_TYPES
from .nullable_fields import NullableInteger
from .hr_exit_interview import OPEN_STATES

# value field that holds the answer of each question type
VALUE_FIELDS = {
    'rating': 'rating',
    'score': 'score',
    'yes_no': 'yes_no',
    'choice': 'option_id',
    'text': 'text',
}
TEXT_MAX_LENGTH = 5000
# What was asked, copied from the question, and where the answer belongs: set
# when the line is created, by the system only (interview and question are
# given at creation, never changed afterwards).
ANSWER_SYSTEM_FIELDS = ('interview_id', 'question_id', 'category_id', 'category_sequence',
                        'sequence', 'question_text', 'question_type', 'mandatory',
                        'is_recommend', 'text_removed', 'is_answered', 'state')
# What the ratings per area (hr.exit.interview.area) are computed from.
AREA_FIELDS = {'interview_id', 'category_id', 'question_type', 'rating'}
NUMBER = re.compile(r'[0-9]{1,9}\Z')
# Control characters other than tab and line breaks: PostgreSQL refuses NUL in
# text, and none of them belongs in a comment someone typed.
CONTROL_CHARACTERS = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]')


def _number(value):
    """The int written in value with ASCII digits only, else None."""
    return int(value) if NUMBER.match(value) else None


def _given(value):
    """A value was given (0 is a real score, False/None/'' are not)."""
    return not (value is None or value is False or value == '')


class HrExitAnswer(models.Model):
    """The answer to one question of one interview.

    The question's text, type and area are copied when the line is created, so
    that editing or archiving a questionnaire never rewrites what was asked.
    """

    _name = 'hr.exit.answer'
    _inherit = ['hr.exit.field.guard.mixin', 'hr.exit.system.fields.mixin']
    _description = 'Exit Interview Answer'
    _exit_system_fields = ANSWER_SYSTEM_FIELDS
    _order = 'interview_id, category_sequence, sequence, id'
    _rec_name = 'question_text'

    # Joined rather than searched: the record rules of the answers follow
    # interview_id.<field>, which without a join would fetch the ids of every
    # interview for each read. A joined path skips the interview's own search
    # checks: the field guard mixin follows interview_id.<field> from here and
    # keeps the interview's restricted fields out of reach through the join.
    interview_id = fields.Many2one('hr.exit.interview', required=True, ondelete='cascade',
                                   index=True, auto_join=True)
    question_id = fields.Many2one('hr.exit.question', ondelete='restrict', index=True)
    category_id = fields.Many2one('hr.exit.category', string='Area', ondelete='restrict',
                                  index=True)
    category_sequence = fields.Integer()
    sequence = fields.Integer(default=10)
    question_text = fields.Char(string='Question', readonly=True)
    question_type = fields.Selection(QUESTION_TYPES, string='Type', readonly=True)
    mandatory = fields.Boolean(readonly=True)
    is_recommend = fields.Boolean(readonly=True)
    rating = NullableInteger(group_operator='avg', help='1 (very poor) to 5 (very good).')
    score = NullableInteger(group_operator='avg', help='0 (not at all) to 10 (absolutely).')
    yes_no = fields.Selection([('yes', 'Yes'), ('no', 'No')], string='Yes/No')
    option_id = fields.Many2one('hr.exit.question.option', string='Choice', ondelete='restrict',
                                index=True)
    text = fields.Text(string='Comment')
    text_removed = fields.Boolean(
        string='Comment Removed', readonly=True, copy=False,
        help='A comment was given and removed by the anonymisation; the question still counts '
             'as answered.')
    is_answered = fields.Boolean(compute='_compute_is_answered', store=True)
    # The same numbers as choices, so that forms offer 1-5 and 0-10 buttons.
    rating_choice = fields.Selection(scale_choices(RATING_SCALE), string='Rating (1-5)',
                                     compute='_compute_choices', inverse='_inverse_rating_choice')
    score_choice = fields.Selection(scale_choices(SCORE_SCALE), string='Score (0-10)',
                                    compute='_compute_choices', inverse='_inverse_score_choice')
    state = fields.Selection(related='interview_id.state', readonly=True)

    @api.depends('question_type', 'rating', 'score', 'yes_no', 'option_id', 'text',
                 'text_removed')
    def _compute_is_answered(self):
        for answer in self:
            field = VALUE_FIELDS.get(answer.question_type)
            value = answer[field] if field else False
            if field == 'text':
                value = (value or '').strip() or answer.text_removed
            answer.is_answered = _given(value.id if field == 'option_id' else value)

    @api.depends('rating', 'score')
    def _compute_choices(self):
        for answer in self:
            answer.rating_choice = str(answer.rating) if answer.rating else False
            answer.score_choice = str(answer.score) if _given(answer.score) else False

    def _inverse_rating_choice(self):
        for answer in self:
            answer.rating = int(answer.rating_choice) if answer.rating_choice else False

    def _inverse_score_choice(self):
        for answer in self:
            answer.score = int(answer.score_choice) if answer.score_choice else False

    @api.constrains('rating', 'score', 'yes_no', 'option_id', 'text', 'question_type')
    def _check_value(self):
        """Safety net for values that reach the database without create/write."""
        for answer in self:
            answer._validate_values(answer.question_type, answer.question_id, {
                field: answer[field] for field in VALUE_FIELDS.values()})

    @api.model_cr
    def init(self):
        """The comments of the trend report: a partial index of the given
        comments (a few per cent of the answers), which the report ranks
        without reading the answers themselves."""
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS hr_exit_answer_comment_index
                ON hr_exit_answer (interview_id, category_id, id)
             WHERE question_type = 'text' AND btrim(COALESCE(text, '')) <> ''""")

    @api.model
    def create(self, vals):
        if vals.get('interview_id'):
            # Answering is changing the interview: refuse it as such, and early.
            interview = self.env['hr.exit.interview'].browse(vals['interview_id'])
            interview._check_not_anonymized()
            interview.check_access_rights('write')
            interview.check_access_rule('write')
        question = self.env['hr.exit.question'].browse(vals.get('question_id'))
        if not self._exit_is_system():
            self._check_new_line(vals)
            self._exit_check_system_create(vals, dict(
                self._snapshot_question_vals(question), interview_id=vals.get('interview_id'),
                question_id=vals.get('question_id'), text_removed=False))
        if question:
            for key, value in self._snapshot_question_vals(question).items():
                vals.setdefault(key, value)
            self._validate_values(vals.get('question_type'), question, vals)
        answer = super(HrExitAnswer, self).create(vals)
        if answer.question_type == 'rating' and _given(answer.rating):
            self.env['hr.exit.interview.area']._refresh(answer.interview_id.ids)
        return answer

    @api.multi
    def write(self, vals):
        self.mapped('interview_id')._check_not_anonymized()
        if 'text_removed' in vals and not is_anonymizing(self.env):
            raise UserError(_('Only the anonymisation removes comments.'))
        self._exit_check_system_write(vals)
        self._check_interview_open()
        # Checked before writing, so that a refused value leaves every record as it was.
        if set(vals) & (set(VALUE_FIELDS.values()) | {'question_type'}):
            for answer in self:
                values = {field: vals[field] if field in vals else answer[field]
                          for field in VALUE_FIELDS.values()}
                answer._validate_values(vals.get('question_type', answer.question_type),
                                        answer.question_id, values)
        interviews = self.mapped('interview_id') if AREA_FIELDS & set(vals) else None
        result = super(HrExitAnswer, self).write(vals)
        if interviews is not None:
            self.env['hr.exit.interview.area']._refresh(
                (interviews | self.mapped('interview_id')).ids)
        return result

    @api.multi
    def unlink(self):
        self.mapped('interview_id')._check_not_anonymized()
        self._check_interview_open()
        rated = self.filtered(lambda answer: answer.question_type == 'rating' and _given(
            answer.rating)).mapped('interview_id')
        result = super(HrExitAnswer, self).unlink()
        self.env['hr.exit.interview.area']._refresh(rated.exists().ids)
        return result

    def _check_interview_open(self):
        """A held, declined or cancelled interview is a record: its answers
        change no more (the anonymisation, run as superuser, aside)."""
        if self._exit_is_system():
            return
        closed = self.sudo().mapped('interview_id').filtered(
            lambda interview: interview.state not in OPEN_STATES)
        if closed:
            raise UserError(_('The answers of %s can no longer be changed: the interview is '
                              'closed.') % ', '.join(closed.mapped('name')))

    @api.model
    def _check_new_line(self, vals):
        """A user adds the answer to a question of the interview's
        questionnaire that has none yet, to an open interview: a second line
        for the same question would count twice in the scores."""
        interview = self.env['hr.exit.interview'].sudo().browse(vals.get('interview_id'))
        question = self.env['hr.exit.question'].sudo().browse(vals.get('question_id'))
        if interview and interview.state not in OPEN_STATES:
            raise UserError(_('The answers of %s can no longer be changed: the interview is '
                              'closed.') % interview.name)
        if not question or question.questionnaire_id != interview.questionnaire_id:
            raise UserError(_('An answer belongs to a question of the interview\'s '
                              'questionnaire.'))
        if question in interview.answer_ids.mapped('question_id'):
            raise UserError(_('"%s" already has its answer line in %s.') % (
                question.name, interview.name))

    @api.model
    def _validate_values(self, question_type, question, values):
        """Refuse out-of-range numbers, foreign choices, oversized text and any
        value in a field that does not belong to the question's type."""
        label = question.name or _('this question')
        values = dict((key, value.id if isinstance(value, models.BaseModel) else value)
                      for key, value in values.items())
        ranges = (('rating', RATING_SCALE, _('"%s": a rating goes from 1 to 5, got %s.')),
                  ('score', SCORE_SCALE, _('"%s": a score goes from 0 to 10, got %s.')))
        for field, (low, high), message in ranges:
            value = values.get(field)
            if not _given(value):
                continue
            try:
                number = int(value)
            except (TypeError, ValueError):
                number = None
            if number is None or number != value or not low <= number <= high:
                raise ValidationError(message % (label, value))
        option_id = values.get('option_id')
        if option_id and option_id not in question.option_ids.ids:
            raise ValidationError(_('"%s": this choice does not belong to the question.') % label)
        text = values.get('text')
        if text and len(text) > TEXT_MAX_LENGTH:
            raise ValidationError(_('"%s": an answer is limited to %d characters.') % (
                label, TEXT_MAX_LENGTH))
        if text and CONTROL_CHARACTERS.search(text):
            raise ValidationError(_('"%s": an answer cannot contain control characters (such '
                                    'as a NUL byte).') % label)
        expected = VALUE_FIELDS.get(question_type)
        wrong = [field for field in VALUE_FIELDS.values()
                 if field != expected and _given(values.get(field))]
        if wrong:
            type_label = dict(self._fields['question_type']._description_selection(
                self.env)).get(question_type, question_type)
            raise ValidationError(_('"%s" is a question of type %s: it cannot hold a %s.') % (
                label, type_label,
                ', '.join(self._fields[field]._description_string(self.env) for field in wrong)))

    @api.model
    def _snapshot_question_vals(self, question):
        return {
            'category_id': question.category_id.id,
            'category_sequence': question.category_id.sequence,
            'sequence': question.sequence,
            'question_text': question.name,
            'question_type': question.question_type,
            'mandatory': question.mandatory,
            'is_recommend': question.is_recommend,
        }

    def _selfservice_key(self):
        """Name of this answer's input on the self-service page."""
        self.ensure_one()
        return 'answer_%d' % self.id

    def _parse_submitted_value(self, raw):
        """Read what a web form sent for this answer (a string, or None when
        nothing was sent) as ``{value field: value}``, empty when there is no
        answer. Raises ValidationError with a message for the person answering."""
        self.ensure_one()
        raw = raw if isinstance(raw, str) else ''
        if self.question_type == 'text':
            value = raw.replace('\r\n', '\n').replace('\r', '\n').strip()
        else:
            value = raw.strip()
        if not value:
            if self.mandatory:
                raise ValidationError(_('This question needs an answer.'))
            return {}
        if self.question_type in ('rating', 'score'):
            low, high = RATING_SCALE if self.question_type == 'rating' else SCORE_SCALE
            number = _number(value)
            if number is None or not low <= number <= high:
                raise ValidationError(_('Choose a number from %d to %d.') % (low, high))
            return {self.question_type: number}
        if self.question_type == 'yes_no':
            if value not in ('yes', 'no'):
                raise ValidationError(_('Answer yes or no.'))
            return {'yes_no': value}
        if self.question_type == 'choice':
            option_id = _number(value)
            if option_id not in self.question_id.option_ids.ids:
                raise ValidationError(_('Choose one of the options shown.'))
            return {'option_id': option_id}
        if len(value) > TEXT_MAX_LENGTH:
            raise ValidationError(_('Your answer has %d characters; the limit is %d.')
                                  % (len(value), TEXT_MAX_LENGTH))
        if CONTROL_CHARACTERS.search(value):
            raise ValidationError(_('Your answer contained invisible control characters that '
                                    'cannot be saved. They have been removed: check your '
                                    'answer and send it again.'))
        return {'text': value}

    def _cleared_values(self):
        """The values that empty this answer."""
        self.ensure_one()
        field = VALUE_FIELDS.get(self.question_type)
        return {field: False} if field else {}

    def _form_differs(self, field, value):
        """Writing value to field would change the answer (a form sends
        unchanged answers again; they are not written twice)."""
        current = self[field]
        if field == 'option_id':
            current = current.id
        if _given(current) != _given(value):
            return True  # 0 is an answer, False none: not equal here
        return _given(value) and current != value

    def _form_value(self):
        """The answer as a web form sends it back (see _parse_submitted_value)."""
        self.ensure_one()
        field = VALUE_FIELDS.get(self.question_type)
        value = self[field] if field else False
        if field == 'option_id':
            value = value.id
        return str(value) if _given(value) else ''

    def get_display_value(self):
        """The answer as a short text, for reports and messages."""
        self.ensure_one()
        if self.question_type == 'rating':
            return self.rating and '%d / %d' % (self.rating, RATING_SCALE[1]) or ''
        if self.question_type == 'score':
            return '%d / %d' % (self.score, SCORE_SCALE[1]) if _given(self.score) else ''
        if self.question_type == 'yes_no':
            return dict(self._fields['yes_no']._description_selection(self.env)).get(self.yes_no, '')
        if self.question_type == 'choice':
            return self.option_id.name or ''
        return self.text or ''
