using Xinyong.Reports;

namespace Xinyong.Tests.Reports;

/// <summary>Report models with realistic content for the renderer and signature tests.</summary>
public static class SampleReports
{
    public const string CompanyName = "哈尔滨喆堃智能装备科技有限公司";
    public const string ReportNo = "XY20250301K7Q2M9ZC4T";
    public static readonly DateTimeOffset AsOf = new(2025, 3, 1, 0, 30, 0, TimeSpan.Zero); // 08:30 in Beijing

    /// <summary>The sections of <see cref="Company"/> in order: (title, entry count).</summary>
    public static readonly (string Title, int Entries)[] Sections =
    [
        ("行政许可信息", 10),
        ("行政处罚信息", 8),
        ("信用名单信息", 0),
        ("信用承诺信息", 6),
        ("表彰荣誉及其他守信信息", 4),
        ("异议标注信息", 2),
    ];

    /// <summary>A company with 30 entries across six sections, one of them empty, and two entries under objection.</summary>
    public static CreditReportModel Company(bool fullVersion = false) => new(
        ReportNo,
        AsOf,
        "黑龙江省公共信用信息平台",
        $"https://xinyong.hlj.gov.cn/verify/{ReportNo}",
        new ReportSubject(CompanyName, "91230100MA1B2C3D49", "法人",
        [
            new("法定代表人", "王镕"),
            new("成立日期", "2016年5月12日"),
            new("注册资本", "5000万元人民币"),
            new("住所", "黑龙江省哈尔滨市松北区智谷大街288号深圳（哈尔滨）产业园区科创总部1号楼12层"),
            new("经营范围", "智能装备研发、制造、销售；工业自动化控制系统装置制造；软件开发；信息技术咨询服务；货物进出口；技术进出口。（依法须经批准的项目，经相关部门批准后方可开展经营活动）"),
        ]),
        Sections.Select(s => new ReportSection(s.Title, Enumerable.Range(1, s.Entries).Select(i => Entry(s.Title, i)).ToList())).ToList(),
        [
            "本报告信息来源于各公共信用信息提供单位，由黑龙江省公共信用信息平台依法归集，截至“信息截至”所示时间。",
            "已超过公示期限的信息已归档，不在本报告中展示。",
            "标注“异议处理中”的信息正在异议处理期间，处理结果以平台公示为准。",
            "本报告可通过扫描封面二维码在线核验，或使用平台公布的公钥验证报告末尾的数字签名。",
        ],
        fullVersion);

    private static ReportEntry Entry(string section, int i) => section switch
    {
        "行政许可信息" => new($"黑市监许字〔2024〕第{1000 + i}号",
        [
            new("许可决定文书号", $"黑市监许字〔2024〕第{1000 + i}号"),
            new("许可类别", "普通"),
            new("许可内容", "食品经营许可（预包装食品销售、散装食品销售、热食类食品制售）"),
            new("许可决定日期", $"2024年{1 + i % 12}月{1 + i}日"),
            new("有效期至", $"2029年{1 + i % 12}月{i}日"),
            new("许可机关", "哈尔滨市松北区市场监督管理局"),
        ]),
        "行政处罚信息" => new($"哈松市监罚〔2024〕{20 + i}号",
        [
            new("处罚决定书文号", $"哈松市监罚〔2024〕{20 + i}号"),
            new("违法行为类型", "违反《中华人民共和国产品质量法》第三十二条"),
            new("违法事实", "经查，当事人于2024年3月至6月期间销售的智能控制柜经抽检不合格，涉案货值人民币" + (10000 + i * 731) + "元。"),
            new("处罚依据", "《中华人民共和国产品质量法》第五十条"),
            new("处罚内容", $"罚款人民币{2 * i}万元，没收违法所得人民币{i * 1234}元。"),
            new("处罚机关", "哈尔滨市松北区市场监督管理局"),
            new("公示截止日期", "2027年6月30日"),
        ], Mark: i is 3 or 7 ? "异议处理中" : null),
        "信用承诺信息" => new($"信用承诺书 CN-2024-{i:000}",
        [
            new("承诺类型", "审批替代型"),
            new("承诺事项", "申请人承诺所提交材料真实有效，并在规定期限内补齐相关材料。"),
            new("承诺日期", $"2024年{i}月15日"),
            new("履约状态", i % 2 == 0 ? "已履约" : "履约中"),
        ]),
        "表彰荣誉及其他守信信息" => new($"荣誉 {i}",
        [
            new("荣誉名称", i % 2 == 0 ? "黑龙江省守合同重信用企业" : "哈尔滨市文明单位"),
            new("授予机关", "哈尔滨市人民政府"),
            new("授予日期", $"202{i}年12月"),
        ]),
        "异议标注信息" => new($"异议 YY-2025-{i:0000}",
        [
            new("异议信息", $"行政处罚信息 哈松市监罚〔2024〕{(i == 1 ? 23 : 27)}号"),
            new("异议理由", "当事人称处罚决定已被行政复议撤销，并提交了复议决定书。"),
            new("受理日期", "2025年2月20日"),
            new("处理状态", "异议处理中"),
        ]),
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };
}
