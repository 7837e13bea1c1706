from odoo import SUPERUSER_ID, api, fields, models, tools

from ..models.constants import DEPARTURE_TYPES, INTERVIEW_CHANNELS

# The month of a departure, as an immutable expression of the date (the
# timestamp without time zone variant of date_trunc), and the state of the
# analysis: the views select them and one index of hr_exit_interview holds
# both, so that a filter on a range of months reads the index, and the planner
# knows how many rows a period and a state select (without the index it
# guesses 0.5 % for any expression, and joins the answers row by row).
DEPARTURE_MONTH_SQL = "date_trunc('month', %(i)s.departure_date::timestamp)::date"
ANALYSIS_STATE_SQL = """CASE %(i)s.state WHEN 'done' THEN 'held'
                             WHEN 'declined' THEN 'declined'
                             WHEN 'cancelled' THEN 'cancelled'
                             ELSE 'pending' END"""
ANALYSIS_INDEX_SQL = """
    CREATE INDEX IF NOT EXISTS hr_exit_interview_analysis_period_index
        ON hr_exit_interview ((%s), (%s))""" % (
    DEPARTURE_MONTH_SQL % {'i': 'hr_exit_interview'},
    ANALYSIS_STATE_SQL % {'i': 'hr_exit_interview'})

# Whether the answers of an interview may be analysed: not when the leaver
# refused their anonymous use (hr.exit.interview.consent).
ANSWERS_USED_SQL = "%(i)s.consent IS DISTINCT FROM 'refused'"

ANALYSIS_STATES = [
    ('pending', 'Not held yet'),
    ('held', 'Held'),
    ('declined', 'Declined'),
    ('cancelled', 'Cancelled'),
]


class HrExitReportMixin(models.AbstractModel):
    """What the exit analysis views share: the facts of a departure, never
    the person; the period, known to the month only (no day, so that a filter
    cannot pick out the one person who left on a given date); the state of
    the interview; the anonymity threshold; and how the SQL view is built
    from ``_select``, ``_from``, ``_where`` and ``_group_by``, where ``i`` is
    the alias of hr_exit_interview.

    The views also hold the leaver's user (``leaver_user_id``, a column, not
    a field): nobody may read the analysis rows of their own departure,
    whatever their groups, as for the interviews themselves."""

    _name = 'hr.exit.report.mixin'
    _inherit = ['hr.exit.anonymity.mixin']
    _description = 'Exit Interview Analysis View'
    _order = 'departure_month desc'

    company_id = fields.Many2one('res.company', readonly=True)
    department_id = fields.Many2one('hr.department', readonly=True)
    job_id = fields.Many2one('hr.job', string='Job Position', readonly=True)
    departure_month = fields.Date(readonly=True,
                                  help='First day of the month of the departure.')
    departure_quarter = fields.Char(readonly=True)
    departure_year = fields.Char(readonly=True)
    departure_type = fields.Selection(DEPARTURE_TYPES, readonly=True)
    voluntary = fields.Boolean(readonly=True)
    primary_reason_id = fields.Many2one('hr.exit.reason', string='Primary Reason', readonly=True)
    state = fields.Selection(ANALYSIS_STATES, string='Interview', readonly=True)
    channel = fields.Selection(INTERVIEW_CHANNELS, readonly=True,
                               help='Conversation or online questionnaire.')
    # Computed by the view when it is read: the period filters stop at today
    # without the analysis knowing the day of any departure.
    planned = fields.Boolean(string='Planned Departure', readonly=True,
                             help='The employee has not left yet: the departure date is after '
                                  'today.')

    def _departure_columns(self, period='i.departure_date'):
        """The columns of the fields above, for ``_select``; ``period`` is
        the date a row belongs to (the answer analysis adds the stay
        interviews, which have no departure)."""
        month = DEPARTURE_MONTH_SQL % {'i': 'i'} if period == 'i.departure_date' else \
            "date_trunc('month', (%s)::timestamp)::date" % period
        return """
                i.company_id,
                i.department_id,
                i.job_id,
                %s AS departure_month,
                to_char(%s, 'YYYY "Q"Q') AS departure_quarter,
                to_char(%s, 'YYYY') AS departure_year,
                i.departure_type,
                COALESCE(i.voluntary, FALSE) AS voluntary,
                i.primary_reason_id,
                %s AS state,
                i.channel,
                i.departure_date > CURRENT_DATE AS planned,
                i.employee_user_id AS leaver_user_id""" % (month, period, period,
                                                           ANALYSIS_STATE_SQL % {'i': 'i'})

    def _group_by(self):
        """One row per interview or per answer: nothing to group; a hook for
        views that aggregate."""
        return ''

    def _union(self):
        """A hook for rows of another kind, appended with UNION ALL: the
        rows above keep their own plan (and index)."""
        return ''

    @api.model
    def _apply_ir_rules(self, query, mode='read'):
        """The rules, and never the rows of the user's own departure: a rule
        could not say it without a field that names the leaver."""
        result = super(HrExitReportMixin, self)._apply_ir_rules(query, mode)
        if self.env.uid != SUPERUSER_ID:
            query.where_clause.append('("%s"."leaver_user_id" IS NULL OR "%s"."leaver_user_id" '
                                      '!= %%s)' % (self._table, self._table))
            query.where_clause_params.append(self.env.uid)
        return result

    @api.model_cr
    def init(self):
        if self._abstract:
            return
        self.env.cr.execute("SELECT to_regclass('hr_exit_interview_analysis_period_index')")
        new_index = not self.env.cr.fetchone()[0]
        self.env.cr.execute(ANALYSIS_INDEX_SQL)
        if new_index:
            # The planner knows the values of an expression index only once
            # the table is analysed, which autovacuum does not do for a new
            # index: until then it guesses a handful of rows for any period.
            self.env.cr.execute('ANALYZE hr_exit_interview')
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute('CREATE OR REPLACE VIEW %s AS (%s %s %s %s %s)' % (
            self._table, self._select(), self._from(), self._where(), self._group_by(),
            self._union()))
