"""What each user has been shown by the exit analyses, for the complement rule
(see ``difference_guard``).

One row per set of interviews behind a figure shown to a user who is not an
exit HR officer: the user, the analysis it belongs to, the number of
interviews, the first interview ids (to find the sets that could be close
cheaply), a digest (to recognise the same set) and the member ids. No name,
no figure, no filter: nothing but what the check needs.

Nobody reads this table through the ORM: its only access row grants nothing
(not even to officers), there is no menu and no view; the guard writes and
reads it in SQL on behalf of the user it concerns. Rows older than the
company's window, or beyond the number of sets it keeps per user, are
deleted when a user's sets are written and by a daily cron.
"""
import hashlib

from odoo import api, fields, models


class HrExitShownSet(models.Model):
    _name = 'hr.exit.shown.set'
    _description = 'Exit Analysis Set Already Shown'
    _log_access = False
    _order = 'id desc'

    user_id = fields.Many2one('res.users', required=True, ondelete='cascade', readonly=True)
    kind = fields.Char(required=True, readonly=True,
                       help='The analysis model whose rows the members are.')
    size = fields.Integer(required=True, readonly=True, help='Number of interviews.')
    digest = fields.Char(required=True, readonly=True)
    shown_at = fields.Datetime(required=True, readonly=True)

    @api.model_cr
    def init(self):
        # Odoo has no array field: the smallest interview ids and the members
        # are integer arrays, which PostgreSQL compares and overlaps itself.
        cr = self.env.cr
        cr.execute('ALTER TABLE hr_exit_shown_set ADD COLUMN IF NOT EXISTS head integer[]')
        cr.execute('ALTER TABLE hr_exit_shown_set ADD COLUMN IF NOT EXISTS members integer[]')
        cr.execute("""CREATE UNIQUE INDEX IF NOT EXISTS hr_exit_shown_set_digest_index
                          ON hr_exit_shown_set (user_id, kind, digest)""")
        # the sets are read per user and analysis, never by their first ids
        cr.execute('DROP INDEX IF EXISTS hr_exit_shown_set_head_index')
        cr.execute("""CREATE INDEX IF NOT EXISTS hr_exit_shown_set_time_index
                          ON hr_exit_shown_set (user_id, shown_at)""")

    # ------------------------------------------------------------------
    # Called by the guard only (SQL, on behalf of the user concerned)
    # ------------------------------------------------------------------

    @api.model
    def _fetch_heads(self, user, kind):
        """``[(id, size, digest, head, shown at)]`` of the sets of ``user``
        in the window. No members: see ``_fetch_members``. The window bounds
        the rows; filtering them in SQL by their first interviews would cost
        more than it saves (an overlap of integer arrays compares every
        pair)."""
        self.env.cr.execute("""
            SELECT id, size, digest, head, shown_at
              FROM hr_exit_shown_set
             WHERE user_id = %s AND kind = %s
               AND shown_at >= (now() at time zone 'UTC') - %s * interval '1 day'
        """, [user.id, kind, max(user.company_id.sudo().exit_difference_days, 1)])
        return self.env.cr.fetchall()

    @api.model
    def _history_signature(self, user, kind):
        """What changes whenever a set of ``user`` is stored, marked as
        shown again or deleted: the number of sets, the last id (ids only
        grow, rolled back or not) and the sum of the times they were shown."""
        self.env.cr.execute("""
            SELECT COUNT(*), MAX(id), SUM(EXTRACT(EPOCH FROM shown_at))
              FROM hr_exit_shown_set
             WHERE user_id = %s AND kind = %s""", [user.id, kind])
        return tuple(self.env.cr.fetchone()) + (
            user.company_id.sudo().exit_difference_days,)

    @api.model
    def _fetch_members(self, user, ids):
        """``[(id, members)]`` of the sets of ``user`` among ``ids``."""
        if not ids:
            return []
        self.env.cr.execute('SELECT id, members FROM hr_exit_shown_set '
                            'WHERE id = ANY(%s) AND user_id = %s', [sorted(ids), user.id])
        return self.env.cr.fetchall()

    @api.model
    def _remember(self, user, kind, sets, again=()):
        """Store ``sets`` (``[(digest, size, head, members)]``) as shown to
        ``user`` now (a set already stored is only marked as shown again),
        mark the stored sets of ids ``again`` as shown now, and prune the
        user's sets to the window when sets were added."""
        if again:
            self.env.cr.execute(
                "UPDATE hr_exit_shown_set SET shown_at = now() at time zone 'UTC' "
                "WHERE id = ANY(%s) AND user_id = %s", [sorted(again), user.id])
        if not sets:
            return
        # integer arrays of different lengths travel as text, one per set
        self.env.cr.execute("""
            INSERT INTO hr_exit_shown_set (user_id, kind, digest, size, head, members, shown_at)
            SELECT %s, %s, new.digest, new.size, string_to_array(new.head, ',')::integer[],
                   string_to_array(new.members, ',')::integer[], now() at time zone 'UTC'
              FROM unnest(%s::varchar[], %s::integer[], %s::text[], %s::text[])
                   AS new(digest, size, head, members)
            ON CONFLICT (user_id, kind, digest) DO UPDATE SET shown_at = EXCLUDED.shown_at
        """, [user.id, kind, [digest for digest, _size, _head, _members in sets],
              [size for _digest, size, _head, _members in sets],
              [','.join(str(member) for member in head) for _digest, _size, head, _m in sets],
              [','.join(str(member) for member in members)
               for _digest, _size, _head, members in sets]])
        self._prune([user])

    @api.model
    def _prune(self, users=None):
        """Delete the sets outside the window: older than the company's
        days, or beyond the number of sets it keeps per user."""
        users = users if users is not None else self.env['res.users'].with_context(
            active_test=False).search([])
        by_company = {}
        for user in users:
            by_company.setdefault(user.company_id, []).append(user.id)
        for company, user_ids in by_company.items():
            company = company.sudo()
            self.env.cr.execute("""
                DELETE FROM hr_exit_shown_set
                 WHERE user_id IN %s
                   AND (shown_at < (now() at time zone 'UTC') - %s * interval '1 day'
                        OR id IN (SELECT id FROM (
                                      SELECT id, row_number() OVER (
                                                 PARTITION BY user_id
                                                 ORDER BY shown_at DESC, id DESC) AS position
                                        FROM hr_exit_shown_set WHERE user_id IN %s) ranked
                                   WHERE position > %s))
            """, [tuple(user_ids), max(company.exit_difference_days, 1), tuple(user_ids),
                  max(company.exit_difference_sets, 1)])

    @api.model
    def _cron_prune(self):
        """Daily: the window of every user, also of those who read nothing since."""
        self.env.cr.execute('SELECT DISTINCT user_id FROM hr_exit_shown_set')
        user_ids = [row[0] for row in self.env.cr.fetchall()]
        self._prune(self.env['res.users'].with_context(active_test=False).browse(user_ids))


def digest_of(members):
    """The same digest for the same sorted members, in any process, and in
    SQL: the MD5 of the text of the integer array (``md5(ids::text)``)."""
    return hashlib.md5(('{%s}' % ','.join(str(member) for member in members))
                       .encode('ascii')).hexdigest()


# The digest of sorted interview ids, by PostgreSQL: see ``digest_of``.
DIGEST_SQL = 'md5(%s::text)'
