"""The demo year's fixed organisation data: Jinzhong's counties, towns, bodies and units."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

D = datetime.date

CITY = "晋中市"
CITY_CODE = "jinzhong"
PROVINCE_CODE = "sx"


@dataclass(frozen=True)
class County:
    """A county-level division (区/县/市) with its own congress."""

    name: str  # 榆次区
    pinyin: str  # yuci: the congress code is jinzhong-yuci
    region_code: str  # GB/T 2260, the first six digits of its residents' ID numbers
    seats: int  # city deputies it elects (roughly by population)
    term_number: int  # its own congress's current term (届)
    elected_on: datetime.date  # its congress's session that elected the city deputies
    towns: tuple[str, ...]  # one contact station each; the first is merged with the contact point
    collection_points: tuple[str, ...]  # 信息采集点 under its legislative contact point

    @property
    def party_committee(self) -> str:
        # 榆次区委, but 祁县县委: a one-character name keeps its suffix twice.
        return f"{self.name}委" if len(self.name) > 2 else f"{self.name}{self.name[-1]}委"

    @property
    def head_title(self) -> str:
        return {"区": "区长", "县": "县长", "市": "市长"}[self.name[-1]]


# Seats add up to 402; 榆次区 (with the development zone) is the largest by far.
COUNTIES: tuple[County, ...] = (
    County(
        "榆次区", "yuci", "140702", 73, 17, D(2021, 9, 10),
        ("锦纶街道", "北关街道", "西南街道", "新建街道", "路西街道", "安宁街道", "郭家堡乡",
         "东阳镇"),
        ("锦纶街道蕴华社区居民委员会", "郭家堡乡郭家堡村村民委员会", "东阳镇车辋村村民委员会",
         "山西晋和律师事务所", "晋中恒瑞精密机械有限公司"),
    ),
    County(
        "太谷区", "taigu", "140703", 37, 2, D(2021, 9, 8),
        ("明星镇", "胡村镇", "范村镇", "侯城乡", "北洸乡", "阳邑乡"),
        ("明星镇东街社区居民委员会", "胡村镇白燕村村民委员会", "太谷区职业中学校",
         "太谷区福盛食品有限公司"),
    ),
    County(
        "介休市", "jiexiu", "140781", 46, 17, D(2021, 9, 9),
        ("北关街道", "西关街道", "东南街道", "义安镇", "张兰镇", "连福镇", "绵山镇"),
        ("北关街道顺城社区居民委员会", "龙凤镇张壁村村民委员会", "义安镇义安村村民委员会",
         "山西介和律师事务所"),
    ),
    County(
        "平遥县", "pingyao", "140728", 48, 17, D(2021, 9, 9),
        ("古陶镇", "段村镇", "洪善镇", "宁固镇", "东泉镇", "中都乡", "岳壁乡"),
        ("古陶镇西大街社区居民委员会", "岳壁乡梁村村民委员会", "平遥县中学校",
         "平遥县古城牛肉食品有限公司"),
    ),
    County(
        "灵石县", "lingshi", "140729", 33, 17, D(2021, 9, 7),
        ("翠峰镇", "静升镇", "两渡镇", "夏门镇", "南关镇", "段纯镇"),
        ("翠峰镇新建街社区居民委员会", "静升镇静升村村民委员会", "两渡镇两渡村村民委员会",
         "灵石县人民医院"),
    ),
    County(
        "祁县", "qixian", "140727", 33, 17, D(2021, 9, 8),
        ("昭馀镇", "东观镇", "古县镇", "贾令镇", "城赵镇", "来远镇"),
        ("昭馀镇东大街社区居民委员会", "东观镇乔家堡村村民委员会", "祁县玻璃器皿行业协会",
         "山西昭馀律师事务所"),
    ),
    County(
        "寿阳县", "shouyang", "140725", 30, 17, D(2021, 9, 7),
        ("朝阳镇", "南燕竹镇", "宗艾镇", "平头镇", "松塔镇", "西洛镇"),
        ("朝阳镇北关社区居民委员会", "宗艾镇宗艾村村民委员会", "平头镇韩沟村村民委员会",
         "寿阳县第一中学校"),
    ),
    County(
        "昔阳县", "xiyang", "140724", 30, 17, D(2021, 9, 6),
        ("乐平镇", "大寨镇", "皋落镇", "冶头镇", "沾尚镇"),
        ("乐平镇城南社区居民委员会", "大寨镇大寨村村民委员会", "皋落镇皋落村村民委员会",
         "昔阳县司法局城关司法所"),
    ),
    County(
        "和顺县", "heshun", "140723", 24, 17, D(2021, 9, 6),
        ("义兴镇", "李阳镇", "松烟镇", "青城镇", "横岭镇"),
        ("义兴镇南关社区居民委员会", "松烟镇许村村民委员会", "李阳镇李阳村村民委员会",
         "和顺县职业中学校"),
    ),
    County(
        "左权县", "zuoquan", "140722", 26, 17, D(2021, 9, 7),
        ("辽阳镇", "桐峪镇", "麻田镇", "芹泉镇", "拐儿镇"),
        ("辽阳镇城南社区居民委员会", "麻田镇麻田村村民委员会", "左权县人民法院桐峪法庭"),
    ),
    County(
        "榆社县", "yushe", "140721", 22, 17, D(2021, 9, 6),
        ("箕城镇", "云竹镇", "郝北镇", "社城镇", "河峪乡"),
        ("箕城镇城东社区居民委员会", "云竹镇云竹村村民委员会", "榆社县化石博物馆"),
    ),
)  # fmt: skip

# Set up in 2025, so that 2025's figure differs from 2024's (43).
LATER_COLLECTION_POINT = ("榆次区", "东赵乡后沟村村民委员会", D(2025, 4, 15))

STREETS = (
    "人民路", "建设路", "文化路", "中心街", "府前街", "解放路", "新华街", "友谊路", "迎宾街",
    "顺城街", "振兴路", "和平街",
)  # fmt: skip

# The city's own streets, for the units' addresses (the city seat is in 榆次区).
CITY_STREETS = (
    "汇通路",
    "迎宾西街",
    "蕴华街",
    "龙湖大街",
    "定阳路",
    "新建北路",
    "安宁街",
    "中都路",
)

RECEPTION_DAYS = (
    "每月15日", "每月5日", "每月10日", "每月20日", "每月第一个星期三", "每周四上午",
    "每月第二个星期五", "每月25日",
)  # fmt: skip

# The standing committee's bodies: (name, short name, kind).
BODIES: tuple[tuple[str, str, str], ...] = (
    ("主任会议", "主任会议", "chair_council"),
    ("常务委员会", "常委会", "standing_committee"),
    ("法制委员会", "法制委", "special_committee"),
    ("财政经济委员会", "财经委", "special_committee"),
    ("教育科学文化卫生委员会", "教科文卫委", "special_committee"),
    ("农业与农村委员会", "农业农村委", "special_committee"),
    ("社会建设委员会", "社会建设委", "special_committee"),
    ("城乡建设环境与资源保护委员会", "城环资委", "special_committee"),
    ("监察和司法委员会", "监察司法委", "special_committee"),
    ("办公室", "办公室", "office"),
    ("法制工作委员会", "法工委", "working_body"),
    ("预算工作委员会", "预算工委", "working_body"),
    ("代表工作委员会", "代表工委", "working_body"),
    ("选举任免联络工作委员会", "选联工委", "working_body"),
    ("研究室", "研究室", "working_body"),
    ("信访室", "信访室", "working_body"),
)
STAFF_BODY = "代表工作委员会"

# Handling units (承办单位): the "一府一委两院", then the government's departments.
# (name without the city, short name, username stem, kind)
UNITS: tuple[tuple[str, str, str, str], ...] = (
    ("人民政府", "市政府", "szf", "government"),
    ("监察委员会", "市监委", "sjw", "supervisory"),
    ("中级人民法院", "市中院", "zy", "court"),
    ("人民检察院", "市检察院", "jcy", "procuratorate"),
    ("发展和改革委员会", "市发改委", "fgw", "department"),
    ("工业和信息化局", "市工信局", "gxj", "department"),
    ("教育局", "市教育局", "jyj", "department"),
    ("科学技术局", "市科技局", "kjj", "department"),
    ("公安局", "市公安局", "gaj", "department"),
    ("民政局", "市民政局", "mzj", "department"),
    ("司法局", "市司法局", "sfj", "department"),
    ("财政局", "市财政局", "czj", "department"),
    ("人力资源和社会保障局", "市人社局", "rsj", "department"),
    ("规划和自然资源局", "市规划和自然资源局", "zrzyj", "department"),
    ("生态环境局", "市生态环境局", "sthjj", "department"),
    ("住房和城乡建设局", "市住建局", "zjj", "department"),
    ("交通运输局", "市交通运输局", "jtj", "department"),
    ("水利局", "市水利局", "slj", "department"),
    ("农业农村局", "市农业农村局", "nyncj", "department"),
    ("商务局", "市商务局", "swj", "department"),
    ("文化和旅游局", "市文旅局", "wlj", "department"),
    ("卫生健康委员会", "市卫健委", "wjw", "department"),
    ("退役军人事务局", "市退役军人局", "tyjrj", "department"),
    ("应急管理局", "市应急局", "yjj", "department"),
    ("审计局", "市审计局", "sjj", "department"),
    ("市场监督管理局", "市市场监管局", "scjgj", "department"),
    ("体育局", "市体育局", "tyj", "department"),
    ("统计局", "市统计局", "tjj", "department"),
    ("医疗保障局", "市医保局", "ybj", "department"),
    ("城市管理局", "市城管局", "cgj", "department"),
    ("行政审批服务管理局", "市行政审批局", "xzspj", "department"),
    ("能源局", "市能源局", "nyj", "department"),
    ("林业局", "市林业局", "lyj", "department"),
    ("乡村振兴局", "市乡村振兴局", "xczxj", "department"),
)
HANDLER_UNIT = "交通运输局"

# Words for fictional enterprises, villages, schools and hospitals in deputies' posts.
FIRM_WORDS = ("恒远", "鑫盛", "宏达", "瑞丰", "晋泰", "永昌", "华晟", "润通", "兴业", "隆鑫")
FIRM_TRADES = (
    "煤业", "农业开发", "食品", "建材", "纺织", "物流", "现代农业", "机械制造", "新能源", "医药",
)  # fmt: skip
COMMUNITIES = ("东关", "西关", "南关", "北关", "新华", "建设", "锦绣", "和平", "文苑", "康宁")
VILLAGE_HEADS = ("东", "西", "南", "北", "前", "后", "上", "下", "大", "小", "王", "李", "张", "郭")
VILLAGE_TAILS = ("家庄", "庄", "堡", "峪", "沟", "坡", "寨", "营", "家河")
SCHOOLS = ("第一中学校", "第二中学校", "实验小学", "职业中学校", "实验中学")
HOSPITALS = ("人民医院", "中医医院", "妇幼保健院")

PARTIES = (
    ("中共党员", 70), ("群众", 10), ("无党派人士", 4), ("民革党员", 2), ("民盟盟员", 4),
    ("民建会员", 3), ("民进会员", 3), ("农工党党员", 2), ("九三学社社员", 2),
)  # fmt: skip
ETHNICITIES = (("汉族", 970), ("回族", 15), ("满族", 10), ("蒙古族", 5))
EDUCATIONS = (("研究生", 18), ("大学", 45), ("大专", 20), ("中专", 8), ("高中", 9))
