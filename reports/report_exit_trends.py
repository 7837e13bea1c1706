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
import math
from datetime import timedelta

import babel.dates
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.tools.misc import formatLang

from ..models.hr_exit_action import OPEN_ACTION_STATES
from ..models.visible_rows import visible_rows_sql
from .difference_guard import union
from .hr_exit_anonymity_mixin import suppress_small_groups
from .svg_chart import line_chart

PERIOD_FORMATS = {'month': 'MMM yyyy', 'quarter': 'QQQ yyyy', 'year': 'yyyy'}
PERIOD_STEPS = {'month': 1, 'quarter': 3, 'year': 12}
Z_95 = 1.959964  # two-sided 95 %
MIN_EXPECTED = 5  # normal approximation of the two-proportion test
COMMENTS_PER_AREA = 5
OTHER = 'other'  # key of the merged row of hidden groups


def two_proportion_z(count1, total1, count0, total0):
    """z statistic of the difference between count1/total1 and count0/total0
    (pooled two-proportion test), or None when the numbers are too small for
    the test to mean anything: an empty period, or fewer than 5 expected
    cases or non-cases in either period."""
    if not total1 or not total0:
        return None
    pooled = float(count1 + count0) / (total1 + total0)
    expected = (total1 * pooled, total1 * (1 - pooled), total0 * pooled, total0 * (1 - pooled))
    if min(expected) < MIN_EXPECTED:
        return None
    error = math.sqrt(pooled * (1 - pooled) * (1.0 / total1 + 1.0 / total0))
    return (float(count1) / total1 - float(count0) / total0) / error


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
            'trends': dict((wizard.id, self._get_trends(wizard)) for wizard in wizards),
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
        if not headline['exits'] or headline['hidden']:
            self._difference_save(scope)
            return trends
        trends.update({
            'turnover': self._get_turnover(scope, departments),
            'reasons': self._get_reasons(scope, headline),
            'scores': self._get_scores(scope),
            'enps': self._get_enps(scope),
            'departments': self._get_department_comparison(scope, departments),
            'comments': self._get_comments(scope),
        })
        self._difference_save(scope)
        return trends

    @api.model
    def _get_scope(self, wizard):
        start, end = wizard.get_period()
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        previous_start = start - relativedelta(months=months)
        company = wizard.company_id
        analysis = self.env['hr.exit.interview.report']
        officer = not analysis._anonymity_applies()
        threshold = analysis._anonymity_threshold(company)
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
            'comment_threshold': max(company.exit_comment_threshold, threshold),
            # the complement rule (see difference_guard): None for Officers
            'guard': None if officer else analysis._difference_guard_new(threshold),
            'answer_guard': None if officer else self.env[
                'hr.exit.answer.report']._difference_guard_new(threshold),
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

    def _suppress(self, scope, counts, members=None, remember=True):
        """Keys of ``counts`` (interviews per group of a breakdown by a
        departure fact) that may be shown; all of them to an Officer.

        With ``members`` (``{key: sorted interview ids}``), the complement
        rule applies too: a group too close to a result already seen is
        hidden, and so is a merged rest that would be; the groups shown and
        the merged rest are remembered unless ``remember`` is False."""
        if scope['officer']:
            return set(counts)
        guard, threshold = scope['guard'], scope['threshold']
        if members is None:
            return suppress_small_groups(counts, threshold, [(list(counts), True)])
        guard.prefetch([value for value in members.values() if value])
        blocked = guard.blocked([(key, members.get(key) or []) for key in sorted(
            counts, key=repr) if counts[key] >= threshold])
        visible = suppress_small_groups(
            counts, threshold, [(list(counts), True)], set(counts) - blocked,
            lambda keys: not guard.close(union(members.get(key) or [] for key in keys)))
        hidden = set(counts) - visible
        if remember:
            guard.remember([members[key] for key in visible if members.get(key)]
                           + [union(members.get(key) or [] for key in hidden)])
        scope['too_close'] += len(blocked)
        return visible

    def _shown(self, scope, base, members=None, guard='guard'):
        """A figure computed from ``base`` interviews may be shown; with
        ``members``, the interviews of its group, the complement rule of
        ``scope[guard]`` applies too."""
        if scope['officer'] or not base:
            return True
        if base < scope['threshold']:
            return False
        if members is not None and not scope[guard].check(members):
            scope['too_close'] += 1
            return False
        return True

    def _difference_save(self, scope):
        """Remember the sets shown by this report."""
        for guard in ('guard', 'answer_guard'):
            if scope[guard] is not None:
                scope[guard].save()

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
        """Exits / average headcount per department. The headcount of a
        department is the number of employee-days in the period divided by
        the days of the period, see _query_headcount."""
        headcount, first_record = self._query_headcount(scope)
        exits = dict((row['department_id'], row['exits']) for row in departments)
        keys = set(exits) | set(headcount)
        shown = self._suppress(scope, dict((key, exits.get(key, 0)) for key in keys),
                               dict((row['department_id'], row['members'])
                                    for row in departments))
        names = self._names('hr.department', keys)
        rows, other = [], {'exits': 0, 'headcount': 0.0, 'count': 0}
        for key in keys:
            if key in shown:
                rows.append({'name': names.get(key) or _('No department'),
                             'exits': exits.get(key, 0), 'headcount': headcount.get(key, 0.0)})
            else:
                other['exits'] += exits.get(key, 0)
                other['headcount'] += headcount.get(key, 0.0)
                other['count'] += 1
        rows.sort(key=lambda row: row['name'])
        if other['count']:
            rows.append({'name': _('Other departments (%d)') % other['count'],
                         'exits': other['exits'], 'headcount': other['headcount'],
                         'merged': True})
        total = {'name': _('Total'), 'exits': sum(exits.values()),
                 'headcount': sum(headcount.values())}
        for row in rows + [total]:
            row['rate'] = _ratio(row['exits'], row['headcount'])
        history_starts = first_record and first_record > fields.Date.to_string(scope['start'])
        return {'rows': rows, 'total': total, 'hidden': other['count'],
                'history_starts': self._format_date(first_record) if history_starts else False}

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
            rows.append(self._reason_row(
                _('Other reasons (%d)') % len(merged), sum(now[key] for key in merged),
                total_now, sum(before[key] for key in merged), total_before))
        return {'rows': rows, 'hidden': len(merged), 'total': total_now,
                'voluntary_share': headline['voluntary_share'],
                'involuntary_share': headline['involuntary_share'],
                'preventable_share': headline['preventable_share']}

    @api.model
    def _reason_row(self, name, count, total, count_before, total_before, reason=None):
        z = two_proportion_z(count, total, count_before, total_before)
        if z is None:
            trend = 'unknown'
        elif abs(z) < Z_95:
            trend = 'stable'
        else:
            trend = 'up' if z > 0 else 'down'
        return {
            'name': name,
            'exits': count,
            'share': _ratio(count, total),
            'exits_before': count_before,
            'share_before': _ratio(count_before, total_before),
            'reason_type': reason.reason_type if reason else False,
            'preventable': reason.preventable if reason else None,
            'z': z,
            'trend': trend,
        }

    @api.model
    def _get_scores(self, scope):
        """Average 1-5 rating per area and period, from held interviews.

        The ratings are read per interview and area (hr.exit.interview.area,
        which follows the answers), for the departures of the analysis the
        user may read: the figures of the score analysis, from a row per
        interview and area instead of a row per answer, so that the number
        of interviews of a cell is a COUNT(*)."""
        self.env['hr.exit.answer.report'].check_access_rights('read')
        interviews, params = self._interview_rows(
            self._period_domain(scope, scope['start']) + [('state', '=', 'held')])
        self.env.cr.execute(
            'SELECT area.category_id, date_trunc(%s, interview.departure_month::timestamp)::date '
            'AS period, SUM(area.rating_count) AS answers, SUM(area.rating_sum) AS total, '
            'COUNT(*) AS interviews, array_agg(interview.id ORDER BY interview.id) AS members '
            'FROM (SELECT hr_exit_interview_report.id, hr_exit_interview_report.departure_month '
            + interviews + ') interview '
            'JOIN hr_exit_interview_area area ON area.interview_id = interview.id '
            'GROUP BY 1, 2', [scope['granularity']] + params)
        rows = self.env.cr.dictfetchall()
        if scope['answer_guard'] is not None:
            scope['answer_guard'].prefetch([row['members'] for row in rows])
        cells = {}
        for row in rows:
            key = (row['category_id'], str(row['period'])[:10])
            shown = self._shown(scope, row['interviews'], row['members'], 'answer_guard')
            cells[key] = {'average': float(row['total']) / row['answers'] if shown else None,
                          'interviews': row['interviews'], 'hidden': not shown}
        categories = self.env['hr.exit.category'].with_context(active_test=False).browse(
            set(key[0] for key in cells if key[0])).sorted(lambda c: (c.sequence, c.id))
        areas = [{'name': category.name,
                  'cells': [cells.get((category.id, period)) for period, _label in
                            scope['periods']]}
                 for category in categories]
        chart = line_chart(
            [label for _period, label in scope['periods']],
            [(area['name'], [cell and cell['average'] for cell in area['cells']])
             for area in areas],
            low=1, high=5)
        return {'areas': areas, 'chart': chart,
                'hidden': sum(1 for cell in cells.values() if cell['hidden'])}

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
        areas with comments of at least ``comment_threshold`` interviews."""
        if not scope['officer']:
            return []
        self.env['hr.exit.answer'].check_access_rights('read')
        interviews_sql, interviews_params = visible_rows_sql(self.env['hr.exit.interview'], [
            ('company_id', '=', scope['company'].id), ('state', '=', 'done'),
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
        names = self._names('hr.exit.category', by_area)
        return [{'name': names.get(key) or _('No area'), 'interviews': value['interviews'],
                 'texts': value['texts']} for key, value in sorted(by_area.items(),
                                                                    key=lambda item: names.get(
                                                                        item[0]) or '')]

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
        """Average headcount per department over the period.

        Odoo 11 keeps no employment history, so the employment of each
        employee of the company, archived ones included, is estimated as:
        from the day the employee record was created, to the first known of
        its departure date, the departure date of its latest exit interview
        that was not cancelled, or (for an archived employee) the day it was
        last modified; otherwise to the end of the period. The average
        headcount is the number of employee-days inside the period divided by
        the number of days of the period, and an employee counts in the
        department they are (or were last) in.

        Returns ({department id: average headcount}, the day the oldest
        employee record was created): when employee records were created
        after the start of the period (data taken over late), the headcount
        of the period is underestimated and the report says so."""
        employees_sql, employees_params = visible_rows_sql(
            self.env['hr.employee'].with_context(active_test=False),
            [('company_id', '=', scope['company'].id)] + self._department_domain(scope))
        start, end = scope['start'], scope['end']
        self.env.cr.execute("""
            WITH ends AS (
                -- only employees without a departure date of their own need it
                SELECT x.employee_id, MAX(x.departure_date) AS departure_date
                  FROM hr_exit_interview x
                  JOIN hr_employee y ON y.id = x.employee_id AND y.departure_date IS NULL
                 WHERE x.state != 'cancelled'
                 GROUP BY x.employee_id
            ), spans AS (
                SELECT e.department_id,
                       e.create_date::date AS created,
                       GREATEST(e.create_date::date, %s::date) AS first_day,
                       LEAST(COALESCE(e.departure_date, ends.departure_date,
                                      CASE WHEN e.active THEN NULL ELSE e.write_date::date END,
                                      %s::date), %s::date) AS last_day
                  FROM hr_employee e
                  LEFT JOIN ends ON ends.employee_id = e.id
                 WHERE e.id IN (SELECT hr_employee.id """ + employees_sql + """)
            )
            SELECT department_id, SUM(GREATEST(last_day - first_day + 1, 0)) AS days,
                   MIN(created) AS created
              FROM spans GROUP BY department_id
        """, [start, end, end] + employees_params)
        days = float((end - start).days + 1)
        rows = self.env.cr.fetchall()
        first_record = min([created for _department, _days, created in rows] or [False])
        return dict((department_id, total / days) for department_id, total, _created in rows), \
            first_record

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
