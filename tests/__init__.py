from . import test_runtime
from . import test_workflow
from . import test_answers
from . import test_questionnaire
from . import test_departure
from . import test_security
from . import test_retention
