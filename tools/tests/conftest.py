import os
import sys

# The scripts under tools/ are imported by their tests as plain modules.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
