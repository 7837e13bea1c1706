from . import hr_exit_anonymity_mixin
from . import hr_exit_report_mixin
from . import hr_exit_interview_report
from . import hr_exit_answer_report
from . import report_exit_trends
from . import report_exit_interview
from . import report_exit_trends_stay
