from odoo import models
from odoo.exceptions import ValidationError


class HrExitInterviewFormAnswers(models.Model):
    """Answers typed in a web form: the one path from what a browser sent to
    the answer lines, shared by the leaver's self-service page (all answers
    at once) and the interviewer's conduct screen (one answer per change).
    A rule about reading or saving an answer changes here for both pages."""

    _inherit = 'hr.exit.interview'

    def _parse_form_answers(self, form, partial=False):
        """Read the answers of this interview in ``form`` (field name -> the
        string the browser sent; see hr.exit.answer._selfservice_key).

        Returns ``(errors, updates)``: the error messages by field name, and
        ``[(answer, values to write)]``. Names that are not answers of this
        interview are ignored. ``partial``: only the answers present in the
        form are read, and an empty one clears the answer (saving as you go
        may empty a question that must be answered before the end; the end
        checks it); otherwise every answer is read and a missing mandatory
        one is an error."""
        self.ensure_one()
        errors, updates = {}, []
        for answer in self.answer_ids:
            key = answer._selfservice_key()
            if partial and key not in form:
                continue
            raw = form.get(key)
            if partial and not (raw if isinstance(raw, str) else '').strip():
                updates.append((answer, answer._cleared_values()))
                continue
            try:
                values = answer._parse_submitted_value(raw)
            except ValidationError as error:
                errors[key] = error.name
                continue
            if values:
                updates.append((answer, values))
        return errors, updates

    def _write_form_answers(self, updates):
        """Write what _parse_form_answers() read, as the current user: the
        access rights and rules of the answers apply."""
        for answer, values in updates:
            changed = {field: value for field, value in values.items()
                       if answer._form_differs(field, value)}
            if changed:
                answer.write(changed)

    def _form_typed_values(self):
        """{field name: the saved answer as the form shows it}, to show the
        saved answers again (the conduct screen after a reload)."""
        self.ensure_one()
        return {answer._selfservice_key(): answer._form_value() for answer in self.answer_ids}

