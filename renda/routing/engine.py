"""The text models behind routing and similar cases, on the one text pipeline (core/text.py):
TF-IDF features of words and characters, linear classifiers that rank labels with a
confidence, their cross-validation, and the similarity of a text to a set of others.

The pipeline shipped (`DEFAULT`) was chosen by cross-validation on real message-board posts
(two sets, one held out) and kept general (the usual settings, no search over them on one
data set): see the README's routing section for the comparison. `renda routing evaluate`
runs the same pipelines on anyone's CSV.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from renda.core.text import normalize, words

# Words that say nothing about the matter (function words and the register of every
# suggestion: 建议, 问题, 加强…): dropped before weighting so that they never make two texts
# look alike.
_STOP = """
的 了 和 与 及 以及 或 等 是 在 对 为 将 把 被 从 向 于 由
也 都 而 并 并且 其 之 中 上 下 有 无 不 没有 一 二 三 四
五 一是 二是 三是 四是 一些 部分 有关 相关 进一步 我们 我 你 他
她 这 那 这些 那些 该 此 各 每 个 们 啊 吧 呢 吗 着 过 地
得 就 还 又 很 较 比较 更 最 已 已经 建议 问题 加强 关于 进行
工作 方面 情况 目前 存在 提出 希望 要求 推进 推动 做好 有效 切实
积极 不断 全面 持续 进一步加强 重视 解决 群众 反映 市 县 区 镇
乡 村
"""
STOP_WORDS = frozenset(_STOP.split())


def terms(text: str | None) -> list[str]:
    """The words that carry the matter: the text's words (core.text.words) less stop words
    and single digits."""
    return [w for w in words(text) if w not in STOP_WORDS and not w.isdigit()]


@functools.lru_cache(maxsize=20000)
def _cached_terms(digest: str, text: str) -> tuple[str, ...]:
    return tuple(terms(text))


def terms_cached(text: str) -> list[str]:
    """terms(), remembered per text (similar cases compare the same texts on every page)."""
    return list(_cached_terms(hashlib.blake2b(text.encode(), digest_size=16).hexdigest(), text))


def characters(text: str | None) -> str:
    """The normalised text, for character n-grams."""
    return normalize(text)


# --- pipelines -------------------------------------------------------------------------------

# name -> (features, classifier); compared in the README, DEFAULT is the one the platform uses.
# Features: "words" (jieba words less stop words), "chars" (character 1–3-grams), "both" (the
# two side by side), "both2" (words with character 1–2-grams), "wide" (words and pairs of
# adjacent words, with character 2–4-grams).
PIPELINES = {
    "words-svm": ("words", "svm"),
    "chars-svm": ("chars", "svm"),
    "both-svm": ("both", "svm"),
    "both-lr": ("both", "lr"),
    "both-ensemble": ("both", "ensemble"),
    "both-sgd": ("both", "sgd"),
    "wide-svm": ("wide", "svm"),
    "both2-svm": ("both2", "svm"),
}
# Words with character 1–2-grams and a linear SVM: the best mean macro-F1 over two sets of real
# message-board posts (README, routing); the characters read what jieba cuts wrongly.
DEFAULT = "both2-svm"
# How far the labels' keywords move a learned ranking (0: the examples alone); see fit(). This
# is the weight for a label without examples and a text the examples say nothing of: a label
# with n examples is moved by KEYWORD_EXAMPLES / (KEYWORD_EXAMPLES + n) of it, and every label
# by 1 - the learned confidence in the first label (its examples speak for it as they grow).
KEYWORD_WEIGHT = 0.5
KEYWORD_EXAMPLES = 10


def _features(kind: str) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    def chars(low: int, high: int) -> Any:
        return TfidfVectorizer(
            analyzer="char_wb",
            preprocessor=characters,
            ngram_range=(low, high),
            sublinear_tf=True,
            min_df=2,
            max_df=0.9,
        )

    word = TfidfVectorizer(analyzer=terms_cached, sublinear_tf=True, min_df=1, max_df=0.9)
    if kind == "words":
        return word
    if kind == "chars":
        return chars(1, 3)
    if kind == "both2":
        return FeatureUnion([("words", word), ("chars", chars(1, 2))])
    if kind == "wide":
        word = TfidfVectorizer(analyzer=_word_ngrams, sublinear_tf=True, min_df=1, max_df=0.9)
        return FeatureUnion([("words", word), ("chars", chars(2, 4))])
    return FeatureUnion([("words", word), ("chars", chars(1, 3))])


def _word_ngrams(text: str) -> list[str]:
    """The text's terms and each pair of adjacent terms."""
    found = terms_cached(text)
    return found + [f"{a} {b}" for a, b in zip(found, found[1:], strict=False)]


