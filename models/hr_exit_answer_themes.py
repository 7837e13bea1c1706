"""The themes of the comments: every free-text answer is tagged when it is
saved, in the language of the leaver (the confidential notes of the
interview are no answer and never tagged); officers see and correct the
tags; an exit administrator tags every comment again after changing the
taxonomy. The anonymisation, which removes the comments, keeps their themes
as it keeps the scores: the statistics do not change."""
import logging

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

from .hr_exit_interview import is_anonymizing
from .hr_exit_theme_keyword import THEME_LANGUAGES
from .theme_tagger import detect_language, language_of

_logger = logging.getLogger(__name__)

OFFICER_GROUP = 'hr_exit_interview.group_exit_officer'
MANAGER_GROUP = 'hr_exit_interview.group_exit_manager'
# Comments tagged per round trip of the recompute: read, tag, write back.
THEME_BATCH_SIZE = 2000
# The language of the leaver, as the interview computes it (leaver_lang): the
# private address's, else the user's.
LEAVER_LANG_SQL = """
    SELECT a.id, COALESCE(home.lang, person.lang)
      FROM hr_exit_answer a
      JOIN hr_exit_interview i ON i.id = a.interview_id
      LEFT JOIN hr_employee e ON e.id = i.employee_id
      LEFT JOIN res_partner home ON home.id = e.address_home_id
      LEFT JOIN resource_resource r ON r.id = e.resource_id
      LEFT JOIN res_users u ON u.id = r.user_id
      LEFT JOIN res_partner person ON person.id = u.partner_id
     WHERE a.id IN %s"""


