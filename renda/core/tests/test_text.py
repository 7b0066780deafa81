"""The one text pipeline: normalisation and word segmentation."""

from renda.core.text import normalize, strip_invisible, words


def test_normalize_folds_width_case_traditional_and_invisible():
    assert normalize("ＡＢＣ１２３") == "abc123"
    assert normalize("學校停車問題") == "学校停车问题"
    assert normalize("垃圾\u200b分类\ufeff") == "垃圾分类"
    assert normalize("a\u200bb") == "a b"
    assert normalize("  多个   空格 ") == "多个 空格"
    assert normalize(None) == ""


def test_invisible_characters_read_as_whitespace():
    assert strip_invisible("a\u200b\u200c\u200db") == "a b"
    assert strip_invisible("垃圾\u200b分类\ufeff") == "垃圾分类"
    assert strip_invisible("\u200b\u200b").strip() == ""


def test_words_cut_chinese_and_drop_punctuation():
    got = words("关于加强学校周边停车管理的建议。")
    assert "学校" in got and "停车" in got and "管理" in got
    assert "。" not in got


def test_words_give_the_parts_of_long_words():
    got = words("垃圾分类")
    assert "垃圾" in got and "分类" in got


def test_words_of_traditional_text_are_simplified():
    assert "停车" in words("學校停車")


def test_a_phrase_set_inside_a_sentence_loses_its_closing_punctuation():
    from renda.core.text import phrase

    assert phrase("路灯不亮，出行不便。") == "路灯不亮，出行不便"
    assert phrase("答复期限将至！ ") == "答复期限将至"
    assert phrase("Reply to suggestion 12.") == "Reply to suggestion 12"
    assert phrase("锦纶路与迎宾街交叉口…") == "锦纶路与迎宾街交叉口…"  # an ellipsis says it was cut
