from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class HrExitInterviewFieldGuard(models.Model):
    """Fields restricted to some groups: no searching, sorting or grouping on
    them either (Odoo 11 only checks read and write)."""

    _inherit = 'hr.exit.interview'

    def _check_restricted_fields(self, names):
        if self.env.uid == SUPERUSER_ID:
            return
        for name in names:
            field = self._fields.get(name)
            if field and field.groups and not self.user_has_groups(field.groups):
                raise AccessError(_('You are not allowed to search, sort or group exit '
                                    'interviews on "%s".') % field.string)

    @api.model
    def _where_calc(self, domain, active_test=True):
        self._check_restricted_fields(
            leaf[0].split('.')[0] for leaf in domain or []
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3
            and isinstance(leaf[0], str))
        return super(HrExitInterviewFieldGuard, self)._where_calc(domain, active_test=active_test)

    @api.model
    def _generate_order_by(self, order_spec, query):
        if order_spec:
            self._check_restricted_fields(
                part.split()[0].strip('"') for part in order_spec.split(',') if part.strip())
        return super(HrExitInterviewFieldGuard, self)._generate_order_by(order_spec, query)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        groupbys = [groupby] if isinstance(groupby, str) else list(groupby or [])
        orders = [part.split()[0] for part in (orderby or '').split(',') if part.strip()]
        self._check_restricted_fields(
            name.split(':')[0].strip() for name in list(fields or []) + groupbys + orders)
        return super(HrExitInterviewFieldGuard, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
