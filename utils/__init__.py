"""Library behind the Union State Explained notebooks.

Importing the package sets the project's plotly template and the offline
renderer, so every figure a notebook shows follows the house rules.
"""

from utils.render import register_display
from utils.theme import register_template

register_template()
register_display()
