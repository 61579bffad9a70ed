using System.Globalization;

namespace Xinyong.Synthetic;

/// <summary>
/// Writes synthetic 双公示 rows (行政处罚, 行政许可) and court 失信被执行人 rows with the Chinese headers providers use,
/// for tests and benchmarks (<c>xinyong gen</c>). A fraction of rows can be made invalid on purpose, each with a known
/// defect. Rows come one at a time: files of any size take constant memory.
/// </summary>
public sealed class ShuanggongshiGenerator
{
    /// <summary>The items the generator writes.</summary>
    public static readonly IReadOnlyList<string> Items = ["admin-penalty", "admin-licence", "court-dishonest"];

    private static readonly string[] Violations = ["销售不合格产品", "未按规定公示信息", "超范围经营", "生产经营标签不符合规定的食品", "违反安全生产管理规定", "超标排放污染物", "未取得许可擅自经营", "虚假宣传", "价格违法", "违规占道经营"];
    private static readonly string[] Bases = ["《中华人民共和国产品质量法》第四十九条", "《中华人民共和国食品安全法》第一百二十五条", "《中华人民共和国安全生产法》第九十九条", "《中华人民共和国大气污染防治法》第九十九条", "《中华人民共和国广告法》第五十五条", "《中华人民共和国价格法》第四十条", "《黑龙江省城市市容和环境卫生管理条例》第三十六条"];
    private static readonly string[] LicenceTypes = ["食品经营许可", "排污许可", "建筑业企业资质", "道路运输经营许可", "药品经营许可", "公共场所卫生许可"];

    private readonly SyntheticData _data;
    private readonly DateOnly _today;
    private readonly SyntheticSubject[] _subjects;
    private readonly SyntheticAuthority[] _authorities;
    private readonly double _bad;
    private long _seq;

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">The same seed gives the same file.</param>
    /// <param name="subjects">How many distinct subjects the rows spread over.</param>
    /// <param name="today">Decision dates fall in the year before this day.</param>
    /// <param name="badFraction">The share of rows made invalid on purpose (0-1).</param>
    public ShuanggongshiGenerator(int seed, int subjects, DateOnly today, double badFraction = 0)
    {
        _data = new SyntheticData(seed);
        _today = today;
        _bad = badFraction;
        _subjects = new SyntheticSubject[Math.Max(1, subjects)];
        for (var i = 0; i < _subjects.Length; i++) _subjects[i] = _data.Subject();
        _authorities = new SyntheticAuthority[200];
        for (var i = 0; i < _authorities.Length; i++) _authorities[i] = _data.Authority();
    }

    /// <summary>The Chinese headers of an item's file.</summary>
    public static string[] Headers(string item) => item switch
    {
        "admin-penalty" =>
        [
            "行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人", "证件类型", "证件号码", "行政处罚决定书文号", "违法行为类型",
            "违法事实", "处罚依据", "处罚类别", "处罚内容", "罚款金额（万元）", "没收违法所得、没收非法财物的金额（万元）", "暂扣或吊销证照名称及编号",
            "处罚决定日期", "处罚有效期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码", "备注",
        ],
        "admin-licence" =>
        [
            "行政相对人名称", "行政相对人类别", "统一社会信用代码", "法定代表人", "证件类型", "证件号码", "行政许可决定文书名称", "行政许可决定文书号",
            "许可类别", "许可证书名称", "许可编号", "许可内容", "许可决定日期", "有效期自", "有效期至", "许可机关", "许可机关统一社会信用代码", "当前状态",
            "数据来源单位", "数据来源单位统一社会信用代码", "备注",
        ],
        "court-dishonest" =>
        [
            "案号", "被执行人姓名/名称", "证件号码/统一社会信用代码", "法定代表人或者负责人姓名", "执行法院", "省份", "执行依据文号", "立案时间",
            "做出执行依据单位", "生效法律文书确定的义务", "被执行人的履行情况", "失信被执行人行为具体情形", "发布时间",
        ],
        _ => throw new ArgumentException($"the generator writes {string.Join(", ", Items)}, not {item}", nameof(item)),
    };

