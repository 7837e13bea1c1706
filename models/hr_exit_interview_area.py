from odoo import api, fields, models

# The rated answers of an interview, per area: what the trend report's
# score per area adds up, one row per interview and area instead of one per
# answer (a five-year report reads about seven rows per departure instead of
# twenty-one answers, and counts the interviews of an area with COUNT(*)
# instead of COUNT(DISTINCT)).
INSERT_AREA_ROWS_SQL = """
    INSERT INTO hr_exit_interview_area (interview_id, category_id, rating_count, rating_sum)
    SELECT interview_id, category_id, COUNT(*), SUM(rating)
      FROM hr_exit_answer
     WHERE question_type = 'rating' AND rating IS NOT NULL
       AND (%(all)s OR interview_id = ANY(%(ids)s))
     GROUP BY interview_id, category_id"""


class HrExitInterviewArea(models.Model):
    """The 1-5 ratings of one interview in one area: how many were given and
    their sum. The rows follow the answers (see hr.exit.answer), nobody
    writes them; the interview and the area are those of the answers, with
    the rules of the analysis applied where they are read."""

    _name = 'hr.exit.interview.area'
    _description = 'Exit Interview Ratings per Area'
    _log_access = False
    _rec_name = 'category_id'

    interview_id = fields.Many2one('hr.exit.interview', required=True, ondelete='cascade',
                                   index=True, readonly=True)
    category_id = fields.Many2one('hr.exit.category', string='Area', ondelete='restrict',
                                  index=True, readonly=True)
    rating_count = fields.Integer(string='Ratings', readonly=True)
    rating_sum = fields.Integer(string='Sum of the Ratings', readonly=True)

    @api.model
    def _refresh(self, interview_ids):
        """Recompute the rows of these interviews from their answers, in SQL:
        an aggregate of the answers, written by whoever changed them."""
        interview_ids = tuple(set(interview_ids))
        if not interview_ids:
            return
        self.env.cr.execute('DELETE FROM hr_exit_interview_area WHERE interview_id IN %s',
                            [interview_ids])
        self.env.cr.execute(INSERT_AREA_ROWS_SQL, {'all': False, 'ids': list(interview_ids)})
        self.invalidate_cache()

    @api.model_cr
    def init(self):
        """Fill the table once from the answers when it is new (the addon
        updated from a version without it)."""
        self.env.cr.execute("""
            SELECT NOT EXISTS (SELECT 1 FROM hr_exit_interview_area)
               AND EXISTS (SELECT 1 FROM hr_exit_answer
                            WHERE question_type = 'rating' AND rating IS NOT NULL)""")
        if self.env.cr.fetchone()[0]:
            self.env.cr.execute(INSERT_AREA_ROWS_SQL, {'all': True, 'ids': []})
            self.env.cr.execute('ANALYZE hr_exit_interview_area')
