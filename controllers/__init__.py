from . import main
from . import mail
from . import json_body
from . import conduct