    /// <summary>The next row of <paramref name="item"/>, aligned with <see cref="Headers"/>.</summary>
    public string[] Next(string item)
    {
        _seq++;
        var row = item switch
        {
            "admin-penalty" => Penalty(),
            "admin-licence" => Licence(),
            "court-dishonest" => Court(),
            _ => throw new ArgumentException(item, nameof(item)),
        };
        if (_bad > 0 && _data.Random.NextDouble() < _bad) Spoil(item, row);
        return row;
    }

    private string[] Penalty()
    {
        var s = _data.Pick(_subjects);
        var a = _data.Pick(_authorities);
        var date = _data.DateBefore(_today, 330);
        var fine = Math.Round(_data.Random.NextDouble() * 20, 2);
        var serious = _data.Random.Next(50) == 0;
        var person = s.ResidentId is not null;
        return
        [
            s.Name, s.Category, s.Uscc ?? "", person ? "" : s.LegalRep, person ? "身份证" : "", s.ResidentId ?? "",
            $"{a.Short}罚〔{date.Year}〕{_seq}号", _data.Pick(Violations), "当事人存在违法行为，经调查属实，证据确凿。", _data.Pick(Bases),
            serious ? "吊销许可证件;罚款" : "罚款", $"罚款人民币{fine.ToString("0.##", CultureInfo.InvariantCulture)}万元", fine.ToString("0.##", CultureInfo.InvariantCulture), "0", "",
            SyntheticData.Iso(date), SyntheticData.Iso(date.AddMonths(1)), "", a.Name, a.Uscc, a.Name, a.Uscc, "",
        ];
    }

    private string[] Licence()
    {
        var s = _data.Pick(_subjects);
        var a = _data.Pick(_authorities);
        var date = _data.DateBefore(_today, 330);
        var type = _data.Pick(LicenceTypes);
        var person = s.ResidentId is not null;
        return
        [
            s.Name, s.Category, s.Uscc ?? "", person ? "" : s.LegalRep, person ? "身份证" : "", s.ResidentId ?? "",
            $"{type}决定书", $"{a.Short}许〔{date.Year}〕{_seq}号", "普通", $"{type}证", $"XK{_seq:D10}", $"准予{type}", SyntheticData.Iso(date),
            SyntheticData.Iso(date), SyntheticData.Iso(date.AddYears(5).AddDays(-1)), a.Name, a.Uscc, "有效", a.Name, a.Uscc, "",
        ];
    }

    private string[] Court()
    {
        var s = _data.Pick(_subjects);
        var date = _data.DateBefore(_today, 330);
        var court = _data.CourtOf(s.Division);
        return
        [
            $"（{date.Year}）黑{s.Division[2..4]}{_data.Random.Next(1, 99):D2}执{_seq}号", s.Name, s.Uscc ?? s.ResidentId!, s.Uscc is null ? "" : s.LegalRep,
            court, "黑龙江", $"（{date.Year - 1}）黑{s.Division[2..4]}民初{_seq}号", SyntheticData.Iso(date.AddDays(-60)), court,
            "给付金钱义务", "全部未履行", "有履行能力而拒不履行生效法律文书确定义务", SyntheticData.Iso(date),
        ];
    }

    /// <summary>Spoils one field in a way the pipeline must catch.</summary>
    private void Spoil(string item, string[] row)
    {
        var kind = _data.Random.Next(4);
        switch (item, kind)
        {
            case ("court-dishonest", _): row[2] = row[2][..17]; break;                    // identifier too short
            case (_, 0): if (row[2].Length == 18) row[2] = row[2][..17] + (row[2][17] == '0' ? '1' : '0'); else row[5] = row[5][..17] + (row[5][17] == '0' ? '1' : '0'); break; // wrong check character
            case ("admin-penalty", 1): row[15] = "2026-02-30"; break;                       // no such date
            case ("admin-penalty", 2): row[12] = "-5"; break;                               // negative amount
            case ("admin-licence", 1): row[12] = "2026-13-01"; break;
            case ("admin-licence", 2): row[8] = "未知类别"; break;
            default: row[0] = ""; break;                                                    // required name missing
        }
    }
}