def _softmax(scores: Any) -> Any:
    import numpy as np

    z = np.asarray(scores)
    if z.ndim == 1:  # two labels: one column of scores for the second
        z = np.column_stack([-z, z])
    z = (z - z.max(axis=1, keepdims=True)) * 4.0
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class TextClassifier:
    """Texts to ranked labels with a confidence in [0, 1]. The SVM's margins become
    confidences through a softmax (no calibration folds: it must work with a few examples
    per label); logistic regression and SGD (modified Huber loss) give probabilities; the
    ensemble averages a calibrated SVM's and logistic regression's."""

    # Class-level defaults: a model pickled by an older version lacks what came later.
    keywords: dict[str, tuple[str, ...]] = {}  # noqa: RUF012
    keyword_weight: float = KEYWORD_WEIGHT
    examples: Counter[str] = Counter()  # noqa: RUF012

    def __init__(self, pipeline: str = DEFAULT, *, keyword_weight: float = KEYWORD_WEIGHT) -> None:
        if pipeline not in PIPELINES:
            raise ValueError(f"unknown pipeline {pipeline!r}; one of {', '.join(PIPELINES)}")
        self.pipeline = pipeline
        self.keyword_weight = keyword_weight
        self.keywords: dict[str, tuple[str, ...]] = {}
        self.examples = Counter()
        self.labels: list[str] = []
        self._features: Any = None
        self._models: list[Any] = []

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[str],
        keywords: dict[str, tuple[str, ...]] | None = None,
    ) -> TextClassifier:
        """Learn from labelled texts; `keywords` (label -> words of the matters it handles)
        is what is known of each label beyond its examples: a text that holds some of them
        leans towards it by `keyword_weight` (a new matter never seen in the examples is
        still routed by what the unit is for)."""
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.linear_model import LogisticRegression
        from sklearn.svm import LinearSVC

        features, classifier = PIPELINES[self.pipeline]
        self._features = _features(features)
        x = self._features.fit_transform(list(texts))
        y = [str(label) for label in labels]
        self.labels = sorted(set(y))
        self.keywords = {k: tuple(v) for k, v in (keywords or {}).items() if k in self.labels}
        self.examples = Counter(y)
        if len(self.labels) < 2:
            self._models = []
            return self
        svm = LinearSVC(C=0.5, class_weight="balanced")
        lr = LogisticRegression(C=20.0, class_weight="balanced", max_iter=2000)
        smallest = min(Counter(y).values())
        if classifier == "svm":
            self._models = [svm.fit(x, y)]
        elif classifier == "lr":
            self._models = [lr.fit(x, y)]
        elif classifier == "sgd":
            from sklearn.linear_model import SGDClassifier

            sgd = SGDClassifier(
                loss="modified_huber", alpha=1e-4, class_weight="balanced", random_state=0
            )
            self._models = [sgd.fit(x, y)]

        else:
            calibrated = (
                CalibratedClassifierCV(svm, cv=min(3, smallest)).fit(x, y)
                if smallest >= 2
                else svm.fit(x, y)
            )
            self._models = [calibrated, lr.fit(x, y)]
        return self

    def _probabilities(self, texts: Sequence[str]) -> Any:
        import numpy as np

        x = self._features.transform(list(texts))
        total = np.zeros((len(texts), len(self.labels)))
        for model in self._models:
            order = [self.labels.index(str(c)) for c in model.classes_]
            if hasattr(model, "predict_proba"):
                p = model.predict_proba(x)
            else:
                p = _softmax(model.decision_function(x))
            total[:, order] += p
        total /= max(len(self._models), 1)
        if self.keywords and self.keyword_weight > 0:
            from renda.routing.keywords import keyword_scores

            # Added to each label's confidence: its share of the text's keyword hits times
            # w / (1 - w), shrunk by the label's examples and by how sure the learned ranking
            # is, then normalised again (w = 0.5, no examples, an unsure ranking: the mean of
            # the learned and the keyword confidences).
            w = min(self.keyword_weight, 0.99)
            strength = np.array(
                [
                    w / (1 - w) * KEYWORD_EXAMPLES / (KEYWORD_EXAMPLES + self.examples[label])
                    for label in self.labels
                ]
            )
            for row, text in enumerate(texts):
                hits = dict(keyword_scores(text, self.keywords))
                if hits:
                    prior = np.array([hits.get(label, 0.0) for label in self.labels])
                    total[row] += strength * prior * (1 - total[row].max())
                    total[row] /= total[row].sum()
        return total

    def predict(self, texts: Sequence[str]) -> list[str]:
        if not self._models:
            return [self.labels[0] if self.labels else ""] * len(texts)
        p = self._probabilities(texts)
        return [self.labels[i] for i in p.argmax(axis=1)]

    def rank(self, text: str, top: int = 3) -> list[tuple[str, float]]:
        """The `top` likeliest labels for one text, best first, with their confidence."""
        if not self.labels:
            return []
        if not self._models:
            return [(self.labels[0], 1.0)]
        p = self._probabilities([text])[0]
        order = sorted(range(len(self.labels)), key=lambda i: -p[i])[:top]
        return [(self.labels[i], float(p[i])) for i in order]