class HrExitAnswer(models.Model):
    _inherit = 'hr.exit.answer'

    theme_ids = fields.Many2many(
        'hr.exit.theme', string='Themes', compute='_compute_theme_ids',
        inverse='_inverse_theme_ids', search='_search_theme_ids', groups=OFFICER_GROUP,
        help='What the comment speaks of, found from the keywords of the themes. Correct them '
             'here: a theme added or removed by hand stays so when the tags are computed again.')
    theme_lang = fields.Selection(THEME_LANGUAGES, string='Comment Language', readonly=True,
                                  copy=False, groups=OFFICER_GROUP)

    def _compute_theme_ids(self):
        ids = [answer_id for answer_id in self.ids if isinstance(answer_id, int)]
        themes = {}
        for tag in self.env['hr.exit.answer.theme.tag'].sudo().search_read(
                [('answer_id', 'in', ids), ('removed', '=', False)], ['answer_id', 'theme_id']):
            themes.setdefault(tag['answer_id'][0], []).append(tag['theme_id'][0])
        for answer in self:
            answer.theme_ids = [(6, 0, themes.get(answer.id, []))]

    @api.model
    def _search_theme_ids(self, operator, value):
        """Comments with (or, for ``= False``, without) a theme."""
        if operator in ('=', '!=') and not value:
            self.env.cr.execute('SELECT DISTINCT answer_id FROM hr_exit_answer_theme_tag '
                                'WHERE NOT COALESCE(removed, FALSE)')
            tagged = [row[0] for row in self.env.cr.fetchall()]
            return [('id', 'not in' if operator == '=' else 'in', tagged)]
        tags = self.env['hr.exit.answer.theme.tag'].sudo().search(
            [('theme_id', operator, value), ('removed', '=', False)])
        return [('id', 'in', tags.mapped('answer_id').ids)]

    def _inverse_theme_ids(self):
        """Corrections are written by ``write`` (see ``_correct_themes``),
        also on the answers of a closed interview, which change no more."""

    @api.model
    def create(self, vals):
        vals.pop('theme_ids', None)
        answer = super(HrExitAnswer, self).create(vals)
        if answer.question_type == 'text' and answer.text:
            answer._tag_themes()
        return answer

    @api.multi
    def write(self, vals):
        if 'theme_ids' in vals:
            vals = dict(vals)
            self._correct_themes(vals.pop('theme_ids'))
            if not vals:
                return True
        result = super(HrExitAnswer, self).write(vals)
        # The anonymisation removes the text and keeps what was counted of
        # it, as it keeps the scores: its themes stay, and stay as they are.
        if 'text' in vals and not is_anonymizing(self.env):
            self._tag_themes()
        return result

    # ------------------------------------------------------------------
    # Tagging
    # ------------------------------------------------------------------

    def _tag_themes(self):
        """Tag the comments of these answers with the themes they speak of,
        replacing what the tagger found before and keeping the corrections."""
        answers = self.filtered(lambda answer: answer.question_type == 'text')
        if not answers:
            return
        self.env.cr.execute('SELECT id, text, theme_lang FROM hr_exit_answer WHERE id IN %s',
                            (tuple(answers.ids),))
        self._store_themes(self._find_themes(self.env.cr.fetchall()))

    @api.model
    def _recompute_themes(self, batch_size=THEME_BATCH_SIZE):
        """Tag every comment again, ``batch_size`` at a time; returns the
        number of comments. For exit administrators: it follows a change of
        the taxonomy, which only they make."""
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_('Only exit interview administrators recompute the themes of '
                                'the comments.'))
        self.env.cr.execute("""
            SELECT id FROM hr_exit_answer
             WHERE question_type = 'text' AND btrim(COALESCE(text, '')) <> ''
             ORDER BY id""")
        ids = [row[0] for row in self.env.cr.fetchall()]
        for start in range(0, len(ids), batch_size):
            self.env.cr.execute('SELECT id, text, theme_lang FROM hr_exit_answer WHERE id IN %s',
                                (tuple(ids[start:start + batch_size]),))
            self._store_themes(self._find_themes(self.env.cr.fetchall()))
        _logger.info('Comment themes: %d comments tagged again', len(ids))
        return len(ids)

    @api.model
    def _find_themes(self, rows):
        """``{answer id: (language, theme ids)}`` for rows of ``(id, text,
        language or None)``; a comment without a language gets the leaver's,
        else the one its words tell."""
        unknown = tuple(answer_id for answer_id, text, lang in rows if text and not lang)
        leaver_langs = {}
        if unknown:
            self.env.cr.execute(LEAVER_LANG_SQL, (unknown,))
            leaver_langs = dict(self.env.cr.fetchall())
        tagger = self.env['hr.exit.theme'].sudo()._tagger()
        result = {}
        for answer_id, text, lang in rows:
            if not (text or '').strip():
                result[answer_id] = (None, set())
                continue
            lang = lang or language_of(leaver_langs.get(answer_id)) or detect_language(text)
            result[answer_id] = (lang, tagger.tag(text, lang))
        return result

    @api.model
    def _store_themes(self, found):
        """Write what ``_find_themes`` found, in a few statements: the found
        tags are replaced, the corrections kept (a removed theme stays
        removed); a comment that is gone loses every tag."""
        if not found:
            return
        cr = self.env.cr
        ids = list(found)
        empty = [answer_id for answer_id, (lang, _themes) in found.items() if lang is None]
        cr.execute('DELETE FROM hr_exit_answer_theme_tag WHERE answer_id IN %s '
                   'AND (NOT COALESCE(manual, FALSE) OR answer_id IN %s)',
                   (tuple(ids), tuple(empty or [0])))
        for lang in set(lang for lang, _themes in found.values() if lang):
            answer_ids = tuple(answer_id for answer_id, (value, _themes) in found.items()
                               if value == lang)
            cr.execute('UPDATE hr_exit_answer SET theme_lang = %s WHERE id IN %s '
                       'AND theme_lang IS DISTINCT FROM %s', (lang, answer_ids, lang))
            cr.execute('UPDATE hr_exit_answer_theme_tag SET lang = %s WHERE answer_id IN %s '
                       'AND lang IS DISTINCT FROM %s', (lang, answer_ids, lang))
        rows = [(answer_id, theme_id, lang) for answer_id, (lang, themes) in found.items()
                for theme_id in themes]
        if rows:
            cr.execute("""
                INSERT INTO hr_exit_answer_theme_tag
                       (answer_id, interview_id, theme_id, lang, manual, removed,
                        create_uid, write_uid, create_date, write_date)
                SELECT row.answer_id, answer.interview_id, row.theme_id, row.lang, FALSE, FALSE,
                       %s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                  FROM unnest(%s::int[], %s::int[], %s::varchar[])
                       AS row(answer_id, theme_id, lang)
                  JOIN hr_exit_answer answer ON answer.id = row.answer_id
                ON CONFLICT (answer_id, theme_id) DO NOTHING""",
                       (self.env.uid, self.env.uid, [row[0] for row in rows],
                        [row[1] for row in rows], [row[2] for row in rows]))
        self.env['hr.exit.answer.theme.tag'].invalidate_cache()
        self.invalidate_cache(['theme_ids', 'theme_lang'], ids)

    # ------------------------------------------------------------------
    # Corrections
    # ------------------------------------------------------------------

    def _correct_themes(self, commands):
        """An officer sets the themes of comments (x2many commands): a theme
        added is kept, a theme taken away stays away, whatever the tagger
        finds later."""
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(_('Only exit interview officers correct the themes of '
                                'comments.'))
        self.check_access_rule('read')
        Tag = self.env['hr.exit.answer.theme.tag'].sudo()
        for answer in self:
            shown = set(answer.theme_ids.ids)
            wanted = self._apply_commands(shown, commands)
            rows = dict((tag.theme_id.id, tag) for tag in Tag.search(
                [('answer_id', '=', answer.id)]))
            for theme_id in wanted - shown:
                if theme_id in rows:
                    rows[theme_id].write({'manual': True, 'removed': False})
                else:
                    Tag.create({'answer_id': answer.id, 'theme_id': theme_id, 'manual': True,
                                'lang': answer.sudo().theme_lang})
            for theme_id in shown - wanted:
                rows[theme_id].write({'manual': True, 'removed': True})
        self.invalidate_cache(['theme_ids'], self.ids)

    @staticmethod
    def _apply_commands(ids, commands):
        """The ids that x2many ``commands`` leave of ``ids`` (commands 3 to 6;
        a plain list of ids replaces them)."""
        result = set(ids)
        for command in commands or []:
            if isinstance(command, int):
                result.add(command)
            elif command[0] == 6:
                result = set(command[2] or [])
            elif command[0] == 5:
                result = set()
            elif command[0] == 4:
                result.add(command[1])
            elif command[0] == 3:
                result.discard(command[1])
        return result
