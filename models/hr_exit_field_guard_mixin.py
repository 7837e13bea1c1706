from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError
from odoo.osv import expression


def domain_paths(domain):
    """The field paths ('employee_id.departure_date') a domain filters on.

    Operators ('&', '|', '!') and constant leaves (1, '=', 1) name no field."""
    for term in domain or []:
        if isinstance(term, (list, tuple)) and len(term) == 3 and isinstance(term[0], str):
            yield term[0]


def order_paths(order_spec):
    """The field names of an order spec ('departure_date desc, "name" asc')."""
    for part in (order_spec or '').split(','):
        words = part.split()
        if words:
            yield words[0].strip('"')


def group_paths(names):
    """The field names of read_group's fields or groupby ('departure_date:month')."""
    for name in names or []:
        if isinstance(name, str) and name.strip():
            yield name.split(':')[0].strip()


class HrExitFieldGuardMixin(models.AbstractModel):
    """Searching, sorting and grouping by a field are reading it.

    Odoo 11 checks a field's ``groups`` when the field is read or written, not
    when a domain, an order or a grouping uses it, so the order of a list (or
    the rows a filter keeps) would tell, by bisection, what the field holds.

    The one outcome, for every model that inherits this mixin: a domain (any
    of its leaves, dotted paths included, whatever the operator or a '!'
    around it), an order spec, or a read_group grouping, order or aggregate
    that reaches a field the user may not read raises an AccessError naming
    the model and the field, before any SQL runs. A dotted path is followed
    field by field through every model it crosses ('interview_id.
    confidential_notes' from an answer, 'exit_interview_ids.confidential_notes'
    from an employee), whether or not that model inherits the mixin.

    Some models also hide a field on some of their records only (the
    departure of another company's employee reads empty): they list those
    fields in ``_exit_masked_fields`` and say in ``_exit_visible_domain`` on
    which records they are shown. A search, sort or grouping that uses such a
    field keeps only those records, so it tells no more than a read does.
    """

    _name = 'hr.exit.field.guard.mixin'
    _description = 'Guard of Restricted Fields in Searches, Sorts and Groupings'

    # fields shown on some records only (see _exit_visible_domain)
    _exit_masked_fields = ()

    @api.model
    def _exit_visible_domain(self):
        """The records on which the user sees the masked fields."""
        return []

    @api.model
    def _exit_guard(self, paths):
        """Refuse the paths that reach a field the user may not read; return
        whether one of them uses a masked field of this model."""
        if self.env.uid == SUPERUSER_ID:
            return False
        masked = False
        for path in paths:
            names = path.split('.')
            masked = masked or names[0] in self._exit_masked_fields
            model = self
            for name in names:
                field = model._fields.get(name)
                if field is None:
                    break   # Odoo's own checks refuse unknown fields
                if field.groups and not model.user_has_groups(field.groups):
                    raise AccessError(_(
                        'You are not allowed to search, sort or group %s by "%s": only some '
                        'groups may read that field.') % (model._description, field.string))
                if not field.relational:
                    break
                model = self.env[field.comodel_name]
        return masked

    @api.model
    def _exit_restrict(self, domain):
        """domain, limited to the records whose masked fields the user sees."""
        return expression.AND([self._exit_visible_domain(), domain or []])

    @api.model
    def _where_calc(self, domain, active_test=True):
        if self._exit_guard(domain_paths(domain)):
            domain = self._exit_restrict(domain)
        return super(HrExitFieldGuardMixin, self)._where_calc(domain, active_test=active_test)

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        if order and not count and self._exit_guard(order_paths(order)):
            args = self._exit_restrict(args)
        return super(HrExitFieldGuardMixin, self)._search(
            args, offset=offset, limit=limit, order=order, count=count,
            access_rights_uid=access_rights_uid)

    @api.model
    def _generate_order_by_inner(self, alias, order_spec, query, reverse_direction=False,
                                 seen=None):
        # Also reached when another model sorts by a many2one pointing here.
        self._exit_guard(order_paths(order_spec))
        return super(HrExitFieldGuardMixin, self)._generate_order_by_inner(
            alias, order_spec, query, reverse_direction=reverse_direction, seen=seen)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        groupbys = [groupby] if isinstance(groupby, str) else list(groupby or [])
        paths = list(group_paths(fields)) + list(group_paths(groupbys)) \
            + list(order_paths(orderby))
        if self._exit_guard(paths):
            domain = self._exit_restrict(domain)
        return super(HrExitFieldGuardMixin, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
