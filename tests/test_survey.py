"""Tests of the survey reader (crmlab.io.read_survey: mapping, scales, codes, errors), the bundled and
generated surveys (crmlab.datasets.load_survey, make_survey), and the deprecated spellings."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlab.datasets import DATA_DIR, INDUSTRIES, load_survey, make_survey
from crmlab.errors import CrmlabWarning, DataError
from crmlab.io import SURVEY_COLUMNS, quality_report, read_survey


def _write(tmp_path, text, name="s.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_mapping_scales_and_canonical_order(tmp_path):
    path = _write(tmp_path, "编号,行业,满意度,推荐,价格\nA1,航空,5,10,3\nA2,航空,3,6,\nA3,电信,1,0,2\n",
                  encoding="gb18030")
    s, q = read_survey(path, respondent="编号", columns={"industry": "行业", "satisfaction": "满意度",
                                                         "recommend": "推荐"},
                       scales={"satisfaction": (1, 5), "recommend": (0, 10), "价格": (1, 5)}, return_report=True)
    assert s.columns.tolist() == ["respondent_id", "industry", "satisfaction", "recommend", "价格"]
    assert s["respondent_id"].tolist() == ["A1", "A2", "A3"]
    assert s["satisfaction"].tolist() == [5.0, 3.0, 1.0]
    assert s["价格"].isna().tolist() == [False, True, False]
    assert q is quality_report(s)
    assert q.count("missing answers") == 1 and q.rows_kept == 3
    assert q.encoding == "gb18030"
    assert q.scales["recommend"] == (0.0, 10.0) and s.attrs["scales"] == q.scales
    assert set(SURVEY_COLUMNS) >= {"respondent_id", "satisfaction"}


def test_default_scale_applies_to_numeric_columns_and_numbers_respondents():
    raw = pd.DataFrame({"q1": ["1", "5"], "q2": [2, 4], "comment": ["ok", "good"]})
    s = read_survey(raw, scales=(1, 5))
    assert s["respondent_id"].tolist() == ["1", "2"]
    assert set(quality_report(s).scales) == {"q1", "q2"}
    assert s["comment"].tolist() == ["ok", "good"]


def test_not_applicable_and_reverse_items():
    raw = pd.DataFrame({"wifi": [0, 1, 5, 0], "rude": [1, 2, 5, 4]})
    s = read_survey(raw, scales={"wifi": (1, 5), "rude": (1, 5)}, not_applicable={"wifi": 0}, reverse=["rude"])
    assert s["wifi"].isna().tolist() == [True, False, False, True]
    assert s["rude"].tolist() == [5.0, 4.0, 1.0, 2.0]  # 1 + 5 − x
    q = quality_report(s)
    assert q.count("not-applicable codes") == 2
    assert q.count("reverse-coded items") == 1
    assert q.count("missing answers") == 0


def test_recode_text_answers():
    raw = pd.DataFrame({"continue": ["Yes", "no", "YES", None]})
    s = read_survey(raw, recode={"continue": {"yes": 1, "no": 0}}, scales={"continue": (0, 1)})
    assert s["continue"].tolist()[:3] == [1.0, 0.0, 1.0] and np.isnan(s["continue"].iloc[3])


@pytest.mark.parametrize("kwargs, raw, needle", [
    ({"scales": {"sat": (1, 5)}}, {"sat": [1, 7, 9]}, "outside its declared scale 1–5"),
    ({"scales": {"sat": (1, 5)}}, {"sat": ["1", "very", "2"]}, "has text"),
    ({"columns": {"satisfaction": "satisfactoin"}}, {"satisfaction": [1]}, "Did you mean"),
    ({"columns": {"respondent": "id"}, "respondent": "other"}, {"id": ["a"], "other": ["b"]}, "given twice"),
    ({"columns": "sat"}, {"sat": [1]}, "keep=\\['sat'"),
    ({"keep": ["nope"]}, {"sat": [1]}, "'nope'"),
    ({"reverse": ["sat"]}, {"sat": [1, 2]}, "no declared scale"),
    ({"respondent": "id"}, {"id": ["a", "a"], "sat": [1, 2]}, "repeats respondent ids"),
    ({"scales": {"sat": (5, 1)}}, {"sat": [1]}, "low must be below high"),
    ({"scales": {"nope": (1, 5)}}, {"sat": [1]}, "'nope'"),
])
def test_bad_input_raises_data_error(kwargs, raw, needle):
    with pytest.raises(DataError, match=needle.replace("(", r"\(")):
        read_survey(pd.DataFrame(raw), **kwargs)


def test_out_of_scale_error_shows_at_most_five_values_with_file_rows(tmp_path):
    path = _write(tmp_path, "sat\n" + "\n".join(["9"] * 8 + ["1"]) + "\n")
    with pytest.raises(DataError) as err:
        read_survey(path, scales={"sat": (1, 5)})
    message = str(err.value)
    assert message.count("row ") == 5 and "row 2: 9.0" in message  # header is line 1
    assert "not_applicable={'sat': (9,)}" in message


def test_bom_file_reads_first_column(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfId,loyal\n1,0\n2,1\n")
    s = read_survey(path, respondent="Id", scales={"loyal": (0, 1)}, reverse=["loyal"])
    assert s["loyal"].tolist() == [1.0, 0.0]


def test_make_survey_shape_and_truth_recovered():
    s, truth = make_survey(5000, seed=3, return_truth=True)
    assert len(s) == 5000 and s["respondent_id"].is_unique
    assert s["industry"].value_counts().eq(1000).all()
    # Planted curve: mean repurchase intention per (industry, satisfaction) within sampling error.
    means = s.groupby(["industry", "satisfaction"])["repurchase_intent"].agg(["mean", "size"])
    for (industry, level), row in means.iterrows():
        expected = truth.curves.loc[industry, int(level)]
        assert abs(row["mean"] - expected) < 4 * 1.0 / np.sqrt(row["size"]) + 0.02, (industry, level)
    assert truth.competitive.to_dict() == {k: v[1] for k, v in INDUSTRIES.items()}
    shares = s["satisfaction"].value_counts(normalize=True).sort_index().to_numpy()
    assert np.allclose(shares, truth.satisfaction_shares, atol=0.005)
    assert s["recommend"].between(0, 10).all()
    # Non-competitive markets report higher switching costs.
    cost = s.groupby("industry")["switching_cost"].mean()
    assert cost["local telephone"] > cost["automobiles"] + 1


def test_make_survey_is_seeded_and_subsets():
    a = make_survey(100, seed=5, industries=["airlines", "hospitals"])
    b = make_survey(100, seed=5, industries=["airlines", "hospitals"])
    pd.testing.assert_frame_equal(a, b)
    assert set(a["industry"]) == {"airlines", "hospitals"}
    with pytest.raises(DataError, match="not one of"):
        make_survey(10, industries=["banks"])


# ---------------------------------------------------------------- real files (../shared/data)

def test_real_ecsi(shared_data):
    s = read_survey(shared_data / "satisfaction_ecsi" / "satisfaction.csv", scales=(0, 10),
                    columns={"satisfaction": "sat1", "repurchase_intent": "loy1", "recommend": "loy3"})
    assert len(s) == 250 and quality_report(s).count("items on a declared scale") == 27
    assert s["gender"].dtype == "string"


def test_real_airline_zero_is_not_applicable(shared_data):
    items = ["Inflight wifi service", "Seat comfort", "Online boarding", "Cleanliness"]
    path = shared_data / "airline_satisfaction" / "airline_passenger_satisfaction_test.csv"
    s = read_survey(path, respondent="id", scales={c: (1, 5) for c in items}, not_applicable=0)
    raw = pd.read_csv(path)
    assert quality_report(s).count("not-applicable codes") == int((raw[items] == 0).sum().sum())
    assert s[items].min().min() >= 1
    with pytest.raises(DataError, match="not_applicable"):
        read_survey(path, respondent="id", scales={"Inflight wifi service": (1, 5)})


def test_real_starbucks_bom_and_inverted_loyal(shared_data):
    s = read_survey(shared_data / "starbucks_survey" / "starbucks_satisfaction_survey_encoded.csv",
                    respondent="Id", scales={"productRate": (1, 5), "loyal": (0, 1)}, reverse=["loyal"])
    assert quality_report(s).encoding == "utf-8-sig"
    raw = read_survey(shared_data / "starbucks_survey" / "starbucks_satisfaction_survey.csv",
                      columns={"loyal": "20. Will you continue buying at Starbucks?"}, keep=["loyal"],
                      recode={"loyal": {"yes": 1, "no": 0}}, scales={"loyal": (0, 1)})
    # The encoded file (113 rows) is a cleaned copy of the text file (122 rows): after reversing,
    # its share of loyal customers is near the share answering "Yes"; unreversed it would be 1 − that.
    assert abs(s["loyal"].mean() - raw["loyal"].mean()) < 0.05
    assert raw["loyal"].mean() > 0.6


def test_load_survey_bundled_synthetic_and_path(tmp_path):
    ecsi, report = load_survey("ecsi", return_report=True)
    assert ecsi.shape == (250, 29) and report.scales["satisfaction"] == (0.0, 10.0)
    # The bundled mapping: satisfaction = sat1, recommend = loy3 (ECSI item order).
    raw = pd.read_csv(DATA_DIR / "ecsi_bank_survey.csv")
    assert ecsi["satisfaction"].tolist() == raw["sat1"].astype(float).tolist()
    assert ecsi["recommend"].tolist() == raw["loy3"].astype(float).tolist()
    other = load_survey("ecsi", columns={"satisfaction": "sat2"})
    assert other["satisfaction"].tolist() == raw["sat2"].astype(float).tolist()
    gen, report = load_survey("synthetic:4", return_report=True)
    assert len(gen) == 2000 and report.rows_kept == 2000 and report.scales["recommend"] == (0.0, 10.0)
    path = _write(tmp_path, "q\n1\n2\n")
    assert load_survey(str(path), scales=(1, 5))["q"].tolist() == [1.0, 2.0]
    with pytest.raises(DataError, match="synthetic:<seed>"):
        load_survey("synthetic:x")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 7), min_size=1, max_size=40), st.integers(1, 3))
def test_codes_and_reverse_match_brute_force(answers, low):
    # Scale low..low+4; the value 0 is the "not applicable" code; anything else off the scale must raise.
    high = low + 4
    raw = pd.DataFrame({"q": answers})
    off = [a for a in answers if a != 0 and not low <= a <= high]
    if off:
        with pytest.raises(DataError, match="outside its declared scale"):
            read_survey(raw, scales={"q": (low, high)}, not_applicable=0)
        return
    s = read_survey(raw, scales={"q": (low, high)}, not_applicable=0, reverse=["q"])
    expected = [np.nan if a == 0 else low + high - a for a in answers]
    assert np.allclose(s["q"].to_numpy(), expected, equal_nan=True)
    assert quality_report(s).count("not-applicable codes") == answers.count(0)


def test_load_survey_keeps_falsy_options_and_adds_to_the_bundled_mapping():
    raw = pd.read_csv(DATA_DIR / "ecsi_bank_survey.csv")
    # not_applicable=0 is a real choice (0 codes "not applicable"), not "use the default".
    coded = load_survey("ecsi", not_applicable=0)
    assert coded["satisfaction"].isna().sum() == (raw["sat1"] == 0).sum() == 4
    assert load_survey("ecsi")["satisfaction"].isna().sum() == 0
    # A user mapping adds to the bundled one instead of replacing it.
    more = load_survey("ecsi", columns={"segment": "imag1"})
    assert {"satisfaction", "recommend", "segment"} <= set(more.columns)


def test_generated_survey_says_which_options_it_ignores():
    with pytest.warns(CrmlabWarning, match="not_applicable, scales"):
        load_survey("synthetic:1", scales=(1, 7), not_applicable=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_survey("synthetic:1", columns={}, scales=None)


# ---------------------------------------------------------------- one columns dialect, old spellings

_RAW = pd.DataFrame({"编号": ["a", "b", "c"], "满意": [5, 3, 4], "推荐": [9, 2, 7], "备注": ["x", "y", "z"]})


def test_columns_is_the_role_mapping_of_both_readers():
    s = read_survey(_RAW, columns={"respondent": "编号", "satisfaction": "满意", "recommend": "推荐"})
    # Hand-checked: roles become canonical columns in canonical order, the rest keep their names.
    assert s.columns.tolist() == ["respondent_id", "satisfaction", "recommend", "备注"]
    assert s["respondent_id"].tolist() == ["a", "b", "c"] and s["recommend"].tolist() == [9.0, 2.0, 7.0]
    # Canonical names are accepted as keys too, and give the same frame.
    same = read_survey(_RAW, columns={"respondent_id": "编号", "satisfaction": "满意", "recommend": "推荐"})
    pd.testing.assert_frame_equal(s, same)
    # An item key renames the user column to it (an item named by the key).
    assert "comment" in read_survey(_RAW, columns={"comment": "备注"}).columns
    with pytest.raises(DataError, match="both map the respondent role"):
        read_survey(_RAW, columns={"respondent": "编号", "respondent_id": "备注"})


def test_keep_selects_columns_after_mapping():
    s = read_survey(_RAW, columns={"satisfaction": "满意"}, keep=["satisfaction"])
    assert s.columns.tolist() == ["respondent_id", "satisfaction"]
    # Own (user) names work too.
    assert read_survey(_RAW, columns={"satisfaction": "满意"}, keep=["满意"]).columns.tolist() == \
        ["respondent_id", "satisfaction"]


def test_mapping_keyword_still_works_with_a_deprecation_warning_pointing_at_the_caller():
    new = read_survey(_RAW, columns={"satisfaction": "满意", "recommend": "推荐"})
    with pytest.warns(DeprecationWarning, match=r"mapping=\.\.\.\) is now columns=") as record:
        old = read_survey(_RAW, mapping={"satisfaction": "满意", "recommend": "推荐"})
    pd.testing.assert_frame_equal(old, new)
    assert record[0].filename == __file__
    with pytest.warns(DeprecationWarning, match="now columns=") as record:
        old = load_survey("ecsi", mapping={"satisfaction": "sat2"})
    pd.testing.assert_frame_equal(old, load_survey("ecsi", columns={"satisfaction": "sat2"}))
    assert record[0].filename == __file__
    # mapping= and columns= together merge; the same role mapped two ways is refused.
    with pytest.warns(DeprecationWarning):
        both = read_survey(_RAW, columns={"satisfaction": "满意"}, mapping={"recommend": "推荐"})
    pd.testing.assert_frame_equal(both, new)
    with pytest.warns(DeprecationWarning), pytest.raises(DataError, match="mapped twice"):
        read_survey(_RAW, columns={"satisfaction": "满意"}, mapping={"satisfaction": "推荐"})


def test_a_list_as_columns_is_the_old_keep_with_a_deprecation_warning():
    new = read_survey(_RAW, keep=["满意", "推荐"])
    with pytest.warns(DeprecationWarning, match=r"is now keep=") as record:
        old = read_survey(_RAW, columns=["满意", "推荐"])
    pd.testing.assert_frame_equal(old, new)
    assert record[0].filename == __file__
    with pytest.warns(DeprecationWarning, match="is now keep="):
        pd.testing.assert_frame_equal(load_survey("ecsi", columns=["sat2"]), load_survey("ecsi", keep=["sat2"]))
    with pytest.warns(DeprecationWarning), pytest.raises(DataError, match="once"):
        read_survey(_RAW, columns=["满意"], keep=["推荐"])


def test_new_spellings_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_survey(_RAW, columns={"satisfaction": "满意"}, keep=["satisfaction"])
        load_survey("ecsi", columns={"satisfaction": "sat2"}, keep=["satisfaction"])


def test_the_old_survey_module_re_exports_with_a_deprecation_warning():
    import crmlab.datasets
    import crmlab.io

    with pytest.warns(DeprecationWarning, match="moved to crmlab.datasets.make_survey") as record:
        from crmlab.survey import make_survey as old_make
    assert old_make is crmlab.datasets.make_survey and record[0].filename == __file__
    with pytest.warns(DeprecationWarning, match="moved to crmlab.io.read_survey"):
        from crmlab.survey import read_survey as old_read
    assert old_read is crmlab.io.read_survey
    import crmlab.survey

    with pytest.raises(AttributeError):
        crmlab.survey.nothing_here  # noqa: B018
