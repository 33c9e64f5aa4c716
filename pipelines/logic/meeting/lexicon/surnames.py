"""Chinese surnames: a name next to a title must start with one.

Common single surnames (the few hundred that cover nearly everyone) and compound surnames.
Deliberately left out: characters that are far more often function words right after a title
than surnames (和, 台, 党, 代, 全, 时, 将, 常), so 主席台, 书记代表 and the like are not names.
"""

SINGLE = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘"
    "祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟"
    "艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    "姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕"
    "楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣"
    "晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉"
    "银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由洪鞠习卢"
) - set("和台党代全时将常区海国平元信由富智利公干但居呼来都普")

#: Compound surnames (two characters).
COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
            "司徒", "夏侯", "轩辕", "令狐", "端木", "西门", "南宫", "独孤", "澹台", "申屠", "万俟")

#: Characters that practically never occur in a given name but often right after one
#: (verbs, particles, measure words, org suffixes): a candidate name containing one is not a name.
NOT_IN_GIVEN_NAME = set(
    "的了在与及是有等们各这那其该此本会议上下内外前后将要对向把被从到就也都还又而并或所之以于"
    "不没无部委局区镇街市县省村员组队处室办家性化度率量项位名个次届年月日号时点分秒期份台座排席"
    "说讲指表要求出参加主持陪带领调研视察召开举通报汇介绍作代别负责"
)
