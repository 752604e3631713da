"""Chinese quantities as an editor reads them: numerals, magnitudes, qualifiers, ranges, dates.

Public interface (stable, used by extract.py and the `parse` command):

    read_quantities(text, ref_year=None) -> list[Quantity]
"""

from factcheck.quantity.model import Quantity
from factcheck.quantity.reader import read_quantities

__all__ = ["Quantity", "read_quantities"]
