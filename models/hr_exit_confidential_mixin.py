from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .visible_rows import visible_rows_sql

INTERVIEW_MODEL = 'hr.exit.interview'


class HrExitConfidentialMixin(models.AbstractModel):
    """For records that hang on a document by model name and id (messages,
    activities, followers, attachments): a rule term that keeps those of an exit
    interview for the users who may read that interview.

    The record rules of these models say ``[('exit_interview_reader_id', '=',
    user.id)]``; the field is never stored nor shown, it only turns into "not
    attached to an exit interview this user may not read" when searched. Rules
    are evaluated as superuser, hence the user's id in the term.
    """

    _name = 'hr.exit.confidential.mixin'
    _description = 'Record Attached to an Exit Interview'

    # the field holding the document's model name; 'res_id' holds its id
    _exit_interview_model_field = 'res_model'

    exit_interview_reader_id = fields.Many2one(
        'res.users', string='Exit Interview Reader', compute='_compute_exit_interview_reader_id',
        search='_search_exit_interview_reader_id',
        help='Technical: used by the record rules, always empty when read.')

    def _compute_exit_interview_reader_id(self):
        for record in self:
            record.exit_interview_reader_id = False

    @api.model
    def _search_exit_interview_reader_id(self, operator, value):
        """Both shapes below cost the same whatever the number of interviews:

        - a user who may read no interview at all gets a plain term on the
          model column, which the partial index made by ``_auto_init``
          serves (the latest messages of such a user never scan the chatter
          of every interview); such a user deletes no interview, so nothing
          of a deleted one needs to stay reachable for them;
        - any other user gets, for each record of an interview, a lookup of
          that one interview by id under their rules (a correlated sub-query),
          never the list of every interview.
        """
        if operator != '=' or not isinstance(value, int):
            raise UserError(_('Records can only be searched by the exit interview reader '
                              '"equal to" a user id.'))
        if value == SUPERUSER_ID:
            return []
        model_field = self._exit_interview_model_field
        others = ['|', (model_field, '=', False), (model_field, '!=', INTERVIEW_MODEL)]
        interviews = self.env[INTERVIEW_MODEL].sudo(value)
        if not interviews.check_access_rights('read', raise_exception=False):
            return others
        # The interview of the record unless this user may read it, under their
        # rules. A record whose interview is gone (being deleted) stays
        # reachable for the clean-up.
        # The bare ``res_id`` below is the record's own column: none of the
        # tables of the sub-query has one, so PostgreSQL takes it from the
        # enclosing query, under whatever alias that query gives the record's
        # table (mail.mail reaches its message through a join).
        readable, params = visible_rows_sql(interviews, [])
        hidden = ('SELECT "{table}".id FROM "{table}" WHERE "{table}".id = res_id '
                  'EXCEPT SELECT "{table}".id {readable} AND "{table}".id = res_id'
                  ).format(table=interviews._table, readable=readable)
        return ['|'] + others + [('res_id', 'not inselect', (hidden, params))]

    @api.model_cr_context
    def _auto_init(self):
        """A partial index of the records attached to anything but an exit
        interview, in the very shape of the rule term above."""
        result = super(HrExitConfidentialMixin, self)._auto_init()
        if not self._auto:
            return result
        model_field = self._exit_interview_model_field
        index = '%s_not_exit_interview_index' % self._table
        self.env.cr.execute('SELECT 1 FROM pg_indexes WHERE indexname = %s', [index])
        if not self.env.cr.fetchone():
            self.env.cr.execute(
                'CREATE INDEX "{index}" ON "{table}" (id) '
                'WHERE ("{column}" IS NULL OR "{column}" != %s)'.format(
                    index=index, table=self._table, column=model_field), [INTERVIEW_MODEL])
        return result


def is_exit_model(model_name):
    """The addon's models (interviews, answers, the analysis views, improvement
    actions, questionnaires, wizards and report renderers): the doors of Odoo
    that take a model name are closed for all of them."""
    name = model_name or ''
    return name.startswith('hr.exit.') or name.startswith('report.hr_exit_interview.')


def check_scheduler(env):
    """The addon's scheduled jobs work as superuser across companies (they
    anonymise, they e-mail links): Odoo 11 lets any employee start a cron's
    server action, so they refuse anyone but the scheduler's superuser and
    exit interview administrators."""
    if env.uid != SUPERUSER_ID and not env.user.has_group('hr_exit_interview.group_exit_manager'):
        raise AccessError(_('This job is run by the scheduler.'))
