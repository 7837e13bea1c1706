from . import test_runtime
