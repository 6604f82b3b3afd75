#!/usr/bin/python3
"""Reference figures for the agreement statistics, written to vectors.json beside this script.

Each figure comes from a reference implementation where one exists: scikit-learn (Cohen's kappa and
weighted kappa, observed agreement, confusion matrix), statsmodels (the SE of kappa and of weighted
kappa = `std_kappa`, the Fleiss, Cohen & Everitt 1969 asymptotic SE; Fleiss' kappa), NLTK
(Krippendorff's alpha, mean pairwise agreement, Bennett's S = PABAK). Gwet's AC1 with its SE and the
prevalence/bias indices have no reference in these packages, so they are computed here from the
published formulas with numpy (AC1 and its SE are also checked against the irrCAC README's published
values in the TypeScript tests). The bootstrap interval of alpha draws the same resamples as the tool
(its seeded generator is re-implemented here) and computes each resample's alpha with NLTK.
Intervals are estimate ± 1.96·SE bounded to [-1, 1]. Where a figure is undefined (0/0: one category
only) it is None (null), and `why_undefined` lists it; `methods` lists the intervals given.

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


MASK = 0xFFFFFFFF


class Mulberry32:
    """core/random.ts: mulberry32 over a seed mixed by splitmix32, in unsigned 32-bit arithmetic."""

    def __init__(self, seed):
        z = (seed + 0x9E3779B9) & MASK
        z = ((z ^ (z >> 16)) * 0x85EBCA6B) & MASK
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK
        self.state = (z ^ (z >> 16)) & MASK

    def next(self):
        self.state = (self.state + 0x6D2B79F5) & MASK
        t = self.state
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & MASK)) & MASK
        return ((t ^ (t >> 14)) & MASK) / 4294967296

    def int(self, n):
        return math.floor(self.next() * n)


RESAMPLES, SEED = 1000, 2015


def nltk_alpha(units):
    """NLTK's alpha of items given as lists of ratings (None missing); None when every rating is one value."""
    if len({v for row in units for v in row if v is not None}) == 1:
        return None
    return AnnotationTask([(str(c), str(i), v) for i, row in enumerate(units) for c, v in enumerate(row) if v is not None]).alpha()


def bootstrap_alpha(pairable):
    """Percentile bootstrap over items: the same draws as krippendorff.ts (mulberry32, floor(next()*n)),
    alpha of each resample by NLTK, the 2.5th/97.5th percentiles by numpy (linear interpolation)."""
    rng = Mulberry32(SEED)
    n = len(pairable)
    alphas = []
    for _ in range(RESAMPLES):
        draw = [pairable[rng.int(n)] for _ in range(n)]
        a = nltk_alpha(draw)
        if a is not None:
            alphas.append(a)
    if len(alphas) * 2 < RESAMPLES:
        return None, len(alphas)
    return [float(np.percentile(alphas, 2.5)), float(np.percentile(alphas, 97.5))], len(alphas)


def wald(estimate, se):
    """estimate ± 1.96·SE bounded to [-1, 1]; None when the SE is 0."""
    if se < 1e-12:
        return None
    return [max(-1.0, estimate - 1.96 * se), min(1.0, estimate + 1.96 * se)]


def gwet_ac1(cm):
    """Gwet (2008) AC1 and its variance, written as in the paper (not irrCAC's algebraic form):
    v = [pa(1-pa) - 4(1-g)((1/(q-1)) Σk pkk(1-πk) - pa·pe) + 4(1-g)²((1/(q-1)²) Σkl pkl(1-(πk+πl)/2)² - pe²)] / (n(1-pe)²)."""
    n = cm.sum(); q = cm.shape[0]
    p = cm / n
    pi = (p.sum(1) + p.sum(0)) / 2
    pa = float(np.trace(p))
    pe = float((pi * (1 - pi)).sum() / (q - 1))
    g = (pa - pe) / (1 - pe)
    t2 = float((np.diag(p) * (1 - pi)).sum() / (q - 1)) - pa * pe
    t3 = float((p * (1 - (pi[:, None] + pi[None, :]) / 2) ** 2).sum() / (q - 1) ** 2) - pe ** 2
    var = (pa * (1 - pa) - 4 * (1 - g) * t2 + 4 * (1 - g) ** 2 * t3) / (n * (1 - pe) ** 2)
    se = math.sqrt(max(0.0, var))
    return g, (0.0 if se < 1e-12 else se)


