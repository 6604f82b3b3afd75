#!/usr/bin/env python3
"""Reference values for the text model (test/learn/*.test.ts), from scikit-learn.

    /usr/bin/python3 test/vectors/learn/make-vectors.py > test/vectors/learn/vectors.json

- logistic: LogisticRegression(solver="liblinear", dual=True, class_weight="balanced") on small sparse
  problems, solved to a tight tolerance, so the optimum (not the path) is compared.
- tfidf: TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm="l2") on a count matrix.
- asreview: recall at 10%/25% and WSS@95 as asreview-insights computes them (its numpy code, repeated here).
"""
import json

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression

rng = np.random.RandomState(7)


def problem(n, d, density, c):
    X = (rng.rand(n, d) < density) * rng.rand(n, d)
    w = rng.randn(d)
    y = (X @ w + 0.3 * rng.randn(n) > np.median(X @ w)).astype(int)
    if c == "rare":
        keep = [i for i in range(n) if y[i] == 0 or i % 4 == 0]
        X, y = X[keep], y[keep]
    return X, y


cases = []
for name, (n, d, density, kind, C) in {
    "balanced-classes": (40, 12, 0.4, "even", 1.0),
    "rare-positives": (60, 20, 0.3, "rare", 4.0),
    "strong-regularisation": (30, 8, 0.5, "even", 0.05),
}.items():
    X, y = problem(n, d, density, kind)
    m = LogisticRegression(solver="liblinear", dual=True, class_weight="balanced", C=C, tol=1e-12, max_iter=100000, intercept_scaling=1)
    m.fit(csr_matrix(X), y)
    rows = [{"index": [int(j) for j in np.nonzero(r)[0]], "value": [float(r[j]) for j in np.nonzero(r)[0]]} for r in X]
    cases.append({
        "name": name, "c": C, "dims": d, "rows": rows, "labels": [bool(v) for v in y],
        "weights": [float(v) for v in m.coef_[0]], "bias": float(m.intercept_[0]),
        "proba": [float(p) for p in m.predict_proba(csr_matrix(X))[:, 1]],
    })

counts = rng.poisson(0.8, size=(6, 9)).astype(float)
counts[0, :] = 0
counts[0, 2] = 3
t = TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm="l2").fit(counts)
tfidf = t.transform(counts).toarray()


def recall_at(labels, intercept):
    n = len(labels)
    x = np.arange(1, n + 1) / n
    y = np.cumsum(labels) / sum(labels)
    if intercept < x[0]:
        return 0.0
    return float(y[np.searchsorted(x, intercept, side="right") - 1])


def wss_at(labels, intercept):
    n_docs = len(labels)
    n_pos = sum(labels)
    found = np.cumsum(labels)
    found_random = np.round(np.linspace(0, n_pos, n_docs))
    when = np.searchsorted(found, np.arange(1, n_pos + 1))
    when_random = np.searchsorted(found_random, np.arange(1, n_pos + 1))
    x = np.arange(1, n_pos + 1) / n_pos
    y = (when_random - when) / n_docs
    return float(y[np.searchsorted(x, intercept, side="right") - 1])


orders = []
for name, labels in {
    "perfect": [1] * 10 + [0] * 90,
    "worst": [0] * 90 + [1] * 10,
    "mixed": [int(v) for v in (rng.rand(137) < 0.2)],
    "few": [1, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0],
    "half-ties": [0, 1] * 20 + [1, 0] * 3,
}.items():
    orders.append({"name": name, "labels": labels, "recall10": recall_at(labels, 0.10), "recall25": recall_at(labels, 0.25), "wss95": wss_at(labels, 0.95), "wss100": wss_at(labels, 1.0)})

json.dump({"logistic": cases, "tfidf": {"counts": counts.tolist(), "idf": t.idf_.tolist(), "tfidf": tfidf.tolist()}, "asreview": orders}, __import__("sys").stdout, indent=1)
