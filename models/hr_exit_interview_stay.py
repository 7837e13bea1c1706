from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .constants import INTERVIEW_KINDS, TENURE_BANDS, tenure_band
from .hr_exit_answer import VALUE_FIELDS, _given
from .hr_exit_interview import ANONYMIZING

# Context of the writes that fill an anonymous answer set: the superuser,
# without tracking or chatter (a message would carry the time of the reply).
QUIET = {'tracking_disable': True, 'mail_create_nolog': True, 'mail_notrack': True,
         ANONYMIZING: True}
# Picks a free answer set of an anonymous round at random, and locks it: two
# replies at the same moment never fill the same set.
FREE_ANSWER_SET_SQL = """
    SELECT id FROM hr_exit_interview
     WHERE stay_round_id = %s AND interview_kind = 'stay' AND stay_anonymous
       AND state = 'draft'
     ORDER BY random()
     LIMIT 1
       FOR UPDATE SKIP LOCKED"""


class HrExitInterviewStay(models.Model):
    """Stay interviews: the questionnaire put to an employee who stays.

    Why a kind on hr.exit.interview and not a second model: a stay interview
    needs everything an exit interview already has -- a questionnaire with one
    answer line per question (hr.exit.answer), the interviewer's conversation
    form, the private self-service link with its reminder and expiry, the
    record rules on interviews and answers, the field guards, the retention
    and the anonymisation. A second model would have meant moving all of that
    into mixins and giving the answers a second parent, with a second set of
    rules on them to keep in step. With one model it is shared by
    construction, and the answer analysis compares leavers and stayers from
    one table with one set of rules (``interview_kind`` is its population).

    What differs lives here:

    * A stay interview has no departure: its departure date stays empty, so
      every figure about departures (they are counted by departure date)
      leaves it out, and the checks for an employee's open exit interview
      filter on the kind. Its period is ``stay_month``.
    * Stricter confidentiality: the employee still works for their manager.
      Global record rules (security/hr_exit_stay_rules.xml) keep the
      employee's manager (then and now) and department head away from a stay
      interview and its answers, whatever their groups.
    * Rounds (hr.exit.stay.round) send one interview, with its private link,
      to each employee of the chosen departments. In an anonymous round the
      employee's interview only carries the link and, once answered, the
      fact of taking part (so that reminders stop); the answers go into one
      of the round's answer sets, picked at random, which holds department,
      job, company, tenure band and period, and nothing that leads back to
      the person (see _stay_detach_answers).
    """

    _inherit = 'hr.exit.interview'

    interview_kind = fields.Selection(
        INTERVIEW_KINDS, string='Kind', required=True, default='exit', readonly=True,
        index=True, copy=False,
        help='Exit interviews ask leavers; stay interviews ask employees who stay.')
    stay_round_id = fields.Many2one('hr.exit.stay.round', string='Stay Round', readonly=True,
                                    index=True, ondelete='restrict', copy=False)
    stay_month = fields.Date(
        string='Period', readonly=True, copy=False,
        help='First day of the month of the stay interview: the period of the analysis.')
    tenure_band = fields.Selection(
        TENURE_BANDS, readonly=True, copy=False,
        help='Time with the company when the stay interview was sent, from the employment '
             'start date.')
    stay_anonymous = fields.Boolean(
        string='Anonymous Answer Set', readonly=True, copy=False,
        help='The answers of one employee of an anonymous stay round, without any link to '
             'them.')

    @api.constrains('interview_kind', 'departure_date')
    def _check_stay_has_no_departure(self):
        for interview in self:
            if interview.interview_kind == 'stay' and interview.departure_date:
                raise ValidationError(_('A stay interview has no departure date: register the '
                                        'departure to plan an exit interview instead.'))

    @api.constrains('interviewer_id', 'employee_id', 'interview_kind')
    def _check_stay_interviewer(self):
        """Stricter than for exits: the employee's manager (then or now) and
        the head of their department never hold a stay interview, HR officers
        included; the record rules would not even let them read it."""
        for interview in self.sudo().filtered(
                lambda i: i.interview_kind == 'stay' and i.interviewer_id):
            managers = interview.manager_id.user_id | interview.employee_id.parent_id.user_id \
                | interview.department_id.manager_id.user_id
            if interview.interviewer_id in managers:
                raise ValidationError(_(
                    '%s manages %s and cannot hold their stay interview: choose another '
                    'interviewer.') % (interview.interviewer_id.name,
                                       interview.employee_id.name))

    @api.model
    def create(self, vals):
        if vals.get('interview_kind') == 'stay':
            vals.setdefault('stay_month', self._stay_month_of(fields.Date.context_today(self)))
            if vals.get('employee_id') and 'tenure_band' not in vals:
                employee = self.env['hr.employee'].browse(vals['employee_id'])
                vals['tenure_band'] = self._stay_tenure_band(employee, vals['stay_month'])
        return super(HrExitInterviewStay, self).create(vals)

    @api.constrains('employee_id')
    def _check_employee(self):
        """An anonymous answer set never has an employee."""
        return super(HrExitInterviewStay, self.filtered(
            lambda interview: not interview.stay_anonymous))._check_employee()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @api.model
    def _stay_month_of(self, date):
        """The first day of the month of ``date`` (a date string)."""
        return fields.Date.to_string(fields.Date.from_string(date).replace(day=1))

    @api.model
    def _stay_tenure_band(self, employee, on_date):
        """The employee's tenure band on ``on_date``, from the employment
        start date entered by HR; False when it is unknown."""
        employee = employee.sudo()
        start = 'employment_start_date' in employee._fields and employee.employment_start_date
        if not start:
            return False
        delta = relativedelta(fields.Date.from_string(on_date), fields.Date.from_string(start))
        return tenure_band(delta.years * 12 + delta.months)

    def _questionnaire_mail_template(self, reminder=False):
        """The e-mail that carries the private link: stay interviews have
        their own wording."""
        if self.interview_kind == 'stay':
            return self.env.ref('hr_exit_interview.mail_template_stay_interview_reminder'
                                if reminder else
                                'hr_exit_interview.mail_template_stay_interview_questionnaire')
        return super(HrExitInterviewStay, self)._questionnaire_mail_template(reminder)

    def _selfservice_title(self):
        if self.interview_kind == 'stay':
            return _('Stay questionnaire')
        return super(HrExitInterviewStay, self)._selfservice_title()

    # ------------------------------------------------------------------
    # The reply of an anonymous round
    # ------------------------------------------------------------------

    def _selfservice_submit(self, form):
        """A stay interview answered online is held: its answers count in the
        comparison with the leavers'. In an anonymous round, the answers leave
        the employee's interview in the same transaction as they arrive:
        nothing is saved unless both succeed."""
        if self.interview_kind != 'stay':
            return super(HrExitInterviewStay, self)._selfservice_submit(form)
        try:
            with self.env.cr.savepoint():
                errors = super(HrExitInterviewStay, self)._selfservice_submit(form)
                if errors:
                    return errors
                if self.stay_round_id.anonymous:
                    self._stay_detach_answers()
                elif self.state != 'done':
                    self.sudo().with_context(exit_selfservice_reply=True).write(
                        {'state': 'done', 'date_done': fields.Datetime.now()})
        except (UserError, ValidationError) as error:
            return {'_form': error.name}
        return {}

    def _stay_detach_answers(self):
        """Move the answers of this employee's interview into a free answer
        set of the round, picked at random, and leave on the interview only
        the fact that the employee took part.

        What could tie the answer set back to the person is avoided: the set
        was created blank when the round was launched (its id and those of
        its answer lines say nothing about who answered when); it gets the
        round's month as its period, never the day; its change dates are put
        back to its creation date; its ratings per area are rewritten with
        those of the whole round; and no message is posted on it."""
        self.ensure_one()
        shell = self.sudo().with_context(**QUIET)
        self.env.cr.execute(FREE_ANSWER_SET_SQL, (shell.stay_round_id.id,))
        row = self.env.cr.fetchone()
        if not row:
            raise UserError(_('This stay round takes no more answers.'))
        answer_set = shell.browse(row[0])
        given = {}
        for answer in shell.answer_ids:
            values = dict((name, answer[name].id if name == 'option_id' else answer[name])
                          for name in VALUE_FIELDS.values() if _given(answer[name]))
            if values and answer.question_id:
                given[answer.question_id.id] = values
        for line in answer_set.answer_ids:
            if line.question_id.id in given:
                line.write(given[line.question_id.id])
        answer_set.write({
            'department_id': shell.department_id.id,
            'job_id': shell.job_id.id,
            'tenure_band': shell.tenure_band,
            'consent_given': True,
            'state': 'done',
        })
        rated = shell.answer_ids
        rated.unlink()
        shell.with_context(exit_selfservice_reply=True).write({'state': 'done'})
        self._stay_erase_times(answer_set)
        return True

    def _stay_erase_times(self, answer_set):
        """The set and its lines keep their creation dates (the launch of the
        round) as change dates; the ratings per area of the round are written
        again together, in no order of reply."""
        cr = self.env.cr
        cr.execute('UPDATE hr_exit_interview SET write_date = create_date WHERE id = %s',
                   (answer_set.id,))
        cr.execute('UPDATE hr_exit_answer SET write_date = create_date WHERE interview_id = %s',
                   (answer_set.id,))
        sets = self.sudo().search([('stay_round_id', '=', answer_set.stay_round_id.id),
                                   ('stay_anonymous', '=', True)])
        self.env['hr.exit.interview.area']._refresh(sets.ids)
        answer_set.invalidate_cache()

    @api.model
    def _stay_create_answer_sets(self, stay_round, count):
        """``count`` blank answer sets for an anonymous round, created in one
        go at launch, each with its answer lines: filled later in random
        order, they carry no trace of who answered first."""
        values = {
            'interview_kind': 'stay',
            'stay_anonymous': True,
            'stay_round_id': stay_round.id,
            'company_id': stay_round.company_id.id,
            'questionnaire_id': stay_round.questionnaire_id.id,
            'stay_month': stay_round.stay_month,
            'anonymized': True,
        }
        Interview = self.env(user=SUPERUSER_ID)['hr.exit.interview'].with_context(**QUIET)
        sets = Interview.browse()
        for dummy in range(count):
            sets |= Interview.create(dict(values))
        sets._generate_answers()
        return sets