def figures(raters, order=None, weights=None):
    """raters: list of rater columns (lists of str or None), one entry per item."""
    n_items = len(raters[0])
    items = [[r[i] for r in raters] for i in range(n_items)]
    items = [row for row in items if any(v is not None for v in row)]
    complete = [row for row in items if all(v is not None for v in row)]
    pairable = [row for row in items if sum(v is not None for v in row) >= 2]
    used = {v for row in pairable for v in row if v is not None}
    seen = {v for row in items for v in row if v is not None}
    cats = list(order) if order else sorted(used, key=sort_key)
    out = {"raters": len(raters), "items": len(items), "items_compared": len(complete),
           "items_pairable": len(pairable), "categories": cats}
    not_compared = sorted(seen - used, key=sort_key)
    if not_compared:
        out["categories_not_compared"] = not_compared
    src, methods, undefined = {}, [], []

    if len(raters) == 2 and complete:
        y1 = [row[0] for row in complete]; y2 = [row[1] for row in complete]
        q = len(cats)
        cm = confusion_matrix(y1, y2, labels=cats)
        out["items_agreed"] = int(np.trace(cm))
        po = accuracy_score(y1, y2); out["observed_agreement"] = float(po); src["observed_agreement"] = "sklearn accuracy_score"
        one_category = any(cm[i][i] == len(complete) for i in range(q))
        if one_category:
            out.update(cohen_kappa=None, cohen_kappa_se=None, cohen_kappa_ci95=None); undefined.append("cohen_kappa")
        else:
            k = float(cohen_kappa_score(y1, y2, labels=cats))
            res = cohens_kappa(cm)
            assert abs(res.kappa - k) < 1e-12, (res.kappa, k)
            se = float(res.std_kappa); se = 0.0 if se < 1e-12 else se
            ci = wald(k, se)
            out.update(cohen_kappa=k, cohen_kappa_se=se, cohen_kappa_ci95=ci)
            if ci is None: undefined.append("cohen_kappa_ci95")
            else: methods.append("cohen_kappa_ci95")
            src.update(cohen_kappa="sklearn cohen_kappa_score (= statsmodels cohens_kappa)", cohen_kappa_se="statsmodels cohens_kappa std_kappa")
        if weights:
            out["weights"] = weights
            if one_category:
                out.update(weighted_kappa=None, weighted_kappa_se=None, weighted_kappa_ci95=None); undefined.append("weighted_kappa")
            else:
                wk = float(cohen_kappa_score(y1, y2, labels=cats, weights=weights))
                res = cohens_kappa(cm, wt=weights)
                assert abs(res.kappa - wk) < 1e-12, (res.kappa, wk)
                se = float(res.std_kappa); se = 0.0 if se < 1e-12 else se
                ci = wald(wk, se)
                out.update(weighted_kappa=wk, weighted_kappa_se=se, weighted_kappa_ci95=ci)
                if ci is None: undefined.append("weighted_kappa_ci95")
                else: methods.append("weighted_kappa_ci95")
                src.update(weighted_kappa=f"sklearn cohen_kappa_score(weights={weights!r}) (= statsmodels cohens_kappa(wt={weights!r}))", weighted_kappa_se="statsmodels cohens_kappa std_kappa")
        if q == 1:
            out.update(pabak=None, gwet_ac1=None, gwet_ac1_se=None, gwet_ac1_ci95=None); undefined += ["pabak", "gwet_ac1"]
        else:
            out["pabak"] = (q * po - 1) / (q - 1)
            if {v for row in complete for v in row} == set(cats):
                s = AnnotationTask([(str(c), str(i), v) for i, row in enumerate(complete) for c, v in enumerate(row)]).S()
                assert abs(s - out["pabak"]) < 1e-12, (s, out["pabak"])
                src["pabak"] = "nltk AnnotationTask.S (Bennett's S)"
            g, se = gwet_ac1(cm.astype(float))
            ci = wald(g, se)
            out.update(gwet_ac1=g, gwet_ac1_se=se, gwet_ac1_ci95=ci)
            if ci is None: undefined.append("gwet_ac1_ci95")
            else: methods.append("gwet_ac1_ci95")
            src["gwet_ac1"] = src["gwet_ac1_se"] = "formula (Gwet 2008), numpy"
        if q == 2:
            (a, b), (c, d) = cm.tolist(); n = len(complete)
            out["prevalence_index"] = abs(a - d) / n; out["bias_index"] = abs(b - c) / n
            src["prevalence_index"] = src["bias_index"] = "formula (Byrt, Bishop & Carlin 1993), |a-d|/n, |b-c|/n"
    elif len(raters) > 2 and complete:
        if len({v for row in complete for v in row}) == 1:
            out["observed_agreement"] = 1.0
        else:
            data = [(str(c), str(i), v) for i, row in enumerate(complete) for c, v in enumerate(row)]
            out["observed_agreement"] = AnnotationTask(data).avg_Ao(); src["observed_agreement"] = "nltk AnnotationTask.avg_Ao (complete items)"

    if pairable:
        a = nltk_alpha(pairable)
        out["krippendorff_alpha"] = a
        if a is None:
            undefined.append("krippendorff_alpha")
        else:
            src["krippendorff_alpha"] = "nltk AnnotationTask.alpha"
            ci, used_n = bootstrap_alpha(pairable)
            out["krippendorff_alpha_ci95"] = ci
            out["krippendorff_alpha_bootstrap"] = {"resamples": RESAMPLES, "used": used_n, "seed": SEED}
            if ci is None: undefined.append("krippendorff_alpha_ci95")
            else: methods.append("krippendorff_alpha_ci95")
            src["krippendorff_alpha_ci95"] = "mulberry32 draws as core/random.ts, nltk alpha per resample, numpy percentile"
    if complete:
        index = {c: k for k, c in enumerate(cats)}
        if len({v for row in complete for v in row}) == 1:
            out["fleiss_kappa"] = None; undefined.append("fleiss_kappa")
        else:
            table, _ = aggregate_raters(np.array([[index[v] for v in row] for row in complete]))
            out["fleiss_kappa"] = float(fleiss_kappa(table, method="fleiss")); src["fleiss_kappa"] = "statsmodels fleiss_kappa"
    if len(raters) == 2 and complete:
        out["confusion_matrix"] = {c: {d: int(cm[i][j]) for j, d in enumerate(cats)} for i, c in enumerate(cats)}
        src["confusion_matrix"] = "sklearn confusion_matrix"
    if methods: out["methods"] = methods
    if undefined: out["why_undefined"] = undefined
    for key, value in out.items():
        if isinstance(value, float): assert not math.isnan(value), key
    return out, src


