from . import test_runtime
from . import test_workflow
from . import test_answers
from . import test_questionnaire
from . import test_departure
from . import test_reports
from . import test_trend_report
