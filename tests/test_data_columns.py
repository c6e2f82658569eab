"""Tests of kmeans.data.columns: what each column is and why it is (not) used."""

import numpy as np
import pandas as pd
import pytest

from kmeans.data import (
    ColumnRole,
    column_roles,
)
from tests.corpus import read_corpus


def test_roles_say_why_each_column_is_left_out():
    roles = {role.name: role for role in column_roles(read_corpus("roles.csv").frame)}
    assert [name for name, role in roles.items() if role.used] == ["x", "y"]
    assert roles["id"].kind == "id"
    assert roles["date"].kind == "date"
    assert roles["constant"].reason == "Every row holds 7, so it cannot separate groups."
    assert roles["empty"].kind == "empty"
    assert "categories" in roles["group"].reason
    assert all(isinstance(role, ColumnRole) and role.reason for role in roles.values())


def test_mostly_numbers_column_names_the_bad_cell():
    roles = column_roles(read_corpus("mostly_numbers.csv").frame)
    assert roles[1].kind == "text"
    assert "'abc' is not one" in roles[1].reason


def test_short_increasing_column_is_still_a_measurement():
    frame = pd.DataFrame({"x": [1, 2, 4], "user_id": [7, 3, 5], "z": [0.5, 0.1, 0.2]})
    assert [role.kind for role in column_roles(frame)] == ["numeric", "id", "numeric"]


def test_roles_look_at_every_value_not_the_first_thousand():
    role = column_roles(read_corpus("late_text.csv").frame)[1]
    assert (role.kind, role.used) == ("text", False)
    assert role.reason == (
        "Mostly numbers, but 'abc' is not one (data row 1200): fix such cells to use this column."
    )


# --- numbers that look like a label ------------------------------------------------------


def kinds(frame):
    return {role.name: (role.kind, role.used) for role in column_roles(frame)}


def test_few_whole_values_in_a_long_table_look_like_a_label():
    frame = pd.DataFrame(
        {
            "year": np.tile([2007, 2008, 2009], 10),
            "mass": np.linspace(3000, 6000, 30),
            "count": np.arange(30) % 11,  # 11 distinct values: a measure
        }
    )
    roles = kinds(frame)
    assert roles["year"] == ("label", False)
    assert roles["mass"] == ("numeric", True) and roles["count"] == ("numeric", True)
    reason = next(r.reason for r in column_roles(frame) if r.name == "year")
    assert "only 3 different values" in reason and "compare the clusters with it" in reason


@pytest.mark.parametrize("name", ["target", "Class", "label", "species_label", "class id"])
def test_a_name_like_a_label_is_left_out(name):
    frame = pd.DataFrame({name: [0.5, 1.5, 2.5, 0.5], "x": [1.0, 2.0, 3.0, 4.0]})
    assert kinds(frame)[name] == ("label", False)


@pytest.mark.parametrize("name", ["classic", "targets_met", "width", "idle"])
def test_names_that_only_contain_the_word_are_measures(name):
    frame = pd.DataFrame({name: [0.5, 1.5, 2.5, 0.5]})
    assert kinds(frame)[name] == ("numeric", True)


def test_a_small_table_of_whole_numbers_is_still_measured():
    frame = pd.DataFrame({"legs": [2, 4, 4, 6, 8, 2, 4]})  # 7 rows: too few to call it codes
    assert kinds(frame)["legs"] == ("numeric", True)
