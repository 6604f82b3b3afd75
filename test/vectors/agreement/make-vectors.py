#!/usr/bin/python3
"""Reference figures for the agreement statistics, written to vectors.json beside this script.

Each figure comes from a reference implementation where one exists: scikit-learn (Cohen's kappa,
observed agreement, confusion matrix), statsmodels (Cohen's kappa SE = `std_kappa`, the Fleiss, Cohen &
Everitt 1969 asymptotic SE; Fleiss' kappa), NLTK (Krippendorff's alpha, mean pairwise agreement,
Bennett's S = PABAK). Gwet's AC1 and the prevalence/bias indices have no reference in these packages,
so they are computed here from the published formulas with numpy (AC1 is also checked against the
irrCAC README's published value in the TypeScript tests). Where the references are undefined (NaN or
an error: one category only) the figure is the tool's documented answer, and `defined` says so.

Needs Debian's python3-sklearn python3-statsmodels python3-nltk; run with the system Python:
    /usr/bin/python3 test/vectors/agreement/make-vectors.py
"""
import json, math, os, random, re, warnings

import numpy as np
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import accuracy_score, cohen_kappa_score, confusion_matrix
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa

warnings.simplefilter("ignore")
N = None
HERE = os.path.dirname(os.path.abspath(__file__))


NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def sort_key(c):
    """The tool's category order: plain decimal numbers first, numerically; then by code point."""
    return (0, float(c), c) if NUMBER.fullmatch(c) else (1, 0.0, c)


def pairs(spec):
    """[(a, b, count), ...] → two rater columns."""
    r1, r2 = [], []
    for a, b, k in spec:
        r1 += [a] * k
        r2 += [b] * k
    return [r1, r2]


def figures(raters):
    """raters: list of rater columns (lists of str or None), one entry per item."""
    n_items = len(raters[0])
    items = [[r[i] for r in raters] for i in range(n_items)]
    items = [row for row in items if any(v is not None for v in row)]
    cats = sorted({v for row in items for v in row if v is not None}, key=sort_key)
    complete = [row for row in items if all(v is not None for v in row)]
    pairable = [row for row in items if sum(v is not None for v in row) >= 2]
    out = {"raters": len(raters), "items": len(items), "items_compared": len(complete),
           "items_pairable": len(pairable), "categories": cats}
    src, defined = {}, []

    if pairable:
        data = [(str(c), str(i), v) for i, row in enumerate(items) for c, v in enumerate(row) if v is not None]
        pair_values = {v for row in pairable for v in row if v is not None}
        if len(pair_values) == 1:
            out["krippendorff_alpha"] = 1.0; defined.append("krippendorff_alpha")
        else:
            out["krippendorff_alpha"] = AnnotationTask(data).alpha(); src["krippendorff_alpha"] = "nltk AnnotationTask.alpha"
    if complete:
        index = {c: k for k, c in enumerate(cats)}
        used = {v for row in complete for v in row}
        if len(used) == 1:
            out["fleiss_kappa"] = 1.0; defined.append("fleiss_kappa")
        else:
            table, _ = aggregate_raters(np.array([[index[v] for v in row] for row in complete]))
            out["fleiss_kappa"] = float(fleiss_kappa(table, method="fleiss")); src["fleiss_kappa"] = "statsmodels fleiss_kappa"

    if len(raters) == 2 and complete:
        y1 = [row[0] for row in complete]; y2 = [row[1] for row in complete]
        q = len(cats)
        po = accuracy_score(y1, y2); out["observed_agreement"] = float(po); src["observed_agreement"] = "sklearn accuracy_score"
        cm = confusion_matrix(y1, y2, labels=cats)
        one_category = any(cm[i][i] == len(complete) for i in range(q))
        if one_category:
            out.update(cohen_kappa=1.0, cohen_kappa_se=0.0, cohen_kappa_ci95=[1.0, 1.0])
            defined += ["cohen_kappa", "cohen_kappa_se", "cohen_kappa_ci95"]
        else:
            k = float(cohen_kappa_score(y1, y2, labels=cats))
            res = cohens_kappa(cm)
            assert abs(res.kappa - k) < 1e-12, (res.kappa, k)
            se = float(res.std_kappa)
            out.update(cohen_kappa=k, cohen_kappa_se=se, cohen_kappa_ci95=[k - 1.96 * se, k + 1.96 * se])
            src.update(cohen_kappa="sklearn cohen_kappa_score (= statsmodels cohens_kappa)", cohen_kappa_se="statsmodels cohens_kappa std_kappa")
        if q == 1:
            out["pabak"] = 1.0; out["gwet_ac1"] = 1.0; defined += ["pabak", "gwet_ac1"]
        else:
            out["pabak"] = (q * po - 1) / (q - 1)
            if {v for row in complete for v in row} == set(cats):
                s = AnnotationTask([(str(c), str(i), v) for i, row in enumerate(complete) for c, v in enumerate(row)]).S()
                assert abs(s - out["pabak"]) < 1e-12, (s, out["pabak"])
                src["pabak"] = "nltk AnnotationTask.S (Bennett's S)"
            p = cm / len(complete)
            pi = (p.sum(1) + p.sum(0)) / 2
            pe = float((pi * (1 - pi)).sum() / (q - 1))
            out["gwet_ac1"] = (po - pe) / (1 - pe); src["gwet_ac1"] = "formula (Gwet 2008), numpy"
        if q == 2:
            (a, b), (c, d) = cm.tolist(); n = len(complete)
            out["prevalence_index"] = abs(a - d) / n; out["bias_index"] = abs(b - c) / n
            src["prevalence_index"] = src["bias_index"] = "formula (Byrt, Bishop & Carlin 1993), |a-d|/n, |b-c|/n"
        out["confusion_matrix"] = {c: {d: int(cm[i][j]) for j, d in enumerate(cats)} for i, c in enumerate(cats)}
        src["confusion_matrix"] = "sklearn confusion_matrix"
    elif len(raters) > 2 and complete:
        if len({v for row in complete for v in row}) == 1:
            out["observed_agreement"] = 1.0
        else:
            data = [(str(c), str(i), v) for i, row in enumerate(complete) for c, v in enumerate(row)]
            out["observed_agreement"] = AnnotationTask(data).avg_Ao(); src["observed_agreement"] = "nltk AnnotationTask.avg_Ao (complete items)"
    for key, value in out.items():
        if isinstance(value, float): assert not math.isnan(value), key
    return out, src, defined


