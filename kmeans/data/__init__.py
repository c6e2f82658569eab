"""Data input: uploaded bytes in, the matrix k-means clusters and the labelled download out.

One module per job, in the order a file goes through them:

- :mod:`~kmeans.data.reading`: bytes to a :class:`Table` (refuse non-text, decode, sniff the
  delimiter and decimal mark, find the header);
- :mod:`~kmeans.data.cells`: text cells to numbers (decimal commas, NA tokens) and dates;
- :mod:`~kmeans.data.columns`: which columns k-means uses by default (:func:`column_roles`);
- :mod:`~kmeans.data.preparing`: the matrix (:func:`prepare`: gaps, scaling) and back;
- :mod:`~kmeans.data.export`: the labelled download (:func:`labelled_csv`) and the
  page's other CSVs (:func:`table_csv`), formula-safe.

Every problem the user can fix raises :class:`~kmeans.errors.DataError` whose text is one
sentence for the page to show with ``st.error``. This package never imports streamlit.
"""

from kmeans.data.columns import ColumnRole, column_roles
from kmeans.data.export import labelled_csv, table_csv
from kmeans.data.preparing import (
    Prepared,
    check_k_fits,
    log_advice,
    prepare,
    scaling_advice,
    skewed_columns,
    to_original_units,
)
from kmeans.data.reading import Table, read_table
from kmeans.errors import DataError

__all__ = [
    "ColumnRole",
    "DataError",
    "Prepared",
    "Table",
    "check_k_fits",
    "column_roles",
    "labelled_csv",
    "log_advice",
    "prepare",
    "read_table",
    "scaling_advice",
    "skewed_columns",
    "table_csv",
    "to_original_units",
]
