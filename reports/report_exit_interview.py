from odoo import _, api, models
from odoo.exceptions import AccessError

from ..models.reader_format import format_datetime, format_number
from .hr_exit_anonymity_mixin import OFFICER_GROUP


class ReportExitInterview(models.AbstractModel):
    """One exit interview for the HR file: the departure facts and the
    answers grouped by area. Officers only: the report action is restricted
    to them, and this check refuses the rendering to anyone else, whatever
    way (URL, RPC) they call it."""

    _name = 'report.hr_exit_interview.report_exit_interview'
    _description = 'Exit Interview Sheet'

    @api.model
    def get_report_values(self, docids, data=None):
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(_('Only HR officers may print an exit interview.'))
        interviews = self.env['hr.exit.interview'].browse(docids)
        interviews.check_access_rights('read')
        interviews.check_access_rule('read')
        return {
            'doc_ids': interviews.ids,
            'doc_model': 'hr.exit.interview',
            'docs': interviews,
            'areas': dict((interview.id, interview._answers_by_area())
                          for interview in interviews),
            # the reader's language and time zone (the report's context)
            'format_datetime': lambda value: format_datetime(self.env, value),
            'format_number': lambda value, digits=2: format_number(self.env, value, digits),
        }
