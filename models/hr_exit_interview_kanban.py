from odoo import api, fields, models

from .constants import FOLDED_STATES, INTERVIEW_STATES


class HrExitInterviewKanban(models.Model):
    """The interviews grouped by state: one column per state in the order of
    the lifecycle (to schedule, scheduled, held, then the interviews that
    will not take place, folded), even when a column is empty, so that the
    board reads the same way every day."""

    _inherit = 'hr.exit.interview'

    state = fields.Selection(string='Status', group_expand='_expand_states')

    @api.model
    def _expand_states(self, states, domain, order):
        """Every state, in the lifecycle order of INTERVIEW_STATES; without
        this a grouping by state would follow the alphabet of the keys."""
        return [key for key, _label in INTERVIEW_STATES]

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        """Fold the columns of declined and cancelled interviews: Odoo folds
        the groups of a many2one only, from its ``fold`` field."""
        result = super(HrExitInterviewKanban, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
        groupbys = [groupby] if isinstance(groupby, str) else list(groupby or [])
        if groupbys and groupbys[0] == 'state':
            for line in result:
                line['__fold'] = line.get('state') in FOLDED_STATES
        return result
