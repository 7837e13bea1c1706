"""The exit interview trend report: why people leave, where, and whether it
gets better, over a period cut into months, quarters or years.

Every figure comes from a handful of grouped SQL queries on the analysis views
(hr.exit.interview.report, hr.exit.answer.report), built with the ORM's own
domain and record-rule machinery, so that a render costs the same number of
queries whatever the number of interviews. Nothing loops over interviews in
Python: the loops below run over departments, reasons, areas and periods.

For users who are not exit interview Officers the anonymity threshold applies
as in the analysis views: a breakdown (department, reason, period, area) never
shows a group of 1 to N-1 interviews; hidden groups are merged into an "other"
row when they reach N together, and the smallest groups shown are hidden too
when the hidden part would otherwise be computable from the total. Free-text
comments appear only to Officers, and only for areas with comments from at
least ``exit_comment_threshold`` interviews.

The file is longer than most on purpose: it is one report, whose sections
share the period, scope and threshold handling above them; split, each part
would need all of it.
"""
from datetime import timedelta

import babel.dates
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools.misc import formatLang

# this addon's own words first: Odoo's _() may take another module's 'Yes'
from ..models.addon_gettext import _
from ..models.constants import RATING_SCALE, SCORE_SCALE
from ..models.hr_exit_action import OPEN_ACTION_STATES
from ..models.visible_rows import visible_rows_sql
from .difference_guard import union
from .hr_exit_anonymity_mixin import suppress_small_groups
from .svg_chart import heat_colour, line_chart, stacked_bar
from .trend_statistics import FDR_LEVEL, Z_95, benjamini_hochberg, normal_p_value, \
    t_p_value, two_proportion_z, welch_t  # noqa: F401 (Z_95, two_proportion_z: imported from here)

PERIOD_FORMATS = {'month': 'MMM yyyy', 'quarter': 'QQQ yyyy', 'year': 'yyyy'}
PERIOD_STEPS = {'month': 1, 'quarter': 3, 'year': 12}
COMMENTS_PER_AREA = 5
OTHER = 'other'  # key of the merged row of hidden groups
# A figure from fewer interviews than this (or than the anonymity threshold,
# if higher) is shaded as a small sample: one answer makes an eNPS of +100.
SMALL_SAMPLE = 10
FINDING_DEPARTMENTS = 3  # departments a finding names, the highest first

# The sections of the report, in order: (key, template). A section is
# printed when _get_trends gives its key a value, numbered in this order; an
# addon or a later section adds its pair here and a ``_get_<key>`` method.
SECTIONS = [
    ('findings', 'hr_exit_interview.report_exit_trends_findings'),
    ('headline', 'hr_exit_interview.report_exit_trends_headline'),
    ('turnover', 'hr_exit_interview.report_exit_trends_turnover'),
    ('reasons', 'hr_exit_interview.report_exit_trends_reasons'),
    ('scores', 'hr_exit_interview.report_exit_trends_scores'),
    ('distributions', 'hr_exit_interview.report_exit_trends_distributions'),
    ('heatmap', 'hr_exit_interview.report_exit_trends_heatmap'),
    ('enps', 'hr_exit_interview.report_exit_trends_enps'),
    ('departments', 'hr_exit_interview.report_exit_trends_departments'),
    ('stay', 'hr_exit_interview.report_exit_trends_stay'),
    ('themes', 'hr_exit_interview.report_exit_trends_themes'),
    ('comments', 'hr_exit_interview.report_exit_trends_comments'),
    ('actions', 'hr_exit_interview.report_exit_trends_actions'),
]


def _ratio(part, whole):
    return float(part) / whole if whole else None


