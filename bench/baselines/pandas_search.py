"""Baseline for the benchmark: the case-finding search as an analyst would write it in pandas.

Reads the whole notes export into one DataFrame, marks the notes whose text matches any of the
patterns (one combined regular expression, whole words, any case) and counts the distinct patients
of those notes.

    /usr/bin/python3 bench/baselines/pandas_search.py --patterns PATTERNS NOTES.csv

PATTERNS holds one regular expression a line (bench/run.mjs writes it from the preset's case-finding
terms). Prints one line of JSON: {"notes": N, "matching_notes": K, "returned": M}.
"""

import argparse
import json

import pandas as pd


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notes", help="notes CSV")
    parser.add_argument("--patterns", required=True, help="file of regular expressions, one a line")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--patient-column", default="patient_id")
    args = parser.parse_args()

    with open(args.patterns, encoding="utf-8") as f:
        patterns = [line.rstrip("\r\n") for line in f if line.strip()]
    # One combined pattern; (?:...) so that pandas does not warn about match groups.
    regex = r"\b(?:" + "|".join(patterns) + r")\b"

    df = pd.read_csv(args.notes)  # the whole file in memory, default (C) engine
    hit = df[args.text_column].str.contains(regex, case=False, regex=True, na=False)
    returned = df.loc[hit, args.patient_column].nunique()

    print(json.dumps({"notes": int(len(df)), "matching_notes": int(hit.sum()), "returned": int(returned)}))


if __name__ == "__main__":
    main()