def dataset(name, about, raters):
    expected, sources, defined = figures(raters)
    return {"name": name, "about": about, "raters": raters, "expected": expected, "sources": sources, "defined": defined}


def per_code(name, extracts):
    """extracts: [(codes of coder 1, codes of coder 2)]; per code kappa (sklearn) and alpha (NLTK)."""
    codes = sorted({c for a, b in extracts for c in a + b})
    rows = []
    for code in codes:
        y1 = ["present" if code in a else "absent" for a, _ in extracts]
        y2 = ["present" if code in b else "absent" for _, b in extracts]
        if len(set(y1 + y2)) == 1:
            kappa = alpha = 1.0
        else:
            kappa = float(cohen_kappa_score(y1, y2, labels=["absent", "present"]))
            alpha = AnnotationTask([(c, str(i), v) for c, ys in (("1", y1), ("2", y2)) for i, v in enumerate(ys)]).alpha()
        rows.append({"code": code, "kappa": kappa, "alpha": alpha, "observedAgreement": float(accuracy_score(y1, y2)),
                     "both": sum(a == b == "present" for a, b in zip(y1, y2)),
                     "firstOnly": sum(a == "present" and b == "absent" for a, b in zip(y1, y2)),
                     "secondOnly": sum(a == "absent" and b == "present" for a, b in zip(y1, y2))})
    return {"name": name, "extracts": [{"first": a, "second": b} for a, b in extracts], "expected": rows}


def dump(value, depth=0):
    """JSON with one line per list of plain values, so the rater columns stay readable."""
    pad = "  " * (depth + 1)
    if isinstance(value, dict):
        inner = ",\n".join(f"{pad}{json.dumps(k)}: {dump(v, depth + 1)}" for k, v in value.items())
        return "{\n" + inner + "\n" + "  " * depth + "}" if value else "{}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return "[\n" + ",\n".join(pad + dump(v, depth + 1) for v in value) + "\n" + "  " * depth + "]"
    return json.dumps(value, allow_nan=False)