def dataset(name, about, raters, order=None, weights=None):
    expected, sources = figures(raters, order, weights)
    options = {k: v for k, v in (("order", order), ("weights", weights)) if v}
    return {"name": name, "about": about, "raters": raters, "options": options, "expected": expected, "sources": sources}


def per_code(name, extracts):
    """extracts: [(codes of coder 1, codes of coder 2)]; per code kappa (sklearn) and alpha (NLTK)."""
    codes = sorted({c for a, b in extracts for c in a + b})
    rows = []
    for code in codes:
        y1 = ["present" if code in a else "absent" for a, _ in extracts]
        y2 = ["present" if code in b else "absent" for _, b in extracts]
        if len(set(y1 + y2)) == 1:
            kappa = alpha = None
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
    unpaired = [[("include" if i % 3 else "exclude") for i in range(20)] + ["unsure"] * 6, [("include" if i % 3 else "exclude") for i in range(20)] + [None] * 6]
    unpaired[1][4] = "exclude"; unpaired[1][9] = "include"
    ordinal = [[str(rnd.randint(1, 5)) for _ in range(40)]]
    ordinal.append([str(min(5, max(1, int(v) + rnd.choice([-1, 0, 0, 0, 1])))) for v in ordinal[0]])
    sev = ["none", "mild", "severe"]
    severity = [[rnd.choice(sev) for _ in range(30)]]
    severity.append([v if rnd.random() < 0.75 else rnd.choice(sev) for v in severity[0]])
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
        dataset("unsure-on-unpaired-items", "rater 1 says unsure only on items rater 2 did not rate: not a category of the figures", unpaired),
        dataset("ordinal-linear", "5-point scale, 40 items, seeded; linear weights", ordinal, order=["1", "2", "3", "4", "5"], weights="linear"),
        dataset("ordinal-quadratic", "5-point scale, 40 items, seeded; quadratic weights", ordinal, order=["1", "2", "3", "4", "5"], weights="quadratic"),
        dataset("ordinal-unused-category", "none < mild < moderate < severe, moderate never used; quadratic weights", severity, order=["none", "mild", "moderate", "severe"], weights="quadratic"),
        dataset("ordered-one-category-used", "scale no < yes given, everyone says yes", pairs([("yes", "yes", 6)]), order=["no", "yes"], weights="linear"),
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