# --- cross-validation ------------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    samples: int
    folds: int
    accuracy: float
    macro_f1: float
    per_label: dict[str, float]
    support: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return {
            "samples": self.samples,
            "folds": self.folds,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_label_f1": {k: round(v, 4) for k, v in sorted(self.per_label.items())},
            "support": dict(sorted(self.support.items())),
        }


def cross_validate(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    folds: int = 5,
    pipeline: str = DEFAULT,
    groups: Sequence[str] | None = None,
    keywords: dict[str, tuple[str, ...]] | None = None,
    keyword_weight: float = KEYWORD_WEIGHT,
    seed: int = 0,
) -> Evaluation:
    """Stratified k-fold cross-validation of a pipeline: every text is predicted by a model
    that never saw it. A label with fewer examples than folds is still scored (it is
    missing from some folds' training sets).

    With `groups` (the matter each text is about), the texts of one matter are never split
    between training and test: the model must route matters it has never seen, as on real
    posts. Labels with a single matter cannot be tested so and are left out."""
    import warnings

    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    rows = list(
        zip(texts, (str(label) for label in labels), groups or [""] * len(texts), strict=True)
    )
    if groups is not None:
        matters: dict[str, set[str]] = {}
        for _, y_, g in rows:
            matters.setdefault(y_, set()).add(g)
        rows = [r for r in rows if len(matters[r[1]]) >= 2]
    x = [t for t, _, _ in rows]
    y = [y_ for _, y_, _ in rows]
    counts = Counter(y)
    if len(counts) < 2:
        raise ValueError("at least two labels are needed")
    folds = max(2, min(folds, max(counts.values())))
    predicted = [""] * len(y)
    if groups is not None:
        splits = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(
            x, y, [g for _, _, g in rows]
        )
    else:
        splits = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(x, y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "least populated class" warnings
        for train, test in splits:
            model = TextClassifier(pipeline, keyword_weight=keyword_weight).fit(
                [x[i] for i in train], [y[i] for i in train], keywords
            )
            for i, label in zip(test, model.predict([x[i] for i in test]), strict=True):
                predicted[i] = label
    names = sorted(counts)
    per_label = f1_score(y, predicted, labels=names, average=None, zero_division=0)
    return Evaluation(
        samples=len(y),
        folds=folds,
        accuracy=float(accuracy_score(y, predicted)),
        macro_f1=float(f1_score(y, predicted, labels=names, average="macro", zero_division=0)),
        per_label={n: float(f) for n, f in zip(names, per_label, strict=True)},
        support=dict(counts),
    )


def cross_validate_repeated(
    texts: Sequence[str], labels: Sequence[str], *, repeats: int = 1, **options: Any
) -> dict[str, Any]:
    """cross_validate() with the folds shuffled `repeats` times (seeds 0, 1, …): the figures
    are the means, `macro_f1_runs` each run's macro-F1. On a few hundred texts one shuffle can
    move macro-F1 by several points; compare pipelines on the mean."""
    runs = [cross_validate(texts, labels, seed=seed, **options) for seed in range(repeats)]
    out = runs[0].as_dict()
    if repeats > 1:
        out["accuracy"] = round(sum(r.accuracy for r in runs) / repeats, 4)
        out["macro_f1"] = round(sum(r.macro_f1 for r in runs) / repeats, 4)
        out["per_label_f1"] = {
            k: round(sum(r.per_label[k] for r in runs) / repeats, 4) for k in out["per_label_f1"]
        }
        out["repeats"] = repeats
        out["macro_f1_runs"] = [round(r.macro_f1, 4) for r in runs]
    return out


# --- similarity ------------------------------------------------------------------------------

WORD_WEIGHT = 0.6  # the rest is character bigrams'


def similarity_vectorisers() -> tuple[Any, Any]:
    """The two TF-IDF vectorisers behind similarities(), unfitted: words (terms) and character
    bigrams; a text's similarity is WORD_WEIGHT of the first's cosine and the rest of the
    second's (hot topics fit them on a period's texts and transform the period before)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    word = TfidfVectorizer(analyzer=terms_cached, sublinear_tf=True)
    char = TfidfVectorizer(
        analyzer="char", preprocessor=characters, ngram_range=(2, 2), sublinear_tf=True
    )
    return word, char


def _vectors(corpus: Sequence[str]) -> tuple[Any, Any] | None:
    """L2-normalised TF-IDF rows of words and of character bigrams, weighted over the corpus
    (words every text of the year shares count for little); None when there are no words."""
    from sklearn.preprocessing import normalize as l2

    word, char = similarity_vectorisers()
    try:
        return l2(word.fit_transform(corpus)), l2(char.fit_transform(corpus))
    except ValueError:  # no words at all (empty or punctuation only)
        return None


def _clip(value: float) -> float:
    return 0.0 if math.isnan(value) else round(min(1.0, max(0.0, value)), 4)


def similarities(text: str, others: Sequence[str]) -> list[float]:
    """The similarity of `text` to each of `others`, in [0, 1]: the cosines of their word and
    character-bigram TF-IDF vectors, weighted over the text and the others together."""
    if not others:
        return []
    vectors = _vectors([text, *others])
    if vectors is None:
        return [0.0] * len(others)
    w, c = vectors
    scores = (
        WORD_WEIGHT * (w[1:] @ w[0].T).toarray().ravel()
        + (1 - WORD_WEIGHT) * (c[1:] @ c[0].T).toarray().ravel()
    )
    return [_clip(float(s)) for s in scores]


def pair_scores(texts: Sequence[str]) -> Any:
    """similarities() of every text to every other of a set, as a matrix (the same figures as
    asking text by text: the weights come from the whole set either way)."""
    import numpy as np

    vectors = _vectors(list(texts))
    if vectors is None:
        return np.zeros((len(texts), len(texts)))
    w, c = vectors
    m = WORD_WEIGHT * (w @ w.T).toarray() + (1 - WORD_WEIGHT) * (c @ c.T).toarray()
    return np.clip(np.round(m, 4), 0.0, 1.0)


@dataclass(frozen=True)
class PairCounts:
    threshold: float
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "pairs_found": self.true_positives + self.false_positives,
            "true_pairs": self.true_positives + self.false_negatives,
        }


def pair_precision_recall(
    texts: Sequence[str], groups: Sequence[str], thresholds: Sequence[float]
) -> list[PairCounts]:
    """Precision and recall of "similar at or above the threshold" against "about the same
    matter" (same group; a blank group is a matter of its own), over every pair of texts."""
    import numpy as np

    m = pair_scores(texts)
    g = np.array([x or f"\0{i}" for i, x in enumerate(groups)])
    same = g[:, None] == g[None, :]
    upper = np.triu(np.ones_like(same, dtype=bool), k=1)
    out = []
    for t in thresholds:
        found = (m >= t) & upper
        out.append(
            PairCounts(
                threshold=t,
                true_positives=int((found & same).sum()),
                false_positives=int((found & ~same).sum()),
                false_negatives=int((~found & same & upper).sum()),
            )
        )
    return out