def main():
    rnd = random.Random(2015)
    cats3 = ["exclude", "include", "unsure"]
    three_cat = [[rnd.choice(cats3) for _ in range(40)]]
    three_cat.append([v if rnd.random() < 0.7 else rnd.choice(cats3) for v in three_cat[0]])
    many = [[rnd.choice("abcd") for _ in range(25)]]
    for _ in range(4): many.append([v if rnd.random() < 0.6 else rnd.choice("abcd") for v in many[0]])
    missing = [list(three_cat[0][:30]), list(three_cat[1][:30])]
    for i in (2, 7, 11): missing[0][i] = None
    for i in (5, 11, 19, 23): missing[1][i] = None
    missing[0][5] = "refer"  # a category seen only on an item the other rater did not rate
    fleiss_wiki = [[0,0,0,0,14],[0,2,6,4,2],[0,0,3,5,6],[0,3,9,2,0],[2,2,8,1,1],[7,7,0,0,0],[3,2,6,3,0],[2,5,3,2,2],[6,5,2,1,0],[0,2,2,3,7]]
    fleiss_raters = [[None] * 10 for _ in range(14)]
    for s, row in enumerate(fleiss_wiki):
        labels = [str(c + 1) for c, k in enumerate(row) for _ in range(k)]
        for j in range(14): fleiss_raters[j][s] = labels[j]
    S = lambda rows: [[None if v is None else str(v) for v in r] for r in rows]
    sets = [
        dataset("cohen-2x2-published", "Cohen's kappa worked example (20, 5, 10, 15): kappa 0.40", pairs([("yes", "yes", 20), ("yes", "no", 5), ("no", "yes", 10), ("no", "no", 15)])),
        dataset("high-prevalence-2x2", "kappa paradox: high agreement, one category common", pairs([("include", "include", 40), ("include", "exclude", 3), ("exclude", "include", 5), ("exclude", "exclude", 2)])),
        dataset("irrcac-cont3x3abstractors", "irrCAC README table: AC1 0.8493305, kappa 0.7964094, Brennan-Prediger 0.835", pairs([("Ectopic", "Ectopic", 13), ("AIU", "AIU", 20), ("AIU", "NIU", 7), ("NIU", "AIU", 4), ("NIU", "NIU", 56)])),
        dataset("three-categories", "include/exclude/unsure, 40 items, seeded", three_cat),
        dataset("two-raters-missing", "missing ratings on both sides; 'refer' only on an item the other rater skipped", missing),
        dataset("numeric-labels", "labels 1, 2, 10 sort numerically", pairs([("1", "1", 6), ("2", "2", 5), ("10", "10", 4), ("1", "2", 2), ("10", "1", 1), ("2", "10", 2)])),
        dataset("five-raters-complete", "5 raters, 4 categories, 25 items, seeded", many),
        dataset("krippendorff-2011-nominal", "Krippendorff (2011) 4 observers, missing data: alpha 0.743", S([[1,2,3,3,2,1,4,1,2,N,N,N],[1,2,3,3,2,2,4,1,2,5,N,3],[N,3,3,3,2,3,4,2,2,5,1,N],[1,2,3,3,2,4,4,1,2,5,1,N]])),
        dataset("krippendorff-2011-binary", "Krippendorff (2011) two observers, binary: alpha 0.095", S([[0,1,0,0,0,0,0,0,1,0],[1,1,1,0,0,1,0,0,0,0]])),
        dataset("wikipedia-alpha", "Wikipedia Krippendorff's alpha example: 0.691358", S([[N,N,N,N,N,3,4,1,2,1,1,3,3,N,3],[1,N,2,1,3,3,4,3,N,N,N,N,N,N,N],[N,N,2,1,3,4,4,N,2,1,1,3,3,N,4]])),
        dataset("fleiss-worked-example", "Fleiss' kappa worked example, 14 raters, 10 items: 0.210", fleiss_raters),
        dataset("complete-disagreement-2x2", "raters never agree: kappa -1", pairs([("yes", "no", 5), ("no", "yes", 5)])),
        dataset("perfect-agreement-2x2", "perfect agreement on two categories", pairs([("yes", "yes", 6), ("no", "no", 4)])),
        dataset("one-category-only", "both raters say yes to everything: references give NaN", pairs([("yes", "yes", 8)])),
        dataset("one-rater-one-category", "rater 2 always says include: kappa 0 and SE 0", pairs([("include", "include", 3), ("exclude", "include", 1)])),
        dataset("one-item-disagree", "a single item, rated differently", pairs([("a", "b", 1)])),
        dataset("one-item-agree", "a single item, rated the same", pairs([("a", "a", 1)])),
        dataset("three-raters-one-category-missing", "3 raters, every rating the same, one missing", S([["x", "x", "x"], ["x", None, "x"], ["x", "x", "x"]])),
    ]
    codes = [(["instability", "history"], ["instability"]), (["engagement"], ["engagement"]), ([], ["services"]),
             (["instability"], ["instability", "interagency"]), (["history"], []), (["engagement", "services"], ["engagement", "services"]),
             (["identity"], ["identity"]), (["interagency"], ["interagency"]), ([], []), (["instability"], ["instability"])]
    out = {"generated_by": "test/vectors/agreement/make-vectors.py", "tolerance": 1e-9, "datasets": sets,
           "per_code": [per_code("ten-extracts", codes)]}
    with open(os.path.join(HERE, "vectors.json"), "w") as f:
        f.write(dump(out) + "\n")
    for d in sets:
        e = d["expected"]
        print(f"{d['name']:36} kappa={e.get('cohen_kappa')} alpha={e.get('krippendorff_alpha')} fleiss={e.get('fleiss_kappa')} ac1={e.get('gwet_ac1')}")


if __name__ == "__main__":
    main()
