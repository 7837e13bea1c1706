from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

# Context value of the addon's own writes of system fields. A Python object, not
# a flag: a client can put any JSON in the context of a call, not this object.
_SYSTEM_WRITE = object()
SYSTEM_WRITE_KEY = 'exit_system_write'


class HrExitSystemFieldsMixin(models.AbstractModel):
    """Fields that only the system writes: states and the dates of the
    workflow, the columns the record rules read, the copy of what was asked.

    A record is evidence: who held the interview and when, what the leaver
    answered to which question. If a user could write these fields directly,
    the chatter and the reports would show what never happened. So, for
    anyone but the superuser, ``write`` and ``create`` refuse the fields
    listed in ``_exit_system_fields`` with an AccessError that names them,
    before anything is written (each model calls the checks at the top of
    its own write and create); the action methods write them through
    ``_exit_as_system`` or ``_exit_system_write``, as the user (the chatter
    keeps the real author). Both are private: no client can call them.
    A value equal to the one the record holds (or, in a create, to the one
    the system would set) is no change and passes: clients send unchanged
    values back.

    The same goes for links (``_exit_target_fields``) and companies
    (``_exit_company_checked``): Odoo 11 checks neither what a record is
    linked to nor, after a write, where it went. Those two are checked here,
    in create and write, for every model that lists them.
    """

    _name = 'hr.exit.system.fields.mixin'
    _description = 'Fields Written by the System Only'

    _exit_system_fields = ()
    # relational fields whose new targets the user must be able to read
    _exit_target_fields = ()
    # whether company_id stays in the user's company tree (see below)
    _exit_company_checked = False

    @api.model
    def create(self, vals):
        self._exit_check_links(vals)
        return super(HrExitSystemFieldsMixin, self).create(vals)

    @api.multi
    def write(self, vals):
        self._exit_check_links(vals)
        return super(HrExitSystemFieldsMixin, self).write(vals)

    @api.model
    def _exit_check_links(self, vals):
        """Where a record may be put, and what it may be linked to."""
        if self._exit_company_checked:
            self._exit_check_company_vals(vals)
        self._exit_check_targets(vals, self._exit_target_fields)

    def _exit_is_system(self):
        return self.env.uid == SUPERUSER_ID \
            or self.env.context.get(SYSTEM_WRITE_KEY) is _SYSTEM_WRITE

    def _exit_as_system(self):
        """self, for an action method that writes system fields: the user's
        access rights and record rules still apply, only this guard is lifted."""
        return self.with_context(**{SYSTEM_WRITE_KEY: _SYSTEM_WRITE})

    def _exit_system_write(self, vals):
        """Write system fields on behalf of an action method."""
        return self._exit_as_system().write(vals)

    def _exit_check_system_write(self, vals, names=None):
        """Refuse a write of ``names`` (default: the system fields) that
        changes one of them on one of the records."""
        if self._exit_is_system():
            return
        names = self._exit_system_fields if names is None else names
        changed = [name for name in names if name in vals and any(
            self._exit_differs(record, name, vals[name]) for record in self)]
        self._exit_refuse(changed)

    @api.model
    def _exit_check_system_create(self, vals, expected=None):
        """Refuse a create that sets a system field to anything but what the
        system would set (``expected``, else the field's default)."""
        if self._exit_is_system():
            return
        expected = dict(expected or {})
        given = [name for name in self._exit_system_fields if name in vals]
        missing = [name for name in given if name not in expected]
        expected.update(self.default_get(missing) if missing else {})
        changed = [name for name in given if self._exit_differs(
            self.new(expected), name, vals[name])]
        self._exit_refuse(changed)

    @api.model
    def _exit_check_company_vals(self, vals):
        """Odoo 11 checks the company rules before a write, not after: a
        record could be moved, or created, out of sight into a company the
        user does not work in. Refuse a company outside the current
        company's tree (Odoo's rules decide about "no company")."""
        if 'company_id' not in vals or self._exit_is_system():
            return
        company = self.env['res.company'].sudo().browse(vals['company_id'] or [])
        if company and not company.search_count([
                ('id', '=', company.id), ('id', 'child_of', [self.env.user.company_id.id])]):
            raise AccessError(_('%s: a record can only be put in your current company or a '
                                'company under it, not in %s.') % (self._description,
                                                                     company.name))

    @api.model
    def _exit_check_targets(self, vals, names):
        """Odoo 11 links any id a client sends in a relational field, even of
        a record the record rules hide from the user (another company's):
        refuse those of ``names`` (many2one ids, many2many commands 4 and 6)."""
        if self._exit_is_system():
            return
        for name in names:
            if not vals.get(name):
                continue
            ids = set()
            if self._fields[name].type == 'many2one':
                ids.add(vals[name])
            for command in vals[name] if isinstance(vals[name], (list, tuple)) else []:
                if command[0] == 4:
                    ids.add(command[1])
                elif command[0] == 6:
                    ids.update(command[2])
            # The record rules (companies, the leaver's own interview), not the
            # access rights: an officer links the job without reading jobs.
            self.env[self._fields[name].comodel_name].browse(ids).check_access_rule('read')

    def _exit_differs(self, record, name, value):
        """Whether ``value`` (as given to write) differs from record's value.
        Compared as Odoo caches them, and False apart from 0: for a nullable
        number, "no value" and 0 are two values."""
        field = self._fields[name]
        if field.type in ('one2many', 'many2many'):
            return True     # commands: never "unchanged"
        current = record[name]
        if field.type == 'many2one':
            return (value or False) != (current.id or False)
        new = field.convert_to_cache(False if value in (None, '') else value, record,
                                     validate=False)
        old = field.convert_to_cache(current, record, validate=False)
        return new != old or (new is False) != (old is False)

    def _exit_refuse(self, names):
        if names:
            raise AccessError(_('%s: %s cannot be set by hand; the actions of the record '
                                'set them.') % (self._description, ', '.join(sorted(
                                    self._fields[name].string for name in names))))
