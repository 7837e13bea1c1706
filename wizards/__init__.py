from . import hr_exit_departure_wizard
from . import hr_exit_anonymize_wizard
from . import hr_exit_trend_wizard
from . import mail_compose_message
