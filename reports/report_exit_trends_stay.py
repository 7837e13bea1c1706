from odoo import api, fields, models

from ..models.visible_rows import visible_rows_sql
from .hr_exit_anonymity_mixin import suppress_small_groups
from .welch import welch_interval

POPULATIONS = ('exit', 'stay')


def _by_difference(row):
    """Where the leavers differ most first (by the size of the difference)."""
    return (-abs(row['diff']) if row['diff'] is not None else 0, row['name'])


class ReportExitTrendsStay(models.AbstractModel):
    """The trend report's section "Where leavers differ from those who
    stay": per area (and per rated question) the mean of the leavers and of
    the stayers over the period, the difference with its 95 % confidence
    interval (Welch), the areas ranked by how much the leavers differ; and
    per department where both groups reach the threshold.

    Unlike the other sections, the threshold holds for HR officers too: a
    figure about fewer stayers than the threshold would be about people who
    still work for their managers, and a manager may be an officer.

    The unit is the interview: an interview's ratings of an area are averaged
    first, so that every person weighs the same and counts once, as the
    anonymity threshold does. Means, variances and counts come from SQL,
    over the rows of the answer analysis that the reader may read."""

    _inherit = 'report.hr_exit_interview.report_exit_trends'

    @api.model
    def _get_trends(self, wizard):
        """The section is printed when stay interviews of the period have
        ratings (see SECTIONS of the report)."""
        trends = super(ReportExitTrendsStay, self)._get_trends(wizard)
        comparison = self._get_stay_comparison(trends['scope'])
        trends['stay'] = comparison if comparison['any'] else None
        return trends

    @api.model
    def _get_stay_comparison(self, scope):
        if not self._stay_any(scope):
            # no stayer to compare with: the leavers' answers are not read
            return {'areas': [], 'questions': [], 'departments': [], 'hidden': 0, 'any': False}
        areas = self._stay_rows(scope, self._stay_query(
            scope, 'category_id', value='hr_exit_answer_report.rating'), 'category_id')
        questions = self._stay_rows(scope, self._stay_query(
            scope, 'question_id', rating_only=False,
            value='COALESCE(hr_exit_answer_report.rating, hr_exit_answer_report.score)'),
            'question_id', rating_only=False)
        departments = self._stay_departments(scope)
        return {
            'areas': sorted(areas['rows'], key=_by_difference),
            'questions': sorted(questions['rows'], key=_by_difference),
            'departments': departments['rows'],
            'hidden': areas['hidden'] + questions['hidden'] + departments['hidden'],
            'any': bool(areas['rows'] or areas['hidden'] or questions['rows']
                        or questions['hidden']),
        }

    # ------------------------------------------------------------------

    def _stay_any(self, scope):
        """Whether the period has a held stay interview with an answer that
        the reader may count: one indexed look-up, where the comparison
        reads every answer of the leavers."""
        rows_sql, params = visible_rows_sql(
            self.env['hr.exit.answer.report'],
            self._stay_domain(scope, rating_only=False) + [('population', '=', 'stay')])
        self.env.cr.execute('SELECT 1 %s LIMIT 1' % rows_sql, params)
        return bool(self.env.cr.fetchall())

    def _stay_domain(self, scope, rating_only=True):
        """Held interviews of both populations in the period, company and
        departments of the report."""
        domain = [
            ('company_id', '=', scope['company'].id),
            ('departure_month', '>=', fields.Date.to_string(scope['start'])),
            ('departure_month', '<=', fields.Date.to_string(scope['end'])),
            ('state', '=', 'held'),
        ]
        if scope['departments']:
            domain.append(('department_id', 'in', scope['departments'].ids))
        if rating_only:
            domain.append(('question_type', '=', 'rating'))
        return domain

    def _stay_query(self, scope, key, value='rating', rating_only=True):
        """Mean, sample variance and number of interviews per ``key`` and
        population, one value per interview (the mean of its answers)."""
        rows_sql, params = visible_rows_sql(self.env['hr.exit.answer.report'],
                                            self._stay_domain(scope, rating_only))
        # key and value are column names written in this module, never input
        query = """
            SELECT group_key, population, COUNT(*) AS n, AVG(value) AS mean,
                   VAR_SAMP(value) AS var
              FROM (SELECT hr_exit_answer_report.%(key)s AS group_key,
                           hr_exit_answer_report.population,
                           AVG(%(value)s) AS value
                      %(rows)s
                     GROUP BY 1, 2, hr_exit_answer_report.interview_id) per_interview
             GROUP BY 1, 2""" % {'key': key, 'value': value, 'rows': rows_sql}
        self.env.cr.execute(query, params)
        return self.env.cr.dictfetchall()

    def _stay_members(self, scope, key, rating_only=True):
        """{(key, population): sorted members} of the complement rule (see
        hr.exit.anonymity.mixin): who is behind each figure."""
        Analysis = self.env['hr.exit.answer.report']
        rows_sql, params = visible_rows_sql(Analysis, self._stay_domain(scope, rating_only))
        self.env.cr.execute("""
            SELECT hr_exit_answer_report.%s, hr_exit_answer_report.population,
                   array_agg(DISTINCT %s)
              %s
             GROUP BY 1, 2""" % (key, Analysis._difference_member_sql(), rows_sql), params)
        return dict(((row[0], row[1]), sorted(row[2])) for row in self.env.cr.fetchall())

    def _stay_difference_blocked(self, scope, key, keys, rating_only=True):
        """The keys to hide because a figure of one of their groups would
        differ by 1 to N-1 interviews from one the reader has seen already."""
        if scope['officer'] or not keys:
            return set()
        members = self._stay_members(scope, key, rating_only)
        groups = [((record_id, population), members.get((record_id, population), []))
                  for record_id in sorted(keys, key=repr) for population in POPULATIONS]
        blocked = self.env['hr.exit.answer.report']._exit_difference_guard(
            groups, scope['threshold'])
        return set(record_id for record_id, _population in blocked)

    def _stay_groups(self, fetched):
        """{key: {population: (n, mean, variance)}}; no variance for one
        interview."""
        groups = {}
        for row in fetched:
            variance = float(row['var'] or 0.0) if row['n'] > 1 else None
            groups.setdefault(row['group_key'], {})[row['population']] = (
                row['n'], float(row['mean']), variance)
        return groups

    def _stay_row(self, name, group):
        """One line of the comparison: both means and the difference."""
        exit_n, exit_mean, exit_var = group.get('exit', (0, None, None))
        stay_n, stay_mean, stay_var = group.get('stay', (0, None, None))
        interval = None
        if exit_n and stay_n:
            interval = welch_interval(exit_mean, exit_var, exit_n, stay_mean, stay_var, stay_n)
        return {
            'name': name,
            'exit_n': exit_n, 'exit_mean': exit_mean,
            'stay_n': stay_n, 'stay_mean': stay_mean,
            'diff': exit_mean - stay_mean if exit_n and stay_n else None,
            'low': interval and interval['low'],
            'high': interval and interval['high'],
            # the interval leaves out 0: the groups differ at the 95 % level
            'significant': bool(interval) and (interval['low'] > 0 or interval['high'] < 0),
        }

    def _stay_shown(self, scope, group):
        """Both groups reach the threshold, for every reader: the stayers
        still work for their managers, who may be HR officers too."""
        return all(
            group.get(population, (0,))[0] >= scope['threshold'] for population in POPULATIONS)

    def _stay_rows(self, scope, fetched, key, rating_only=True):
        groups = self._stay_groups(fetched)
        shown = [record_id for record_id, group in groups.items()
                 if self._stay_shown(scope, group)]
        blocked = self._stay_difference_blocked(scope, key, shown, rating_only)
        model = self.env['hr.exit.category' if key == 'category_id' else 'hr.exit.question']
        # the names of areas and questions, which trend readers need not read
        names = dict(model.sudo().with_context(active_test=False).browse(
            [record_id for record_id in groups if record_id]).name_get())
        rows, hidden = [], 0
        for record_id, group in groups.items():
            if record_id not in shown or record_id in blocked:
                hidden += 1
                continue
            rows.append(self._stay_row(names.get(record_id, '-'), group))
        return {'rows': rows, 'hidden': hidden}

    def _stay_departments(self, scope):
        """Per department, all rated areas together: where both groups reach
        the threshold (for every reader, see _stay_shown), and so that the
        departments left out hold none or enough interviews of each group
        (the whole's figure is published too)."""
        groups = self._stay_groups(self._stay_query(
            scope, 'department_id', value='hr_exit_answer_report.rating'))
        visible = set(groups)
        for population in POPULATIONS:
            counts = dict((key, group.get(population, (0,))[0])
                          for key, group in groups.items())
            visible &= suppress_small_groups(counts, scope['threshold'],
                                             [(list(counts), True)])
        visible = set(key for key in visible if self._stay_shown(scope, groups[key]))
        visible -= self._stay_difference_blocked(scope, 'department_id', visible)
        names = dict(self.env['hr.department'].sudo().browse(
            [key for key in groups if key]).name_get())
        rows = [self._stay_row(names.get(key, '-'), groups[key]) for key in groups
                if key in visible]
        rows.sort(key=lambda row: row['name'])
        return {'rows': rows, 'hidden': len(groups) - len(rows)}
