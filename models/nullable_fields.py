"""Number fields that store NULL when no value was given.

Odoo stores an empty Integer or Float as 0. For an answer on a 0-10 scale, 0 is
a real answer (a detractor), and an unanswered question must not pull averages
down, so these fields keep "no answer" apart from 0 in the database and in the
cache. SQL aggregates (AVG, COUNT) then skip unanswered rows by themselves.
"""
from odoo import fields


def _empty(value):
    return value is None or value is False


class NullableInteger(fields.Integer):

    def convert_to_column(self, value, record, values=None):
        return None if _empty(value) else int(value)

    def convert_to_cache(self, value, record, validate=True):
        if isinstance(value, dict) or _empty(value):
            return super(NullableInteger, self).convert_to_cache(value, record, validate) or False
        return int(value)


class NullableFloat(fields.Float):

    def convert_to_column(self, value, record, values=None):
        if _empty(value):
            return None
        return super(NullableFloat, self).convert_to_column(value, record, values)

    def convert_to_cache(self, value, record, validate=True):
        if _empty(value):
            return False
        return super(NullableFloat, self).convert_to_cache(value, record, validate)
