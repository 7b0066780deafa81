"""The fallback when a congress has too little history to learn from: keyword rules. A unit's
keywords are the words of its name and, for the usual departments, the matters they handle;
a category's keywords are given by the domain that declares it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from renda.routing.engine import STOP_WORDS, terms

# Fragment of a unit's name -> the words of the matters it usually handles.
UNIT_MATTERS: dict[str, tuple[str, ...]] = {
    "交通": ("公路", "道路", "公交", "客运", "交通", "停车", "出行", "车辆", "运输", "桥梁"),
    "住房": ("住房", "小区", "物业", "老旧", "加装电梯", "棚户区", "保障房", "建筑", "房屋"),
    "城乡建设": ("燃气", "供热", "管网", "排水", "建筑工地", "市政"),
    "生态环境": ("污染", "环境", "大气", "噪声", "排放", "生态", "环保", "扬尘", "水质"),
    "农业农村": ("农业", "农村", "农民", "种植", "养殖", "乡村振兴", "粮食", "耕地", "农产品"),
    "教育": ("学校", "教师", "学生", "教育", "幼儿园", "课后", "校园", "义务教育", "学位"),
    "卫生健康": ("医院", "医疗", "卫生", "医生", "健康", "疾病", "诊疗", "村医", "疫苗"),
    "医疗保障": ("医保", "报销", "医疗保险", "药品", "异地就医"),
    "民政": ("养老", "老年人", "低保", "救助", "社区", "殡葬", "残疾", "儿童福利"),
    "人力资源": ("就业", "社保", "工资", "培训", "创业", "劳动", "欠薪", "养老保险"),
    "文化和旅游": ("旅游", "文化", "景区", "文物", "古城", "图书馆", "非遗"),
    "市场监督": ("食品", "市场", "价格", "质量", "商户", "药店", "消费者", "监管"),
    "工业和信息化": ("工业", "企业", "制造", "园区", "数字", "信息化", "中小企业", "网络"),
    "水利": ("水利", "水库", "河道", "灌溉", "防洪", "饮水", "水资源"),
    "城市管理": ("环卫", "垃圾", "占道", "违建", "路灯", "市容", "垃圾分类", "公厕"),
    "发展和改革": ("项目", "投资", "发展", "规划", "营商环境", "物价"),
    "公安": ("治安", "交警", "户籍", "诈骗", "违法", "安全", "电动车"),
    "应急管理": ("应急", "安全生产", "消防", "灾害", "救援", "隐患"),
    "退役军人": ("退役军人", "优抚", "军人", "烈士"),
    "林业": ("林业", "造林", "森林", "绿化", "防火"),
    "能源": ("能源", "煤炭", "电力", "光伏", "新能源", "充电桩"),
    "体育": ("体育", "健身", "运动", "场馆", "赛事"),
    "科学技术": ("科技", "创新", "研发", "技术", "人才"),
    "司法": ("法律援助", "普法", "调解", "律师", "公证", "矫正"),
    "商务": ("商务", "消费", "电商", "外贸", "商业", "物流"),
    "规划和自然资源": ("规划", "土地", "用地", "自然资源", "不动产", "矿产"),
    "财政": ("财政", "资金", "预算", "补贴", "专项债"),
    "法院": ("法院", "诉讼", "审判", "执行", "案件", "立案"),
    "检察院": ("检察", "公益诉讼", "监督", "检察院"),
}


def unit_keywords(name: str) -> tuple[str, ...]:
    """A unit's keywords: the words of its name (less 局, 市…) and the matters of the usual
    department its name contains."""
    found = [w for w in terms(name) if len(w) > 1 and w not in STOP_WORDS]
    for fragment, matters in UNIT_MATTERS.items():
        if fragment in name:
            found.extend(matters)
    return tuple(dict.fromkeys(found))


def keyword_scores(text: str, keywords: Mapping[str, Iterable[str]]) -> list[tuple[str, float]]:
    """Labels ranked by how many of their keywords the text holds (a keyword found several
    times counts once per time), with the share of all hits as confidence; labels without
    any hit are left out."""
    from renda.core.text import normalize

    normalised = normalize(text)
    hits: dict[str, int] = {}
    for label, words in keywords.items():
        n = sum(normalised.count(w) for w in set(words) if w)
        if n:
            hits[label] = n
    total = sum(hits.values())
    return sorted(((k, n / total) for k, n in hits.items()), key=lambda kv: (-kv[1], kv[0]))
