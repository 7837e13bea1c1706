from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .constants import DEPARTURE_REASON_TYPES, REASON_TYPES


class HrExitReason(models.Model):
    """Why someone leaves: the taxonomy used on departures and in reports."""

    _name = 'hr.exit.reason'
    _description = 'Reason for Leaving'
    _order = 'reason_type desc, sequence, name'

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    reason_type = fields.Selection(REASON_TYPES, string='Type', required=True, default='voluntary')
    preventable = fields.Boolean(
        help='The company could have influenced this departure (pay, leadership, '
             'workload...). Reports show the share of preventable exits.')
    category_id = fields.Many2one(
        'hr.exit.category', string='Area', ondelete='restrict', index=True,
        help='The questionnaire area this reason belongs to.')
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    @api.model
    def _departure_domain(self, departure_type):
        """The reasons that fit a departure type (see DEPARTURE_REASON_TYPES):
        the one rule that the forms offer and the checks enforce."""
        if not departure_type:
            return []
        return [('reason_type', 'in', list(DEPARTURE_REASON_TYPES.get(departure_type, ())))]

    @api.model
    def _departure_reasons(self, departure_type):
        """The reasons a form offers for a departure type."""
        return self.search(self._departure_domain(departure_type))

    def _fit_departure_type(self, departure_type):
        """The reasons of self that fit the departure type: what a form keeps
        of its reason when the type changes."""
        allowed = DEPARTURE_REASON_TYPES.get(departure_type) if departure_type else None
        return self.filtered(lambda reason: allowed is None or reason.reason_type in allowed)

    def _check_departure_type(self, departure_type):
        """ValidationError when this reason contradicts the departure type: a
        dismissal "for pay and benefits" would count as voluntary and
        preventable in every report."""
        allowed = DEPARTURE_REASON_TYPES.get(departure_type, ())
        for reason in self.sudo() - self.sudo()._fit_departure_type(departure_type):
            # the labels as their fields translate them
            reason_types = dict(self._fields['reason_type']._description_selection(self.env))
            types = dict(self.env['hr.exit.interview']._fields[
                'departure_type']._description_selection(self.env))
            raise ValidationError(_(
                'The reason "%s" (%s) does not fit a departure of type "%s": choose a '
                'reason of type %s, or change the departure type.') % (
                    reason.name, reason_types[reason.reason_type], types[departure_type],
                    ' / '.join(reason_types[name] for name in allowed)))
