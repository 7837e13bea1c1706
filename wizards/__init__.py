from . import hr_exit_departure_wizard
