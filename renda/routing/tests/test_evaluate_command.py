"""`renda routing evaluate`: stratified k-fold cross-validation on anyone's CSV, as JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

TOPICS = {
    "交通": ["公交线路覆盖不足，村民出行难", "农村公路坑洼，雨天积水", "学校门口停车混乱拥堵",
             "公交站台缺少遮雨棚", "道路红绿灯时间太短", "客运班次太少"],
    "教育": ["学校学位紧张，大班额", "乡村教师缺乏，音体美课开不齐", "幼儿园收费偏高",
             "课后服务时间太短", "校舍老旧需要改造", "学生营养餐标准低"],
    "卫健": ["村卫生室缺医少药", "医院看病排队时间长", "基层医生待遇低留不住人",
             "急救车到达太慢", "老人慢病随访不到位", "社区卫生服务中心设备落后"],
}  # fmt: skip


def _csv(tmp_path, header=("id", "text", "label")):
    path = tmp_path / "posts.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        n = 0
        for label, texts in TOPICS.items():
            for t in texts:
                n += 1
                w.writerow([str(n), t, label])
    return path


def _run(*args: str) -> dict:
    out = io.StringIO()
    call_command("routing", "evaluate", *args, stdout=out)
    return json.loads(out.getvalue())


def test_evaluate_prints_macro_f1_accuracy_and_per_label_f1(tmp_path) -> None:
    result = _run("--csv", str(_csv(tmp_path)), "--folds", "3")
    assert set(result) >= {"macro_f1", "accuracy", "per_label_f1", "samples", "folds"}
    assert result["samples"] == 18 and result["folds"] == 3
    assert set(result["per_label_f1"]) == set(TOPICS)
    assert 0.0 <= result["macro_f1"] <= 1.0 and 0.0 <= result["accuracy"] <= 1.0


def test_evaluate_reads_other_column_names_and_compares_every_pipeline(tmp_path) -> None:
    path = _csv(tmp_path, header=("编号", "内容", "部门"))
    result = _run(
        "--csv", str(path), "--text-column", "内容", "--label-column", "部门",
        "--folds", "2", "--pipeline", "all",
    )  # fmt: skip
    assert set(result) == {
        "words-svm", "chars-svm", "both-svm", "both-lr", "both-ensemble", "both-sgd", "wide-svm",
        "both2-svm",
    }  # fmt: skip
    assert all(r["folds"] == 2 for r in result.values())


def test_evaluate_repeats_the_shuffled_folds_and_reports_the_means(tmp_path) -> None:
    result = _run("--csv", str(_csv(tmp_path)), "--folds", "3", "--repeats", "3")
    runs = result["macro_f1_runs"]
    assert result["repeats"] == 3 and len(runs) == 3
    assert result["macro_f1"] == pytest.approx(sum(runs) / 3, abs=1e-4)
    with pytest.raises(CommandError, match="repeats"):
        _run("--csv", str(_csv(tmp_path)), "--repeats", "0")


def test_evaluate_refuses_a_missing_column_or_a_single_label(tmp_path) -> None:
    with pytest.raises(CommandError, match="no column body"):
        _run("--csv", str(_csv(tmp_path)), "--text-column", "body")
    single = tmp_path / "one.csv"
    single.write_text("text,label\n公交,交通\n道路,交通\n", encoding="utf-8")
    with pytest.raises(CommandError, match="two labels"):
        _run("--csv", str(single))
    with pytest.raises(CommandError):
        _run("--csv", str(tmp_path / "missing.csv"))


def test_evaluate_by_matter_never_splits_a_matter_and_drops_single_matter_labels(tmp_path):
    path = tmp_path / "matters.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["text", "label", "matter"])
        for label, texts in TOPICS.items():
            for i, t in enumerate(texts):
                w.writerow([t, label, f"{label}{i % 3}"])
        w.writerow(["独一无二的事项", "其他", "其他0"])  # one matter only: cannot be tested
    result = _run("--csv", str(path), "--group-column", "matter", "--folds", "3")
    assert result["samples"] == 18 and "其他" not in result["per_label_f1"]


def test_labels_named_like_departments_lend_their_keywords_to_new_matters() -> None:
    from renda.routing.engine import TextClassifier

    texts = ["公交线路太少", "公交班次不够", "学校学位紧张", "学校大班额"]
    labels = ["交通运输局", "交通运输局", "教育局", "教育局"]
    keywords = {"交通运输局": ("公路", "道路"), "教育局": ("教师", "幼儿园")}
    plain = TextClassifier(keyword_weight=0).fit(texts, labels, keywords)
    helped = TextClassifier().fit(texts, labels, keywords)
    new_matter = "乡村教师待遇低，幼儿园缺老师"  # no word of the examples
    assert helped.rank(new_matter)[0][0] == "教育局"
    assert helped.rank(new_matter)[0][1] > plain.rank(new_matter)[0][1]


def test_keywords_give_way_to_a_label_s_examples_as_they_grow() -> None:
    """A text holding another label's keyword stays with the label its many examples name;
    with few examples the keywords still decide for a matter never seen."""
    from renda.routing.engine import TextClassifier

    keywords = {"交通运输局": ("道路", "公交"), "住建局": ("小区", "物业")}
    known = "小区门前道路破损积水，物业不管"  # 住建局's matter, with a 交通 keyword
    many = [known.replace("门前", f"{i}号楼门前") for i in range(40)] + [
        f"{i}路公交班次太少" for i in range(40)
    ]
    labels = ["住建局"] * 40 + ["交通运输局"] * 40
    plain = TextClassifier(keyword_weight=0).fit(many, labels, keywords)
    helped = TextClassifier().fit(many, labels, keywords)
    text = "小区门前道路破损，道路积水，物业不管"
    assert plain.rank(text)[0][0] == helped.rank(text)[0][0] == "住建局"
    assert helped.rank(text)[0][1] == pytest.approx(plain.rank(text)[0][1], abs=0.05)
    few = TextClassifier().fit(
        ["公交班次太少", "公交站台太远", "小区物业收费高", "小区停车位少"],
        ["交通运输局", "交通运输局", "住建局", "住建局"],
        keywords,
    )
    assert few.rank("道路坑洼需要修")[0][0] == "交通运输局"
