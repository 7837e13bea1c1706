"""The "What leavers write" section of the trend report: per area, the
themes of the comments (how many interviews, their share of the interviews
with a comment, the change against the previous period with the report's
two-proportion test, two example quotes for officers), and the words that
this period uses more than the previous one.

Confidentiality: to a user who is not an officer, a theme, an area or a word
is shown only when it comes from at least the comment threshold of distinct
interviews (``scope['comment_threshold']``), and a theme only when the
interviews with comments that do not speak of it are none or as many (see
``_shown_themes``); a previous-period figure under it is left out, and so is
the change. The complement rule applies to every figure too (the interviews
with comments of each period, each theme and the rest of the commenters
without it, each new word), with a guard of the theme analysis
(``scope['theme_guard']``, one history with its pivot): a figure whose
interviews differ by 1 to N-1 from a set the user has already seen is hidden
and counted in ``scope['too_close']``. Nobody, officers included, sees a
theme or a word of one interview only. Quotes are officers' only.
"""
from odoo import api, fields, models

from ..models.visible_rows import visible_rows_sql
from .hr_exit_anonymity_mixin import suppress_small_groups
from .log_odds import weighted_log_odds
from .report_exit_trends import OTHER, Z_95, _ratio, two_proportion_z

MIN_INTERVIEWS = 2       # a theme or word of one interview is never shown
QUOTES_PER_THEME = 2
QUOTE_CANDIDATES = 10    # latest comments of a theme read to find two different ones
WORDS_PER_AREA = 5
MIN_WORD_LENGTH = 3
# The PostgreSQL text search configuration (stemmer and stop words) of a
# comment's language.
TEXT_SEARCH_CONFIG_SQL = "(CASE a.theme_lang WHEN 'nb_NO' THEN 'norwegian' " \
                         "ELSE 'english' END)::regconfig"


def trend_of(z):
    """'up' or 'down' when the change is significant at 95 %, 'stable' when
    not, 'unknown' when there was no test."""
    if z is None:
        return 'unknown'
    return 'stable' if abs(z) < Z_95 else ('up' if z > 0 else 'down')