class ReportExitTrends(models.AbstractModel):
    _name = 'report.hr_exit_interview.report_exit_trends'
    _description = 'Exit Interview Trend Report'

    @api.model
    def get_report_values(self, docids, data=None):
        wizards = self.env['hr.exit.trend.wizard'].browse(docids)
        wizards._check_can_print()
        wizards._check_period()
        self._without_jit()
        return {
            'doc_ids': wizards.ids,
            'doc_model': 'hr.exit.trend.wizard',
            'docs': wizards,
            'trends': dict((wizard.id, self._complete_trends(self._get_trends(wizard)))
                           for wizard in wizards),
            'pct': self._format_percent,
            'num': self._format_number,
        }

    @api.model
    def _without_jit(self):
        """The report runs a score of short grouped queries whose plans
        PostgreSQL's JIT compiles at a cost (70-250 ms each at 100,000
        departures) higher than what the compiled code saves: switch it off
        for the rest of this transaction. PostgreSQL before 11 has no JIT."""
        if self.env.cr._cnx.server_version >= 110000:
            self.env.cr.execute('SET LOCAL jit = off')

    # ------------------------------------------------------------------
    # The report
    # ------------------------------------------------------------------

    @api.model
    def _get_trends(self, wizard):
        scope = self._get_scope(wizard)
        departments = self._query_departments(scope, scope['start'], scope['end'])
        headline = self._get_headline(scope, departments)
        trends = {'scope': scope, 'headline': headline, 'actions': self._get_actions(scope)}
        if headline['exits'] and not headline['hidden']:
            trends.update({
                'turnover': self._get_turnover(scope, departments),
                'reasons': self._get_reasons(scope, headline),
                'scores': self._get_scores(scope),
                'distributions': self._get_distributions(scope),
                'heatmap': self._get_heatmap(scope, departments),
                'enps': self._get_enps(scope),
                'departments': self._get_department_comparison(scope, departments),
                'comments': self._get_comments(scope),
            })
        return trends

    @api.model
    def _complete_trends(self, trends):
        """What needs every section computed (those that addons add to
        ``_get_trends`` too): the change tests taken together, the findings
        drawn from them, and the sections to print."""
        if 'reasons' in trends:
            trends['tests'] = self._control_false_discoveries(trends)
            trends['findings'] = self._get_findings(trends['scope'], trends)
        trends['sections'] = self._get_sections(trends)
        # every section computed (those of other files too): remember the
        # sets of interviews this report showed, for the complement rule
        self._difference_save(trends['scope'])
        return trends

    @api.model
    def _get_sections(self, trends):
        """The sections to print, numbered: those with figures, the headline
        and the actions always (they say why there is nothing else)."""
        sections = []
        for key, template in SECTIONS:
            if trends.get(key) or key in ('headline', 'actions') and key in trends:
                sections.append({'key': key, 'template': template,
                                 'number': len(sections) + 1})
        return sections

    @api.model
    def _get_scope(self, wizard):
        start, end = wizard.get_period()
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        previous_start = start - relativedelta(months=months)
        company = wizard.company_id
        analysis = self.env['hr.exit.interview.report']
        officer = not analysis._anonymity_applies()
        threshold = analysis._anonymity_threshold(company)
        comment_threshold = max(company.exit_comment_threshold, threshold)
        return {
            'company': company,
            'departments': wizard.department_ids,
            'granularity': wizard.granularity,
            'start': start,
            'end': end,
            'previous_start': previous_start,
            'previous_end': start - timedelta(days=1),
            'officer': officer,
            'threshold': threshold,
            'comment_threshold': comment_threshold,
            'small': max(threshold, SMALL_SAMPLE),
            # the complement rule (see difference_guard): None for Officers
            'guard': None if officer else analysis._difference_guard_new(threshold),
            'answer_guard': None if officer else self.env[
                'hr.exit.answer.report']._difference_guard_new(threshold),
            # the comment themes: one history with the theme analysis's pivot,
            # whose groups are held to the comment threshold
            'theme_guard': None if officer else self.env[
                'hr.exit.theme.report']._difference_guard_new(comment_threshold),
            'too_close': 0,
            'periods': self._get_periods(start, end, wizard.granularity),
            'label': '%s - %s' % (self._format_date(start), self._format_date(end)),
            'previous_label': '%s - %s' % (self._format_date(previous_start),
                                           self._format_date(start - timedelta(days=1))),
        }

    @api.model
    def _get_periods(self, start, end, granularity):
        """[(first day of the period, label)] of every period that overlaps the range."""
        step = PERIOD_STEPS[granularity]
        first = start.replace(month=start.month - (start.month - 1) % step)
        periods = []
        while first <= end:
            label = babel.dates.format_date(first, PERIOD_FORMATS[granularity],
                                            locale=self._lang_code())
            periods.append((fields.Date.to_string(first), label))
            first += relativedelta(months=step)
        return periods

    def _suppress(self, scope, counts, members=None, remember=True, guard='guard'):
        """Keys of ``counts`` (interviews per group of a breakdown by a
        departure fact) that may be shown; all of them to an Officer.

        With ``members`` (``{key: sorted interview ids}``), the complement
        rule applies too: a group too close to a result already seen is
        hidden, and so is a merged rest that would be; the groups shown and
        the merged rest are remembered unless ``remember`` is False (then
        the caller remembers what it ends up showing, see ``_remember``).
        ``guard`` names the guard of the scope: 'answer_guard' for sets of
        interviews that answered."""
        if scope['officer']:
            return set(counts)
        guard, threshold = scope[guard], scope['threshold']
        if members is None:
            return suppress_small_groups(counts, threshold, [(list(counts), True)])
        guard.prefetch([value for value in members.values() if value])
        blocked = guard.blocked([(key, members.get(key) or []) for key in sorted(
            counts, key=repr) if counts[key] >= threshold])
        visible = suppress_small_groups(
            counts, threshold, [(list(counts), True)], set(counts) - blocked,
            lambda keys: not guard.close(union(members.get(key) or [] for key in keys)))
        if remember:
            guard.remember(self._shown_sets(counts, members, visible))
        # the groups the rule hid, whether blocked themselves or hidden with
        # them: the same count for the same figures, printed again or not
        scope['too_close'] += len(suppress_small_groups(
            counts, threshold, [(list(counts), True)]) - visible)
        return visible

    @staticmethod
    def _shown_sets(counts, members, visible):
        """The sets a breakdown shows: each group of ``visible`` and the
        merged rest of the others."""
        return [members[key] for key in visible if members.get(key)] + [
            union(members.get(key) or [] for key in set(counts) - visible)]

    def _remember(self, scope, member_lists, guard='guard'):
        """Sets of interviews a section ends up showing (a set checked but
        then hidden is never remembered: it would hide the same figure of the
        same report printed again)."""
        if scope[guard] is not None:
            scope[guard].remember(member_lists)

    def _shown(self, scope, base, members=None, guard='guard', remember=True):
        """A figure computed from ``base`` interviews may be shown; with
        ``members``, the interviews of its group, the complement rule of
        ``scope[guard]`` applies too (the set is remembered as shown unless
        ``remember`` is False)."""
        if scope['officer'] or not base:
            return True
        if base < scope['threshold']:
            return False
        if members is not None and not scope[guard].check(members, remember):
            scope['too_close'] += 1
            return False
        return True

    def _difference_save(self, scope):
        """Remember the sets shown by this report."""
        for guard in ('guard', 'answer_guard', 'theme_guard'):
            if scope.get(guard) is not None:
                scope[guard].save()

    def _trend_worthy(self, scope, base):
        """A figure from ``base`` interviews may be drawn in a chart or
        quoted as a finding: never one under the threshold, not even to an
        Officer, who may see it in a table (shaded) but not as a trend."""
        return bool(base) and base >= scope['threshold']

    def _suppress_cells(self, scope, counts, lines):
        """Keys of ``counts`` (interviews per cell of a table of two
        breakdowns) that may be shown, the totals of each ``lines`` entry
        being published elsewhere; all of them to an Officer."""
        if scope['officer']:
            return set(counts)
        return suppress_small_groups(counts, scope['threshold'], lines)

    # ------------------------------------------------------------------
    # Sections
    # ------------------------------------------------------------------

    @api.model
    def _get_headline(self, scope, departments):
        totals = dict((key, sum(row[key] for row in departments)) for key in (
            'exits', 'voluntary', 'regretted', 'preventable', 'held', 'declined'))
        exits, held = totals['exits'], totals['held']
        median = None
        if held and self._shown(scope, held):
            rows, params = self._interview_rows(self._interview_domain(scope))
            self.env.cr.execute('SELECT percentile_cont(0.5) WITHIN GROUP '
                                '(ORDER BY days_to_interview) ' + rows, params)
            median = self.env.cr.fetchone()[0]
        members = union(row['members'] for row in departments)
        hidden = bool(exits) and not self._shown(scope, exits, members)
        totals.update({
            'response_n': held + totals['declined'],
            'hidden': hidden,
            'too_close': hidden and exits >= scope['threshold'],
            'voluntary_share': _ratio(totals['voluntary'], exits),
            'involuntary_share': _ratio(exits - totals['voluntary'], exits),
            'regretted_share': _ratio(totals['regretted'], exits),
            'preventable_share': _ratio(totals['preventable'], exits),
            'response_rate': _ratio(held, held + totals['declined']),
            'median_days': median,
        })
        return totals

    @api.model
    def _get_turnover(self, scope, departments):
        """Exits, regretted exits and first-year exits against the headcount
        of each department: the employees employed at any time in the period
        by their employment start (see _query_headcount). A department no
        employment start covers has no rate ("n/a"), not an infinite one."""
        headcount, unknown = self._query_headcount(scope)
        figures = dict((row['department_id'], row) for row in departments)
        keys = set(figures) | set(headcount)
        shown = self._suppress(scope, dict(
            (key, figures[key]['exits'] if key in figures else 0) for key in keys),
            dict((row['department_id'], row['members']) for row in departments))
        names = self._names('hr.department', keys)
        rows, other, merged = [], self._turnover_row(_('Total'), {}, 0), 0
        total = self._turnover_row(_('Total'), {}, 0)
        for key in keys:
            row = self._turnover_row(names.get(key) or _('No department'), figures.get(key, {}),
                                     headcount.get(key, 0))
            self._add_turnover(total, row)
            if key in shown:
                rows.append(row)
            else:
                self._add_turnover(other, row)
                merged += 1
        rows.sort(key=lambda row: row['name'])
        if merged:
            other.update(name=_('Other departments (%d)') % merged, merged=True)
            rows.append(other)
        for row in rows + [total]:
            self._turnover_rates(row)
        return {'rows': rows, 'total': total, 'hidden': merged, 'unknown': unknown}

    def _turnover_row(self, name, figures, headcount):
        return {'name': name, 'headcount': headcount,
                'exits': figures.get('exits', 0), 'regretted': figures.get('regretted', 0),
                'first_year': figures.get('first_year', 0),
                'tenure_known': figures.get('tenure_known', 0)}

    def _add_turnover(self, total, row):
        for key in ('headcount', 'exits', 'regretted', 'first_year', 'tenure_known'):
            total[key] += row[key]

    def _turnover_rates(self, row):
        """Rates against the headcount (None: no headcount, shown as "n/a"),
        and the first-year exits as a share of the exits of known tenure."""
        for key, count in (('rate', 'exits'), ('regretted_rate', 'regretted'),
                           ('first_year_rate', 'first_year')):
            row[key] = _ratio(row[count], row['headcount'])
        row['first_year_share'] = _ratio(row['first_year'], row['tenure_known'])

    @api.model
    def _get_reasons(self, scope, headline):
        """Primary reasons now and in the previous period of the same length,
        with a two-proportion test on each share."""
        domain = self._interview_domain(scope, scope['previous_start'])
        rows, params = self._interview_rows(domain)
        self.env.cr.execute(
            'SELECT primary_reason_id AS reason_id, departure_month >= %s AS current, '
            'COUNT(*) AS exits, array_agg(hr_exit_interview_report.id ORDER BY '
            'hr_exit_interview_report.id) AS members ' + rows + ' GROUP BY 1, 2',
            [fields.Date.to_string(scope['start'])] + params)
        counts = self.env.cr.dictfetchall()
        keys = set(row['reason_id'] for row in counts)
        now, before = dict((key, 0) for key in keys), dict((key, 0) for key in keys)
        for row in counts:
            (now if row['current'] else before)[row['reason_id']] = row['exits']
        total_now, total_before = sum(now.values()), sum(before.values())
        # A reason has its own row when it may be shown in both periods; the
        # rest is merged, in both periods, so that neither total gives it away.
        members = dict(((row['reason_id'], row['current']), row['members']) for row in counts)
        sets = [dict((key, members.get((key, current)) or []) for key in keys)
                for current in (True, False)]
        own = self._suppress(scope, now, sets[0], remember=False) \
            & self._suppress(scope, before, sets[1], remember=False)
        if scope['guard'] is not None:
            for period in sets:
                scope['guard'].remember([period[key] for key in own]
                                        + [union(period[key] for key in keys - own)])
        reasons = dict((reason.id, reason) for reason in self.env['hr.exit.reason'].with_context(
            active_test=False).browse([key for key in own if key]))
        rows = [self._reason_row(reasons[key].name if key else _('No reason recorded'),
                                 now[key], total_now, before[key], total_before,
                                 reasons.get(key)) for key in own]
        rows.sort(key=lambda row: (-row['exits'], -row['exits_before'], row['name']))
        merged = keys - own
        if merged:
            rows.append(dict(self._reason_row(
                _('Other reasons (%d)') % len(merged), sum(now[key] for key in merged),
                total_now, sum(before[key] for key in merged), total_before), merged=True))
        return {'rows': rows, 'hidden': len(merged), 'total': total_now,
                'total_before': total_before,
                'previous_shown': bool(total_before) and self._shown(scope, total_before),
                'tested': sum(1 for row in rows if row['p'] is not None),
                'voluntary_share': headline['voluntary_share'],
                'involuntary_share': headline['involuntary_share'],
                'preventable_share': headline['preventable_share']}

    @api.model
    def _reason_row(self, name, count, total, count_before, total_before, reason=None):
        z = two_proportion_z(count, total, count_before, total_before)
        return {
            'name': name,
            'exits': count,
            'share': _ratio(count, total),
            'exits_before': count_before,
            'share_before': _ratio(count_before, total_before),
            'reason_type': reason.reason_type if reason else False,
            'preventable': reason.preventable if reason else None,
            'z': z,
            'p': None if z is None else normal_p_value(z),
            'trend': 'unknown',  # see _control_false_discoveries
        }

    @api.model
    def _control_false_discoveries(self, trends):
        """Adjust the p-values of every change test of the report together
        (one per reason, one per area; Benjamini-Hochberg) and flag a change
        as rising or falling when its adjusted p-value is at most FDR_LEVEL.
        Returns the number of tests."""
        themes = [row for area in (trends.get('themes') or {}).get('areas', [])
                  for row in area.get('rows', []) if row.get('z') is not None]
        for row in themes:
            row['p'] = normal_p_value(row['z'])
        rows = [row for row in trends['reasons']['rows'] + trends['scores']['areas'] + themes
                if row.get('p') is not None]
        for row, adjusted in zip(rows, benjamini_hochberg([row['p'] for row in rows])):
            row['p_adjusted'] = adjusted
            if adjusted > FDR_LEVEL:
                row['trend'] = 'stable'
            else:
                row['trend'] = 'up' if row['z'] > 0 else 'down'
        return len(rows)

    @api.model
    def _get_scores(self, scope):
        """Average 1-5 rating per area and period, from held interviews, with
        the number of interviews of each figure, and the change of each area
        from the previous period.

        The ratings are read per interview and area (hr.exit.interview.area,
        which follows the answers), for the departures of the analysis the
        user may read: the figures of the score analysis, from a row per
        interview and area instead of a row per answer, so that the number
        of interviews of a cell is a COUNT(*)."""
        self.env['hr.exit.answer.report'].check_access_rights('read')
        rows = self._query_area_ratings(scope, 'date_trunc(%s, interview.departure_month::'
                                        'timestamp)::date', [scope['granularity']])
        self._prefetch_answer_sets(scope, rows)
        cells = {}
        for row in rows:
            key = (row['category_id'], str(row['grouping'])[:10])
            cells[key] = self._score_cell(scope, row['total'], row['answers'], row['interviews'],
                                          row['members'])
        changes = self._get_score_changes(scope)
        categories = self.env['hr.exit.category'].with_context(active_test=False).browse(
            set(key[0] for key in cells if key[0])).sorted(lambda c: (c.sequence, c.id))
        areas = [dict(changes.get(category.id, {}), name=category.name, cells=[
            cells.get((category.id, period)) for period, _label in scope['periods']])
            for category in categories]
        series = [(area['name'], [cell['average'] if cell and self._trend_worthy(
            scope, cell['interviews']) else None for cell in area['cells']]) for area in areas]
        series = [serie for serie in series if any(value is not None for value in serie[1])]
        chart = series and line_chart([label for _period, label in scope['periods']],
                                      series, low=1, high=5)
        return {'areas': areas, 'chart': chart,
                'hidden': sum(1 for cell in cells.values() if cell['hidden']),
                'small': sum(1 for cell in cells.values() if cell['small']),
                'tested': sum(1 for area in areas if area.get('p') is not None)}

    def _score_cell(self, scope, total, answers, interviews, members=None):
        """An average rating from ``interviews`` interviews: hidden under the
        threshold or too close to a set of answers already shown
        (``members``, the complement rule), shaded as a small sample under
        ``scope['small']``."""
        shown = self._shown(scope, interviews, members, 'answer_guard')
        return {'average': float(total) / answers if shown and answers else None,
                'interviews': interviews, 'hidden': not shown,
                'small': shown and interviews < scope['small']}

    def _prefetch_answer_sets(self, scope, rows):
        """Read the stored sets the complement rule compares ``rows`` with,
        at once."""
        if scope['answer_guard'] is not None:
            scope['answer_guard'].prefetch([row['members'] for row in rows])

    @api.model
    def _query_area_ratings(self, scope, grouping, grouping_params, start=None):
        """Ratings per area and ``grouping`` (an SQL expression of the
        ``interview`` subquery, which has the analysis columns
        departure_month and department_id), from the held interviews of the
        period the user may read."""
        interviews, params = self._interview_rows(
            self._period_domain(scope, start or scope['start']) + [('state', '=', 'held')])
        self.env.cr.execute(
            'SELECT area.category_id, ' + grouping + ' AS grouping, '
            'SUM(area.rating_count) AS answers, SUM(area.rating_sum) AS total, '
            'COUNT(*) AS interviews, array_agg(interview.id ORDER BY interview.id) AS members '
            'FROM (SELECT hr_exit_interview_report.id, hr_exit_interview_report.departure_month, '
            'hr_exit_interview_report.department_id, hr_exit_interview_report.answers_used '
            + interviews + ') interview '
            'JOIN hr_exit_interview_area area ON area.interview_id = interview.id '
            'WHERE interview.answers_used AND area.rating_count > 0 GROUP BY 1, 2',
            grouping_params + params)
        return self.env.cr.dictfetchall()

    @api.model
    def _get_score_changes(self, scope):
        """{area: the change test of its average rating, this period against
        the previous one}: Welch's test on the interviews' average ratings of
        the area, when both periods have at least MIN_SAMPLE interviews and
        (for users who are not Officers) reach the threshold."""
        interviews, params = self._interview_rows(
            self._period_domain(scope, scope['previous_start']) + [('state', '=', 'held')])
        self.env.cr.execute(
            'SELECT area.category_id, interview.departure_month >= %s AS current, '
            'COUNT(*), SUM(area.rating_sum::float / area.rating_count), '
            'SUM((area.rating_sum::float / area.rating_count) ^ 2), '
            'SUM(area.rating_sum), SUM(area.rating_count) '
            'FROM (SELECT hr_exit_interview_report.id, hr_exit_interview_report.departure_month, '
            'hr_exit_interview_report.answers_used ' + interviews + ') interview '
            'JOIN hr_exit_interview_area area ON area.interview_id = interview.id '
            'WHERE interview.answers_used AND area.rating_count > 0 GROUP BY 1, 2',
            [fields.Date.to_string(scope['start'])] + params)
        samples = {}
        for category_id, current, count, total, squares, ratings, answers in \
                self.env.cr.fetchall():
            samples.setdefault(category_id, {})[current] = (count, total, squares, ratings,
                                                            answers)
        changes = {}
        for category_id, periods in samples.items():
            now, before = periods.get(True), periods.get(False)
            change = {'p': None, 'z': None, 'trend': 'unknown', 'interviews': now and now[0],
                      'average_before': None, 'interviews_before': before and before[0]}
            if before and self._shown(scope, before[0]):
                change['average_before'] = float(before[3]) / before[4]
            if now and before and self._shown(scope, now[0]) and self._shown(scope, before[0]):
                test = welch_t(now[:3], before[:3])
                if test:
                    change.update(z=test[0], p=t_p_value(*test))
            changes[category_id] = change
        return changes

    @api.model
    def _get_distributions(self, scope):
        """How many interviews chose each rating, score or option of every
        rated and choice question, from the held interviews of the period.

        Each question is a breakdown of its answers: an answer given by
        fewer interviews than the threshold is merged with the other small
        ones (and the smallest shown with them until the merged part reaches
        the threshold, see ``_suppress``); a question answered by fewer
        interviews than the threshold is not shown."""
        interviews, params = self._interview_rows(
            self._interview_domain(scope) + [('state', '=', 'held')])
        self.env.cr.execute(
            "SELECT a.question_id, CASE a.question_type WHEN 'rating' THEN a.rating::text "
            "WHEN 'score' THEN a.score::text WHEN 'yes_no' THEN a.yes_no "
            "ELSE a.option_id::text END AS value, COUNT(*) AS answers, "
            'array_agg(a.interview_id ORDER BY a.interview_id) AS members '
            'FROM (SELECT hr_exit_interview_report.id, hr_exit_interview_report.answers_used '
            + interviews + ') interview '
            'JOIN hr_exit_answer a ON a.interview_id = interview.id '
            "WHERE interview.answers_used AND a.question_id IS NOT NULL AND ("
            "(a.question_type = 'rating' AND a.rating IS NOT NULL) OR "
            "(a.question_type = 'score' AND a.score IS NOT NULL) OR "
            "(a.question_type = 'yes_no' AND a.yes_no IS NOT NULL) OR "
            "(a.question_type = 'choice' AND a.option_id IS NOT NULL)) "
            'GROUP BY 1, 2', params)
        counts, members = {}, {}
        for question_id, value, answers, interview_ids in self.env.cr.fetchall():
            counts.setdefault(question_id, {})[value] = answers
            members.setdefault(question_id, {})[value] = interview_ids
        if scope['answer_guard'] is not None:
            scope['answer_guard'].prefetch([ids for by_value in members.values()
                                            for ids in by_value.values()])
        # the questionnaire's wording, not an answer: read for trend readers too
        questions = self.env['hr.exit.question'].sudo().with_context(active_test=False).browse(
            list(counts)).sorted(lambda q: (q.category_id.sequence, q.category_id.name or '',
                                            q.sequence, q.id))
        rows = [self._distribution_row(scope, question, counts[question.id],
                                       members[question.id]) for question in questions]
        shown = [row for row in rows if not row['hidden']]
        return shown and {'rows': shown, 'hidden': len(rows) - len(shown)}

    @api.model
    def _distribution_row(self, scope, question, counts, members=None):
        """One question's answers as the segments of a stacked bar; with
        ``members`` ({value: interview ids}) under the complement rule too."""
        total = sum(counts.values())
        values = self._distribution_values(question)
        for value in counts:
            if value not in dict(values):
                values.append((value, value))
        row = {'name': question.name, 'area': question.category_id.name,
               'type': question.question_type, 'interviews': total, 'hidden': False,
               'small': total < scope['small'], 'merged': 0, 'chart': None, 'segments': []}
        shown = self._suppress(scope, counts, members, remember=False, guard='answer_guard')
        residue = sum(count for value, count in counts.items() if value not in shown)
        everyone = union((members or {}).values()) if members is not None else None
        if not self._shown(scope, total, everyone, 'answer_guard', remember=False) \
                or 0 < residue < scope['threshold']:
            row['hidden'] = True
            return row
        if members is not None:
            self._remember(scope, [everyone] + self._shown_sets(counts, members, shown),
                           'answer_guard')
        segments = [{'label': label, 'count': counts.get(value, 0), 'value': value,
                     'share': _ratio(counts.get(value, 0), total)}
                    for value, label in values if value in shown or value not in counts]
        row['merged'] = len(counts) - len(shown & set(counts))
        if row['merged']:
            segments.append({'label': _('Other answers (%d)') % row['merged'],
                             'count': residue, 'value': OTHER, 'share': _ratio(residue, total)})
        row['segments'] = segments
        if self._trend_worthy(scope, total):
            row['chart'] = stacked_bar(question.question_type, segments)
        return row

    @api.model
    def _distribution_values(self, question):
        """[(value, label)] of every answer a question offers, in order."""
        if question.question_type == 'rating':
            return [(str(value), str(value)) for value in range(RATING_SCALE[0],
                                                                RATING_SCALE[1] + 1)]
        if question.question_type == 'score':
            return [(str(value), str(value)) for value in range(SCORE_SCALE[0],
                                                                SCORE_SCALE[1] + 1)]
        if question.question_type == 'yes_no':
            return [('yes', _('Yes')), ('no', _('No'))]
        return [(str(option.id), option.name) for option in question.option_ids]

    @api.model
    def _get_heatmap(self, scope, departments):
        """Average rating per department and area, from the held interviews
        of the period: each cell with its interviews, hidden under the
        threshold. Departments hidden in the department comparison share one
        row, and a cell is hidden too when the totals of its area or of its
        department would give it away (``_suppress_cells``)."""
        self.env['hr.exit.answer.report'].check_access_rights('read')
        shown_departments = self._suppress(scope, dict(
            (row['department_id'], row['exits']) for row in departments),
            dict((row['department_id'], row['members']) for row in departments),
            remember=False)
        cells = {}
        rows = self._query_area_ratings(scope, 'interview.department_id', [])
        self._prefetch_answer_sets(scope, rows)
        for row in rows:
            department = row['grouping'] if row['grouping'] in shown_departments else OTHER
            cell = cells.setdefault((department, row['category_id']),
                                    {'total': 0, 'answers': 0, 'interviews': 0, 'members': []})
            for key in ('total', 'answers', 'interviews'):
                cell[key] += row[key]
            cell['members'] = union([cell['members'], row['members']])
        if not cells:
            return {}
        counts = dict((key, cell['interviews']) for key, cell in cells.items())
        by_area, by_department = {}, {}
        for key in counts:
            by_department.setdefault(key[0], []).append(key)
            by_area.setdefault(key[1], []).append(key)
        shown = self._suppress_cells(scope, counts, [(keys, True) for keys in by_area.values()]
                                     + [(keys, False) for keys in by_department.values()])
        areas = self.env['hr.exit.category'].with_context(active_test=False).browse(
            [key for key in by_area if key]).sorted(lambda c: (c.sequence, c.id))
        names = self._names('hr.department', [key for key in by_department if key != OTHER])
        rows = []
        for department in by_department:
            rows.append({
                'name': _('Other departments') if department == OTHER else (
                    names.get(department) or _('No department')),
                'merged': department == OTHER,
                'cells': [self._heat_cell(scope, cells.get((department, area.id)),
                                          (department, area.id) in shown) for area in areas]})
        rows.sort(key=lambda row: (row['merged'], row['name']))
        totals = []
        for area in areas:
            total = dict((key, sum(cells[cell][key] for cell in by_area[area.id]))
                         for key in ('total', 'answers', 'interviews'))
            total['members'] = union(cells[cell]['members'] for cell in by_area[area.id])
            totals.append(self._heat_cell(scope, total, self._shown(scope, total['interviews'])))
        return {'areas': [area.name for area in areas], 'rows': rows,
                'total': {'name': _('All departments'), 'cells': totals},
                'hidden': sum(1 for key in counts if key not in shown)}

    def _heat_cell(self, scope, cell, shown):
        if not cell:
            return None
        figure = self._score_cell(scope, cell['total'], cell['answers'], cell['interviews'],
                                  cell.get('members') if shown else None)
        if not shown:
            figure.update(average=None, hidden=True, small=False)
        figure['colour'] = heat_colour(figure['average'], 1, 5)
        return figure

    @api.model
    def _get_findings(self, scope, trends):
        """A few sentences written from the figures of the report, each
        quoting a figure that the report shows in a section, none resting on
        fewer interviews than the threshold (not even for an Officer)."""
        findings = [self._finding_reason(scope, trends['reasons']),
                    self._finding_change(scope, trends),
                    self._finding_area(scope, trends['heatmap']),
                    self._finding_turnover(scope, trends['turnover'])]
        return [finding for finding in findings if finding]

    def _finding_reason(self, scope, reasons):
        rows = [row for row in reasons['rows'] if not row.get('merged')
                and self._trend_worthy(scope, row['exits'])]
        if not rows:
            return None
        top = max(rows, key=lambda row: row['exits'])
        return _('The most frequent reason for leaving is %(reason)s: %(count)d of %(total)d '
                 'departures (%(share)s).') % {
            'reason': top['name'], 'count': top['exits'], 'total': reasons['total'],
            'share': self._format_percent(top['share'])}

    def _finding_change(self, scope, trends):
        """The significant change of a reason's share with the most
        percentage points, else of an area's average, else that none is."""
        reasons = [row for row in trends['reasons']['rows'] if row['trend'] in ('up', 'down')
                   and not row.get('merged')]
        if reasons:
            row = max(reasons, key=lambda row: abs(row['share'] - row['share_before']))
            text = _('The share of %(reason)s rose from %(before)s to %(now)s of departures, a '
                     'significant change.') if row['trend'] == 'up' else _(
                'The share of %(reason)s fell from %(before)s to %(now)s of departures, a '
                'significant change.')
            return text % {'reason': row['name'], 'before': self._format_percent(
                row['share_before']), 'now': self._format_percent(row['share'])}
        areas = [area for area in trends['scores']['areas'] if area['trend'] in ('up', 'down')]
        if areas:
            area = max(areas, key=lambda area: abs(area['z']))
            text = _('The average score of %(area)s rose from %(before)s to %(now)s, a '
                     'significant change.') if area['trend'] == 'up' else _(
                'The average score of %(area)s fell from %(before)s to %(now)s, a significant '
                'change.')
            now = trends['heatmap']['total']['cells'][trends['heatmap']['areas'].index(
                area['name'])]
            return text % {'area': area['name'], 'before': self._format_number(
                area['average_before'], 2), 'now': self._format_number(now['average'], 2)}
        if trends['tests']:
            return _('No change from the previous period is significant once the %d tests of '
                     'this report are taken together.') % trends['tests']
        return None

    def _finding_area(self, scope, heatmap):
        if not heatmap:
            return None
        areas = [(name, cell) for name, cell in zip(heatmap['areas'], heatmap['total']['cells'])
                 if cell and cell['average'] is not None
                 and self._trend_worthy(scope, cell['interviews'])]
        if not areas:
            return None
        name, cell = min(areas, key=lambda area: (area[1]['average'], area[0]))
        return _('The lowest-scoring area is %(area)s: %(score)s of 5 (%(count)d '
                 'interviews).') % {'area': name, 'score': self._format_number(
                     cell['average'], 2), 'count': cell['interviews']}

    def _finding_turnover(self, scope, turnover):
        average = turnover['total'].get('rate')
        if average is None:
            return None
        above = [row for row in turnover['rows'] if not row.get('merged')
                 and row.get('rate') is not None and row['rate'] > average
                 and self._trend_worthy(scope, row['exits'])]
        if not above:
            return None
        above.sort(key=lambda row: (-row['rate'], row['name']))
        names = ', '.join('%s (%s)' % (row['name'], self._format_percent(row['rate']))
                          for row in above[:FINDING_DEPARTMENTS])
        if len(above) > FINDING_DEPARTMENTS:
            return _('Turnover is above the average of %(average)s in %(count)d departments, '
                     'the highest in %(departments)s.') % {
                'average': self._format_percent(average), 'count': len(above),
                'departments': names}
        return _('Turnover is above the average of %(average)s in %(departments)s.') % {
            'average': self._format_percent(average), 'departments': names}

    @api.model
    def _get_enps(self, scope):
        """Employer Net Promoter Score per period: % of 9-10 minus % of 0-6."""
        interviews, params = self._interview_rows(self._interview_domain(scope))
        self.env.cr.execute(
            'SELECT date_trunc(%s, departure_month::timestamp)::date AS period, '
            'SUM(promoter) AS promoters, SUM(detractor) AS detractors, '
            'SUM(recommend_answered) AS answers, array_agg(hr_exit_interview_report.id ORDER BY '
            'hr_exit_interview_report.id) AS members ' + interviews + ' GROUP BY 1',
            [scope['granularity']] + params)
        rows = self.env.cr.dictfetchall()
        if scope['guard'] is not None:
            scope['guard'].prefetch([row['members'] for row in rows])
        by_period = dict((str(row['period'])[:10], row) for row in rows)
        result = []
        for period, label in scope['periods']:
            row = by_period.get(period) or {'promoters': 0, 'detractors': 0, 'answers': 0,
                                            'members': None}
            answers = row['answers']
            shown = self._shown(scope, answers) and self._shown(scope, len(
                row['members'] or []), row['members'])
            result.append({
                'label': label,
                'answers': answers,
                'hidden': not shown,
                'promoters': _ratio(row['promoters'], answers) if shown else None,
                'detractors': _ratio(row['detractors'], answers) if shown else None,
                'enps': round(100.0 * (row['promoters'] - row['detractors']) / answers)
                if answers and shown else None,
                'small': shown and 0 < answers < scope['small'],
            })
        return result

    @api.model
    def _get_department_comparison(self, scope, departments):
        shown = self._suppress(scope, dict((row['department_id'], row['exits'])
                                           for row in departments),
                               dict((row['department_id'], row['members']) for row in departments))
        names = self._names('hr.department', [row['department_id'] for row in departments])
        rows, other = [], dict((key, 0) for key in departments[0]
                               if key not in ('department_id', 'members'))
        merged = 0
        for row in departments:
            if row['department_id'] in shown:
                rows.append(self._department_row(
                    scope, names.get(row['department_id']) or _('No department'), row))
            else:
                merged += 1
                for key in other:
                    other[key] += row[key] or 0
        rows.sort(key=lambda row: row['name'])
        if merged:
            rows.append(self._department_row(scope, _('Other departments (%d)') % merged, other))
        return {'rows': rows, 'hidden': merged}

    @api.model
    def _department_row(self, scope, name, row):
        def figure(value, base):
            return value if base and self._shown(scope, base) else None
        exits, scored, answers = row['exits'], row['scored'], row['recommended']
        return {
            'name': name,
            'exits': exits,
            'voluntary_share': figure(_ratio(row['voluntary'], exits), exits),
            'regretted_share': figure(_ratio(row['regretted'], exits), exits),
            'preventable_share': figure(_ratio(row['preventable'], exits), exits),
            'response_rate': figure(_ratio(row['held'], row['held'] + row['declined']),
                                    row['held'] + row['declined']),
            'score': figure(_ratio(row['score_sum'], scored), scored),
            'enps': figure(round(100.0 * (row['promoters'] - row['detractors']) / answers)
                           if answers else None, answers),
            'response_n': row['held'] + row['declined'],
            'score_n': scored,
            'enps_n': answers,
        }

    @api.model
    def _get_actions(self, scope):
        """Open and in-progress improvement actions of the company (and of
        the chosen departments, or of no department in particular)."""
        domain = [('company_id', '=', scope['company'].id), ('state', 'in', OPEN_ACTION_STATES)]
        if scope['departments']:
            domain += ['|', ('department_id', '=', False),
                       ('department_id', 'in', scope['departments'].ids)]
        today = fields.Date.context_today(self)
        actions = self.env['hr.exit.action'].search_read(
            domain, ['name', 'category_id', 'department_id', 'user_id', 'date_deadline', 'state'],
            order='date_deadline, id')
        states = dict(self.env['hr.exit.action']._fields['state']._description_selection(
            self.env))
        for action in actions:
            action['overdue'] = bool(action['date_deadline'] and action['date_deadline'] < today)
            action['state_label'] = states.get(action['state'])
            action['deadline_label'] = self._format_date(action['date_deadline'])
        return {'rows': actions, 'overdue': sum(1 for action in actions if action['overdue'])}

    @api.model
    def _get_comments(self, scope):
        """The latest free-text comments per area, for Officers only, from
        areas with comments of at least ``comment_threshold`` interviews;
        never those of a leaver who refused their anonymous use."""
        if not scope['officer']:
            return []
        self.env['hr.exit.answer'].check_access_rights('read')
        interviews_sql, interviews_params = visible_rows_sql(self.env['hr.exit.interview'], [
            ('company_id', '=', scope['company'].id), ('state', '=', 'done'),
            '|', ('consent', '=', False), ('consent', '!=', 'refused'),
            ('departure_date', '>=', fields.Date.to_string(scope['start'])),
            ('departure_date', '<=', fields.Date.to_string(scope['end'])),
        ] + self._department_domain(scope))
        # The comments are ranked from the answers' comment index (see
        # hr.exit.answer), and only the texts shown are read.
        self.env.cr.execute("""
            WITH pool AS (
                SELECT a.id, a.category_id, a.interview_id, i.departure_date
                  FROM hr_exit_answer a
                  JOIN (SELECT hr_exit_interview.id, hr_exit_interview.departure_date
                        """ + interviews_sql + """) i ON i.id = a.interview_id
                 WHERE a.question_type = 'text' AND btrim(COALESCE(a.text, '')) <> ''
            ), sizes AS (
                SELECT category_id, COUNT(DISTINCT interview_id) AS interviews
                  FROM pool GROUP BY category_id
            ), ranked AS (
                SELECT category_id, id, row_number() OVER (
                           PARTITION BY category_id ORDER BY departure_date DESC, id DESC
                       ) AS position
                  FROM pool
            )
            SELECT r.category_id, s.interviews, a.text
              FROM ranked r JOIN sizes s ON s.category_id IS NOT DISTINCT FROM r.category_id
              JOIN hr_exit_answer a ON a.id = r.id
             WHERE r.position <= %s AND s.interviews >= %s
             ORDER BY r.category_id, r.position
        """, interviews_params + [COMMENTS_PER_AREA, scope['comment_threshold']])
        by_area = {}
        for category_id, count, text in self.env.cr.fetchall():
            by_area.setdefault(category_id, {'interviews': count, 'texts': []})['texts'].append(
                text)
        # in the order of the questionnaire's areas, as the other sections
        areas = self.env['hr.exit.category'].with_context(active_test=False).browse(
            [key for key in by_area if key]).sorted(lambda c: (c.sequence, c.id))
        order = [area.id for area in areas] + ([None] if None in by_area else [])
        names = dict((area.id, area.name) for area in areas)
        return [{'name': names.get(key) or _('No area'), 'interviews': by_area[key]['interviews'],
                 'texts': by_area[key]['texts']} for key in order]

    # ------------------------------------------------------------------
    # Queries
    # ------------------------------------------------------------------

    def _department_domain(self, scope):
        if scope['departments']:
            return [('department_id', 'in', scope['departments'].ids)]
        return []

    def _period_domain(self, scope, start):
        return [
            ('company_id', '=', scope['company'].id),
            ('departure_month', '>=', fields.Date.to_string(start)),
            ('departure_month', '<=', fields.Date.to_string(scope['end'])),
        ] + self._department_domain(scope)

    def _interview_domain(self, scope, start=None):
        """Departures of the period: a cancelled interview is a departure
        that was withdrawn (or registered by mistake) and does not count."""
        return self._period_domain(scope, start or scope['start']) + [('state', '!=', 'cancelled')]

    @api.model
    def _interview_rows(self, domain):
        """``(sql, params)`` of the analysis rows (one per departure) of
        ``domain`` that the user may read, see ``visible_rows_sql``."""
        return visible_rows_sql(self.env['hr.exit.interview.report'], domain)

    @api.model
    def _query_departments(self, scope, start, end):
        """Departure figures per department (the department when the
        departure was registered)."""
        rows, params = self._interview_rows(self._interview_domain(scope, start))
        self.env.cr.execute("""
            SELECT  department_id,
                COUNT(*) AS exits,
                COUNT(*) FILTER (WHERE voluntary) AS voluntary,
                COUNT(*) FILTER (WHERE regretted) AS regretted,
                COUNT(*) FILTER (WHERE preventable) AS preventable,
                COUNT(*) FILTER (WHERE state = 'held') AS held,
                COUNT(*) FILTER (WHERE state = 'declined') AS declined,
                COUNT(*) FILTER (WHERE tenure_months < 12) AS first_year,
                COUNT(tenure_months) AS tenure_known,
                COUNT(overall_score) AS scored,
                COALESCE(SUM(overall_score), 0) AS score_sum,
                SUM(promoter) AS promoters,
                SUM(detractor) AS detractors,
                SUM(recommend_answered) AS recommended,
                array_agg(hr_exit_interview_report.id ORDER BY hr_exit_interview_report.id)
                    AS members """ + rows + """
            GROUP BY department_id""", params)
        return self.env.cr.dictfetchall()

    @api.model
    def _query_headcount(self, scope):
        """Headcount per department over the period: the employees of the
        company (archived ones included) whose employment started on or
        before the last day of the period and who had not left before its
        first day. An employee left on the first known of: their departure
        date, the departure date of their latest exit interview that was not
        cancelled, or (archived without either) the day the record was last
        changed. An employee counts in the department they are, or were last,
        in. The creation of the employee record is never a start: staff are
        often imported long after they were hired.

        Returns ({department id: headcount}, the number of employees who
        would count but have no employment start, left out)."""
        employees_sql, employees_params = visible_rows_sql(
            self.env['hr.employee'].with_context(active_test=False),
            [('company_id', '=', scope['company'].id)] + self._department_domain(scope))
        self.env.cr.execute("""
            WITH ends AS (
                -- only employees without a departure date of their own need it
                SELECT x.employee_id, MAX(x.departure_date) AS departure_date
                  FROM hr_exit_interview x
                  JOIN hr_employee y ON y.id = x.employee_id AND y.departure_date IS NULL
                 WHERE x.state != 'cancelled'
                 GROUP BY x.employee_id
            ), staff AS (
                SELECT e.department_id, e.employment_start_date AS started,
                       COALESCE(e.departure_date, ends.departure_date,
                                CASE WHEN e.active THEN NULL ELSE e.write_date::date END) AS left_on
                  FROM hr_employee e
                  LEFT JOIN ends ON ends.employee_id = e.id
                 WHERE e.id IN (SELECT hr_employee.id """ + employees_sql + """)
            )
            SELECT department_id,
                   COUNT(*) FILTER (WHERE started <= %s) AS headcount,
                   COUNT(*) FILTER (WHERE started IS NULL) AS unknown
              FROM staff
             WHERE left_on IS NULL OR left_on >= %s
             GROUP BY department_id
        """, employees_params + [scope['end'], scope['start']])
        rows = self.env.cr.fetchall()
        return dict((department, count) for department, count, _unknown in rows if count), \
            sum(unknown for _department, _count, unknown in rows)

    # ------------------------------------------------------------------
    # Formatting
    # ------------------------------------------------------------------

    def _lang_code(self):
        return self.env.context.get('lang') or 'en_US'

    def _format_date(self, value):
        if not value:
            return ''
        return babel.dates.format_date(fields.Date.from_string(value) if isinstance(
            value, str) else value, 'medium', locale=self._lang_code())

    def _format_percent(self, value, digits=1):
        if value is None:
            return '-'
        return '%s %%' % formatLang(self.env, value * 100.0, digits=digits)

    def _format_number(self, value, digits=1):
        if value is None:
            return '-'
        return formatLang(self.env, value, digits=digits)

    def _names(self, model_name, ids):
        """{id: display name} for the given ids (False ignored), in one read."""
        records = self.env[model_name].with_context(active_test=False).browse(
            [key for key in ids if key])
        return dict(records.name_get())