class ReportExitTrendsThemes(models.AbstractModel):
    _inherit = 'report.hr_exit_interview.report_exit_trends'

    @api.model
    def _get_trends(self, wizard):
        trends = super(ReportExitTrendsThemes, self)._get_trends(wizard)
        if 'scores' in trends:  # the sections with figures are shown
            trends['themes'] = self._get_themes(trends['scope'])
        return trends

    @api.model
    def _get_themes(self, scope):
        minimum = self._theme_minimum(scope)
        commenters = self._query_commenters(scope)
        (now, everyone), (before, everyone_before) = [
            commenters.get(current, (0, [])) for current in (True, False)]
        result = {'commenters': now, 'commenters_before': before, 'minimum': minimum,
                  'areas': [], 'hidden': 0}
        if now < minimum:
            result['too_few'] = True
            return result
        if scope.get('theme_guard') is not None:
            scope['theme_guard'].prefetch([everyone, everyone_before])
        # every share is of the interviews with comments: without their
        # number, nothing of the section can be shown
        if not self._shown(scope, now, everyone, 'theme_guard'):
            result.update(commenters=None, commenters_before=None, too_close=True)
            return result
        before_shown = scope['officer'] or before >= minimum and self._shown(
            scope, before, everyone_before, 'theme_guard')
        if not before_shown and before:
            result['commenters_before'] = None
        counts = self._query_theme_counts(scope)
        keys = set(key for key, _current in counts)
        current, previous, members, members_before = {}, {}, {}, {}
        for key in keys:
            current[key], members[key] = counts.get((key, True), (0, []))
            previous[key], members_before[key] = counts.get((key, False), (0, []))
        # a theme absent this period has no row; absent before, it shows 0 %
        shown = set(key for key in self._shown_themes(scope, current, now, minimum,
                                                      members, everyone)
                    if current[key])
        shown_before = self._shown_themes(
            scope, dict((key, previous[key]) for key in shown), before, minimum,
            members_before, everyone_before) if before_shown else set()
        quotes = self._query_theme_quotes(scope, shown) if scope['officer'] else {}
        words = self._get_emerging_words(scope, minimum)
        themes = self.env['hr.exit.theme'].with_context(active_test=False).browse(
            [theme_id for _category, theme_id in shown])
        names = dict(themes.name_get())
        rows = {}
        for category_id, theme_id in shown:
            count = current[(category_id, theme_id)]
            count_before = previous[(category_id, theme_id)] \
                if (category_id, theme_id) in shown_before else None
            rows.setdefault(category_id, []).append(self._theme_row(
                names.get(theme_id), count, now, count_before, before if before_shown else 0,
                quotes.get(theme_id, [])))
        categories = self.env['hr.exit.category'].with_context(active_test=False).browse(
            set(rows) | set(words)).sorted(lambda category: (category.sequence, category.id))
        for category in categories:
            area_rows = sorted(rows.get(category.id, []),
                               key=lambda row: (-row['interviews'], row['name']))
            result['areas'].append({'name': category.name, 'rows': area_rows,
                                    'words': words.get(category.id, [])})
        result['hidden'] = len([key for key in keys if current[key] and key not in shown])
        return result

    @api.model
    def _theme_minimum(self, scope):
        """Interviews a theme or word needs to be shown to this user."""
        if scope['officer']:
            return MIN_INTERVIEWS
        return max(MIN_INTERVIEWS, scope['comment_threshold'])

    @api.model
    def _shown_themes(self, scope, counts, total, minimum, members=None, everyone=None):
        """The keys of ``counts`` (interviews per theme, out of ``total``
        interviews with comments) that may be shown: those of none or at
        least ``minimum`` interviews, and for users who are not officers only when
        the interviews with comments that do not speak of the theme are none
        or at least ``minimum`` too (else the published total minus the
        theme would count a small group). Themes overlap (a comment may
        speak of several): a hidden theme cannot be computed from the others
        and the total, so no further theme needs hiding.

        With ``members`` (``{key: sorted interview ids}``) and ``everyone``
        (the interviews with comments), the complement rule applies too,
        see ``_themes_not_too_close``."""
        if scope['officer']:
            return set(key for key, count in counts.items() if not 0 < count < minimum)
        shown = set()
        for key, count in counts.items():
            # the theme and the rest of the interviews with comments: a line
            # of two groups that add up to the published total
            parts = {key: count, OTHER: total - count}
            if key in suppress_small_groups(parts, minimum, [(list(parts), True)]):
                shown.add(key)
        if members is not None and scope.get('theme_guard') is not None:
            shown = self._themes_not_too_close(scope, shown, members, everyone or [])
        return shown

    @api.model
    def _themes_not_too_close(self, scope, keys, members, everyone):
        """The keys of ``keys`` whose theme passes the complement rule: its
        interviews, and the interviews with comments that do not speak of it
        (the published total minus the theme), each differ by none or at
        least N interviews from every set this user was shown (in the window,
        or earlier in this report: another theme, the total). The sets of the
        themes kept are remembered; those of a theme hidden never are, so
        the same report printed again hides the same themes. The themes are
        checked in the order of their keys: the same order at every print."""
        guard = scope['theme_guard']
        pairs = []
        for key in sorted(keys, key=repr):
            theme = members.get(key) or []
            pairs.append((key, theme, sorted(set(everyone).difference(theme)) if theme else []))
        # one query for the stored sets of every theme and its rest
        guard.prefetch([lists for _key, theme, rest in pairs for lists in (theme, rest)])
        kept = set()
        for key, theme, rest in pairs:
            if theme and (guard.close(theme) or guard.close(rest)):
                scope['too_close'] += 1
                continue
            guard.remember([theme, rest])
            kept.add(key)
        return kept

    @api.model
    def _theme_row(self, name, count, total, count_before, total_before, quotes):
        """A theme's figures; without a previous figure (hidden), no change."""
        known = count_before is not None
        z = two_proportion_z(count, total, count_before, total_before) if known else None
        return {
            'name': name,
            'interviews': count,
            'share': _ratio(count, total),
            'interviews_before': count_before,
            'share_before': _ratio(count_before, total_before) if known else None,
            'z': z,
            'trend': trend_of(z),
            'quotes': quotes,
        }

    # ------------------------------------------------------------------
    # Queries
    # ------------------------------------------------------------------

    @api.model
    def _theme_rows(self, scope):
        """``(sql, params)`` of the comment theme rows of both periods that
        the user may read (the theme analysis, its record rules applied)."""
        return self._visible_sql(self.env['hr.exit.theme.report'], scope)

    @api.model
    def _visible_sql(self, model, scope):
        return visible_rows_sql(model, self._period_domain(scope, scope['previous_start'])
                                + [('state', '=', 'held')])

    @api.model
    def _query_commenters(self, scope):
        """Interviews with at least one comment, this period (True) and the
        previous one (False): ``{current: (interviews, sorted ids)}``, the
        ids for the complement rule."""
        rows, params = self._visible_sql(self.env['hr.exit.interview.report'], scope)
        self.env.cr.execute("""
            SELECT r.departure_month >= %s, COUNT(DISTINCT a.interview_id),
                   array_agg(DISTINCT a.interview_id ORDER BY a.interview_id)
              FROM hr_exit_answer a
              JOIN (SELECT hr_exit_interview_report.id, hr_exit_interview_report.departure_month,
                           hr_exit_interview_report.answers_used
                    """ + rows + """) r ON r.id = a.interview_id
             WHERE r.answers_used AND a.question_type = 'text'
               AND btrim(COALESCE(a.text, '')) <> ''
             GROUP BY 1""", [fields.Date.to_string(scope['start'])] + params)
        return dict((current, (count, members))
                    for current, count, members in self.env.cr.fetchall())

    @api.model
    def _query_theme_counts(self, scope):
        """``{((area, theme), current): (interviews, sorted ids)}``, the ids
        for the complement rule, in the same query."""
        rows, params = self._theme_rows(scope)
        self.env.cr.execute(
            'SELECT category_id, theme_id, departure_month >= %s, '
            'COUNT(DISTINCT interview_id), '
            'array_agg(DISTINCT interview_id ORDER BY interview_id) ' + rows + ' GROUP BY 1, 2, 3',
            [fields.Date.to_string(scope['start'])] + params)
        return dict((((category_id, theme_id), current), (count, members))
                    for category_id, theme_id, current, count, members in self.env.cr.fetchall())

    @api.model
    def _query_theme_quotes(self, scope, shown):
        """The latest comments of each theme shown, this period, for
        officers: ``{theme id: [text]}``."""
        theme_ids = sorted(set(theme_id for _category, theme_id in shown))
        if not theme_ids:
            return {}
        rows, params = self._theme_rows(scope)
        self.env.cr.execute("""
            WITH latest AS (  -- one comment per interview: two quotes, two people
                SELECT DISTINCT ON (hr_exit_theme_report.theme_id,
                                    hr_exit_theme_report.interview_id)
                       hr_exit_theme_report.theme_id, hr_exit_theme_report.departure_month,
                       hr_exit_theme_report.answer_id """ + rows + """
                   AND hr_exit_theme_report.departure_month >= %s
                   AND hr_exit_theme_report.theme_id IN %s
                 ORDER BY hr_exit_theme_report.theme_id, hr_exit_theme_report.interview_id,
                          hr_exit_theme_report.answer_id DESC
            ), candidates AS (  -- the latest few, before any text is read
                SELECT theme_id, departure_month, answer_id FROM (
                    SELECT latest.*, row_number() OVER (
                               PARTITION BY theme_id
                               ORDER BY departure_month DESC, answer_id DESC) AS position
                      FROM latest) ranked
                 WHERE position <= %s
            ), different AS (  -- two different words, of comments not anonymised
                SELECT DISTINCT ON (c.theme_id, btrim(a.text))
                       c.theme_id, c.departure_month, c.answer_id, btrim(a.text) AS quote
                  FROM candidates c JOIN hr_exit_answer a ON a.id = c.answer_id
                 WHERE btrim(COALESCE(a.text, '')) <> ''
                 ORDER BY c.theme_id, btrim(a.text), c.departure_month DESC, c.answer_id DESC
            )
            SELECT theme_id, quote FROM (
                SELECT theme_id, quote, row_number() OVER (
                           PARTITION BY theme_id
                           ORDER BY departure_month DESC, answer_id DESC) AS position
                  FROM different) ranked
             WHERE position <= %s
             ORDER BY theme_id, position""",
                            params + [fields.Date.to_string(scope['start']), tuple(theme_ids),
                                      QUOTE_CANDIDATES, QUOTES_PER_THEME])
        quotes = {}
        for theme_id, text in self.env.cr.fetchall():
            quotes.setdefault(theme_id, []).append(text)
        return quotes

    @api.model
    def _get_emerging_words(self, scope, minimum):
        """``{area id: [{'word', 'interviews', 'z'}]}``: per area (of the
        question), the words (stems) of this period's comments most
        over-represented against the previous period, z above 1.96, from at
        least ``minimum`` interviews, in areas whose comments come from at
        least that many interviews in both periods (and, for users who are not
        officers, whose comments without the word are none or as many, and
        whose interviews are not too close to a set already shown: the
        complement rule; a word hidden by it leaves its place to the next)."""
        words, totals = self._query_words(scope, minimum)
        candidates = {}
        for category_id in sorted(category for category in words if category):
            now, before, interviews, _members = words[category_id]
            area_totals = totals.get(category_id, {})
            n1, k1 = area_totals.get(True, (0, 0))
            n0, k0 = area_totals.get(False, (0, 0))
            if k1 < minimum or k0 < minimum:
                continue
            scores = weighted_log_odds(now, before, totals=(n1, n0))
            candidates[category_id] = sorted(
                ((z, word) for word, (_delta, z) in scores.items()
                 if z > Z_95 and interviews.get(word, 0) >= minimum
                 and (scope['officer'] or not 0 < k1 - interviews[word] < minimum)),
                key=lambda item: (-item[0], item[1]))
        if scope.get('theme_guard') is not None:
            scope['theme_guard'].prefetch([words[category_id][3][word]
                                           for category_id, rising in candidates.items()
                                           for _z, word in rising])
        result = {}
        for category_id, rising in sorted(candidates.items()):
            interviews, members = words[category_id][2], words[category_id][3]
            shown = []
            for z, word in rising:
                if len(shown) == WORDS_PER_AREA:
                    break
                if self._shown(scope, interviews[word], members.get(word), 'theme_guard'):
                    shown.append({'word': word, 'z': z, 'interviews': interviews[word]})
            if shown:
                result[category_id] = shown
        return result

    @api.model
    def _query_words(self, scope, minimum):
        """Stems per area and period, each counted once per comment, with
        PostgreSQL's text search (Snowball stemmers, stop words left out):
        ``({area: (counts now, counts before, interviews now, sorted ids
        now)}, {area: {current: (stems, interviews)}})``, the first for the
        words used in at least ``minimum`` interviews this period only. The
        ids (for the complement rule) are aggregated for users who are not
        officers only: of every word of the period, they cost what counting
        them does."""
        rows, params = self._visible_sql(self.env['hr.exit.interview.report'], scope)
        members = 'NULL::integer[]' if scope['officer'] else \
            'array_agg(DISTINCT c.interview_id ORDER BY c.interview_id) FILTER (WHERE c.current)'

        self.env.cr.execute("""
            WITH comments AS (
                SELECT a.category_id, a.interview_id, r.departure_month >= %s AS current,
                       tsvector_to_array(to_tsvector(""" + TEXT_SEARCH_CONFIG_SQL + """,
                                                     a.text)) AS stems
                  FROM hr_exit_answer a
                  JOIN (SELECT hr_exit_interview_report.id,
                               hr_exit_interview_report.departure_month,
                               hr_exit_interview_report.answers_used
                        """ + rows + """) r ON r.id = a.interview_id
                 WHERE r.answers_used AND a.question_type = 'text'
               AND btrim(COALESCE(a.text, '')) <> ''
            ), words AS (
                SELECT c.category_id, c.current, w.word, COUNT(*) AS uses,
                       COUNT(DISTINCT c.interview_id) AS interviews, """ + members + """ AS members
                  FROM comments c, unnest(c.stems) AS w(word)
                 WHERE length(w.word) >= %s AND w.word !~ '[0-9]'
                 GROUP BY 1, 2, 3
            ), totals AS (
                SELECT category_id, current, SUM(uses) AS uses FROM words GROUP BY 1, 2
            ), reach AS (
                SELECT category_id, current, COUNT(DISTINCT interview_id) AS interviews
                  FROM comments GROUP BY 1, 2
            )
            SELECT 'word', w.category_id, w.current, w.word, w.uses, w.interviews, w.members
              FROM words w
             WHERE (w.category_id, w.word) IN (SELECT category_id, word FROM words
                                                WHERE current AND interviews >= %s)
            UNION ALL
            SELECT 'total', r.category_id, r.current, NULL, t.uses, r.interviews, NULL
              FROM reach r LEFT JOIN totals t ON t.current = r.current
                   AND t.category_id IS NOT DISTINCT FROM r.category_id""",
                            [fields.Date.to_string(scope['start'])] + params
                            + [MIN_WORD_LENGTH, minimum])
        words, totals = {}, {}
        for kind, category_id, current, word, uses, interviews, ids in self.env.cr.fetchall():
            if kind == 'total':
                totals.setdefault(category_id, {})[current] = (uses or 0, interviews)
                continue
            now, before, reach, sets = words.setdefault(category_id, ({}, {}, {}, {}))
            (now if current else before)[word] = uses
            if current:
                reach[word], sets[word] = interviews, ids
        return words, totals
